//! A shared corpus kept beside the snapshot of its records (a companion file, see
//! `ingest::snapshot::companion`), so that a warm run reads it instead of folding every name
//! and filtering every text again: at a million records, 3 s of a `search` command's 4 s.
//!
//! What is read is trusted only after checks: the file's identity and checksum (the
//! companion), `rkyv`'s validation of the archive, and [`Kept::fits`], which makes sure every
//! length and offset fits the records and the texts, so no slice a search takes can fail.

use super::{Bloom, Corpus, Store, Texts, Vocabulary};
use crate::data::dataset::Companion;
use crate::data::index::Index;
use crate::data::model::Kind;
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
    vocabulary: &'a Vocabulary,
}

/// The corpus kept for `index`'s records, if there is one that can be trusted.
pub fn read(index: &Arc<Index>) -> Option<Corpus> {
    companion::read_as(index.companion()?, "search corpus", |bytes| {
        let kept = rkyv::access::<ArchivedKept<'static>, Error>(bytes)
            .map_err(|e| format!("not a corpus: {e}"))?;
        let corpus = owned(kept, index).map_err(|e| format!("not a corpus: {e}"))?;
        match fits(&corpus, index) {
            true => Ok(corpus),
            false => Err("it does not fit the records".to_string()),
        }
    })
}

/// Keeps `corpus` as `companion`, for the next run on the same snapshot (a copied corpus is
/// not kept: it is for small data).
pub fn write(corpus: &Corpus, companion: &Companion) {
    let Store::Shared { folded, marked, .. } = &corpus.texts.store else {
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
        arena: &corpus.texts.arena,
        folded,
        marked,
        blooms: &corpus.blooms,
        summaries: &corpus.summaries,
        vocabulary: &corpus.vocabulary,
    };
    companion::write_archive(companion, "search corpus", &kept);
}

/// The corpus the archive holds, copied out, reading its texts from `index`.
fn owned(k: &ArchivedKept, index: &Arc<Index>) -> Result<Corpus, Error> {
    use rkyv::deserialize as de;
    let folded: Vec<[u32; 4]> = de(&k.folded)?;
    Ok(Corpus {
        keys: k.keys.as_str().to_string(),
        bounds: de(&k.bounds)?,
        masks: de(&k.masks)?,
        initials: de(&k.initials)?,
        rank: de(&k.rank)?,
        all: de(&k.all)?,
        by_kind: de(&k.by_kind)?,
        texts: Texts {
            arena: k.arena.as_str().to_string(),
            store: Store::Shared {
                index: Arc::clone(index),
                folded: folded
                    .iter()
                    .map(|&[r, s, a, b]| ((r, s), (a, b)))
                    .collect(),
                marked: de(&k.marked)?,
            },
        },
        blooms: de(&k.blooms)?,
        summaries: de(&k.summaries)?,
        vocabulary: de(&k.vocabulary)?,
    })
}

/// Whether every length and offset of `c` fits `index`'s records and `c`'s texts.
fn fits(c: &Corpus, index: &Index) -> bool {
    let n = index.len();
    let Store::Shared { folded, marked, .. } = &c.texts.store else {
        return false;
    };
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
    let folded_fit = || {
        folded.iter().all(|(&(r, s), &(a, b))| {
            (r as usize) < n
                && (s as usize) < super::slots(index.record(r as usize))
                && a <= b
                && c.texts.arena.is_char_boundary(a as usize)
                && c.texts.arena.is_char_boundary(b as usize)
                && marked[r as usize / 64] & 1 << (r % 64) != 0
        })
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
        && marked.len() == n.div_ceil(64)
        && bounds_fit()
        && folded_fit()
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
        let breaks: [(&str, Break); 8] = [
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
}
