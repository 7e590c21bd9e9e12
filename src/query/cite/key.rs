//! Citation keys: stable for one source, unique within a bibliography.

use super::text::{MINOR_WORDS, name_stem};
use crate::data::model::Source;
use std::collections::{HashMap, HashSet};

/// A stable citation key: outlet, year and the first significant word of the title, in
/// lower-case ASCII, e.g. `xinhua2024chinas`. An unknown outlet gives `anon`, an unknown year
/// nothing; without a title the word comes from the source's `name`, and failing that from its
/// id. It depends only on those fields, so it is the same on every run.
pub fn key(source: &Source) -> String {
    let outlet = source.outlet.as_deref().map(ascii).unwrap_or_default();
    let mut key = if outlet.is_empty() {
        "anon".to_string()
    } else {
        outlet
    };
    if let Some(date) = source.published {
        key.push_str(&date.year.to_string());
    }
    let text = source
        .title
        .clone()
        .unwrap_or_else(|| name_stem(&source.name));
    let word = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/'))
        .map(ascii)
        .find(|w| {
            !w.is_empty()
                && !w.starts_with(|c: char| c.is_ascii_digit())
                && !MINOR_WORDS.contains(&w.as_str())
        })
        .unwrap_or_else(|| ascii(source.id.as_str()));
    key.push_str(&word);
    key
}

fn ascii(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The keys of a list of sources, in its order, made unique: the first source with a key keeps
/// it, the next ones take `a`, `b`, … `z`, `aa`, … after it (`chinadaily2019ngos`,
/// `chinadaily2019ngosa`). A suffixed key never takes the plain key of another source in the
/// list, so every source that can keep its own key does. Linear in the number of sources.
pub(super) fn unique_keys(sources: &[&Source]) -> Vec<String> {
    let plain: Vec<String> = sources.iter().map(|s| key(s)).collect();
    let natural: HashSet<&str> = plain.iter().map(String::as_str).collect();
    let mut used: HashSet<String> = HashSet::with_capacity(plain.len());
    let mut next: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(plain.len());
    for base in &plain {
        if used.insert(base.clone()) {
            out.push(base.clone());
            continue;
        }
        let n = next.entry(base.as_str()).or_insert(0);
        loop {
            let candidate = format!("{base}{}", letters(*n));
            *n += 1;
            if !natural.contains(candidate.as_str()) && used.insert(candidate.clone()) {
                out.push(candidate);
                break;
            }
        }
    }
    out
}

/// 0 → "a", 25 → "z", 26 → "aa", 27 → "ab": the letters after a year or a key.
pub(super) fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{bare, full};
    use super::*;
    use crate::data::model::PartialDate;

    #[test]
    fn keys_follow_outlet_year_word_and_are_stable() {
        let s = full();
        assert_eq!(key(&s), "chinadaily2019ngos");
        assert_eq!(key(&s), key(&s.clone()));
        let mut x = bare("Xinhua (2024): China's NGOs help promote rights");
        x.title = Some("China's NGOs help promote rights".into());
        x.outlet = Some("Xinhua".into());
        x.published = PartialDate::parse("2024-03-13").ok();
        assert_eq!(key(&x), "xinhua2024chinas");
        x.title = Some("The “Belt and Road” at ten".into());
        assert_eq!(key(&x), "xinhua2024belt");
    }

    #[test]
    fn keys_without_outlet_or_title_fall_back_and_are_never_empty() {
        let mut s = bare("16th ASEAN-China Forum on Social Development (2022)");
        s.published = PartialDate::parse("2022").ok();
        assert_eq!(key(&s), "anon2022asean");
        let s = bare("中国社会组织动态");
        assert_eq!(key(&s), "anontestsource");
    }

    #[test]
    fn letters_count_like_spreadsheet_columns() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(letters)
            .collect();
        assert_eq!(
            got,
            ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"].map(String::from)
        );
    }

    #[test]
    fn colliding_keys_take_letters_and_never_steal_a_plain_key() {
        let a = full();
        let mut b = full();
        b.title = Some("NGOs again".into());
        let mut c = full();
        c.title = Some("NGOs once more".into());
        // A source whose own key is what the second collision would be given.
        let mut d = full();
        d.title = Some("NGOsb".into());
        let keys = unique_keys(&[&a, &b, &c, &d]);
        assert_eq!(
            keys,
            [
                "chinadaily2019ngos",
                "chinadaily2019ngosa",
                "chinadaily2019ngosc",
                "chinadaily2019ngosb"
            ]
        );
    }

    #[test]
    fn thousands_of_collisions_stay_unique() {
        let s = full();
        let many: Vec<&Source> = std::iter::repeat_n(&s, 3000).collect();
        let keys = unique_keys(&many);
        let distinct: HashSet<&String> = keys.iter().collect();
        assert_eq!(distinct.len(), 3000);
        assert_eq!(keys[2999], format!("chinadaily2019ngos{}", letters(2998)));
    }
}
