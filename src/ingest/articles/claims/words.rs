//! The words of a claim: sentences, the words in them that carry a fact (names, numbers, dates,
//! qualifiers such as "yearly" or "capital"), and the form in which a word is compared with the
//! words of the evidence, so that "Cambodian" finds "Cambodia", "eleven" finds "11" and "NGOs"
//! finds "NGO".

use std::ops::Range;

/// What makes a word a claim to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A figure, an ordinal or a year: `1,536`, `18th`, `2019`, `eleven`, `million`.
    Number,
    /// A name: capitalized inside a sentence, an acronym, a word in another script, or a
    /// sentence's first word when the dataset never writes it in lower case.
    Proper,
    /// A word that widens or narrows a statement: "all", "first", "yearly", "capital".
    Qualifier,
}

/// A word of a text: where it is (bytes) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub at: Range<usize>,
    pub text: &'a str,
    /// First word of a sentence, or first after an opening quotation mark: its capital says
    /// nothing about it being a name.
    pub initial: bool,
}

/// Words that qualify a statement and are checked like names, with the words of the evidence
/// that say the same (each group's first word is the one compared).
const QUALIFIERS: &[&[&str]] = &[
    &["all"],
    &["each", "every"],
    &["only", "sole", "solely"],
    &["first"],
    &["last"],
    &["whole", "entire", "entirely"],
    &["total"],
    &["yearly", "annual", "annually"],
    &["monthly"],
    &["weekly"],
    &["daily"],
    &["recurring", "recurrent"],
    &["regular", "regularly"],
    &["capital"],
    &["largest", "biggest"],
    &["main", "principal"],
    &["always"],
    &["never"],
    &["most"],
    &["several"],
    &["many"],
    &["half"],
    &["global", "worldwide"],
];

/// Phrases of the evidence that say what a qualifier says: "each year" is "yearly".
const PHRASES: &[(&str, &str, &str)] = &[
    ("each", "year", "yearly"),
    ("every", "year", "yearly"),
    ("per", "year", "yearly"),
    ("number", "of", "several"),
];

/// Number words and their digits; "one" is left out, as it is mostly "one of".
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("sixty", "60"),
    ("seventy", "70"),
    ("eighty", "80"),
    ("ninety", "90"),
    ("hundred", "hundred"),
    ("hundreds", "hundred"),
    ("thousand", "thousand"),
    ("thousands", "thousand"),
    ("million", "million"),
    ("millions", "million"),
    ("billion", "billion"),
    ("billions", "billion"),
    ("dozen", "dozen"),
    ("dozens", "dozen"),
];

/// The sentences of `text`, as byte ranges: a sentence ends at `.`, `!` or `?` followed by white
/// space and a capital, a digit or a quotation mark, or at the end of the text.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = &text[i + c.len_utf8()..];
        let trimmed = rest.trim_start();
        let spaced = trimmed.len() < rest.len();
        let next = trimmed.chars().next();
        let opens = next.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '\'')
        });
        if spaced && opens {
            let end = i + c.len_utf8();
            push_trimmed(&mut out, text, start..end);
            start = text.len() - trimmed.len();
            while chars.peek().is_some_and(|&(j, _)| j < start) {
                chars.next();
            }
        }
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if !body.is_empty() {
        out.push(r.start + lead..r.start + lead + body.len());
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// An opening quotation mark (or bracket): a straight `"` opens when it follows a space.
fn opens(c: char, before: Option<char>) -> bool {
    match c {
        '“' | '‘' | '«' | '(' => true,
        '"' | '\'' => before.is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// The words of a sentence (or of any text): runs of letters and digits, with apostrophes inside
/// a word (`Thailand's`) and `,` or `.` between digits (`1,536`, `98.99`); hyphens and dashes
/// separate words (`ASEAN-China` is two).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let b: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    let mut initial = true;
    while k < b.len() {
        let (i, c) = b[k];
        if !c.is_alphanumeric() {
            if opens(c, k.checked_sub(1).map(|j| b[j].1)) {
                initial = true;
            }
            k += 1;
            continue;
        }
        let mut e = k + 1;
        while e < b.len() {
            let c = b[e].1;
            let joins = |ok: fn(char) -> bool| {
                e > k && ok(b[e - 1].1) && b.get(e + 1).is_some_and(|&(_, n)| ok(n))
            };
            if c.is_alphanumeric()
                || (is_apostrophe(c) && joins(char::is_alphanumeric))
                || (matches!(c, ',' | '.') && joins(|c| c.is_ascii_digit()))
            {
                e += 1;
            } else {
                break;
            }
        }
        let end = b.get(e).map_or(text.len(), |&(j, _)| j);
        out.push(Word {
            at: i..end,
            text: &text[i..end],
            initial,
        });
        initial = false;
        k = e;
    }
    out
}

/// The form a word is compared in: lower case, straight apostrophes, no possessive, numbers
/// without thousands separators or ordinal suffixes, number words as digits, qualifiers by their
/// group's first word, and a light stem so that plurals and country adjectives meet their nouns.
pub fn key(word: &str) -> String {
    let mut w: String = word
        .chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(stripped) = w.strip_suffix("'s").or_else(|| w.strip_suffix('\'')) {
        w = stripped.to_string();
    }
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return number(&w);
    }
    if let Some(&(_, digits)) = NUMBER_WORDS.iter().find(|(n, _)| *n == w) {
        return digits.to_string();
    }
    if let Some(group) = QUALIFIERS.iter().find(|g| g.contains(&w.as_str())) {
        return group[0].to_string();
    }
    stem(w)
}

fn number(w: &str) -> String {
    let mut n: String = w.chars().filter(|&c| c != ',').collect();
    for suffix in ["st", "nd", "rd", "th", "s"] {
        if let Some(d) = n.strip_suffix(suffix)
            && d.ends_with(|c: char| c.is_ascii_digit())
        {
            n = d.to_string();
            break;
        }
    }
    n
}

fn stem(mut w: String) -> String {
    if !w.is_ascii() || !w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
        return w;
    }
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.truncate(n - 1);
    }
    let n = w.len();
    if n >= 6 && w.ends_with("ese") {
        w.truncate(n - 3);
    } else if n >= 5 && w.ends_with("an") {
        w.truncate(n - 2);
    } else if n >= 4 && w.ends_with('a') {
        w.truncate(n - 1);
    }
    w
}

/// The extra keys a run of evidence words gives by its phrases: "each year" gives "yearly".
pub fn phrase_keys<'k>(keys: &'k [String]) -> impl Iterator<Item = &'static str> + 'k {
    keys.windows(2).filter_map(|pair| {
        PHRASES
            .iter()
            .find(|(a, b, _)| pair[0] == *a && pair[1] == *b)
            .map(|&(_, _, k)| k)
    })
}

/// The initials of runs of capitalized words, as keys: "United Nations" gives "un", "Human
/// Rights Council" gives "hrc" (and "hr", "rc"), so that an acronym finds its expansion.
pub fn initials(words: &[Word<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut flush = |run: &mut Vec<char>| {
        for from in 0..run.len() {
            for to in from + 2..=run.len().min(from + 6) {
                out.push(
                    run[from..to]
                        .iter()
                        .flat_map(|c| c.to_lowercase())
                        .collect(),
                );
            }
        }
        run.clear();
    };
    for w in words {
        let first = w.text.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            run.push(first);
        } else if !matches!(w.text, "of" | "for" | "and" | "the" | "on" | "in") {
            flush(&mut run);
        }
    }
    flush(&mut run);
    out
}

/// Whether a word's key is a qualifier's.
pub fn is_qualifier(key: &str) -> bool {
    QUALIFIERS.iter().any(|g| g[0] == key)
}

/// What makes `word` a claim, if anything; `name` tells whether the dataset writes a key as a
/// name: capitalized inside a sentence and never in lower case (otherwise a capital at a
/// sentence's start is only the sentence's).
pub fn class(word: &Word<'_>, key: &str, name: &dyn Fn(&str) -> bool) -> Option<Class> {
    let first = word.text.chars().next()?;
    if first.is_ascii_digit() || NUMBER_WORDS.iter().any(|(_, d)| *d == key) {
        return Some(Class::Number);
    }
    if is_qualifier(key) {
        return Some(Class::Qualifier);
    }
    let letters = word.text.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = letters >= 2 && word.text.chars().all(|c| !c.is_lowercase());
    if acronym && word.text.chars().any(char::is_uppercase) {
        return Some(Class::Proper);
    }
    if first.is_alphabetic() && !first.is_uppercase() && !first.is_lowercase() {
        // Scripts without case (Chinese): a name, or a term quoted from the original.
        return Some(Class::Proper);
    }
    if first.is_uppercase() && (!word.initial || name(key)) {
        return Some(Class::Proper);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_a_stop_before_a_capital() {
        let t = "One sentence. Two: 98.99 million. three goes on. 4 is next! \"Quoted\" too";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "One sentence.",
                "Two: 98.99 million. three goes on.",
                "4 is next!",
                "\"Quoted\" too"
            ]
        );
    }

    #[test]
    fn words_keep_numbers_and_possessives_whole() {
        let w: Vec<&str> = words("Thailand’s 1,536 ASEAN-China projects, in 2018.")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            w,
            [
                "Thailand’s",
                "1,536",
                "ASEAN",
                "China",
                "projects",
                "in",
                "2018"
            ]
        );
        let initial: Vec<bool> = words("In “Its members” x")
            .iter()
            .map(|w| w.initial)
            .collect();
        assert_eq!(initial, [true, true, false, false]);
    }

    #[test]
    fn keys_meet_their_variants() {
        for (a, b) in [
            ("Cambodian", "Cambodia"),
            ("Chinese", "China"),
            ("Tibetan", "Tibet"),
            ("NGOs", "NGO"),
            ("countries", "country"),
            ("Thailand’s", "Thailand"),
            ("eleven", "11"),
            ("18th", "18"),
            ("1,536", "1536"),
            ("annual", "yearly"),
            ("Laos", "Lao"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        assert_ne!(key("Zhaotong"), key("Zhacuo"));
        assert_ne!(key("2018"), key("2019"));
    }
}
