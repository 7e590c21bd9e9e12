//! Search over every record: names, aliases and ids fuzzily, summaries, quotes and notes word by
//! word, with accents, case and compatibility forms folded away and typos in names forgiven.
//! Every space-separated word of the query must match somewhere in the record; the rules and
//! the order of hits are in [`rank`].
//!
//! The explorer and `ngo-atlas search` both call [`Searcher::find`] (or its background form), so
//! they always agree. [`highlight`] and [`excerpt`] say where the words are in a field, for
//! drawing: they work on the original text, whatever folding did.

mod bloom;
mod corpus;
mod engine;
mod excerpt;
pub mod filter;
pub mod fold;
mod highlight;
pub mod lines;
pub mod matcher;
mod query;
mod rank;
mod select;
pub mod terms;
mod typo;
pub mod words;
mod worker;

use crate::data::dataset::Companion;
use crate::data::index::Index;
pub use engine::Found;
use engine::{Engine, Recent};
pub use excerpt::{Excerpt, excerpt, source_label};
pub use filter::{Facet, Facets, Filter, FilterIndex, Op, UserSets};
pub use highlight::highlight;
pub use query::{MAX_QUERY_CHARS, MAX_QUERY_WORDS, Query, query_limits, within_limits};
use std::sync::{Arc, Mutex, OnceLock};
pub use worker::Outcome;
use worker::Worker;

/// Where a record matched, for users to see why a hit is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Alias,
    Id,
    Summary,
    /// One of the record's quotes: the index into [`crate::data::record::Record::sources`].
    Quote(usize),
    Note,
}

impl Field {
    /// The field's name as the CLI and the explorer show it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Alias => "alias",
            Field::Id => "id",
            Field::Summary => "summary",
            Field::Quote(_) => "quote",
            Field::Note => "note",
        }
    }
}

/// How well a record matched, best first: hits of an earlier tier always rank above hits of a
/// later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The whole query is the name, an alias or the id.
    Exact,
    /// Every word starts a word of the name or an alias.
    Prefix,
    /// Some word matched the name, an alias or the id only fuzzily.
    Fuzzy,
    /// Some word matched a name or alias word only with a typo.
    Typo,
    /// Some word matched only in the summary.
    Summary,
    /// Some word matched only in a quote or the notes.
    Text,
}

impl Tier {
    const ALL: [Tier; 6] = [
        Tier::Exact,
        Tier::Prefix,
        Tier::Fuzzy,
        Tier::Typo,
        Tier::Summary,
        Tier::Text,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Prefix => "prefix",
            Tier::Fuzzy => "fuzzy",
            Tier::Typo => "typo",
            Tier::Summary => "summary",
            Tier::Text => "text",
        }
    }
}

/// One record found by a search.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub record: usize,
    /// Orders hits, higher first: the tier, then the points within it (see [`Hit::tier`] and
    /// [`Hit::points`]). A row listed for an empty query has 0.
    pub score: i64,
    /// Where it matched; for a quote, which one, so the detail can scroll to it.
    pub field: Field,
}

/// Points within a tier stay within ± this, so that tiers never mix.
const POINTS: i64 = 1 << 39;

impl Hit {
    /// The score of a hit of `tier` with `points`.
    pub fn rank(tier: Tier, points: i64) -> i64 {
        let above = (Tier::ALL.len() - tier as usize) as i64;
        (above << 40) + points.clamp(1 - POINTS, POINTS - 1)
    }

    /// A row listed for an empty query, matched by nothing in particular.
    pub fn listed(record: usize) -> Hit {
        Hit {
            record,
            score: 0,
            field: Field::Name,
        }
    }

    /// The tier of a hit found by a search; `None` for a listed row.
    pub fn tier(&self) -> Option<Tier> {
        let above = ((self.score + POINTS) >> 40) as usize;
        let i = Tier::ALL.len().checked_sub(above)?;
        Tier::ALL.get(i).copied()
    }

    /// The points within the tier (what `search --json` calls the score).
    pub fn points(&self) -> i64 {
        match self.tier() {
            Some(t) => self.score - Hit::rank(t, 0),
            None => self.score,
        }
    }
}

/// Datasets at least this large search on a worker thread; smaller ones answer within a frame
/// on the spot, which keeps them simple and their tests deterministic.
pub const BACKGROUND_FROM: usize = 20_000;

/// Searches one index: on the calling thread ([`Searcher::find`]) or in the background
/// ([`Searcher::request`], then [`Searcher::poll`]).
pub struct Searcher {
    engine: Arc<Engine>,
    /// Earlier scans of the calling thread's searches, to narrow from.
    recent: Mutex<Recent>,
    worker: Mutex<Option<Worker>>,
    background_from: usize,
}

impl Searcher {
    /// A searcher that copies what it reads from `index`. Summaries and quotes are most of a
    /// dataset's text, so on a large dataset prefer [`Searcher::shared`].
    pub fn new(index: &Index) -> Searcher {
        let searcher = Searcher::with(corpus::Corpus::copied(index));
        // A copied corpus keeps no index to build them from later.
        let _ = searcher.engine.filters.set(FilterIndex::new(index));
        searcher
    }

    /// A searcher that reads summaries, quotes and notes where they lie (beside the snapshot
    /// of the index's records, or where the index keeps them), copying only names, aliases and
    /// ids (and folded copies of the few texts that need one); see [`corpus::Corpus::shared`].
    pub fn shared(index: Arc<Index>) -> Searcher {
        Searcher::with(corpus::Corpus::shared(index))
    }

    fn with(corpus: corpus::Corpus) -> Searcher {
        Searcher {
            engine: Arc::new(Engine {
                corpus,
                filters: OnceLock::new(),
            }),
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

    /// The best `limit` matches, best first, with the number of matches and of records scored.
    /// A query with only a kind lists that kind by name. Summaries, quotes and notes are read
    /// only as far as the list needs: `Found::unread` says how many records may match besides.
    pub fn find(&self, query: &Query, limit: usize) -> Found {
        self.scan(query, limit, false)
    }

    /// Like [`Searcher::find`], with every match counted (`Found::unread` is 0): slower for a
    /// short word on a large dataset, as every text that may hold it is read.
    pub fn find_counted(&self, query: &Query, limit: usize) -> Found {
        self.scan(query, limit, true)
    }

    fn scan(&self, query: &Query, limit: usize, read_all: bool) -> Found {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        self.engine
            .scan(query, limit, read_all, &mut recent, &|| false)
            .unwrap_or_default()
    }

    /// The records the query's operators (`in:`, `year:`, `kind:`, `org:`...) let through,
    /// ascending positions, whatever its words: what a view filtered by the query shows. Every
    /// record (of its kind) when it has no operator; an error when the query has one (see
    /// [`Query::error`]) or names what the data does not hold. Built from lookups made once
    /// (on the first call, on a shared searcher), costing about what it finds.
    pub fn matching(&self, query: &Query) -> Result<Vec<usize>, String> {
        if let Some(e) = &query.error {
            return Err(e.clone());
        }
        let list = self.engine.scope(query)?;
        Ok(list.into_iter().map(|p| p as usize).collect())
    }

    /// The filter lookups, if built (see [`Searcher::filters_preparer`]), and not waited for.
    pub fn filters(&self) -> Option<&FilterIndex> {
        self.engine.filters.get()
    }

    /// [`Searcher::facets`] counted on a thread of their own: the receiver gets them.
    pub fn facets_in_background(
        &self,
        records: Vec<usize>,
        top: usize,
    ) -> std::sync::mpsc::Receiver<Facets> {
        let engine = Arc::clone(&self.engine);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let facets = engine.filter_index().map(|f| f.facets(&records, top));
            // The panel may have closed meanwhile; nothing to do then.
            let _ = tx.send(facets.unwrap_or_default());
        });
        rx
    }

    /// Builds the filters' lookups (about 0.7 s at a million records) on another thread, after
    /// the searcher has been handed over, rather than at the first query with a filter: neither
    /// searching nor the first filter waits for them. Lookups kept beside the snapshot are
    /// left to be read by the first filter (tens of milliseconds at a million records), so that
    /// a session that filters nothing does not hold them (about 80 MB there).
    pub fn filters_preparer(&self) -> impl FnOnce() + Send + 'static {
        let engine = Arc::clone(&self.engine);
        move || {
            if !engine.corpus.index().is_some_and(FilterIndex::kept) {
                engine.filter_index();
            }
        }
    }

    /// Keeps the corpus, and the filters' lookups if they were built, beside a snapshot
    /// written after the searcher was built (the explorer shows a folder parsed afresh first
    /// and writes its snapshot after), so that the next run reads them rather than building
    /// them.
    pub fn keeper(&self) -> impl FnOnce(&Companion) + Send + 'static {
        let engine = Arc::clone(&self.engine);
        move |companion| {
            engine.corpus.keep(companion);
            if let Some(lookups) = engine.filters.get() {
                lookups.keep(companion);
            }
        }
    }

    /// The `top` most common kinds, years, places and sources among `records` (positions),
    /// with their counts, for a panel of facets beside a filtered list.
    pub fn facets(&self, records: &[usize], top: usize) -> Facets {
        self.engine
            .filter_index()
            .map(|f| f.facets(records, top))
            .unwrap_or_default()
    }

    /// The hits of [`Searcher::find`] alone (its older form, kept for the fuzz harness).
    pub fn search(&self, _index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
        self.find(query, limit).hits
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

    /// Character positions in a name that the query's words matched, for highlighting (see
    /// [`highlight`], which gives byte ranges in any field).
    pub fn positions(&self, text: &str, query: &Query) -> Vec<usize> {
        let ranges = highlight(text, query, Field::Name);
        let mut out = Vec::new();
        let mut r = ranges.iter().peekable();
        for (i, (at, _)) in text.char_indices().enumerate() {
            while r.peek().is_some_and(|r| r.end <= at) {
                r.next();
            }
            if r.peek().is_some_and(|r| r.start <= at) {
                out.push(i);
            }
        }
        out
    }
}
