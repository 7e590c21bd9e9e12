//! Fuzzy search over every record: names rank above aliases and ids, which rank above summaries.
//! Every space-separated word of the query must match somewhere in the record.

mod engine;
pub mod lines;
pub mod matcher;
mod worker;

use crate::index::Index;
use crate::model::Kind;
pub use engine::Found;
use engine::{Engine, Recent};
use std::sync::{Arc, Mutex};
pub use worker::Outcome;
use worker::Worker;

/// A parsed query: an optional kind restriction (`org:`, `person:` ...) and the words to match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub kind: Option<Kind>,
    pub words: Vec<String>,
}

impl Query {
    /// `org: foundation` or `org:foundation` restrict to organizations; unknown prefixes are
    /// searched for as text.
    pub fn parse(text: &str) -> Query {
        let mut kind = None;
        let mut words = Vec::new();
        for (i, token) in text.split_whitespace().enumerate() {
            if i == 0
                && let Some((prefix, rest)) = token.split_once(':')
                && let Some(k) = Kind::parse(prefix)
            {
                kind = Some(k);
                if !rest.is_empty() {
                    words.push(rest.to_lowercase());
                }
                continue;
            }
            words.push(token.to_lowercase());
        }
        Query { kind, words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.kind.is_none()
    }
}

/// Which field of a record matched best; shown so users know why a hit is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Alias,
    Id,
    Summary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub record: usize,
    pub score: i64,
    pub field: Field,
}

/// Datasets at least this large search on a worker thread; smaller ones answer within a frame
/// on the spot, which keeps them simple and their tests deterministic.
pub const BACKGROUND_FROM: usize = 20_000;

/// Searches one index: on the calling thread ([`Searcher::search`]) or in the background
/// ([`Searcher::request`], then [`Searcher::poll`]).
pub struct Searcher {
    engine: Arc<Engine>,
    /// Earlier scans of the calling thread's searches, to narrow from.
    recent: Mutex<Recent>,
    worker: Mutex<Option<Worker>>,
    background_from: usize,
}

impl Searcher {
    pub fn new(index: &Index) -> Searcher {
        Searcher {
            engine: Arc::new(Engine::new(index)),
            recent: Mutex::new(Recent::default()),
            worker: Mutex::new(None),
            background_from: BACKGROUND_FROM,
        }
    }

    /// Changes the size from which the explorer searches in the background (tests use 0).
    pub fn background_from(mut self, records: usize) -> Searcher {
        self.background_from = records;
        self
    }

    /// Should the explorer search in the background?
    pub fn in_background(&self) -> bool {
        self.engine.len() >= self.background_from
    }

    /// Matching records, best first; an empty query lists everything of the kind by name.
    pub fn search(&self, _index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
        self.find(query, limit).hits
    }

    /// Like [`Searcher::search`], with the number of matches and of records scored.
    pub fn find(&self, query: &Query, limit: usize) -> Found {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        self.engine
            .scan(query, limit, &mut recent, &|| false)
            .unwrap_or_default()
    }

    /// Forgets earlier scans, so the next search scores from scratch (for benchmarks).
    pub fn forget(&self) {
        *self.recent.lock().unwrap_or_else(|e| e.into_inner()) = Recent::default();
    }

    /// Starts a background search, overtaking any still running; returns its generation.
    pub fn request(&self, query: Query, limit: usize) -> u64 {
        let mut worker = self.worker.lock().unwrap_or_else(|e| e.into_inner());
        if worker.is_none() {
            *worker = Worker::spawn(Arc::clone(&self.engine));
        }
        match worker.as_ref() {
            Some(w) => w.request(query, limit),
            None => 0,
        }
    }

    /// The newest background search's result, once it is ready.
    pub fn poll(&self) -> Option<Outcome> {
        let worker = self.worker.lock().unwrap_or_else(|e| e.into_inner());
        worker.as_ref()?.poll()
    }

    /// Waits for the newest background search's result.
    pub fn wait(&self) -> Option<Outcome> {
        let worker = self.worker.lock().unwrap_or_else(|e| e.into_inner());
        worker.as_ref()?.wait()
    }

    /// Character positions in `text` that the query's words matched, for highlighting.
    pub fn positions(&self, text: &str, query: &Query) -> Vec<usize> {
        let mut out: Vec<usize> = query
            .words
            .iter()
            .filter_map(|w| matcher::positions(text, w))
            .flatten()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
