//! The search rules written out plainly, as the reference the fast engine must agree with:
//! every record in the index's order, every field read from the record and folded on the spot,
//! fuzzy-matcher's own `SkimMatcherV2` (a fresh one per call), word starts found by walking
//! every character, typos by comparing every word, and a stable sort of everything. Slow and
//! obviously right is the point; the engine's masks, copies, vocabulary, narrowing and threads
//! are what is under test.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ngo_atlas::data::index::Index;
use ngo_atlas::data::record::Record;
use ngo_atlas::query::search::fold::fold;
use ngo_atlas::query::search::{Field, Hit, Query, Tier};

fn cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() && !cjk(c)
}

/// The first place `word` begins a word of `text` (both folded), and whether it is whole there.
pub fn word_start(text: &str, word: &str) -> Option<(usize, bool)> {
    for (i, _) in text.char_indices() {
        if !text[i..].starts_with(word) {
            continue;
        }
        let first = text[i..].chars().next().is_some_and(word_char);
        let before = text[..i].chars().next_back().is_some_and(word_char);
        if before && first {
            continue;
        }
        let end = i + word.len();
        let last = text[..end].chars().next_back().is_some_and(word_char);
        let after = text[end..].chars().next().is_some_and(word_char);
        return Some((i, !(last && after)));
    }
    None
}

/// Whether `word`'s characters occur in `text` in order, starting where a word of it begins.
fn from_a_word_start(text: &str, word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    text.char_indices().any(|(i, c)| {
        let before = text[..i].chars().next_back().is_some_and(word_char);
        if c != first || (before && word_char(c)) {
            return false;
        }
        let mut after = text[i + c.len_utf8()..].chars();
        rest.iter().all(|r| after.any(|a| a == *r))
    })
}

fn skim(text: &str, word: &str) -> Option<i64> {
    SkimMatcherV2::default()
        .ignore_case()
        .fuzzy_match(text, word)
}

fn allowed(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

type Match = (Tier, i64, Field);

fn better(a: Match, b: Option<Match>) -> bool {
    b.is_none_or(|b| (a.0, -a.1) < (b.0, -b.1))
}

fn text_points(word: &str) -> i64 {
    32 * word.chars().count() as i64
}

fn quotes(r: &Record) -> Vec<String> {
    r.sources().iter().map(|s| fold(&s.quote)).collect()
}

/// A word's match in the summary, a quote or the notes.
fn in_texts(r: &Record, word: &str) -> Option<Match> {
    if word_start(&fold(r.summary()), word).is_some() {
        return Some((Tier::Summary, text_points(word), Field::Summary));
    }
    let in_quote = quotes(r).iter().enumerate().find_map(|(i, q)| {
        word_start(q, word).map(|_| (Tier::Text, text_points(word), Field::Quote(i)))
    });
    in_quote.or_else(|| {
        let notes = fold(r.notes()?);
        word_start(&notes, word).map(|_| (Tier::Text, text_points(word), Field::Note))
    })
}

/// A word's match; for a short query's one word (`short`), a text that holds it beats its
/// letters scattered through a name or a typo.
fn one_word(r: &Record, word: &str, quotes_only: bool, short: bool) -> Option<Match> {
    let m = key_or_text(r, word, quotes_only)?;
    if short && matches!(m.0, Tier::Fuzzy | Tier::Typo) {
        return in_texts(r, word).or(Some(m));
    }
    Some(m)
}

fn key_or_text(r: &Record, word: &str, quotes_only: bool) -> Option<Match> {
    let in_quotes = || {
        quotes(r).iter().enumerate().find_map(|(i, q)| {
            word_start(q, word).map(|_| (Tier::Text, text_points(word), Field::Quote(i)))
        })
    };
    if quotes_only {
        return in_quotes();
    }
    let mut best: Option<Match> = None;
    let keys = std::iter::once((Field::Name, 4, fold(r.name())))
        .chain(r.aliases().iter().map(|a| (Field::Alias, 3, fold(a))));
    for (field, weight, text) in keys.clone() {
        let typed = text.contains(word);
        if !typed && !from_a_word_start(&text, word) {
            continue;
        }
        if let Some(s) = skim(&text, word) {
            let tier = if word_start(&text, word).is_some() {
                Tier::Prefix
            } else {
                Tier::Fuzzy
            };
            let m = (tier, s * weight * if typed { 2 } else { 1 }, field);
            if better(m, best) {
                best = Some(m);
            }
        }
    }
    if best.is_none() {
        let id = fold(r.id().as_str());
        if word_start(&id, word).is_some()
            && let Some(s) = skim(&id, word)
        {
            best = Some((Tier::Fuzzy, s * 4, Field::Id));
        }
    }
    if best.is_some() {
        return best;
    }
    let chars = word.chars().count();
    let k = allowed(chars);
    let typo = keys
        .flat_map(|(field, weight, text)| {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| (strsim::osa_distance(w, word), field, weight))
                .collect::<Vec<_>>()
        })
        .filter(|&(d, ..)| k > 0 && d <= k)
        .min_by_key(|&(d, _, weight)| (d, -weight));
    if let Some((d, field, weight)) = typo {
        return Some((
            Tier::Typo,
            weight * 16 * (2 * chars as i64 - d as i64),
            field,
        ));
    }
    if word_start(&fold(r.summary()), word).is_some() {
        return Some((Tier::Summary, text_points(word), Field::Summary));
    }
    in_quotes().or_else(|| {
        let notes = fold(r.notes()?);
        word_start(&notes, word).map(|_| (Tier::Text, text_points(word), Field::Note))
    })
}

fn same_words(text: &str, words: &[String]) -> bool {
    let parts: Vec<&str> = text.split_whitespace().collect();
    parts == words.iter().map(String::as_str).collect::<Vec<_>>()
}

/// The words of folded text, walked character by character: runs of word characters, and
/// each CJK character alone.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if word_char(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if cjk(c) {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether some run of the text's words is the phrase's, the last one begun.
fn holds_phrase(text: &str, phrase: &[String]) -> bool {
    let text = tokens(text);
    let phrase: Vec<String> = phrase.iter().flat_map(|w| tokens(w)).collect();
    let Some(last) = phrase.len().checked_sub(1) else {
        return false;
    };
    text.windows(phrase.len()).any(|run| {
        run.iter().zip(&phrase).enumerate().all(|(k, (t, p))| {
            if k == last {
                t.starts_with(p.as_str())
            } else {
                t == p
            }
        })
    })
}

/// Phrases each in one field, no left-out word or phrase in any: every field read and folded.
fn narrowed(r: &Record, query: &Query) -> bool {
    let mut fields = quotes(r);
    if !query.quotes_only {
        fields.push(fold(r.name()));
        fields.extend(r.aliases().iter().map(|a| fold(a)));
        fields.push(fold(r.id().as_str()));
        fields.push(fold(r.summary()));
        fields.extend(r.notes().map(fold));
    }
    let holds = |term: &[String]| fields.iter().any(|f| holds_phrase(f, term));
    query
        .phrases
        .iter()
        .filter(|p| p.len() > 1)
        .all(|p| holds(p))
        && !query.without.iter().any(|w| holds(w))
}

/// How `r` matches `query`, if it does.
pub fn score(r: &Record, query: &Query) -> Option<Match> {
    if !narrowed(r, query) {
        return None;
    }
    if query.words.is_empty() {
        if query.quotes_only {
            return (!r.sources().is_empty()).then_some((Tier::Text, 0, Field::Quote(0)));
        }
        return Some((Tier::Prefix, 0, Field::Name));
    }
    let mut worst: Option<Match> = None;
    let mut points = 0;
    for w in &query.words {
        let m = one_word(r, w, query.quotes_only, query.is_short())?;
        points += m.1;
        if worst.is_none_or(|x| m.0 > x.0) {
            worst = Some(m);
        }
    }
    let (tier, _, field) = worst?;
    if !query.quotes_only {
        let exact = if same_words(&fold(r.name()), &query.words) {
            Some(Field::Name)
        } else if r
            .aliases()
            .iter()
            .any(|a| same_words(&fold(a), &query.words))
        {
            Some(Field::Alias)
        } else if query.words.len() == 1 && fold(r.id().as_str()) == query.words[0] {
            Some(Field::Id)
        } else {
            None
        };
        if let Some(f) = exact {
            return Some((Tier::Exact, points, f));
        }
    }
    Some((tier, points, field))
}

/// The quote of `r` with the most of the words, the first of those; `first` if none has any.
fn best_quote(r: &Record, words: &[String], first: usize) -> usize {
    let mut best = (0, first);
    for (i, q) in quotes(r).iter().enumerate() {
        let n = words.iter().filter(|w| word_start(q, w).is_some()).count();
        if n > best.0 {
            best = (n, i);
        }
    }
    best.1
}

/// The best `limit` hits for `query`, best first, ties in the index's order.
pub fn search(index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
    let candidates: Vec<usize> = match query.kind {
        Some(k) => index.of_kind(k).to_vec(),
        None => index.all().collect(),
    };
    let mut hits: Vec<Hit> = candidates
        .into_iter()
        .filter_map(|record| {
            let (tier, points, field) = score(index.record(record), query)?;
            Some(Hit {
                record,
                score: Hit::rank(tier, points),
                field,
            })
        })
        .collect();
    // A short word (four characters at most) lists its loose matches (letters scattered
    // through a name: the fuzzy tier, or a typo) only when nothing matches better.
    let loose = |h: &Hit| matches!(h.tier(), Some(Tier::Fuzzy | Tier::Typo));
    if query.is_short() && hits.iter().any(|h| !loose(h)) {
        hits.retain(|h| !loose(h));
    }
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits.truncate(limit);
    for h in &mut hits {
        if let Field::Quote(first) = h.field {
            h.field = Field::Quote(best_quote(index.record(h.record), &query.words, first));
        }
    }
    hits
}
