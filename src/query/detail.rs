//! What there is to say about one record, grouped for display: its fields, its links, what links
//! to it, and its quotes. `ngo-atlas show` and the explorer's detail pane both draw from this.

use crate::data::index::Index;
use crate::data::record::Relation;

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub target: usize,
    /// A role's title, say, shown beside the target's name.
    pub note: Option<String>,
}

/// Items the explorer shows per group at most; a source cited by a million records lists the
/// first ones and says how many there are.
pub const MAX_ITEMS: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: &'static str,
    pub items: Vec<Item>,
    /// How many there are in all, `items` holding at most the limit of them.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub source: usize,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub record: usize,
    pub fields: Vec<(&'static str, String)>,
    pub links: Vec<Group>,
    pub backlinks: Vec<Group>,
    pub quotes: Vec<Quote>,
}

impl Detail {
    pub fn new(index: &Index, record: usize) -> Detail {
        Detail::with_limit(index, record, MAX_ITEMS)
    }

    /// The detail with at most `limit` items per group (`ngo-atlas show` wants them all).
    /// Costs what it shows, not what links to the record: backlinks come grouped from the
    /// index, so a place with a million of them is as quick to open as any other.
    pub fn with_limit(index: &Index, record: usize, limit: usize) -> Detail {
        let r = index.record(record);
        let mut links: Vec<Group> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for link in r.links() {
            let Some(target) = index.resolve(link.target) else {
                continue;
            };
            if !seen.insert((link.relation, target, link.note.clone())) {
                continue;
            }
            let item = Item {
                target,
                note: link.note,
            };
            match links.iter_mut().find(|g| g.label == link.relation.label()) {
                Some(g) => {
                    g.total += 1;
                    if g.items.len() < limit {
                        g.items.push(item);
                    }
                }
                None => links.push(Group {
                    label: link.relation.label(),
                    items: vec![item],
                    total: 1,
                }),
            }
        }
        let mut backlinks: Vec<Group> = Vec::new();
        for run in index
            .backlinks(record)
            .chunk_by(|a, b| a.relation.back_label() == b.relation.back_label())
        {
            let items = run
                .iter()
                .take(limit)
                .map(|b| Item {
                    target: b.from,
                    note: note_of(index, b.from, b.relation, record),
                })
                .collect();
            backlinks.push(Group {
                label: run[0].relation.back_label(),
                items,
                total: run.len(),
            });
        }
        let cited = index.cited_by(record);
        if !cited.is_empty() {
            backlinks.push(Group {
                label: "Cited by",
                items: cited
                    .iter()
                    .take(limit)
                    .map(|&target| Item { target, note: None })
                    .collect(),
                total: cited.len(),
            });
        }
        let quotes = r
            .sources()
            .iter()
            .filter_map(|s| {
                index.resolve(&s.source).map(|source| Quote {
                    source,
                    quote: s.quote.clone(),
                })
            })
            .collect();
        Detail {
            record,
            fields: r.fields(),
            links,
            backlinks,
            quotes,
        }
    }

    /// Every record the detail points at, in display order: links, backlinks, then sources.
    /// The explorer's link cursor walks this list.
    pub fn targets(&self) -> Vec<usize> {
        self.links
            .iter()
            .chain(&self.backlinks)
            .flat_map(|g| g.items.iter().map(|i| i.target))
            .chain(self.quotes.iter().map(|q| q.source))
            .collect()
    }
}

/// The note on the link from `from` to `to` through `relation`: a role's title, say.
fn note_of(index: &Index, from: usize, relation: Relation, to: usize) -> Option<String> {
    index
        .record(from)
        .links()
        .into_iter()
        .find(|l| l.relation == relation && index.resolve(l.target) == Some(to))
        .and_then(|l| l.note)
}

/// The detail as plain text, for `ngo-atlas show`.
pub fn text(index: &Index, d: &Detail) -> String {
    use crate::text::sanitize::{line, text as para};
    use std::fmt::Write;
    let r = index.record(d.record);
    let mut out = String::new();
    let _ = writeln!(out, "{}  ({} · {})", line(r.name()), r.kind(), r.id());
    if !r.aliases().is_empty() {
        let _ = writeln!(out, "Also: {}", line(&r.aliases().join(" · ")));
    }
    let _ = writeln!(out, "\n{}", para(r.summary()));
    if !d.fields.is_empty() {
        out.push('\n');
        for (label, value) in &d.fields {
            let _ = writeln!(out, "{label:<12} {}", line(value));
        }
    }
    if let Some(n) = r.notes() {
        let _ = writeln!(out, "\nNotes: {}", para(n));
    }
    if !r.public_knowledge().is_empty() {
        let _ = writeln!(
            out,
            "From public knowledge, not the sources: {}",
            r.public_knowledge().join(", ")
        );
    }
    for (heading, groups) in [("", &d.links), ("Referenced by", &d.backlinks)] {
        if groups.is_empty() {
            continue;
        }
        if !heading.is_empty() {
            let _ = write!(out, "\n{heading}\n");
        }
        for g in groups {
            let _ = write!(out, "\n{}\n", g.label);
            for item in &g.items {
                let t = index.record(item.target);
                let note = item
                    .note
                    .as_deref()
                    .map(|n| format!(" — {}", line(n)))
                    .unwrap_or_default();
                let _ = writeln!(out, "  {}{note}  [{}]", line(t.name()), t.id());
            }
        }
    }
    if !d.quotes.is_empty() {
        out.push_str("\nSources\n");
        for q in &d.quotes {
            let _ = writeln!(
                out,
                "  [{}] “{}”",
                index.record(q.source).id(),
                para(&q.quote)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load::{DataFile, load_files};

    #[test]
    fn huge_groups_are_capped_for_the_explorer_but_counted() {
        let mut orgs = String::new();
        for i in 0..1500 {
            orgs.push_str(&format!(
                "- id: org-{i}\n  name: Org {i}\n  summary: s\n  based_in: place-a\n  \
                 sources: [{{source: src-a, quote: q}}]\n"
            ));
        }
        let file = |name: &str, text: String| DataFile {
            name: name.to_string(),
            text,
        };
        let files = vec![
            file(
                "sources.yaml",
                "- {id: src-a, name: A, summary: s, language: en}\n".into(),
            ),
            file(
                "places.yaml",
                "- id: place-a\n  name: P\n  summary: s\n  sources: [{source: src-a, quote: q}]\n"
                    .into(),
            ),
            file("organizations.yaml", orgs),
        ];
        let index = Index::new(load_files(&files).unwrap());
        let place = index.get("place-a").unwrap();
        let d = Detail::new(&index, place);
        assert_eq!(d.backlinks[0].label, "Based here");
        assert_eq!(
            (d.backlinks[0].items.len(), d.backlinks[0].total),
            (MAX_ITEMS, 1500)
        );
        let all = Detail::with_limit(&index, place, usize::MAX);
        assert_eq!(all.backlinks[0].items.len(), 1500);
        let src = index.get("src-a").unwrap();
        let cited = &Detail::new(&index, src).backlinks[0];
        assert_eq!(
            (cited.label, cited.items.len(), cited.total),
            ("Cited by", MAX_ITEMS, 1501)
        );
    }
}
