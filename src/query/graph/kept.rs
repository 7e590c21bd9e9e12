//! The link graph kept beside the snapshot of its records (a companion file `KEY.graph`, see
//! `ingest::snapshot::companion`): at a million records building it takes most of a warm
//! `path`, reading it a few tens of milliseconds.
//!
//! Nothing read is trusted before it passes the companion's checks (this very snapshot, whole,
//! its checksum), `rkyv`'s validation, and [`fits`], which makes sure every offset, neighbour,
//! edge and kind is in range for the index's records, so that no lookup in it can fail.

use super::Graph;
use crate::data::index::Index;
use crate::data::tables::rows_fit;
use crate::ingest::snapshot::companion;

/// The file ending of a kept graph.
const ENDING: &str = "graph";

/// The graph kept for `index`'s records, if there is one that can be trusted.
pub fn read(index: &Index) -> Option<Graph> {
    let kept = index.companion()?.named(ENDING);
    companion::read_archive(&kept, "graph", |graph| fits(graph, index))
}

/// Keeps `graph` beside the snapshot of `index`'s records, if they come from one.
pub fn write(graph: &Graph, index: &Index) {
    if let Some(kept) = index.companion().map(|c| c.named(ENDING)) {
        companion::write_archive(&kept, "graph", graph);
    }
}

/// Whether `graph` can be the graph of `index`'s records: a row for each record, rows in
/// order and within the neighbours, every neighbour a record, every code an edge, and each
/// record's kind the index's.
fn fits(graph: &Graph, index: &Index) -> bool {
    let n = index.len();
    let Graph {
        offsets,
        targets,
        codes,
        edges,
        degree,
        kinds,
    } = graph;
    rows_fit(offsets, n, targets.len())
        && codes.len() == targets.len()
        && degree.len() == n
        && targets.iter().all(|&t| (t as usize) < n)
        && codes.iter().all(|&c| (c as usize) < edges.len())
        && kinds == index.kinds()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Kind;
    use crate::ingest::load::load_builtin;

    #[test]
    fn a_graph_that_does_not_fit_its_records_is_refused() {
        let index = Index::new(load_builtin().expect("built-in data loads"));
        let good = || Graph::new(&index).expect("fits");
        assert!(fits(&good(), &index));
        type Breakage = (&'static str, fn(&mut Graph));
        let breakages: [Breakage; 6] = [
            ("a neighbour out of range", |g| g.targets[0] = u32::MAX),
            ("a code past the edges", |g| {
                g.codes[0] = g.edges.len() as u8
            }),
            ("a row past the end", |g| {
                *g.offsets.last_mut().unwrap() += 1
            }),
            ("rows out of order", |g| g.offsets[1] = u32::MAX),
            ("a record missing", |g| {
                g.kinds.pop();
            }),
            ("another kind", |g| {
                g.kinds[0] = if g.kinds[0] == Kind::Place {
                    Kind::Source
                } else {
                    Kind::Place
                }
            }),
        ];
        for (what, break_it) in breakages {
            let mut g = good();
            break_it(&mut g);
            assert!(!fits(&g, &index), "{what}");
        }
    }
}
