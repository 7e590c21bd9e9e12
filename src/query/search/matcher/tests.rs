use super::*;

fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

mod unit {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    /// fuzzy-matcher's `SkimMatcherV2`, case-insensitive: the reference the fast one agrees with
    /// (a fresh one each time, see `FastSkim::dp`).
    struct Skim;

    impl Skim {
        fn score(&mut self, text: &str, pattern: &str) -> Option<i64> {
            SkimMatcherV2::default()
                .ignore_case()
                .fuzzy_match(text, pattern)
        }
    }

    /// A fresh SkimMatcherV2 for every call: see the note on its reused matrix in `dp`.
    fn agree(text: &str, pattern: &str, fast: &mut FastSkim) {
        let score = fast.score(text, pattern);
        assert_eq!(score, Skim.score(text, pattern), "{text:?} / {pattern:?}");
        // The search counts on this bound to skip scoring what cannot make the list.
        let most = 32 * pattern.chars().count() as i64;
        assert!(
            score.is_none_or(|s| s <= most),
            "{text:?} / {pattern:?}: {score:?}"
        );
    }

    #[test]
    fn fast_skim_scores_as_skim_does() {
        let mut fast = FastSkim::default();
        let texts = [
            "china ngo network for international exchanges",
            "tan weiping",
            "yunnan green water foundation — 云南绿水基金会",
            "o'brien mei-ling",
            "2019 hunan forum on poverty alleviation: 湖南扶贫论坛",
            "aaa bab abba baab",
            "HTTPServer fooBar a/b\\c (x) [y] {z}",
            "",
            "a",
        ];
        let patterns = [
            "a", "ab", "aba", "tan", "twp", "cnie", "ngo", "云南", "基金", "o'b", "2019", "forum",
            "hs", "fb", "zz", "ee", "nn", "ta", "x", "—",
        ];
        for t in texts {
            for p in patterns {
                agree(t, p, &mut fast);
            }
        }
    }

    #[test]
    fn fast_skim_agrees_on_random_strings() {
        let alphabet: Vec<char> = "abcAB -_/.:1云南é\u{7f}".chars().collect();
        let mut next = xorshift(12345);
        let mut fast = FastSkim::default();
        for _ in 0..20_000 {
            let t: String = (0..next(24))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let p: String = (0..1 + next(4))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            agree(&t, &p, &mut fast);
        }
    }
}
mod bounds {
    use super::*;

    /// What the search assumes of the scorer to skip scoring: a text that starts with the word
    /// scores what the word scores against itself, the most any text gives it; a text that
    /// starts with another character scores at most what the word scores after a space.
    #[test]
    fn a_word_against_itself_scores_the_same_in_a_band() {
        let alphabet: Vec<char> = "abcab -_/.:()1云南AZ".chars().collect();
        let mut next = xorshift(7);
        let (mut full, mut banded) = (FastSkim::default(), FastSkim::default());
        for _ in 0..50_000 {
            let p: String = (0..1 + next(12))
                .map(|_| alphabet[next(alphabet.len())])
                .filter(|c| *c != ' ')
                .collect();
            if p.is_empty() {
                continue;
            }
            assert_eq!(banded.self_score(&p, false), full.score(&p, &p), "{p:?}");
            assert_eq!(
                banded.self_score(&p, true),
                full.score(&format!(" {p}"), &p),
                "{p:?} after a space"
            );
        }
    }

    #[test]
    fn a_long_query_word_costs_linear_work() {
        // What a search does with each word of a query before it looks at any record.
        let word = "ab".repeat(5_000);
        CELLS.with(|n| n.set(0));
        let _ = crate::query::search::rank::Word::new(&word, Vec::new(), 0);
        let cells = CELLS.with(|n| n.get());
        // The whole matrix was 10,000 × 10,000 / 2 cells, twice.
        assert!(cells <= 2 * 10_001 * SELF_BAND as u64, "{cells} cells");
    }

    #[test]
    fn a_word_at_the_start_scores_the_most() {
        let mut m = FastSkim::default();
        // Folded text: no capitals.
        let alphabet: Vec<char> = "abcab -_/.:()1云南".chars().collect();
        let mut next = xorshift(99);
        for _ in 0..200_000 {
            let p: String = (0..1 + next(5))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let mut t: String = (0..next(24))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            if next(3) == 0 {
                t = format!("{p}{t}");
            }
            let Some(score) = m.score(&t, &p) else {
                continue;
            };
            let itself = m.score(&p, &p).unwrap_or(0);
            let spaced = m.score(&format!(" {p}"), &p).unwrap_or(0);
            if t.starts_with(&p) {
                assert_eq!(score, itself, "{t:?} / {p:?}");
            } else if t.chars().next() == p.chars().next() {
                assert!(score <= itself, "{t:?} / {p:?}: {score} > {itself}");
            } else {
                assert!(score <= spaced, "{t:?} / {p:?}: {score} > {spaced}");
            }
        }
    }
}
