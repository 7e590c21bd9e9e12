//! What a record's words may rest on: its own quotes, the names and quotes of the records it
//! links to or that link to it (a source among them, whose name carries its year), its own dates,
//! and what it marks as public knowledge. Each record's words are read once, as sorted hashes of
//! their keys, so a hub with thousands of links costs a binary search per link, not a re-read.

use super::words::{self, key, phrase_keys};
use crate::data::index::Index;
use crate::data::model::{Kind, PartialDate};
use crate::data::record::Record;
use rustc_hash::{FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};

pub(super) fn hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

/// The keys of a text's words, of the phrases that say what a qualifier says, and of the
/// initials of its names.
fn keys_of(text: &str, into: &mut Vec<u64>) {
    let words = words::words(text);
    let keys: Vec<String> = words.iter().map(|w| key(w.text)).collect();
    add_keys(&words, &keys, into);
}

fn add_keys(words: &[words::Word<'_>], keys: &[String], into: &mut Vec<u64>) {
    into.extend(keys.iter().map(|k| hash(k)));
    into.extend(phrase_keys(keys).map(hash));
    into.extend(words::initials(words).iter().map(|k| hash(k)));
}

/// How the dataset writes words: the keys it writes in lower case, and those it capitalizes
/// inside a sentence.
#[derive(Default)]
struct Case {
    lower: FxHashSet<u64>,
    upper: FxHashSet<u64>,
}

impl Case {
    /// Notes how `text` writes its words and, with `into`, gathers their keys: one reading.
    fn read(&mut self, text: &str, mut into: Option<&mut Vec<u64>>) {
        for s in words::sentences(text) {
            let words = words::words(&text[s]);
            let keys: Vec<String> = words.iter().map(|w| key(w.text)).collect();
            for (w, k) in words.iter().zip(&keys) {
                if w.text.starts_with(char::is_lowercase) {
                    self.lower.insert(hash(k));
                } else if !w.initial && w.text.starts_with(char::is_uppercase) {
                    self.upper.insert(hash(k));
                }
            }
            if let Some(into) = into.as_deref_mut() {
                add_keys(&words, &keys, into);
            }
        }
    }
}

fn sorted(mut keys: Vec<u64>) -> Box<[u64]> {
    keys.sort_unstable();
    keys.dedup();
    keys.into_boxed_slice()
}

/// Every record's quote words and name words, and how the dataset writes words: in lower case,
/// or capitalized inside a sentence. A source's "quotes" are its title, outlet, authors and
/// article: evidence for itself only, or every record quoting it would rest on its whole article.
pub(super) struct Evidence {
    quotes: Vec<Box<[u64]>>,
    source: Vec<bool>,
    names: Vec<Box<[u64]>>,
    lower: FxHashSet<u64>,
    upper: FxHashSet<u64>,
}

impl Evidence {
    /// Reads every record once. `article` gives a source's article text, when the articles are at
    /// hand: a source has no quotes, its article is its evidence.
    pub(super) fn new(index: &Index, article: &dyn Fn(&Record) -> Option<String>) -> Evidence {
        let mut quotes = Vec::with_capacity(index.len());
        let source = index
            .records
            .iter()
            .map(|r| r.kind() == Kind::Source)
            .collect();
        let mut names = Vec::with_capacity(index.len());
        let mut case = Case::default();
        for r in &index.records {
            let mut q = Vec::new();
            for s in r.sources() {
                case.read(&s.quote, Some(&mut q));
            }
            if let Record::Source(s) = r {
                let fields = [
                    s.title.as_deref(),
                    s.outlet.as_deref(),
                    s.section.as_deref(),
                ];
                for text in fields.into_iter().flatten() {
                    keys_of(text, &mut q);
                }
                for a in &s.authors {
                    keys_of(a, &mut q);
                }
                if let Some(text) = article(r) {
                    keys_of(&text, &mut q);
                }
            }
            quotes.push(sorted(q));
            let mut n = Vec::new();
            case.read(r.name(), Some(&mut n));
            names.push(sorted(n));
            for text in [r.summary(), r.notes().unwrap_or_default()] {
                case.read(text, None);
            }
            r.aliases().iter().for_each(|a| case.read(a, None));
        }
        Evidence {
            quotes,
            source,
            names,
            lower: case.lower,
            upper: case.upper,
        }
    }

    /// Whether the dataset writes this key as a name: capitalized inside a sentence, and never
    /// in lower case.
    pub(super) fn written_as_name(&self, key: &str) -> bool {
        let h = hash(key);
        self.upper.contains(&h) && !self.lower.contains(&h)
    }

    pub(super) fn in_quotes(&self, record: usize, h: u64) -> bool {
        self.quotes[record].binary_search(&h).is_ok()
    }

    /// The keys of the names and quotes (a source's name only) of `records`, in one set.
    pub(super) fn linked_words(&self, records: &[usize]) -> FxHashSet<u64> {
        let mut out = FxHashSet::default();
        for &j in records {
            out.extend(self.names[j].iter().copied());
            if !self.source[j] {
                out.extend(self.quotes[j].iter().copied());
            }
        }
        out
    }

    /// Whether a linked record's name or quotes (a source's name only) hold the key.
    pub(super) fn in_linked(&self, record: usize, h: u64) -> bool {
        self.names[record].binary_search(&h).is_ok()
            || (!self.source[record] && self.in_quotes(record, h))
    }
}

/// The records linked to `i`, either way: its links, the records linking to it, the sources it
/// quotes and, for a source, the records that quote it.
pub(super) fn linked(index: &Index, i: usize) -> Vec<usize> {
    let r = index.record(i);
    let mut out = Vec::new();
    r.each_link(&mut |_, id| out.extend(index.resolve(id)));
    out.extend(r.sources().iter().filter_map(|s| index.resolve(&s.source)));
    out.extend(index.backlinks(i).iter().map(|b| b.from));
    out.extend_from_slice(index.cited_by(i));
    out.sort_unstable();
    out.dedup();
    out
}

/// What a record says of itself that its words may rest on: its dates (how an inferred one was
/// reached, the notes say), the values of the fields it lists as public knowledge, and the words
/// of the sentences of its notes that say "public knowledge".
pub(super) fn own(r: &Record) -> FxHashSet<u64> {
    let mut keys = Vec::new();
    for d in dates(r) {
        keys.push(hash(&d.year.to_string()));
        if let Some(m) = d.month_name() {
            keys.push(hash(&key(m)));
        }
        if let Some(day) = d.day {
            keys.push(hash(&day.to_string()));
        }
    }
    let listed = |f: &str| r.public_knowledge().iter().any(|p| p == f);
    if listed("aliases") {
        r.aliases().iter().for_each(|a| keys_of(a, &mut keys));
    }
    if listed("type")
        && let Some(t) = type_of(r)
    {
        keys_of(&t.replace('-', " "), &mut keys);
    }
    if let Some(notes) = r.notes() {
        for s in words::sentences(notes) {
            if notes[s.clone()].contains("public knowledge") {
                keys_of(&notes[s], &mut keys);
            }
        }
    }
    keys.into_iter().collect()
}

fn type_of(r: &Record) -> Option<&str> {
    match r {
        Record::Organization(o) => o.org_type.as_deref(),
        Record::Event(e) => e.event_type.as_deref(),
        Record::Programme(p) => p.programme_type.as_deref(),
        Record::Place(p) => p.place_type.as_deref(),
        _ => None,
    }
}

fn dates(r: &Record) -> Vec<PartialDate> {
    let mut out: Vec<Option<PartialDate>> = Vec::new();
    match r {
        Record::Organization(o) => out.push(o.founded),
        Record::Person(p) => out.extend(p.roles.iter().map(|role| role.date)),
        Record::Event(e) => out.extend([e.date, e.end]),
        Record::Programme(p) => out.extend([p.start, p.end]),
        Record::Statistic(s) => out.extend([s.date, s.start]),
        Record::Source(s) => out.extend([s.published, s.originally_published]),
        Record::Place(_) => {}
    }
    out.into_iter().flatten().collect()
}
