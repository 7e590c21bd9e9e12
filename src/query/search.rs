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
mod rank;
mod select;
pub mod terms;
mod typo;
pub mod words;
mod worker;

use crate::data::index::Index;
use crate::data::model::Kind;
pub use engine::Found;
use engine::{Engine, Recent};
pub use excerpt::{Excerpt, excerpt, source_label};
pub use filter::{Facet, Facets, Filter, FilterIndex, Op, UserSets};
pub use highlight::highlight;
use std::sync::{Arc, Mutex, OnceLock};
use terms::Term;
pub use worker::Outcome;
use worker::Worker;

/// The longest query searched, in characters: a long sentence, far more than anyone types. A
/// longer one (a document pasted by mistake, a history line from a damaged file) is cut here.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The most words a query has: each word is looked for in every record.
pub const MAX_QUERY_WORDS: usize = 64;

/// What the limits say about a query.
pub fn query_limits() -> String {
    format!(
        "a query holds at most {} characters and {} words",
        crate::data::limits::thousands(MAX_QUERY_CHARS as u64),
        MAX_QUERY_WORDS
    )
}

/// The part of `text` within [`MAX_QUERY_CHARS`] and [`MAX_QUERY_WORDS`] (cut at a character,
/// or just before the first word too many), and whether anything was cut.
pub fn within_limits(text: &str) -> (&str, bool) {
    let mut end = text.len();
    if let Some((at, _)) = text.char_indices().nth(MAX_QUERY_CHARS) {
        end = at;
    }
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text[..end].char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_QUERY_WORDS {
                end = at;
                break;
            }
        }
    }
    (&text[..end], end < text.len())
}

/// A parsed query: an optional kind restriction (`org:`, `person:` ...), whether it searches
/// quotes only (`quote:`), the words to match, folded, the phrases and left-out words that
/// narrow what the words match, and the operators that narrow by what records are (`in:`,
/// `year:`...). The terms are read by [`terms::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub kind: Option<Kind>,
    pub quotes_only: bool,
    /// Every word to find: the plain ones and each phrase's, in the order typed. They rank a
    /// record; a phrase adds that its words stand together.
    pub words: Vec<String>,
    /// `"belt and road"`: words that must stand one after another in one field.
    pub phrases: Vec<Vec<String>>,
    /// `-word`, `-"a phrase"`: a record holding one in a field searched does not match.
    pub without: Vec<Vec<String>>,
    /// `in:cambodia`, `-year:2019`...: every one must let a record through.
    pub filters: Vec<Filter>,
    /// The user's notes and collections, for `has:note` and `marked:`: the caller fills them
    /// ([`Query::with_user`]); a query without them knows no collection.
    pub user: Arc<UserSets>,
    /// What is wrong with the query as typed (an unknown operator, a bad range), in words with
    /// a suggestion: such a query matches nothing, and says this instead.
    pub error: Option<String>,
}

impl Query {
    /// `org: foundation` or `org:foundation` restrict to organizations, `quote: brotherhood` to
    /// quotes, and both can be given (`person: quote: spirit`); unknown prefixes are searched
    /// for as text. `"belt and road"` is a phrase, `-word` and `-"a phrase"` leave out.
    pub fn parse(text: &str) -> Query {
        // However a query got here, it is searched within the limits.
        let (text, _) = within_limits(text);
        let (mut kind, mut quotes) = (false, false);
        let parsed = terms::parse(text, |name| match Kind::parse(name) {
            Some(_) if !kind => {
                kind = true;
                true
            }
            None if !quotes && matches!(name, "quote" | "quotes") => {
                quotes = true;
                true
            }
            _ => false,
        });
        let mut q = Query::default();
        for term in parsed.terms {
            match term {
                Term::Filter(name) => match Kind::parse(&name) {
                    Some(k) => q.kind = Some(k),
                    None => q.quotes_only = true,
                },
                Term::Word(w) => q.words.push(w),
                Term::Phrase(words) => {
                    q.words.extend(words.iter().cloned());
                    q.phrases.push(words);
                }
                Term::Without(words) => q.without.push(words),
                Term::Op {
                    name,
                    value,
                    negated,
                } => q.operator(&name, &value, negated),
            }
        }
        q
    }

    /// The query with the user's notes and collections, for `has:note` and `marked:`.
    pub fn with_user(mut self, user: Arc<UserSets>) -> Query {
        self.user = user;
        self
    }

    /// Takes in `name:value`: a kind or `quote:` as a leading prefix is taken (its value words
    /// to find), `kind:` without a `-` narrows the kind searched, any other operator is a
    /// filter; the first mistake is kept in `error`.
    fn operator(&mut self, name: &str, value: &str, negated: bool) {
        // `source:xinhua` is the operator; `source:` alone, the kind.
        let operator = terms::OPERATORS.contains(&name) && !value.trim().is_empty();
        let prefix = match operator {
            true => None,
            false => Kind::parse(name)
                .map(Some)
                .or(matches!(name, "quote" | "quotes").then_some(None)),
        };
        if let Some(kind) = prefix {
            if negated {
                let word = kind.map_or("quote", |k| k.word());
                self.fail(format!(
                    "`-{name}:` cannot leave out a kind: write `-kind:{word}`"
                ));
                return;
            }
            match kind {
                Some(k) => self.narrow_kind(k),
                None => self.quotes_only = true,
            }
            let folded = fold::fold(value);
            self.words
                .extend(folded.split_whitespace().map(String::from));
            return;
        }
        match Filter::parse(name, value, negated) {
            Ok(Filter {
                negated: false,
                op: Op::Kind(k),
            }) => self.narrow_kind(k),
            Ok(f) => self.filters.push(f),
            Err(e) => self.fail(e),
        }
    }

    /// Searches only kind `k`; a second, other kind leaves nothing, as a filter says.
    fn narrow_kind(&mut self, k: Kind) {
        match self.kind {
            Some(old) if old != k => self.filters.push(Filter {
                negated: false,
                op: Op::Kind(k),
            }),
            _ => self.kind = Some(k),
        }
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.kind.is_none()
            && !self.quotes_only
            && self.without.is_empty()
            && self.filters.is_empty()
            && self.error.is_none()
    }

    /// Is the query one short word (four characters at most), which finds names by their start
    /// before anything else and leaves letters scattered through a name as loose matches?
    pub fn is_short(&self) -> bool {
        !self.quotes_only && self.words.len() == 1 && self.words[0].chars().count() <= 4
    }

    /// Whether phrases or left-out words narrow the words' matches: only then does a search
    /// read a candidate's texts to check them.
    pub fn narrowed(&self) -> bool {
        self.phrases.iter().any(|p| p.len() > 1) || !self.without.is_empty()
    }
}

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

    /// A searcher that reads summaries, quotes and notes where the index keeps them, copying
    /// only names, aliases and ids (and folded copies of the few texts that need one).
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

    /// Builds the filters' lookups now (about 0.7 s at a million records) rather than at the
    /// first query with a filter: for a loader thread, so that a view filtered on the UI
    /// thread never waits for them.
    pub fn prepare_filters(&self) {
        self.engine.filter_index();
    }

    /// The filter lookups, if built (see [`Searcher::prepare_filters`]), and not waited for.
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

    /// [`Searcher::prepare_filters`] to run later, on another thread, after the searcher has
    /// been handed over: searching need not wait for the filter lookups.
    pub fn filters_preparer(&self) -> impl FnOnce() + Send + 'static {
        let engine = Arc::clone(&self.engine);
        move || {
            engine.filter_index();
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
