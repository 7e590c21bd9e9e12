//! Every quote of the built-in data can be found by its words. For each quote, its longest word
//! with `quote:` must find the record, pointing at that quote with an excerpt that highlights
//! the word; where the quote has a word no other field has, that word alone must find every
//! record quoting it, each with the quote and the excerpt; and where it has none (its words are
//! all in some name or summary too), its rarest word alone must still find the record.

use ngo_atlas::data::index::Index;
use ngo_atlas::query::search::fold::fold;
use ngo_atlas::query::search::{Field, Query, Searcher, Tier, excerpt};
use std::collections::BTreeSet;

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
}

/// Whether `word` begins a word of `text` (both folded).
fn starts_a_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        before.is_none_or(|c| !c.is_alphanumeric())
            || !word.starts_with(char::is_alphanumeric)
            || text[at..]
                .chars()
                .next()
                .is_some_and(|c| ('\u{3400}'..='\u{9FFF}').contains(&c))
    })
}

fn subsequence(text: &str, word: &str) -> bool {
    let mut rest = text.chars();
    word.chars().all(|w| rest.any(|c| c == w))
}

/// Could `word` match a record's name, aliases or id (fuzzily, as a word or by a typo)? Then
/// that record is listed for its name rather than its quote.
fn keys_match(r: &ngo_atlas::data::record::Record, word: &str) -> bool {
    let keys: Vec<String> = std::iter::once(r.name())
        .chain(r.aliases().iter().map(|a| a.as_str()))
        .map(fold)
        .collect();
    keys.iter().any(|k| subsequence(k, word))
        || starts_a_word(&fold(r.id().as_str()), word)
        || keys
            .iter()
            .flat_map(|k| words(k).map(String::from).collect::<Vec<_>>())
            .any(|k| strsim::osa_distance(&k, word) <= 2)
}

#[test]
fn a_word_only_in_quotes_finds_the_records_that_quote_it() {
    let index =
        Index::new(ngo_atlas::ingest::load::load_builtin().expect("the built-in dataset loads"));
    let searcher = Searcher::new(&index);
    // Every field other than quotes, folded.
    let others: Vec<String> = index
        .records
        .iter()
        .flat_map(|r| {
            let mut v = vec![fold(r.name()), fold(r.id().as_str()), fold(r.summary())];
            v.extend(r.aliases().iter().map(|a| fold(a)));
            v.extend(r.notes().map(fold));
            v
        })
        .collect();
    let quotes: Vec<(usize, Vec<String>)> = index
        .all()
        .map(|i| {
            (
                i,
                index
                    .record(i)
                    .sources()
                    .iter()
                    .map(|s| fold(&s.quote))
                    .collect(),
            )
        })
        .collect();
    // Every field of each record, folded, by record.
    let fields: Vec<Vec<String>> = index
        .records
        .iter()
        .map(|r| {
            let mut v = vec![fold(r.name()), fold(r.id().as_str()), fold(r.summary())];
            v.extend(r.aliases().iter().map(|a| fold(a)));
            v.extend(r.notes().map(fold));
            v.extend(r.sources().iter().map(|s| fold(&s.quote)));
            v
        })
        .collect();
    let (mut checked, mut skipped, mut rarest_found) = (0, Vec::new(), 0);
    for (record, its_quotes) in &quotes {
        let r = index.record(*record);
        for (i, quote) in its_quotes.iter().enumerate() {
            // The longest word of this quote that no other field has, and that does not match
            // the record's own name.
            let unique = words(quote)
                .filter(|w| !others.iter().any(|t| starts_a_word(t, w)))
                .filter(|w| !keys_match(r, w))
                .max_by_key(|w| (w.len(), std::cmp::Reverse(quote.find(w))));
            // Any quote can be searched alone with `quote:`, by its longest word.
            let longest = words(quote).max_by_key(|w| (w.len(), std::cmp::Reverse(quote.find(w))));
            if let Some(word) = longest {
                let query = Query::parse(&format!("quote: {word}"));
                let found = searcher.find(&query, index.len());
                let hit = found.hits.iter().find(|h| h.record == *record);
                let hit = hit.unwrap_or_else(|| panic!("`quote: {word}` misses {}", r.id()));
                let Field::Quote(q) = hit.field else {
                    panic!("`quote: {word}` matched {:?}", hit.field);
                };
                assert!(starts_a_word(&its_quotes[q], word), "`quote: {word}`");
                let e = excerpt(&index, hit, &query, 60).expect("an excerpt");
                assert!(
                    e.highlights
                        .iter()
                        .any(|h| fold(&e.text[h.clone()]) == word),
                    "{e:?}"
                );
                assert!(
                    found
                        .hits
                        .iter()
                        .all(|h| matches!(h.field, Field::Quote(_)))
                );
            }
            let Some(word) = unique else {
                let rarest = words(quote).min_by_key(|w| {
                    let holders = fields
                        .iter()
                        .filter(|f| f.iter().any(|t| starts_a_word(t, w)));
                    (holders.count(), std::cmp::Reverse(w.len()))
                });
                if let Some(word) = rarest {
                    let query = Query::parse(word);
                    let found = searcher.find(&query, index.len());
                    let hit = found.hits.iter().find(|h| h.record == *record);
                    let hit = hit.unwrap_or_else(|| panic!("`{word}` misses {}", r.id()));
                    if matches!(hit.field, Field::Summary | Field::Quote(_) | Field::Note) {
                        let e = excerpt(&index, hit, &query, 60).expect("an excerpt");
                        assert!(
                            e.highlights
                                .iter()
                                .any(|h| fold(&e.text[h.clone()]) == word),
                            "`{word}` in {e:?}"
                        );
                    }
                    rarest_found += 1;
                }
                skipped.push(format!("{}#{i}", r.id()));
                continue;
            };
            let quoting: BTreeSet<usize> = quotes
                .iter()
                .filter(|(_, qs)| qs.iter().any(|q| starts_a_word(q, word)))
                .map(|(j, _)| *j)
                .collect();
            let query = Query::parse(word);
            let found = searcher.find(&query, index.len());
            let in_quotes: BTreeSet<usize> = found
                .hits
                .iter()
                .filter(|h| h.tier() == Some(Tier::Text))
                .map(|h| h.record)
                .collect();
            assert!(
                in_quotes.is_subset(&quoting),
                "`{word}`: {in_quotes:?} vs {quoting:?}"
            );
            let all: BTreeSet<usize> = found.hits.iter().map(|h| h.record).collect();
            assert!(
                quoting.is_subset(&all),
                "`{word}`: a record quoting it is missing"
            );
            let hit = found
                .hits
                .iter()
                .find(|h| h.record == *record)
                .expect("the record is among the hits");
            assert_eq!(hit.tier(), Some(Tier::Text), "`{word}` for {}", r.id());
            let Field::Quote(q) = hit.field else {
                panic!("`{word}` matched {:?} of {}", hit.field, r.id());
            };
            assert!(starts_a_word(&its_quotes[q], word), "`{word}`");
            let e = excerpt(&index, hit, &query, 60).expect("an excerpt");
            assert!(e.source_name.as_deref().is_some_and(|n| !n.is_empty()));
            let marked: Vec<String> = e
                .highlights
                .iter()
                .map(|h| fold(&e.text[h.clone()]))
                .collect();
            assert!(marked.iter().any(|m| m == word), "`{word}` in {e:?}");
            checked += 1;
        }
    }
    let total = checked + skipped.len();
    // Many quotes are a name, or a phrase whose every word is in some name or summary too
    // (summaries say only what their quotes support): those were found with `quote:` and by
    // their rarest word. Both kinds must be there for the test to test anything.
    assert!(checked > 0, "no quote had a word of its own");
    assert!(rarest_found > 0, "every quote had a word of its own");
    eprintln!(
        "{checked} of {total} quotes found by a word of their own, {rarest_found} by their \
         rarest word; not by a word of their own: {skipped:?}"
    );
}
