//! A record's score for the whole query: listed for a query of no words, the whole query equal to a name, an alias or the id, each word's best match combined, and the quote to show.

use super::*;

/// A record listed for a query of no words (only a kind, or `quote:`).
pub(super) fn listed(c: &Corpus, pos: usize, quotes_only: bool) -> Option<Scored> {
    if quotes_only && c.slots(pos) <= FIRST_QUOTE {
        return None;
    }
    Some(Scored {
        tier: if quotes_only {
            Tier::Text
        } else {
            Tier::Prefix
        },
        points: 0,
        field: if quotes_only {
            Field::Quote(0)
        } else {
            Field::Name
        },
    })
}

/// Do the words of `text` equal the query's words?
pub(super) fn same_words(text: &str, words: &[Word]) -> bool {
    // Most texts differ in their first word: find that out without splitting.
    if !text.trim_start().starts_with(words[0].text.as_str()) {
        return false;
    }
    let mut parts = text.split_whitespace();
    words.iter().all(|w| parts.next() == Some(w.text.as_str())) && parts.next().is_none()
}

/// The whole query as the name, an alias or the id.
pub(super) fn exact(c: &Corpus, pos: usize, words: &[Word]) -> Option<Field> {
    // The words and a space between each: no key shorter than that can be them.
    let least: usize = words.iter().map(|w| w.text.len() + 1).sum::<usize>() - 1;
    if c.name(pos).len() + c.aliases(pos).len() + c.id(pos).len() < least {
        return None;
    }
    if same_words(c.name(pos), words) {
        Some(Field::Name)
    } else if !c.aliases(pos).is_empty()
        && c.aliases(pos)
            .split(ALIAS_BREAK)
            .any(|a| same_words(a, words))
    {
        Some(Field::Alias)
    } else if words.len() == 1 && c.id(pos) == words[0].text {
        Some(Field::Id)
    } else {
        None
    }
}

/// How the record at `pos` matches; `None` if some word matches nowhere.
pub fn score(
    c: &Corpus,
    m: &mut FastSkim,
    pos: usize,
    words: &[Word],
    quotes_only: bool,
) -> Option<Scored> {
    if words.is_empty() {
        return listed(c, pos, quotes_only);
    }
    let s = combined(words, |w| word(c, m, pos, w, quotes_only))?;
    if !quotes_only && let Some(field) = exact(c, pos, words) {
        return Some(Scored {
            tier: Tier::Exact,
            field,
            ..s
        });
    }
    Some(s)
}

/// For a hit in quotes: the quote with the most of the query's words (the first of those).
pub fn best_quote(c: &Corpus, pos: usize, words: &[Word], first: usize) -> usize {
    let mut best = (0, first);
    for slot in FIRST_QUOTE..c.slots(pos) {
        let n = words
            .iter()
            .filter(|w| c.holds(pos, slot, &w.needle, w.quoted))
            .count();
        if n > best.0 {
            best = (n, slot - FIRST_QUOTE);
        }
    }
    best.1
}
