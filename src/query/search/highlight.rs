//! Where a query's words are in a field, as byte ranges of the original text, for drawing.
//!
//! Every occurrence is marked, not only the one that ranked the record: `/foundation` lights up
//! each "Foundation" of a name, its aliases, its summary and its quotes. In names, aliases and
//! ids a word that is not found as typed is shown where it matched fuzzily, or as the whole word
//! it is a typo of.

use super::fold::Mapped;
use super::typo::{allowed, split};
use super::words::Needle;
use super::{Field, Query};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;

/// The ranges of `text` (a field of kind `field`) that `query` matches, sorted and merged.
pub fn highlight(text: &str, query: &Query, field: Field) -> Vec<Range<usize>> {
    if query.words.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let folded = Mapped::new(text);
    let mut found: Vec<Range<usize>> = Vec::new();
    let keys = matches!(field, Field::Name | Field::Alias | Field::Id);
    for word in &query.words {
        let at_starts = Needle::new(word).find_all(&folded.text);
        if !at_starts.is_empty() || !keys {
            found.extend(at_starts);
            continue;
        }
        let typed: Vec<Range<usize>> = folded
            .text
            .match_indices(word.as_str())
            .map(|(at, w)| at..at + w.len())
            .collect();
        if !typed.is_empty() {
            found.extend(typed);
        } else if let Some(fuzzy) = fuzzy(&folded.text, word) {
            found.extend(fuzzy);
        } else {
            found.extend(typos(&folded.text, word));
        }
    }
    let mut out: Vec<Range<usize>> = found.into_iter().map(|r| folded.original(r)).collect();
    out.sort_unstable_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The characters of the best fuzzy alignment, as byte ranges of `folded`.
fn fuzzy(folded: &str, word: &str) -> Option<Vec<Range<usize>>> {
    let (_, chars) = SkimMatcherV2::default().fuzzy_indices(folded, word)?;
    let starts: Vec<(usize, char)> = folded.char_indices().collect();
    Some(
        chars
            .into_iter()
            .filter_map(|i| starts.get(i))
            .map(|&(at, c)| at..at + c.len_utf8())
            .collect(),
    )
}

/// The words of `folded` within the allowed edits of `word`.
fn typos(folded: &str, word: &str) -> Vec<Range<usize>> {
    let k = allowed(word.chars().count());
    if k == 0 {
        return Vec::new();
    }
    let base = folded.as_ptr() as usize;
    split(folded)
        .filter(|w| strsim::osa_distance(w, word) <= k)
        .map(|w| {
            let at = w.as_ptr() as usize - base;
            at..at + w.len()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, query: &str, field: Field) -> Vec<&'a str> {
        highlight(text, &Query::parse(query), field)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn every_occurrence_is_marked() {
        let text = "The Amity Foundation and the China Foundation for Poverty Alleviation";
        assert_eq!(
            marked(text, "foundation", Field::Summary),
            ["Foundation", "Foundation"]
        );
        assert_eq!(
            marked(text, "found china", Field::Name),
            ["Found", "China", "Found"]
        );
    }

    #[test]
    fn names_show_fuzzy_letters_and_typos() {
        assert_eq!(
            marked("Tan Weiping", "tnwp", Field::Name),
            ["T", "n", "W", "p"]
        );
        assert_eq!(
            marked("Christoph Stuckelberger", "stuckleberger", Field::Name),
            ["Stuckelberger"]
        );
        // Texts are searched word by word only.
        assert!(marked("Tan Weiping", "tnwp", Field::Quote(0)).is_empty());
    }

    #[test]
    fn highlights_land_on_the_original_characters() {
        assert_eq!(
            marked(
                "Christoph Stückelberger’s",
                "stuckelberger's",
                Field::Quote(0)
            ),
            ["Stückelberger’s"]
        );
        assert_eq!(
            marked("ＣＮＩＥ　２０１９", "cnie 2019", Field::Name),
            ["ＣＮＩＥ", "２０１９"]
        );
        assert_eq!(marked("云南绿水基金会", "基金", Field::Name), ["基金"]);
        assert_eq!(marked("Ｃａｆé", "cafe", Field::Name), ["Ｃａｆé"]);
    }
}
