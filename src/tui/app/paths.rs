//! The paths view: how one record is connected to another, as the shortest chains of links,
//! each link with the quote that supports it. The search runs on a thread of its own, showing
//! how far it has got; Esc cancels it. Enter on a record of a chain opens it, and back returns
//! to the chains as they were.

use super::detail_doc::DetailDoc;
use super::detail_pane::DetailPane;
use super::lazy::BACKGROUND_FROM;
use super::screen::Screen;
use super::{Ctx, Outcome, Place};
use crate::data::index::Index;
use crate::prefs::keymap::Action;
use crate::query::graph::Graph;
use crate::query::graph::evidence;
use crate::query::graph::path::{Chain, PathError, PathOptions, Progress, shortest_chains};
use crate::query::search::source_label;
use crate::text::doc::{Line, Tone};
use crate::text::sanitize::{self, truncate_to_width};
use crate::tui::layout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What history keeps of the paths view: the question, its answer, and where the user was in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathsState {
    pub from: usize,
    pub to: usize,
    pub found: Option<Result<Vec<Chain>, PathError>>,
    pub link: usize,
    pub scroll: usize,
}

enum Msg {
    Progress(Progress),
    Done(Result<Vec<Chain>, PathError>),
}

/// A search running on its thread.
struct Running {
    rx: Receiver<Msg>,
    cancel: Arc<AtomicBool>,
    progress: Progress,
}

#[derive(Default)]
pub struct Paths {
    pub state: Option<PathsState>,
    running: Option<Running>,
    /// Waiting for the link graph to be built before searching.
    pub waiting: bool,
    pub pane: DetailPane,
    width: usize,
}

/// The detail-sized pane the chains are shown in.
pub fn pane_size(size: (u16, u16)) -> (usize, usize) {
    let a = layout::body(size);
    (layout::inner_width(a), layout::inner_height(a))
}

impl Paths {
    /// Starts looking for chains from `from` to `to`; the graph may still be being built.
    pub fn ask(&mut self, from: usize, to: usize) {
        self.cancel();
        self.state = Some(PathsState {
            from,
            to,
            found: None,
            link: 0,
            scroll: 0,
        });
        self.waiting = true;
    }

    /// Once the graph exists, starts the search asked for, at once on a small dataset.
    pub fn start(&mut self, graph: &Arc<Graph>, index: &Index, size: (u16, u16)) {
        if !self.waiting {
            return;
        }
        self.waiting = false;
        let Some(s) = &self.state else {
            return;
        };
        let (from, to) = (s.from, s.to);
        let options = PathOptions::default();
        if graph.len() < BACKGROUND_FROM {
            let never = AtomicBool::new(false);
            let found = shortest_chains(graph, from, to, &options, &never, &mut |_| {});
            self.finish(found, index, size);
            return;
        }
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let (graph, stop) = (Arc::clone(graph), Arc::clone(&cancel));
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let found = shortest_chains(&graph, from, to, &options, &stop, &mut |p| {
                let _ = progress_tx.send(Msg::Progress(p));
            });
            let _ = tx.send(Msg::Done(found));
        });
        self.running = Some(Running {
            rx,
            cancel,
            progress: Progress {
                hops_searched: 0,
                visited: 0,
            },
        });
        self.layout(index, size);
    }

    fn finish(&mut self, found: Result<Vec<Chain>, PathError>, index: &Index, size: (u16, u16)) {
        self.running = None;
        if let Some(s) = &mut self.state {
            s.found = Some(found);
        }
        self.width = 0;
        self.layout(index, size);
    }

    /// Stops a search still running; its answer is "cancelled".
    fn cancel(&mut self) {
        if let Some(run) = self.running.take() {
            run.cancel.store(true, Ordering::Relaxed);
            if let Some(s) = &mut self.state {
                s.found = Some(Err(PathError::Cancelled));
            }
        }
    }

    /// Lays the chains out for the pane's width, when it changed.
    pub fn layout(&mut self, index: &Index, size: (u16, u16)) {
        let (w, h) = pane_size(size);
        if w == self.width {
            self.pane
                .set(self.pane.record, self.pane.content.clone(), None, h);
            return;
        }
        self.width = w;
        let content = self.document(index, w);
        let key = self.state.as_ref().map(|s| s.from * 1_000_003 + s.to);
        self.pane.set(key, content, None, h);
    }

    fn document(&self, index: &Index, width: usize) -> DetailDoc {
        let mut out = DetailDoc::default();
        let Some(s) = &self.state else {
            out.doc.push(Line::new("No path asked for.", Tone::Dim));
            return out;
        };
        out.doc.para(
            &format!("From {} to {}", named(index, s.from), named(index, s.to)),
            Tone::Heading,
            width,
            0,
        );
        out.doc.blank();
        let chains = match &s.found {
            Some(Ok(chains)) => chains,
            other => {
                self.no_chains(&mut out, other.as_ref(), width);
                return out;
            }
        };
        let n = chains.len();
        let hops = chains.first().map_or(0, Chain::hops);
        out.doc.push(Line::new(
            format!(
                "{n} shortest chain{} of {hops} link{}, those through records with fewer links first",
                if n == 1 { "" } else { "s" },
                if hops == 1 { "" } else { "s" }
            ),
            Tone::Dim,
        ));
        for (i, chain) in chains.iter().enumerate() {
            out.doc.blank();
            out.doc
                .push(Line::new(format!("Chain {}", i + 1), Tone::Subheading));
            chain_doc(&mut out, index, chain, width);
        }
        out
    }

    /// Why there are no chains to show: still preparing or searching, none, cancelled.
    fn no_chains(
        &self,
        out: &mut DetailDoc,
        found: Option<&Result<Vec<Chain>, PathError>>,
        width: usize,
    ) {
        let text = match found {
            None if self.waiting => "Preparing the links between records…".to_string(),
            None => {
                let p = self.running.as_ref().map(|r| r.progress);
                let (hops, seen) = p.map_or((0, 0), |p| (p.hops_searched, p.visited));
                format!(
                    "Searching… no chain shorter than {} links; {seen} records reached. Esc cancels.",
                    hops + 1
                )
            }
            Some(Err(PathError::NoChain { max_hops })) => format!(
                "No chain of at most {max_hops} links, not counting steps through places and sources (`ngo-atlas path --via-places --via-sources` allows them)."
            ),
            Some(Err(PathError::Cancelled)) => "The search was cancelled.".to_string(),
            Some(Err(PathError::SameRecord)) => "That is the same record.".to_string(),
            Some(Ok(_)) => return,
        };
        out.doc.para(&text, Tone::Dim, width, 0);
    }

    pub fn selected_record(&self) -> Option<usize> {
        self.pane.link_target()
    }
}

impl Screen for Paths {
    fn wheel(&mut self, _x: u16, _y: u16, d: i8, _ctx: &Ctx) {
        self.pane.scroll_by(isize::from(d) * 3);
    }

    fn resize(&mut self, ctx: &Ctx) {
        self.layout(&ctx.index, ctx.size);
    }

    /// Takes the search's progress and result; true when the screen changed.
    fn poll(&mut self, ctx: &Ctx) -> bool {
        if self.waiting
            && let Some(g) = &ctx.graph
        {
            self.start(g, &ctx.index, ctx.size);
        }
        let (index, size) = (&ctx.index, ctx.size);
        let Some(run) = &mut self.running else {
            return false;
        };
        let mut changed = false;
        loop {
            match run.rx.try_recv() {
                Ok(Msg::Progress(p)) => {
                    run.progress = p;
                    changed = true;
                }
                Ok(Msg::Done(found)) => {
                    self.finish(found, index, size);
                    return true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.finish(Err(PathError::Cancelled), index, size);
                    return true;
                }
            }
        }
        if changed {
            self.width = 0;
            self.layout(index, size);
        }
        changed
    }

    fn busy(&self) -> bool {
        self.running.is_some()
    }

    fn wants_graph(&self) -> bool {
        self.waiting
    }

    fn record(&self, _index: &Index) -> Option<usize> {
        self.selected_record()
    }

    /// The place history keeps, with the cursor as it is.
    fn place(&self, _index: &Index) -> Option<Place> {
        self.state.clone().map(|mut s| {
            s.link = self.pane.link;
            s.scroll = self.pane.scroll;
            Place::Paths(s)
        })
    }

    fn restore(&mut self, place: &Place, ctx: &Ctx) {
        let Place::Paths(state) = place else { return };
        self.cancel();
        self.state = Some(state.clone());
        self.waiting = state.found.is_none();
        self.width = 0;
        self.layout(&ctx.index, ctx.size);
        self.pane.link = state.link;
        self.pane.scroll = state.scroll;
        let (_, h) = pane_size(ctx.size);
        self.pane
            .set(self.pane.record, self.pane.content.clone(), None, h);
    }

    fn update(&mut self, action: Action, _ctx: &Ctx) -> Outcome {
        match action {
            Action::Close if self.running.is_some() => {
                self.cancel();
                self.width = 0;
                return Outcome::Status("Search cancelled".into());
            }
            Action::Close => return Outcome::Close,
            Action::Open => {
                return match self.pane.link_target() {
                    Some(r) => Outcome::Open(r),
                    None => Outcome::Status("No record here to open".into()),
                };
            }
            a => {
                self.pane.update(a);
            }
        }
        Outcome::Stay
    }

    fn click(&mut self, x: u16, y: u16, ctx: &Ctx) -> Outcome {
        let Some(row) = layout::inner_row(layout::body(ctx.size), x, y) else {
            return Outcome::Stay;
        };
        match self.pane.click(row) {
            Some(true) => self.pane.link_target().map_or(Outcome::Stay, Outcome::Open),
            _ => Outcome::Stay,
        }
    }
}

/// A record's name (with its figure, for a statistic), made safe to show.
fn named(index: &Index, r: usize) -> String {
    sanitize::line(&index.record(r).name_and_figure()).into_owned()
}

/// One chain: each record as a link, and between two records what links them, with the quote
/// that supports it.
fn chain_doc(out: &mut DetailDoc, index: &Index, chain: &Chain, width: usize) {
    let steps = evidence::hops(index, chain);
    for (k, &r) in chain.records.iter().enumerate() {
        let label = truncate_to_width(&named(index, r), width.saturating_sub(2)).into_owned();
        out.doc
            .push_item(Line::new("  ", Tone::Link).push(label, Tone::Link));
        out.targets.push(r);
        let Some(hop) = steps.get(k) else {
            continue;
        };
        for link in &hop.links {
            let mut what = format!("│ {} →", link.edge.label().to_lowercase());
            if let Some(note) = &link.note {
                what.push_str(&format!(" ({})", sanitize::line(note)));
            }
            out.doc.para(&what, Tone::Dim, width, 4);
            if let Some(sup) = &link.support {
                let mut quote = format!(
                    "│ “{}” — {}",
                    sanitize::text(&sup.quote),
                    sanitize::line(&source_label(index.record(sup.source)))
                );
                if !sup.names_both {
                    quote.push_str(" (a quote on one of the two; it does not name the other)");
                }
                out.doc.para(&quote, Tone::Quote, width, 4);
            }
        }
    }
}
