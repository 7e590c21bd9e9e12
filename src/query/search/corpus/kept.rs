//! A shared corpus kept beside the snapshot of its records (a companion file, see
//! `ingest::snapshot::companion`), so that a warm run reads it instead of folding every name
//! and filtering every text again: at a million records, 3 s of a `search` command's 4 s.
//!
//! What is read is trusted only after checks: the file's identity and checksum (the
//! companion), `rkyv`'s validation of the archive, and [`Kept::fits`], which makes sure every
//! length and offset fits the records and the texts, so no slice a search takes can fail.
//!
//! Beside it, `KEY.texts` keeps every summary, note and quote as a search reads them (see
//! [`write_texts`]), so that a search maps them in one piece instead of reading every record
//! of the snapshot for them.

use super::{Arena, Bloom, Corpus, Starts, Store, Texts, Vocabulary};
use crate::data::dataset::Companion;
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::tables::rows_fit;
use crate::ingest::snapshot::companion;
use rkyv::rancor::Error;
use rkyv::with::Inline;
use std::sync::Arc;

/// A corpus's parts as they are written: borrowed, so that the searcher in use keeps them.
#[derive(rkyv::Archive, rkyv::Serialize)]
pub struct Kept<'a> {
    #[rkyv(with = Inline)]
    keys: &'a String,
    #[rkyv(with = Inline)]
    bounds: &'a Vec<[u32; 4]>,
    #[rkyv(with = Inline)]
    masks: &'a Vec<u64>,
    #[rkyv(with = Inline)]
    initials: &'a Vec<u64>,
    #[rkyv(with = Inline)]
    rank: &'a Vec<u32>,
    #[rkyv(with = Inline)]
    all: &'a Vec<u32>,
    #[rkyv(with = Inline)]
    by_kind: &'a Vec<Vec<u32>>,
    #[rkyv(with = Inline)]
    arena: &'a String,
    /// The folded texts: record, slot, start and end in the arena, in that order.
    folded: Vec<[u32; 4]>,
    #[rkyv(with = Inline)]
    marked: &'a Vec<u64>,
    #[rkyv(with = Inline)]
    blooms: &'a Vec<Bloom>,
    #[rkyv(with = Inline)]
    summaries: &'a Vec<u64>,
    #[rkyv(with = Inline)]
    starts: &'a Starts,
    #[rkyv(with = Inline)]
    vocabulary: &'a Vocabulary,
}

/// The ending of the texts' file.
const TEXTS: &str = "texts";

/// The corpus kept for `index`'s records, if there is one that can be trusted: reading its
/// texts from `index`, or from what `texts` gives (once the archive is read and validated:
/// texts read by [`read_texts`] meanwhile, say), when it gives them.
///
/// The archive is mapped, not read, and each part's pages are let go once it is copied out:
/// at a million records the file is 170 MB, and holding it whole beside its copy was the
/// explorer's peak of memory at a warm start.
pub(super) fn read(index: &Arc<Index>, texts: impl FnOnce() -> Option<Texts>) -> Option<Corpus> {
    companion::read_into(index.companion()?, "search corpus", |payload| {
        let kept = rkyv::access::<ArchivedKept<'static>, Error>(&payload)
            .map_err(|e| format!("not a corpus: {e}"))?;
        let copied = |at: usize, len: usize| {
            let start = at.saturating_sub(payload.as_ptr() as usize);
            payload.release(start..(start + len).min(payload.len()));
        };
        let corpus =
            owned(kept, index, texts(), &copied).map_err(|e| format!("not a corpus: {e}"))?;
        payload.release(0..payload.len());
        match fits(&corpus, index) {
            true => Ok(corpus),
            false => Err("it does not fit the records".to_string()),
        }
    })
}

/// Keeps `corpus` as `companion`, and its texts beside it, for the next run on the same
/// snapshot (a copied corpus is not kept: it is for small data).
pub(super) fn write(corpus: &Corpus, companion: &Companion) {
    let (Store::Shared { folded, marked, .. }, Arena::Owned(arena)) =
        (&corpus.texts.store, &corpus.texts.arena)
    else {
        return;
    };
    let mut folded: Vec<[u32; 4]> = folded
        .iter()
        .map(|(&(r, s), &(a, b))| [r, s, a, b])
        .collect();
    folded.sort_unstable();
    let kept = Kept {
        keys: &corpus.keys,
        bounds: &corpus.bounds,
        masks: &corpus.masks,
        initials: &corpus.initials,
        rank: &corpus.rank,
        all: &corpus.all,
        by_kind: &corpus.by_kind,
        arena,
        folded,
        marked,
        blooms: &corpus.blooms,
        summaries: &corpus.summaries,
        starts: &corpus.starts,
        vocabulary: &corpus.vocabulary,
    };
    companion::write_archive(companion, "search corpus", &kept);
    write_texts(corpus, companion);
}

/// Keeps every text field of `corpus` as [`Corpus::text`] gives it (a record's missing notes
/// as an empty field), beside `companion`:
///
/// ```text
/// texts, back to back | each field's end (u32) | each record's first field, and the number
/// of fields (u32) | the texts' length (u64) | the number of fields (u64); little-endian
/// ```
///
/// Streamed: only the ends are held while it is written.
pub(super) fn write_texts(corpus: &Corpus, companion: &Companion) {
    let io = |e: std::io::Error| e.to_string();
    companion::write_as(&companion.named(TEXTS), "search texts", &mut |out| {
        let mut ends: Vec<u32> = Vec::new();
        let mut first = Vec::with_capacity(corpus.len() + 1);
        let mut at = 0u64;
        let mut failed = Ok(());
        corpus.each_text(|_, s, text| {
            if failed.is_err() {
                return;
            }
            if s == 0 {
                first.push(ends.len() as u32);
            }
            at += text.len() as u64;
            failed = out
                .write_all(text.as_bytes())
                .map_err(io)
                .and_then(|()| u32::try_from(at).map_err(|_| "texts over 4 GB".to_string()))
                .map(|end| ends.push(end));
        });
        failed?;
        first.push(ends.len() as u32);
        for n in ends.iter().chain(&first) {
            out.write_all(&n.to_le_bytes()).map_err(io)?;
        }
        for n in [at, ends.len() as u64] {
            out.write_all(&n.to_le_bytes()).map_err(io)?;
        }
        Ok(())
    });
}

/// The texts kept beside `index`'s snapshot by [`write_texts`], if they are there, whole and
/// for this very snapshot, mapped rather than read. That they fit the records is for [`fits`]
/// to say.
pub(super) fn read_texts(index: &Arc<Index>) -> Option<Texts> {
    let kept = index.companion()?.named(TEXTS);
    companion::read_into(&kept, "search texts", |payload| {
        let wrong = || "its lengths do not fit the records".to_string();
        let tail = payload.len().checked_sub(16).ok_or_else(wrong)?;
        let word = |at: usize| u64::from_le_bytes(payload[at..at + 8].try_into().unwrap_or([0; 8]));
        let (arena, fields) = (word(tail), word(tail + 8));
        let expected = (fields + index.len() as u64 + 1)
            .checked_mul(4)
            .and_then(|lists| lists.checked_add(arena))
            .ok_or_else(wrong)?;
        if expected != tail as u64 {
            return Err(wrong());
        }
        let mut ends: Vec<u32> = payload[arena as usize..tail]
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes(w.try_into().unwrap_or([0; 4])))
            .collect();
        let first = ends.split_off(fields as usize);
        Ok(Texts {
            arena: Arena::mapped(payload, arena as usize, &ends)?,
            store: Store::Copied {
                ends,
                first,
                index: Some(Arc::clone(index)),
            },
        })
    })
}

/// The corpus the archive holds, copied out, reading its texts from `index` or `texts`;
/// `copied` is told where each large part lies (its address and length) once it is copied.
fn owned(
    k: &ArchivedKept,
    index: &Arc<Index>,
    texts: Option<Texts>,
    copied: &dyn Fn(usize, usize),
) -> Result<Corpus, Error> {
    use rkyv::deserialize as de;
    fn out<T, A>(copy: T, part: &[A], copied: &dyn Fn(usize, usize)) -> T {
        copied(part.as_ptr() as usize, std::mem::size_of_val(part));
        copy
    }
    let texts = match texts {
        Some(texts) => texts,
        None => {
            let folded: Vec<[u32; 4]> = de(&k.folded)?;
            Texts {
                arena: Arena::Owned(k.arena.as_str().to_string()),
                store: Store::Shared {
                    index: Arc::clone(index),
                    folded: folded
                        .iter()
                        .map(|&[r, s, a, b]| ((r, s), (a, b)))
                        .collect(),
                    marked: de(&k.marked)?,
                },
            }
        }
    };
    Ok(Corpus {
        keys: out(k.keys.as_str().to_string(), k.keys.as_bytes(), copied),
        bounds: out(de(&k.bounds)?, k.bounds.as_slice(), copied),
        masks: out(de(&k.masks)?, k.masks.as_slice(), copied),
        initials: out(de(&k.initials)?, k.initials.as_slice(), copied),
        rank: out(de(&k.rank)?, k.rank.as_slice(), copied),
        all: out(de(&k.all)?, k.all.as_slice(), copied),
        by_kind: de(&k.by_kind)?,
        texts,
        blooms: out(de(&k.blooms)?, k.blooms.as_slice(), copied),
        summaries: out(de(&k.summaries)?, k.summaries.as_slice(), copied),
        starts: de(&k.starts)?,
        vocabulary: de(&k.vocabulary)?,
    })
}

/// Whether every length and offset of `c` fits `index`'s records and `c`'s texts.
fn fits(c: &Corpus, index: &Index) -> bool {
    let n = index.len();
    let below = |v: &[u32]| v.iter().all(|&r| (r as usize) < n);
    let bounds_fit = || {
        let mut at = 0;
        c.bounds.iter().all(|b| {
            let fits = b[0] as usize == at
                && b.windows(2).all(|w| w[0] <= w[1])
                && b.iter().all(|&x| c.keys.is_char_boundary(x as usize));
            at = b[3] as usize;
            fits
        }) && at == c.keys.len()
    };
    let arena = &c.texts.arena;
    let texts_fit = || match &c.texts.store {
        Store::Shared { folded, marked, .. } => {
            marked.len() == n.div_ceil(64)
                && folded.iter().all(|(&(r, s), &(a, b))| {
                    (r as usize) < n
                        && (s as usize) < super::slots(index.record(r as usize))
                        && a <= b
                        && arena.is_char_boundary(a as usize)
                        && arena.is_char_boundary(b as usize)
                        && marked[r as usize / 64] & 1 << (r % 64) != 0
                })
        }
        // Every record has its summary and notes; how many quotes is for the texts to say.
        Store::Copied { ends, first, .. } => {
            rows_fit(first, n, ends.len())
                && first
                    .windows(2)
                    .all(|w| w[1].checked_sub(w[0]) >= Some(super::FIRST_QUOTE as u32))
                && ends.windows(2).all(|w| w[0] <= w[1])
                && ends.last().map_or(0, |&e| e as usize) == arena.len()
                // Mapped texts had their ends checked as they were read, not to touch every
                // page of them again.
                && (matches!(arena, Arena::Mapped { .. })
                    || ends.iter().all(|&e| arena.is_char_boundary(e as usize)))
        }
    };
    let lengths = [
        c.bounds.len(),
        c.masks.len(),
        c.initials.len(),
        c.blooms.len(),
        c.summaries.len(),
        c.rank.len(),
        c.all.len(),
    ];
    lengths.iter().all(|&len| len == n)
        && below(&c.rank)
        && below(&c.all)
        && c.by_kind.len() == Kind::ALL.len()
        && c.by_kind.iter().all(|k| below(k))
        && bounds_fit()
        && texts_fit()
        && c.starts.fits()
        && c.vocabulary.fits(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load::load_builtin;

    /// A corpus read back must fit its records; each way a crafted file could be off is caught.
    #[test]
    fn a_corpus_that_does_not_fit_its_records_is_refused() {
        let index = Arc::new(Index::new(load_builtin().expect("built-in data")));
        let good = || Corpus::shared_built(Arc::clone(&index));
        assert!(fits(&good(), &index));
        type Break = fn(&mut Corpus);
        let breaks: [(&str, Break); 9] = [
            ("a bound past the keys", |c| c.bounds[3][3] = u32::MAX),
            ("bounds out of order", |c| c.bounds.swap(1, 2)),
            ("a short list", |c| {
                c.masks.pop();
            }),
            ("a record past the end", |c| c.all[0] = u32::MAX),
            ("a kind's record past the end", |c| c.by_kind[0].push(9_999)),
            ("a bound inside a character", |c| {
                let cjk = (0..c.len()).find(|&p| !c.name(p).is_ascii()).unwrap();
                let b = &mut c.bounds[cjk];
                let inside = c.keys[b[0] as usize..]
                    .char_indices()
                    .find(|(_, ch)| !ch.is_ascii())
                    .unwrap()
                    .0;
                b[1] = b[0] + inside as u32 + 1;
            }),
            ("a folded text past the arena", |c| {
                if let Store::Shared { folded, marked, .. } = &mut c.texts.store {
                    folded.insert((0, 0), (0, u32::MAX));
                    marked[0] |= 1;
                }
            }),
            ("a filter of word beginnings of another size", |c| {
                c.starts = Starts::sized(3);
            }),
            ("a posting past the end", |c| {
                let past = c.len() + 1;
                c.vocabulary = Vocabulary::new(past, |_| ("a b", ""));
            }),
        ];
        for (what, break_it) in breaks {
            let mut c = good();
            break_it(&mut c);
            assert!(!fits(&c, &index), "{what}");
        }
    }

    /// Texts kept beside a snapshot are read in place of the records: each way their lists
    /// could be off is caught before a search slices them.
    #[test]
    fn texts_that_do_not_fit_their_records_are_refused() {
        let index = Arc::new(Index::new(load_builtin().expect("built-in data")));
        let good = || Corpus::copied(&index);
        assert!(fits(&good(), &index));
        type Break = fn(&str, &mut Vec<u32>, &mut Vec<u32>);
        let breaks: [(&str, Break); 6] = [
            ("an end past the texts", |_, ends, _| {
                *ends.last_mut().unwrap() += 1
            }),
            ("ends out of order", |_, ends, _| ends.swap(3, 4)),
            ("a record without its notes", |_, _, first| {
                first[1] = first[0] + 1
            }),
            ("a record short of the fields", |_, _, first| {
                first.pop();
            }),
            ("fields past the last record", |_, ends, _| {
                let last = *ends.last().unwrap();
                ends.push(last);
            }),
            ("an end inside a character", |texts, ends, _| {
                let (at, _) = texts.char_indices().find(|(_, c)| !c.is_ascii()).unwrap();
                let end = ends.iter_mut().find(|e| **e as usize > at).unwrap();
                *end = at as u32 + 1;
            }),
        ];
        for (what, break_it) in breaks {
            let mut c = good();
            let texts = c.texts.arena.to_string();
            if let Store::Copied { ends, first, .. } = &mut c.texts.store {
                break_it(&texts, ends, first);
            }
            assert!(!fits(&c, &index), "{what}");
        }
    }
}
