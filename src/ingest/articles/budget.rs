//! How much closest-passage searching one `check --articles` may do, per article and in all, so
//! that quotes failing against a long article (most likely the wrong file) give their reports
//! in seconds, the first ones with passages and the rest saying why they have none.
//!
//! Work is counted, not timed, so the same data gives the same report on any machine: a unit is
//! one cell of the alignment matrix (about a nanosecond), and scanning a character of the
//! article to find where it resembles the quote costs [`SCAN`] units. `benches/claims.rs`
//! measures what a search of a 15 MB article costs.

use std::collections::HashMap;

/// Units of work all closest-passage searches of one check may use: a few seconds.
pub const OVERALL: u64 = 4_000_000_000;
/// Units of work the searches in one article may use: about a second.
pub const PER_ARTICLE: u64 = 1_000_000_000;
/// Units one character of an article costs to scan (a rolling hash of a run of characters and a
/// lookup cost a few matrix cells).
pub const SCAN: u64 = 5;
/// The largest alignment one search makes, in cells (as `closest` bounds it).
const MAX_CELLS: u64 = 4_000_000;

/// Why a closest passage was not searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// The searches in this article had used up its share.
    Article,
    /// The check's searches had used up the whole budget.
    Overall,
}

/// The work left, overall and per article (by the article's name), and what was done.
#[derive(Debug, Clone)]
pub struct Budget {
    overall: u64,
    per_article: u64,
    spent: HashMap<String, u64>,
    /// Searches made, and the units they cost.
    pub searches: usize,
    pub work: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(OVERALL, PER_ARTICLE)
    }
}

impl Budget {
    pub fn new(overall: u64, per_article: u64) -> Budget {
        Budget {
            overall,
            per_article,
            spent: HashMap::new(),
            searches: 0,
            work: 0,
        }
    }

    /// What one search of a quote of `quote` characters in an article of `article` characters
    /// costs: the scan of the article, then the alignment.
    pub fn cost(article: usize, quote: usize) -> u64 {
        let (a, q) = (article as u64, quote.max(1) as u64);
        a.saturating_mul(SCAN) + a.saturating_mul(q).min(MAX_CELLS)
    }

    /// Takes the work for one search in `article`, or says why it cannot be done.
    pub fn spend(&mut self, article: &str, cost: u64) -> Result<(), Skipped> {
        let spent = self.spent.get(article).copied().unwrap_or(0);
        if spent.saturating_add(cost) > self.per_article {
            return Err(Skipped::Article);
        }
        if self.work.saturating_add(cost) > self.overall {
            return Err(Skipped::Overall);
        }
        self.spent.insert(article.to_string(), spent + cost);
        self.searches += 1;
        self.work += cost;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_article_gets_a_few_searches_and_the_check_a_few_articles() {
        // Issue 26: a 15 MB article with 100 quotes that don't match took 118 s. With the
        // default budget, its searches stop after a dozen, each scanning it once.
        let mut b = Budget::default();
        let cost = Budget::cost(15_000_000, 80);
        let done = (0..100)
            .filter(|_| b.spend("big.txt", cost).is_ok())
            .count();
        assert_eq!(done, 12, "searches in one 15 MB article");
        assert_eq!(b.spend("big.txt", cost), Err(Skipped::Article));
        assert!(b.work <= PER_ARTICLE);
        // Other articles have their own share, until the overall budget runs out.
        for n in 0..10 {
            let name = format!("other-{n}.txt");
            while b.spend(&name, cost).is_ok() {}
        }
        assert!(b.work <= OVERALL);
        assert_eq!(b.spend("another.txt", cost), Err(Skipped::Overall));
        // A short article's search is cheap: hundreds of failures in one are all searched.
        let small = Budget::cost(6_000, 200);
        assert!(small * 500 < PER_ARTICLE, "{small}");
    }
}
