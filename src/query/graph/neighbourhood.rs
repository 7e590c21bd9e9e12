//! A record's neighbourhood two links out, as the tree the explorer's neighbourhood view draws:
//! the record's groups by relation ("Took part in", with a count), the records in each, and under
//! each of those its own groups ("Participants"), without the way back to the root:
//!
//! ```text
//! Tan Weiping
//!   Took part in (1)
//!     Contribution of Social Organizations to the Course of International Development
//!       Participants (9) › China Foundation for Peace and Development …
//! ```
//!
//! A group with more than `collapse_over` members is collapsed by default, and so is a record
//! with more than `collapse_over` links (a hub): its own groups are left for [`subgroups`] to
//! compute when the user opens it. That keeps the cost bounded by what is shown, whatever the
//! size of the hubs around.

use super::{Edge, Graph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeighbourhoodOptions {
    /// Groups and records with more members or links than this start collapsed.
    pub collapse_over: usize,
    /// Whether the sources a record quotes ("Sources") and the records quoting a source
    /// ("Cited by") are groups too.
    pub citations: bool,
}

impl Default for NeighbourhoodOptions {
    fn default() -> Self {
        NeighbourhoodOptions {
            collapse_over: 20,
            citations: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Neighbourhood {
    pub root: usize,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The relation, seen from the record the group hangs under.
    pub edge: Edge,
    /// Record indices, in the index's name order.
    pub members: Vec<u32>,
    /// Drawn closed, with its count, until the user opens it.
    pub collapsed: bool,
    /// The second hop, parallel to `members`, for a first-level group that is not collapsed:
    /// each member's own groups, or `None` for a hub (collapsed; [`subgroups`] gives its groups
    /// when opened). Empty for a collapsed group and at the second level.
    pub children: Vec<Option<Vec<Group>>>,
}

impl Group {
    pub fn label(&self) -> &'static str {
        self.edge.label()
    }

    pub fn count(&self) -> usize {
        self.members.len()
    }
}

/// The tree two links out from `root`.
pub fn neighbourhood(graph: &Graph, root: usize, options: &NeighbourhoodOptions) -> Neighbourhood {
    Neighbourhood {
        root,
        groups: level(graph, root, None, options, true),
    }
}

/// The groups of `record` as it hangs under `parent`, leaving `parent` out: what opening a
/// collapsed record shows.
pub fn subgroups(
    graph: &Graph,
    record: usize,
    parent: Option<usize>,
    options: &NeighbourhoodOptions,
) -> Vec<Group> {
    level(graph, record, parent, options, false)
}

/// Whether a record has more links than a group shows open (citations counted when shown).
pub fn is_hub(graph: &Graph, record: usize, options: &NeighbourhoodOptions) -> bool {
    let links = if options.citations {
        graph.row_len(record)
    } else {
        graph.row_len_without_citations(record)
    };
    links > options.collapse_over
}

fn level(
    graph: &Graph,
    record: usize,
    leave_out: Option<usize>,
    options: &NeighbourhoodOptions,
    second_hop: bool,
) -> Vec<Group> {
    let mut groups = Vec::new();
    for (edge, slice) in graph.groups(record) {
        if edge.is_citation() && !options.citations {
            continue;
        }
        let members: Vec<u32> = match leave_out {
            Some(p) => slice.iter().copied().filter(|&m| m as usize != p).collect(),
            None => slice.to_vec(),
        };
        if members.is_empty() {
            continue;
        }
        let collapsed = members.len() > options.collapse_over;
        let children = if second_hop && !collapsed {
            members
                .iter()
                .map(|&m| {
                    let m = m as usize;
                    (!is_hub(graph, m, options))
                        .then(|| level(graph, m, Some(record), options, false))
                })
                .collect()
        } else {
            Vec::new()
        };
        groups.push(Group {
            edge,
            members,
            collapsed,
            children,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::index::Index;
    use crate::data::record::Relation;
    use crate::ingest::load::load_builtin;

    fn builtin() -> (Index, Graph) {
        let index = Index::new(load_builtin().expect("built-in data loads"));
        let graph = Graph::new(&index).expect("fits");
        (index, graph)
    }

    fn names(index: &Index, ids: &[u32]) -> Vec<String> {
        ids.iter()
            .map(|&i| index.record(i as usize).name().to_string())
            .collect()
    }

    #[test]
    fn tan_weiping_spoke_at_the_conference_with_the_others_beneath() {
        let (index, graph) = builtin();
        let tan = index.get("tan-weiping").unwrap();
        let conf = index.get("cnie-2020-online-conference").unwrap();
        let opts = NeighbourhoodOptions::default();
        let tree = neighbourhood(&graph, tan, &opts);
        let took_part = tree
            .groups
            .iter()
            .find(|g| g.label() == "Spoke at")
            .expect("a Spoke at group");
        assert_eq!(took_part.edge, Edge::In(Relation::Speaker));
        let at = took_part
            .members
            .iter()
            .position(|&m| m as usize == conf)
            .expect("the conference is there");
        let second = took_part.children[at].as_ref().expect("not a hub");
        let participants = second
            .iter()
            .find(|g| g.label() == "Participants")
            .expect("its participants");
        assert!(
            names(&index, &participants.members)
                .contains(&"China Foundation for Peace and Development".to_string())
        );
        // The way back to the root is left out: Tan Weiping is among the speakers.
        assert!(
            second.iter().all(|g| !g.members.contains(&(tan as u32))),
            "the way back to the root is left out"
        );
        // Counts are the members' counts.
        let e = index.record(conf);
        let listed = e
            .links()
            .iter()
            .filter(|l| l.relation == Relation::Participant)
            .count();
        assert_eq!(participants.count(), listed);
    }

    #[test]
    fn big_groups_and_hubs_start_collapsed_without_their_second_hop() {
        let (index, graph) = builtin();
        let conf = index.get("cnie-2020-online-conference").unwrap();
        let small = NeighbourhoodOptions {
            collapse_over: 3,
            citations: false,
        };
        let tree = neighbourhood(&graph, conf, &small);
        let participants = tree
            .groups
            .iter()
            .find(|g| g.edge == Edge::Out(Relation::Participant))
            .unwrap();
        assert!(participants.collapsed);
        assert!(participants.children.is_empty());
        assert!(tree.groups.iter().all(|g| !g.edge.is_citation()));
        for g in tree.groups.iter().filter(|g| !g.collapsed) {
            assert_eq!(g.children.len(), g.members.len());
            for (&m, child) in g.members.iter().zip(&g.children) {
                assert_eq!(child.is_none(), is_hub(&graph, m as usize, &small));
            }
        }
        // Opening a hub computes its groups on demand, leaving the root out.
        let hub = tree
            .groups
            .iter()
            .filter(|g| !g.collapsed)
            .flat_map(|g| g.members.iter().zip(&g.children))
            .find(|(_, c)| c.is_none())
            .map(|(&m, _)| m as usize)
            .expect("the organizer network is a hub at 3");
        let opened = subgroups(&graph, hub, Some(conf), &small);
        assert!(!opened.is_empty());
        assert!(opened.iter().all(|g| !g.members.contains(&(conf as u32))));
    }

    #[test]
    fn citations_are_groups_when_asked() {
        let (index, graph) = builtin();
        let tan = index.get("tan-weiping").unwrap();
        let tree = neighbourhood(&graph, tan, &NeighbourhoodOptions::default());
        let sources = tree.groups.iter().find(|g| g.edge == Edge::Cites).unwrap();
        assert_eq!(
            names(&index, &sources.members),
            vec![
                index
                    .record(index.get("article-2020-hrc45-conference").unwrap())
                    .name()
                    .to_string()
            ]
        );
    }
}
