//! What a search reads, laid out once after loading.
//!
//! Names, aliases and ids, folded, sit back to back in one string, record after record: every
//! key press scores them, and reading memory in order is what makes that fast.
//!
//! Summaries, quotes and notes are most of a dataset's text, and a word in them is only looked
//! for when it matched no name, so they are not copied: a searcher that shares the index reads
//! them where the index keeps them, holding folded copies only of the few whose folding changes
//! more than the case of ASCII letters and typographic quotation marks (accents, full-width
//! forms). Quotation marks are most of what folding changes in real quotes; a text with them is
//! folded when it is read for a word that has `'` or `"` (see [`Corpus::holds`]). A searcher
//! built from a borrowed index has to copy them, folded the same way.
//!
//! A scan visits records in the order the index holds them, which is the order their text was
//! loaded into memory: the texts it reads then follow one another instead of being scattered
//! (visiting them sorted by name made cache misses most of a search's time). The index's own
//! order (kinds, then names) only breaks ties between equal scores.

use super::bloom::{self, Bloom, Starts};
use super::engine::mask;
use super::fold::{
    fold, fold_into, has_quote_mark, only_ascii_case, only_ascii_case_and_quote_marks,
};
use super::typo::Vocabulary;
use super::words::Needle;
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::record::Record;
use crate::ingest::snapshot::companion::{Payload, STRETCH};
use crate::ingest::snapshot::note;
use rustc_hash::FxHashMap;
use std::sync::Arc;

mod kept;

/// Records from which building takes a second thread.
const PARALLEL_FROM: usize = 50_000;

/// Separates aliases in the keys: folding never makes one, and a name rarely has one.
pub const ALIAS_BREAK: char = '\n';

/// Text fields of a record by slot: the summary, the notes, then each quote in the order of
/// `Record::sources()`.
pub const SUMMARY: usize = 0;
pub const NOTES: usize = 1;
pub const FIRST_QUOTE: usize = 2;

/// Everything is by record, as the index numbers them.
pub struct Corpus {
    /// Folded names, aliases (separated by `ALIAS_BREAK`) and ids.
    keys: String,
    /// Start of a record's keys, then the end of its name, aliases and id.
    bounds: Vec<[u32; 4]>,
    /// Which bytes occur in a record's keys (see `mask`), and which begin a word of its name or
    /// aliases.
    pub masks: Vec<u64>,
    pub initials: Vec<u64>,
    /// Each record's place in the index's order (kinds in `Kind::ALL` order, each sorted by
    /// name), which breaks ties.
    pub rank: Vec<u32>,
    /// Every record, to scan all of them as a slice; and the records of each kind.
    pub all: Vec<u32>,
    pub by_kind: Vec<Vec<u32>>,
    texts: Texts,
    /// The word beginnings of each record's text fields, and of its summary alone (see `bloom`).
    pub blooms: Vec<Bloom>,
    pub summaries: Vec<u64>,
    /// The word beginnings of every text at all.
    pub starts: Starts,
    pub vocabulary: Vocabulary,
}

/// The searchable form of summaries, quotes and notes.
struct Texts {
    /// Folded text fields, back to back.
    arena: Arena,
    store: Store,
}

/// Where the texts lie: in memory of their own, or where the file they were kept in is
/// mapped (see `kept::read_texts`), used in place instead of copied.
enum Arena {
    Owned(String),
    Mapped { payload: Payload, len: usize },
}

impl Arena {
    /// The first `len` bytes of `payload`, if they are UTF-8 and each of `edges` (ascending,
    /// where a field ends) falls between two characters: checked a stretch at a time (each
    /// ending before a character's first byte), each let go after, so that a check does not
    /// keep every page in memory.
    fn mapped(payload: Payload, len: usize, edges: &[u32]) -> Result<Arena, String> {
        let bytes = payload.get(..len).ok_or("its texts are past its end")?;
        let not_utf8 = || "its texts are not UTF-8".to_string();
        let starts_char = |at: usize| at == len || bytes.get(at).is_some_and(|b| b & 0xC0 != 0x80);
        let mut edges = edges.iter().map(|&e| e as usize).peekable();
        let mut at = 0;
        while at < len {
            let mut end = len.min(at + STRETCH);
            while end > at && !starts_char(end) {
                end -= 1;
            }
            if end == at {
                return Err(not_utf8());
            }
            std::str::from_utf8(&bytes[at..end]).map_err(|_| not_utf8())?;
            while let Some(edge) = edges.next_if(|&e| e < end) {
                if !starts_char(edge) {
                    return Err("a field ends inside a character".into());
                }
            }
            payload.release(at..end);
            at = end;
        }
        match edges.all(|e| e == len) {
            true => Ok(Arena::Mapped { payload, len }),
            false => Err("a field ends past the texts".into()),
        }
    }
}

impl std::ops::Deref for Arena {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Arena::Owned(text) => text,
            // SAFETY: the bytes were checked to be UTF-8 when mapped (`Arena::mapped`), and
            // the file does not change while it is mapped (see `companion::read`).
            Arena::Mapped { payload, len } => unsafe {
                std::str::from_utf8_unchecked(&payload[..*len])
            },
        }
    }
}

enum Store {
    /// Every field is in the arena: `ends[first[r]..first[r + 1]]` are the ends of record
    /// `r`'s fields, slot by slot. Copied from an index, or read from beside its snapshot
    /// (see `kept`): then the index is kept too, for the filters' lookups.
    Copied {
        ends: Vec<u32>,
        first: Vec<u32>,
        index: Option<Arc<Index>>,
    },
    /// Fields are read from the index, except those in `folded`, keyed by record and slot;
    /// `marked` has a bit for each record with such a field.
    Shared {
        index: Arc<Index>,
        folded: FxHashMap<(u32, u32), (u32, u32)>,
        marked: Vec<u64>,
    },
}

/// A record's text fields by slot, as they are in the data.
fn slot(r: &Record, slot: usize) -> Option<&str> {
    match slot {
        SUMMARY => Some(r.summary()),
        NOTES => r.notes(),
        _ => r
            .sources()
            .get(slot - FIRST_QUOTE)
            .map(|s| s.quote.as_str()),
    }
}

fn slots(r: &Record) -> usize {
    FIRST_QUOTE + r.sources().len()
}

/// Appends `s` as a search reads it: unchanged if only ASCII case would change, else folded.
fn push_searchable(arena: &mut String, s: &str) {
    if only_ascii_case(s) {
        arena.push_str(s);
    } else {
        fold_into(s, arena);
    }
}

impl Corpus {
    /// Copies every text field: for small datasets and callers that cannot share the index.
    pub fn copied(index: &Index) -> Corpus {
        let mut arena = String::new();
        let mut ends = Vec::new();
        let mut first = Vec::with_capacity(index.len() + 1);
        for r in &index.records {
            first.push(ends.len() as u32);
            for s in 0..slots(r) {
                push_searchable(&mut arena, slot(r, s).unwrap_or(""));
                ends.push(arena.len() as u32);
            }
        }
        first.push(ends.len() as u32);
        arena.shrink_to_fit();
        let texts = Texts {
            arena: Arena::Owned(arena),
            store: Store::Copied {
                ends,
                first,
                index: None,
            },
        };
        Corpus::build(index, texts)
    }

    /// Reads text fields where they lie, folding only those that need it: records of a
    /// snapshot have their corpus and their texts kept beside it, read (the texts mapped, so
    /// that a search reads no record but the ones it lists) when they are there, written when
    /// not; other records' texts are read where the index keeps them.
    pub fn shared(index: Arc<Index>) -> Corpus {
        let Some(companion) = index.companion().cloned() else {
            return Corpus::shared_built(index);
        };
        // Both files are read at once, the texts on a thread of their own.
        let mut with_texts = false;
        let read = std::thread::scope(|s| {
            let texts = s.spawn(|| kept::read_texts(&index));
            kept::read(&index, || {
                let texts = texts.join().ok().flatten();
                with_texts = texts.is_some();
                texts
            })
        });
        let corpus = read.unwrap_or_else(|| {
            let corpus = Corpus::shared_built(Arc::clone(&index));
            kept::write(&corpus, &companion);
            with_texts = true;
            // Records read on demand are not all held: a corpus that read its texts from them
            // would hold every record a search reads (most of them, for a short word). What
            // was just kept is read back instead, its texts mapped, as at a warm start.
            match index.records.as_slice() {
                Some(_) => corpus,
                None => {
                    drop(corpus);
                    let (held, parts) = index.records.parts_read();
                    note(&format!(
                        "search corpus built holding {held} of {parts} parts of the records"
                    ));
                    kept::read(&index, || kept::read_texts(&index))
                        .unwrap_or_else(|| Corpus::shared_built(index))
                }
            }
        });
        if !with_texts {
            kept::write_texts(&corpus, &companion);
        }
        corpus
    }

    /// Keeps the corpus beside the snapshot its records were just written to.
    pub fn keep(&self, companion: &crate::data::dataset::Companion) {
        kept::write(self, companion);
    }

    fn shared_built(index: Arc<Index>) -> Corpus {
        let mut arena = String::new();
        let mut folded = FxHashMap::default();
        let mut marked = vec![0u64; index.len().div_ceil(64)];
        index.records.walk(|pos, r| {
            for s in 0..slots(r) {
                let text = slot(r, s).unwrap_or("");
                if !only_ascii_case_and_quote_marks(text) {
                    let start = arena.len() as u32;
                    fold_into(text, &mut arena);
                    folded.insert((pos as u32, s as u32), (start, arena.len() as u32));
                    marked[pos / 64] |= 1 << (pos % 64);
                }
            }
        });
        arena.shrink_to_fit();
        folded.shrink_to_fit();
        let texts = Texts {
            arena: Arena::Owned(arena),
            store: Store::Shared {
                index: Arc::clone(&index),
                folded,
                marked,
            },
        };
        Corpus::build(&index, texts)
    }

    fn build(index: &Index, texts: Texts) -> Corpus {
        // Sized up front: grown by doubling, the string would need twice its size at the moment
        // it moves, and at a million records that decided the peak memory.
        // Records read on demand are walked once, not held: their keys grow as they come.
        let size: usize = index.records.as_slice().map_or(0, |records| {
            records
                .iter()
                .map(|r| {
                    let aliases: usize = r.aliases().iter().map(|a| a.len() + 1).sum();
                    r.name().len() + aliases + r.id().as_str().len()
                })
                .sum()
        });
        let mut keys = String::with_capacity(size + size / 16);
        let mut bounds = Vec::with_capacity(index.len());
        let mut masks = Vec::with_capacity(index.len());
        let mut initials = Vec::with_capacity(index.len());
        index.records.walk(|_, r| {
            let start = keys.len() as u32;
            fold_into(r.name(), &mut keys);
            let name = keys.len() as u32;
            for (i, alias) in r.aliases().iter().enumerate() {
                if i > 0 {
                    keys.push(ALIAS_BREAK);
                }
                fold_into(alias, &mut keys);
            }
            let aliases = keys.len() as u32;
            fold_into(r.id().as_str(), &mut keys);
            let id = keys.len() as u32;
            masks.push(mask(&keys.as_bytes()[start as usize..]));
            // Name and aliases apart: the name's last word runs into the first alias.
            initials.push(
                bloom::initials(&keys[start as usize..name as usize])
                    | bloom::initials(&keys[name as usize..aliases as usize]),
            );
            bounds.push([start, name, aliases, id]);
        });
        keys.shrink_to_fit();
        let mut corpus = Corpus {
            keys,
            bounds,
            masks,
            initials,
            rank: index_order(index),
            all: (0..index.len() as u32).collect(),
            by_kind: Kind::ALL
                .iter()
                .map(|&k| {
                    let mut records: Vec<u32> =
                        index.of_kind(k).iter().map(|&i| i as u32).collect();
                    records.sort_unstable();
                    records
                })
                .collect(),
            texts,
            blooms: Vec::new(),
            summaries: Vec::new(),
            starts: Starts::default(),
            vocabulary: Vocabulary::default(),
        };
        // The two are independent: on a large dataset the filters are made on a second thread
        // meanwhile.
        let names = |pos| (corpus.name(pos), corpus.aliases(pos));
        let (blooms, vocabulary) = if corpus.len() >= PARALLEL_FROM {
            std::thread::scope(|s| {
                let blooms = s.spawn(|| corpus.make_blooms());
                let vocabulary = Vocabulary::new(corpus.len(), names);
                let blooms = blooms
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (blooms, vocabulary)
            })
        } else {
            (corpus.make_blooms(), Vocabulary::new(corpus.len(), names))
        };
        (corpus.blooms, corpus.summaries, corpus.starts) = blooms;
        corpus.vocabulary = vocabulary;
        corpus
    }

    fn make_blooms(&self) -> (Vec<Bloom>, Vec<u64>, Starts) {
        let mut blooms = Vec::with_capacity(self.len());
        let mut summaries = Vec::with_capacity(self.len());
        let mut starts = Starts::new();
        // Each record's fields come summary first: its own filter is kept on the way.
        self.each_text(|_, s, text| {
            if s == SUMMARY {
                blooms.push(Bloom::default());
            }
            let Some(b) = blooms.last_mut() else { return };
            match has_quote_mark(text) {
                true => bloom::add(b, &mut starts, &fold(text)),
                false => bloom::add(b, &mut starts, text),
            }
            if s == SUMMARY {
                summaries.push(b.folded());
            }
        });
        (blooms, summaries, starts)
    }

    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// The index a shared corpus reads its texts from, or the one a kept corpus was read for.
    pub fn index(&self) -> Option<&Index> {
        match &self.texts.store {
            Store::Shared { index, .. } => Some(index),
            Store::Copied { index, .. } => index.as_deref(),
        }
    }

    pub fn name(&self, pos: usize) -> &str {
        let b = &self.bounds[pos];
        &self.keys[b[0] as usize..b[1] as usize]
    }

    /// The folded aliases, separated by `ALIAS_BREAK`.
    pub fn aliases(&self, pos: usize) -> &str {
        let b = &self.bounds[pos];
        &self.keys[b[1] as usize..b[2] as usize]
    }

    pub fn id(&self, pos: usize) -> &str {
        let b = &self.bounds[pos];
        &self.keys[b[2] as usize..b[3] as usize]
    }

    /// How many text fields (slots) a position has.
    pub fn slots(&self, pos: usize) -> usize {
        match &self.texts.store {
            Store::Copied { first, .. } => (first[pos + 1] - first[pos]) as usize,
            Store::Shared { index, .. } => slots(index.record(pos)),
        }
    }

    /// Whether `needle`, a word of the query, begins a word of text field `s`; `quoted` says
    /// the word has `'` or `"`, which a text kept with typographic marks holds only folded.
    pub fn holds(&self, pos: usize, s: usize, needle: &Needle, quoted: bool) -> bool {
        let Some(text) = self.text(pos, s) else {
            return false;
        };
        needle.find(text, 0).is_some()
            || (quoted && has_quote_mark(text) && needle.find(&fold(text), 0).is_some())
    }

    /// Calls `f` with every text field of every record, in order, as [`Corpus::text`] gives it
    /// (a missing note as empty): records read on demand are walked, not held.
    fn each_text(&self, mut f: impl FnMut(usize, usize, &str)) {
        let Store::Shared { index, .. } = &self.texts.store else {
            for pos in 0..self.len() {
                for s in 0..self.slots(pos) {
                    f(pos, s, self.text(pos, s).unwrap_or_default());
                }
            }
            return;
        };
        index.records.walk(|pos, r| {
            for s in 0..slots(r) {
                let text = self.folded_text(pos, s);
                f(
                    pos,
                    s,
                    text.unwrap_or_else(|| slot(r, s).unwrap_or_default()),
                );
            }
        });
    }

    /// The folded copy of text field `s` a shared corpus holds, if it holds one.
    fn folded_text(&self, pos: usize, s: usize) -> Option<&str> {
        let Store::Shared { folded, marked, .. } = &self.texts.store else {
            return None;
        };
        if marked[pos / 64] & 1 << (pos % 64) == 0 {
            return None;
        }
        let &(a, b) = folded.get(&(pos as u32, s as u32))?;
        Some(&self.texts.arena[a as usize..b as usize])
    }

    /// Text field `s`: folded, or differing from its fold only in the case of ASCII letters
    /// and in typographic quotation marks; `None` for notes a record does not have.
    pub fn text(&self, pos: usize, s: usize) -> Option<&str> {
        let arena = &self.texts.arena;
        match &self.texts.store {
            Store::Copied { ends, first, .. } => {
                let i = first[pos] as usize + s;
                if i >= first[pos + 1] as usize {
                    return None;
                }
                let start = if i == 0 { 0 } else { ends[i - 1] as usize };
                Some(&arena[start..ends[i] as usize])
            }
            Store::Shared { index, .. } => self
                .folded_text(pos, s)
                .or_else(|| slot(index.record(pos), s)),
        }
    }
}

/// Each record's place in the index's order: kinds in `Kind::ALL` order, each sorted by name.
fn index_order(index: &Index) -> Vec<u32> {
    let mut rank = vec![0u32; index.len()];
    for (place, record) in index.all().enumerate() {
        rank[record] = place as u32;
    }
    rank
}
