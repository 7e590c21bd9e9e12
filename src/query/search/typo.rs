//! Typo tolerance for names and aliases: every distinct word of them once, with the records
//! that use it, so a query word is compared with each word of the dataset once rather than with
//! each word of each record.
//!
//! A query word of 4 to 7 characters may be one edit away from a name's word, a longer one two
//! edits; an edit inserts, deletes or replaces a character or swaps two neighbours (optimal
//! string alignment distance, from strsim). Shorter words must be typed right: one edit in three
//! letters matches nearly everything.

use super::engine::mask;
use rustc_hash::FxHashMap;

/// How many edits a query word of `chars` characters may carry.
pub fn allowed(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The words of names and aliases, each with the records (by scan position) whose name or
/// aliases contain it.
#[derive(Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Vocabulary {
    /// The words back to back; word `i` is `text[ends[i - 1]..ends[i]]`.
    text: String,
    ends: Vec<u32>,
    /// Which bytes each word has (see `engine::mask`), and its length in characters.
    masks: Vec<u64>,
    chars: Vec<u16>,
    /// Records using word `i`: `postings[starts[i]..starts[i + 1]]`, ascending, each its scan
    /// position shifted left by one, the low bit set when the word is in the name (else it is
    /// only in an alias).
    starts: Vec<u32>,
    postings: Vec<u32>,
}

/// A record one of whose name or alias words is near a query word: how near, and whether the
/// word is in the name (else in an alias).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Near {
    pub position: u32,
    pub edits: u8,
    pub in_name: bool,
}

/// The words of a folded name or alias: runs of letters and digits.
pub fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

impl Vocabulary {
    /// `names(position)` gives a record's folded name and its folded aliases.
    pub fn new<'a>(len: usize, names: impl Fn(usize) -> (&'a str, &'a str)) -> Vocabulary {
        let mut ids: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut v = Vocabulary::default();
        // Every (word, posting), in position order; counted into postings below.
        let mut uses: Vec<(u32, u32)> = Vec::new();
        for pos in 0..len {
            let (name, aliases) = names(pos);
            let first = uses.len();
            let words = split(name)
                .map(|w| (w, 1))
                .chain(split(aliases).map(|w| (w, 0)));
            for (word, in_name) in words {
                let next = ids.len() as u32;
                let id = *ids.entry(word).or_insert_with(|| {
                    v.text.push_str(word);
                    v.ends.push(v.text.len() as u32);
                    v.masks.push(mask(word.as_bytes()));
                    v.chars
                        .push(word.chars().count().min(usize::from(u16::MAX)) as u16);
                    next
                });
                let posting = (pos as u32) << 1 | in_name;
                match uses[first..].iter_mut().find(|(w, _)| *w == id) {
                    Some(seen) => seen.1 |= in_name,
                    None => uses.push((id, posting)),
                }
            }
        }
        let mut next = vec![0u32; ids.len() + 1];
        for &(w, _) in &uses {
            next[w as usize + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        v.starts = next.clone();
        v.postings = vec![0; uses.len()];
        for &(w, posting) in &uses {
            let slot = &mut next[w as usize];
            v.postings[*slot as usize] = posting;
            *slot += 1;
        }
        v
    }

    /// Whether its offsets fit its own text and lists, and its postings `records` records:
    /// what a vocabulary read back from a file must show before it is used.
    pub fn fits(&self, records: usize) -> bool {
        let words = self.ends.len();
        let ascending = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        ascending(&self.ends)
            && self
                .ends
                .last()
                .is_none_or(|&e| e as usize <= self.text.len())
            && self
                .ends
                .iter()
                .all(|&e| self.text.is_char_boundary(e as usize))
            && self.masks.len() == words
            && self.chars.len() == words
            && self.starts.len() == words + 1
            && self.starts.first() == Some(&0)
            && ascending(&self.starts)
            && self.starts.last().map(|&s| s as usize) == Some(self.postings.len())
            && self.postings.iter().all(|&p| ((p >> 1) as usize) < records)
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Records with a name or alias word within the allowed edits of `word` (folded), by
    /// position, ascending; empty when the word is too short for typos.
    pub fn near(&self, word: &str) -> Vec<Near> {
        let chars = word.chars().count();
        let k = allowed(chars);
        if k == 0 {
            return Vec::new();
        }
        let m = mask(word.as_bytes());
        // An edit changes one character: at most one byte's bit for ASCII, a few for others.
        let bits = if word.is_ascii() {
            k as u32
        } else {
            4 * k as u32
        };
        let mut out: Vec<Near> = Vec::new();
        for i in 0..self.ends.len() {
            if usize::from(self.chars[i]).abs_diff(chars) > k
                || (m & !self.masks[i]).count_ones() > bits
                || (self.masks[i] & !m).count_ones() > bits
            {
                continue;
            }
            let edits = strsim::osa_distance(word, self.word(i));
            if edits > k {
                continue;
            }
            let postings = &self.postings[self.starts[i] as usize..self.starts[i + 1] as usize];
            out.extend(postings.iter().map(|&p| Near {
                position: p >> 1,
                edits: edits as u8,
                in_name: p & 1 == 1,
            }));
        }
        // The nearest word, and a name before an alias, for each record.
        out.sort_unstable_by_key(|n| (n.position, n.edits, !n.in_name));
        out.dedup_by_key(|n| n.position);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::search::fold::fold;

    fn vocabulary(names: &[(&str, &str)]) -> (Vocabulary, Vec<(String, String)>) {
        let folded: Vec<(String, String)> = names.iter().map(|(n, a)| (fold(n), fold(a))).collect();
        let v = Vocabulary::new(folded.len(), |i| {
            (folded[i].0.as_str(), folded[i].1.as_str())
        });
        (v, folded)
    }

    fn near(v: &Vocabulary, typed: &str) -> Vec<(u32, u8, bool)> {
        v.near(&fold(typed))
            .into_iter()
            .map(|n| (n.position, n.edits, n.in_name))
            .collect()
    }

    #[test]
    fn a_transposition_is_one_edit() {
        let (v, _) = vocabulary(&[
            ("Christoph Stückelberger", ""),
            ("Tan Weiping", ""),
            ("Xingfu Quan", "Spring of Happiness"),
        ]);
        assert_eq!(near(&v, "stuckleberger"), [(0, 1, true)]);
        assert_eq!(near(&v, "weipign"), [(1, 1, true)]);
        assert_eq!(near(&v, "xingfo"), [(2, 1, true)]);
        assert_eq!(near(&v, "hapiness"), [(2, 1, false)], "an alias");
        // Accents and full-width letters fold before distances are measured.
        assert_eq!(near(&v, "ＳＴＵＣＫＬＥＢＥＲＧＥＲ"), [(0, 1, true)]);
        assert_eq!(near(&v, "stückleberger"), [(0, 1, true)]);
    }

    #[test]
    fn longer_words_may_carry_more_typos() {
        let (v, _) = vocabulary(&[("Christoph Stuckelberger", ""), ("Tan Weiping", "")]);
        // Two edits in a word of 8 letters or more, one in 4 to 7, none below 4.
        assert_eq!(near(&v, "stukelbergr"), [(0, 2, true)]);
        assert!(near(&v, "stkelbergr").is_empty(), "three edits");
        assert_eq!(near(&v, "weiping"), [(1, 0, true)]);
        assert!(near(&v, "wiepign").is_empty(), "two edits in 7 letters");
        assert!(near(&v, "tam").is_empty(), "three letters must be right");
        assert_eq!(allowed(3), 0);
        assert_eq!(allowed(4), 1);
        assert_eq!(allowed(7), 1);
        assert_eq!(allowed(8), 2);
    }

    #[test]
    fn cjk_words_are_measured_in_characters() {
        let (v, _) = vocabulary(&[("Yunnan Green Water Foundation — 云南绿水基金会", "")]);
        // One character replaced in seven.
        assert_eq!(near(&v, "云南绿火基金会"), [(0, 1, true)]);
        // Two in seven is too many.
        assert!(near(&v, "云南红火基金会").is_empty());
        // Full-width ASCII typed by a CJK input method folds first.
        assert_eq!(near(&v, "ｆｏｕｎｄａｔｉｏｍ"), [(0, 1, true)]);
    }

    #[test]
    fn each_record_once_with_its_nearest_word() {
        let (v, _) = vocabulary(&[
            ("Geneva Agape Foundation", "Fondation Agape"),
            ("Amity Foundation", ""),
            ("Foundations", ""),
        ]);
        assert_eq!(
            near(&v, "fondation"),
            [(0, 0, false), (1, 1, true), (2, 2, true)]
        );
    }
}
