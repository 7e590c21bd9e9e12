//! The link graph, built once from the index, in compressed sparse rows of `u32`: for every
//! record, the records it links to, the records that link to it, and (for citations) the sources
//! it quotes or the records quoting it. Each record's row is sorted by edge kind, then by the
//! neighbour's place in the index's name order, so a group ("Participants", "Took part in") is a
//! contiguous, already sorted slice.
//!
//! At a million records this is about 40 MB (six million entries of five bytes, plus offsets,
//! degrees and kinds); there is no `Vec` per record.

pub mod evidence;
mod kept;
pub mod neighbourhood;
pub mod path;

use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::record::Relation;
use std::fmt;

/// How a record is joined to a neighbour, seen from the record's side.
///
/// The order (outgoing links by relation, incoming links by relation, then citations) is the
/// order of the groups in a neighbourhood.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Edge {
    /// This record holds the link: the relation is one of its own fields.
    Out(Relation),
    /// The neighbour holds the link, pointing at this record.
    In(Relation),
    /// This record quotes the neighbour, a source.
    Cites,
    /// This record is a source, quoted by the neighbour.
    CitedBy,
}

impl Edge {
    /// The heading of the group, as the detail pane writes it.
    pub fn label(self) -> &'static str {
        match self {
            Edge::Out(r) => r.label(),
            Edge::In(r) => r.back_label(),
            Edge::Cites => "Sources",
            Edge::CitedBy => "Cited by",
        }
    }

    /// The same edge seen from the neighbour's side.
    pub fn reverse(self) -> Edge {
        match self {
            Edge::Out(r) => Edge::In(r),
            Edge::In(r) => Edge::Out(r),
            Edge::Cites => Edge::CitedBy,
            Edge::CitedBy => Edge::Cites,
        }
    }

    pub fn is_citation(self) -> bool {
        matches!(self, Edge::Cites | Edge::CitedBy)
    }
}

/// A dataset too large for `u32` record numbers (over four billion records or links).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub what: &'static str,
    pub count: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the dataset has {} {}, more than the link graph can hold ({})",
            self.count,
            self.what,
            u32::MAX
        )
    }
}

impl std::error::Error for TooLarge {}

#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Graph {
    /// Row `i` is `targets[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    targets: Vec<u32>,
    /// Parallel to `targets`: an index into `edges`.
    codes: Vec<u8>,
    /// The distinct edge kinds of this dataset, sorted, so codes sort as edges do.
    edges: Vec<Edge>,
    /// Distinct records joined by typed links (citations not counted): how much of a hub it is.
    degree: Vec<u32>,
    kinds: Vec<Kind>,
}

/// What a first pass over the links finds: the relations used, whether anything is cited,
/// each record's number of links and citations, and their total (both directions).
struct Counted {
    relations: Vec<Relation>,
    any_citation: bool,
    counts: Vec<u32>,
    total: u64,
}

fn count(index: &Index) -> Counted {
    let n = index.len();
    let mut c = Counted {
        relations: Vec::new(),
        any_citation: false,
        counts: vec![0u32; n],
        total: 0,
    };
    for to in 0..n {
        for b in index.backlinks(to) {
            if !c.relations.contains(&b.relation) {
                c.relations.push(b.relation);
            }
            c.counts[b.from] += 1;
            c.counts[to] += 1;
        }
        for &from in index.cited_by(to) {
            c.any_citation = true;
            c.counts[from] += 1;
            c.counts[to] += 1;
        }
        c.total += (2 * (index.backlinks(to).len() + index.cited_by(to).len())) as u64;
    }
    c
}

/// Sorts each row by edge and the neighbour's rank, turns ranks into record numbers, and
/// counts each record's distinct linked records (citations not counted).
fn sort_rows(
    offsets: &[u32],
    targets: &mut [u32],
    codes: &mut [u8],
    by_rank: &[u32],
    cited: &[bool],
) -> Vec<u32> {
    let n = offsets.len() - 1;
    let mut degree = vec![0u32; n];
    let mut row: Vec<u64> = Vec::new();
    let mut linked: Vec<u32> = Vec::new();
    for (i, d) in degree.iter_mut().enumerate() {
        let (a, b) = (offsets[i] as usize, offsets[i + 1] as usize);
        row.clear();
        row.extend((a..b).map(|k| (u64::from(codes[k]) << 32) | u64::from(targets[k])));
        row.sort_unstable();
        linked.clear();
        for (k, &packed) in (a..b).zip(&row) {
            let (c, r) = ((packed >> 32) as u8, packed as u32);
            codes[k] = c;
            targets[k] = by_rank[r as usize];
            if !cited[c as usize] {
                linked.push(r);
            }
        }
        linked.sort_unstable();
        linked.dedup();
        *d = linked.len() as u32;
    }
    degree
}

impl Graph {
    /// The graph of `index`: read from beside its snapshot when it was kept there, else built
    /// and kept there for the next run (see `kept`).
    pub fn shared(index: &Index) -> Result<Graph, TooLarge> {
        if let Some(graph) = kept::read(index) {
            return Ok(graph);
        }
        let graph = Graph::new(index)?;
        kept::write(&graph, index);
        Ok(graph)
    }

    /// Builds the graph from the index's backlinks and citations (no id lookups needed).
    pub fn new(index: &Index) -> Result<Graph, TooLarge> {
        let n = index.len();
        let too_large = |what, count| TooLarge { what, count };
        if n >= u32::MAX as usize {
            return Err(too_large("records", n));
        }
        // Position of each record in the index's order (kind, then name): rows sort by it.
        let mut rank = vec![0u32; n];
        for (pos, i) in index.all().enumerate() {
            rank[i] = pos as u32;
        }
        let by_rank: Vec<u32> = index.all().map(|i| i as u32).collect();

        let Counted {
            mut relations,
            any_citation,
            counts,
            total,
        } = count(index);
        if total >= u64::from(u32::MAX) {
            return Err(too_large("links and citations", total as usize));
        }
        // Codes in edge order: every `Out` by relation, every `In`, then the two citations.
        relations.sort();
        let r = relations.len();
        let mut edges: Vec<Edge> = relations.iter().map(|&x| Edge::Out(x)).collect();
        edges.extend(relations.iter().map(|&x| Edge::In(x)));
        if any_citation {
            edges.extend([Edge::Cites, Edge::CitedBy]);
        }
        let out_code = |x: Relation| relations.iter().position(|&y| y == x).unwrap_or(0) as u8;
        let (cites, cited_by) = ((2 * r) as u8, (2 * r + 1) as u8);

        // Prefix sums: where each row starts.
        let mut offsets = Vec::with_capacity(n + 1);
        let mut acc = 0u32;
        offsets.push(0);
        for c in &counts {
            acc += c;
            offsets.push(acc);
        }
        drop(counts);
        let mut fill: Vec<u32> = offsets[..n].to_vec();
        let mut targets = vec![0u32; total as usize];
        let mut codes = vec![0u8; total as usize];
        let mut put = |at: usize, neighbour: usize, code: u8| {
            let slot = fill[at] as usize;
            fill[at] += 1;
            // Ranks for now, so that sorting a row needs no lookups; turned into indices below.
            targets[slot] = rank[neighbour];
            codes[slot] = code;
        };
        for to in 0..n {
            for b in index.backlinks(to) {
                let c = out_code(b.relation);
                put(b.from, to, c);
                put(to, b.from, c + r as u8);
            }
            for &from in index.cited_by(to) {
                put(from, to, cites);
                put(to, from, cited_by);
            }
        }
        drop(fill);

        let cited: Vec<bool> = edges.iter().map(|e| e.is_citation()).collect();
        let degree = sort_rows(&offsets, &mut targets, &mut codes, &by_rank, &cited);
        // From the index, so that a graph needs no record read (see `data::records`).
        let kinds = index.kinds().to_vec();
        Ok(Graph {
            offsets,
            targets,
            codes,
            edges,
            degree,
            kinds,
        })
    }

    /// Number of records (nodes).
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn kind(&self, record: usize) -> Kind {
        self.kinds[record]
    }

    /// How many distinct records a typed link joins to this one, either way (citations not
    /// counted): 77 for a hub, 5 for a small event.
    pub fn degree(&self, record: usize) -> u32 {
        self.degree[record]
    }

    /// Number of entries in the record's row: links both ways and citations.
    pub fn row_len(&self, record: usize) -> usize {
        (self.offsets[record + 1] - self.offsets[record]) as usize
    }

    /// Entries of the row that are typed links, citations left out. Citations sort last in a
    /// row, so this is a binary search.
    pub fn row_len_without_citations(&self, record: usize) -> usize {
        let (a, b) = self.span(record);
        self.codes[a..b].partition_point(|&c| !self.edges[c as usize].is_citation())
    }

    /// Every neighbour with the edge that joins it, grouped by edge, each group in name order. A
    /// neighbour joined two ways (organizer and participant) appears twice.
    pub fn neighbours(&self, record: usize) -> impl Iterator<Item = (usize, Edge)> + '_ {
        let (a, b) = self.span(record);
        (a..b).map(move |k| (self.targets[k] as usize, self.edges[self.codes[k] as usize]))
    }

    /// The neighbours alone, as stored: the breadth-first searches walk these.
    pub(crate) fn row(&self, record: usize) -> &[u32] {
        let (a, b) = self.span(record);
        &self.targets[a..b]
    }

    /// The record's neighbours grouped by edge: each group a sorted slice of record indices.
    pub fn groups(&self, record: usize) -> Groups<'_> {
        let (a, b) = self.span(record);
        Groups {
            graph: self,
            at: a,
            end: b,
        }
    }

    fn span(&self, record: usize) -> (usize, usize) {
        (
            self.offsets[record] as usize,
            self.offsets[record + 1] as usize,
        )
    }

    /// Approximate heap size in bytes, for the benchmark report.
    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4
            + self.targets.capacity() * 4
            + self.codes.capacity()
            + self.degree.capacity() * 4
            + self.kinds.capacity() * std::mem::size_of::<Kind>()
    }
}

/// Runs of one edge kind in a record's row.
pub struct Groups<'g> {
    graph: &'g Graph,
    at: usize,
    end: usize,
}

impl<'g> Iterator for Groups<'g> {
    type Item = (Edge, &'g [u32]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.end {
            return None;
        }
        let g = self.graph;
        let code = g.codes[self.at];
        let start = self.at;
        while self.at < self.end && g.codes[self.at] == code {
            self.at += 1;
        }
        Some((g.edges[code as usize], &g.targets[start..self.at]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load::load_builtin;

    fn builtin() -> (Index, Graph) {
        let index = Index::new(load_builtin().expect("built-in data loads"));
        let graph = Graph::new(&index).expect("fits");
        (index, graph)
    }

    #[test]
    fn every_typed_link_appears_once_each_way_and_every_citation_too() {
        let (index, graph) = builtin();
        let mut links = 0;
        let mut citations = 0;
        for (i, r) in index.records.iter().enumerate() {
            for l in r.links() {
                let t = index.resolve(l.target).expect("validated");
                links += 1;
                assert!(
                    graph
                        .neighbours(i)
                        .any(|(n, e)| n == t && e == Edge::Out(l.relation))
                );
                assert!(
                    graph
                        .neighbours(t)
                        .any(|(n, e)| n == i && e == Edge::In(l.relation))
                );
            }
            let mut quoted: Vec<&str> = r.sources().iter().map(|s| s.source.as_str()).collect();
            quoted.sort();
            quoted.dedup();
            citations += quoted.len();
        }
        let out = (0..graph.len())
            .flat_map(|i| graph.neighbours(i))
            .filter(|(_, e)| matches!(e, Edge::Out(_)))
            .count();
        let cites = (0..graph.len())
            .flat_map(|i| graph.neighbours(i))
            .filter(|(_, e)| *e == Edge::Cites)
            .count();
        assert_eq!(out, links, "no duplicate link in the built-in data");
        assert_eq!(cites, citations);
    }

    #[test]
    fn groups_are_contiguous_and_in_name_order() {
        let (index, graph) = builtin();
        let geneva = index.get("geneva").expect("geneva is in the data");
        let groups: Vec<(Edge, &[u32])> = graph.groups(geneva).collect();
        let mut edges: Vec<Edge> = groups.iter().map(|g| g.0).collect();
        let sorted = {
            let mut e = edges.clone();
            e.sort();
            e
        };
        assert_eq!(edges, sorted);
        edges.dedup();
        assert_eq!(edges.len(), groups.len(), "each edge kind is one group");
        let order: Vec<usize> = index.all().collect();
        let pos = |r: u32| order.iter().position(|&i| i == r as usize).unwrap();
        for (_, members) in groups {
            assert!(members.windows(2).all(|w| pos(w[0]) < pos(w[1])));
        }
    }

    #[test]
    fn degree_counts_distinct_records_not_citations() {
        let (index, graph) = builtin();
        let conf = index.get("cnie-2020-online-conference").unwrap();
        let mut distinct: Vec<usize> = graph
            .neighbours(conf)
            .filter(|(_, e)| !e.is_citation())
            .map(|(n, _)| n)
            .collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(graph.degree(conf) as usize, distinct.len());
        assert!(
            graph.degree(conf) >= 12,
            "organizer, parent and ten participants"
        );
        let source = index.get("article-2020-hrc45-conference").unwrap();
        assert_eq!(graph.degree(source), 0);
        assert!(graph.row_len(source) > 10);
    }
}
