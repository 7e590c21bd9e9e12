//! The neighbourhood view: what is around a record, two links out, as a tree grouped by relation
//! (`Spoke at › 2020 online conference › Participants › …`), with counts. `l` or Space opens a
//! group or a record, `h` closes it or goes to its parent, Enter opens a record. Big groups and
//! hubs start closed, with their count shown, so the tree costs what is on screen.

use super::cursor::{Cursor, delta};
use super::screen::{Screen, preparing};
use super::{Ctx, Outcome, Place};
use crate::data::index::Index;
use crate::prefs::keymap::Action;
use crate::query::graph::neighbourhood::{Group, NeighbourhoodOptions, neighbourhood, subgroups};
use crate::query::graph::{Edge, Graph};
use crate::tui::layout::{self, inner_row};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Members listed under one open group at most; the rest are counted.
const MAX_SHOWN: usize = 2000;

/// A node of the tree: the first-level group, then a member of it, then one of its groups, then
/// a member of that.
pub type Node = (usize, Option<usize>, Option<usize>, Option<usize>);

/// What history keeps of the view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AroundState {
    pub root: Option<usize>,
    /// Nodes the user opened or closed, against how they start.
    pub toggled: BTreeSet<Node>,
    pub cursor: Cursor,
}

/// A row as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Root(usize),
    Group {
        node: Node,
        depth: usize,
        edge: Edge,
        count: usize,
        open: bool,
    },
    Record {
        node: Node,
        depth: usize,
        record: usize,
        /// Whether it has groups of its own to open, and whether they are open.
        openable: bool,
        open: bool,
        /// For a record whose groups are computed only when opened (a hub), its links, so
        /// the closed row says how big it is.
        links: Option<usize>,
    },
    More {
        depth: usize,
        count: usize,
    },
}

#[derive(Default)]
pub struct Around {
    pub state: AroundState,
    /// Waiting for the link graph before the tree can be made.
    pub waiting: bool,
    tree: Vec<Group>,
    /// The groups of hubs opened by the user, computed when opened.
    loaded: BTreeMap<(usize, usize), Vec<Group>>,
    pub rows: Vec<Row>,
    options: NeighbourhoodOptions,
    /// The links of the records shown closed until opened, counted when the tree is made.
    links: rustc_hash::FxHashMap<usize, usize>,
}

fn height(size: (u16, u16)) -> usize {
    layout::inner_height(layout::with_preview(size).main)
}

impl Around {
    /// Shows the neighbourhood of `root`, once the graph exists.
    pub fn ask(&mut self, root: usize) {
        self.state = AroundState {
            root: Some(root),
            ..AroundState::default()
        };
        self.tree.clear();
        self.loaded.clear();
        self.rows.clear();
        self.waiting = true;
    }

    /// Builds the tree once the graph is there; a screenful decides what starts closed.
    pub fn start(&mut self, graph: &Arc<Graph>, size: (u16, u16)) {
        if !self.waiting {
            return;
        }
        let Some(root) = self.state.root else {
            return;
        };
        self.waiting = false;
        self.options = NeighbourhoodOptions {
            collapse_over: height(size).max(5),
            citations: true,
        };
        self.tree = neighbourhood(graph, root, &self.options).groups;
        self.links = self
            .tree
            .iter()
            .flat_map(|g| {
                g.members
                    .iter()
                    .enumerate()
                    .take(MAX_SHOWN)
                    .filter(|&(m, _)| g.children.get(m).is_none_or(Option::is_none))
                    .map(|(_, &r)| (r as usize, graph.row_len(r as usize)))
            })
            .collect();
        let toggled = self.state.toggled.clone();
        for node in toggled {
            self.load(graph, node);
        }
        self.rebuild(size);
    }

    /// A hub's groups, computed the first time it is opened.
    fn load(&mut self, graph: &Graph, node: Node) {
        if let (g, Some(m), None, None) = node
            && let Some(group) = self.tree.get(g)
            && group.children.get(m).is_none_or(Option::is_none)
            && !self.loaded.contains_key(&(g, m))
            && let Some(&member) = group.members.get(m)
        {
            let subs = subgroups(graph, member as usize, self.state.root, &self.options);
            self.loaded.insert((g, m), subs);
        }
    }

    fn open_at_start(node: Node, collapsed: bool) -> bool {
        match node {
            // First-level groups start open unless big; records start open; second-level
            // groups start open unless big.
            (_, None, _, _) | (_, Some(_), Some(_), None) => !collapsed,
            _ => true,
        }
    }

    fn is_open(&self, node: Node, collapsed: bool) -> bool {
        Self::open_at_start(node, collapsed) != self.state.toggled.contains(&node)
    }

    /// The member groups of a first-level member: computed with the tree, or loaded for a hub.
    fn member_groups(&self, g: usize, m: usize) -> Option<&Vec<Group>> {
        let group = self.tree.get(g)?;
        match group.children.get(m) {
            Some(Some(subs)) => Some(subs),
            _ => self.loaded.get(&(g, m)),
        }
    }

    /// Rows as the tree is open now.
    pub fn rebuild(&mut self, size: (u16, u16)) {
        let mut rows = Vec::new();
        if let Some(root) = self.state.root {
            rows.push(Row::Root(root));
        }
        for (g, group) in self.tree.iter().enumerate() {
            let node = (g, None, None, None);
            let open = self.is_open(node, group.collapsed);
            rows.push(Row::Group {
                node,
                depth: 0,
                edge: group.edge,
                count: group.count(),
                open,
            });
            if !open {
                continue;
            }
            for (m, &member) in group.members.iter().enumerate().take(MAX_SHOWN) {
                let node = (g, Some(m), None, None);
                let hub = group.children.get(m).is_none_or(Option::is_none);
                // A hub starts closed; it is opened by toggling it.
                let open = if hub {
                    self.state.toggled.contains(&node)
                } else {
                    self.is_open(node, false)
                };
                let subs = self.member_groups(g, m);
                let openable = hub || subs.is_some_and(|s| !s.is_empty());
                rows.push(Row::Record {
                    node,
                    depth: 1,
                    record: member as usize,
                    openable,
                    open: open && openable,
                    links: hub
                        .then(|| self.links.get(&(member as usize)).copied())
                        .flatten(),
                });
                if let Some(subs) = subs.filter(|_| open) {
                    self.second_level(g, m, subs, &mut rows);
                }
            }
            if group.count() > MAX_SHOWN {
                rows.push(Row::More {
                    depth: 1,
                    count: group.count() - MAX_SHOWN,
                });
            }
        }
        self.rows = rows;
        let n = self.rows.len();
        self.state.cursor.show(n, height(size));
    }

    /// The rows of an open first-level member's groups, and of their open members.
    fn second_level(&self, g: usize, m: usize, subs: &[Group], rows: &mut Vec<Row>) {
        for (h, sub) in subs.iter().enumerate() {
            let node = (g, Some(m), Some(h), None);
            let open = self.is_open(node, sub.collapsed);
            rows.push(Row::Group {
                node,
                depth: 2,
                edge: sub.edge,
                count: sub.count(),
                open,
            });
            if !open {
                continue;
            }
            for (k, &r) in sub.members.iter().enumerate().take(MAX_SHOWN) {
                rows.push(Row::Record {
                    node: (g, Some(m), Some(h), Some(k)),
                    depth: 3,
                    record: r as usize,
                    openable: false,
                    open: false,
                    links: None,
                });
            }
            if sub.count() > MAX_SHOWN {
                rows.push(Row::More {
                    depth: 3,
                    count: sub.count() - MAX_SHOWN,
                });
            }
        }
    }

    pub fn selected_record(&self) -> Option<usize> {
        match self.rows.get(self.state.cursor.selected)? {
            Row::Root(r) => Some(*r),
            Row::Record { record, .. } => Some(*record),
            _ => None,
        }
    }

    fn toggle(&mut self, graph: Option<&Arc<Graph>>, node: Node, size: (u16, u16)) {
        if !self.state.toggled.remove(&node) {
            self.state.toggled.insert(node);
            if let Some(graph) = graph {
                self.load(graph, node);
            }
        }
        self.rebuild(size);
    }

    /// The row of the node's parent.
    fn parent_row(&self, node: Node) -> Option<usize> {
        let parent = match node {
            (_, None, _, _) => return Some(0),
            (g, Some(_), None, _) => (g, None, None, None),
            (g, Some(m), Some(_), None) => (g, Some(m), None, None),
            (g, Some(m), Some(h), Some(_)) => (g, Some(m), Some(h), None),
        };
        self.rows.iter().position(|r| match r {
            Row::Group { node, .. } | Row::Record { node, .. } => *node == parent,
            _ => false,
        })
    }
}

impl Screen for Around {
    fn wheel(&mut self, _x: u16, _y: u16, d: i8, ctx: &Ctx) {
        let h = height(ctx.size);
        self.state
            .cursor
            .step(isize::from(d) * 3, self.rows.len(), h);
    }

    fn resize(&mut self, ctx: &Ctx) {
        self.rebuild(ctx.size);
    }

    /// Builds the tree once the graph is there.
    fn poll(&mut self, ctx: &Ctx) -> bool {
        match &ctx.graph {
            Some(g) if self.waiting => {
                self.start(g, ctx.size);
                true
            }
            _ => false,
        }
    }

    fn wants_graph(&self) -> bool {
        self.waiting
    }

    fn record(&self, _index: &Index) -> Option<usize> {
        self.selected_record()
    }

    fn place(&self, _index: &Index) -> Option<Place> {
        Some(Place::Around(self.state.clone()))
    }

    fn restore(&mut self, place: &Place, _ctx: &Ctx) {
        let Place::Around(state) = place else { return };
        if let Some(root) = state.root {
            self.ask(root);
        }
        self.state = state.clone();
    }

    fn shown(&mut self, _ctx: &Ctx, from: Option<usize>) {
        if let Some(r) = from {
            self.ask(r);
        }
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        let graph = ctx.graph.as_ref();
        if self.waiting {
            return preparing(action, "The links between records are still being prepared");
        }
        let h = height(ctx.size);
        if let Some(d) = delta(action, h) {
            self.state.cursor.step(d, self.rows.len(), h);
            return Outcome::Stay;
        }
        let row = self.rows.get(self.state.cursor.selected).cloned();
        match (action, row) {
            (Action::Close, _) => return Outcome::Close,
            (Action::Open, Some(Row::Root(r) | Row::Record { record: r, .. })) => {
                return Outcome::Open(r);
            }
            (Action::Open | Action::Expand, Some(Row::Group { node, .. })) => {
                self.toggle(graph, node, ctx.size)
            }
            (
                Action::Expand,
                Some(Row::Record {
                    node,
                    openable: true,
                    open: false,
                    ..
                }),
            ) => self.toggle(graph, node, ctx.size),
            (Action::Expand, Some(Row::Record { .. })) => {
                self.state.cursor.step(1, self.rows.len(), h)
            }
            (
                Action::Collapse,
                Some(Row::Group {
                    node, open: true, ..
                }),
            )
            | (
                Action::Collapse,
                Some(Row::Record {
                    node, open: true, ..
                }),
            ) => self.toggle(graph, node, ctx.size),
            (Action::Collapse, Some(Row::Group { node, .. } | Row::Record { node, .. })) => {
                if let Some(p) = self.parent_row(node) {
                    self.state.cursor.select(p, self.rows.len(), h);
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        let area = layout::with_preview(ctx.size).main;
        let Some(row) = inner_row(area, x, y) else {
            return Outcome::Stay;
        };
        let Some(i) = self.state.cursor.row_at(row, self.rows.len()) else {
            return Outcome::Stay;
        };
        if i == self.state.cursor.selected {
            return self.update(Action::Open, ctx);
        }
        self.state.cursor.selected = i;
        Outcome::Stay
    }
}
