//! Fuzzy search over every record: names rank above aliases and ids, which rank above summaries.
//! Every space-separated word of the query must match somewhere in the record.

use crate::index::Index;
use crate::model::Kind;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A parsed query: an optional kind restriction (`org:`, `person:` ...) and the words to match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub kind: Option<Kind>,
    pub words: Vec<String>,
}

impl Query {
    /// `org: foundation` or `org:foundation` restrict to organizations; unknown prefixes are
    /// searched for as text.
    pub fn parse(text: &str) -> Query {
        let mut kind = None;
        let mut words = Vec::new();
        for (i, token) in text.split_whitespace().enumerate() {
            if i == 0
                && let Some((prefix, rest)) = token.split_once(':')
                && let Some(k) = Kind::parse(prefix)
            {
                kind = Some(k);
                if !rest.is_empty() {
                    words.push(rest.to_lowercase());
                }
                continue;
            }
            words.push(token.to_lowercase());
        }
        Query { kind, words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.kind.is_none()
    }
}

/// Which field of a record matched best; shown so users know why a hit is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Alias,
    Id,
    Summary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub record: usize,
    pub score: i64,
    pub field: Field,
}

/// Lower-cased search keys, prepared once at load so typing never re-allocates them.
struct Keys {
    name: String,
    aliases: String,
    id: String,
    summary: String,
}

pub struct Searcher {
    matcher: SkimMatcherV2,
    keys: Vec<Keys>,
}

const WEIGHTS: [(Field, i64); 4] = [
    (Field::Name, 4),
    (Field::Alias, 3),
    (Field::Id, 2),
    (Field::Summary, 1),
];

impl Searcher {
    pub fn new(index: &Index) -> Searcher {
        let keys = index
            .records
            .iter()
            .map(|r| Keys {
                name: r.name().to_lowercase(),
                aliases: r.aliases().join(" · ").to_lowercase(),
                id: r.id().to_string(),
                summary: r.summary().to_lowercase(),
            })
            .collect();
        Searcher {
            matcher: SkimMatcherV2::default().ignore_case(),
            keys,
        }
    }

    fn field<'a>(&self, keys: &'a Keys, field: Field) -> &'a str {
        match field {
            Field::Name => &keys.name,
            Field::Alias => &keys.aliases,
            Field::Id => &keys.id,
            Field::Summary => &keys.summary,
        }
    }

    /// Scores one record against every word; `None` if some word matches nowhere.
    fn score(&self, record: usize, words: &[String]) -> Option<(i64, Field)> {
        let keys = &self.keys[record];
        let mut total = 0;
        let mut best_field = Field::Summary;
        let mut best_weight = 0;
        for word in words {
            let mut best: Option<(i64, Field, i64)> = None;
            for (field, weight) in WEIGHTS {
                let text = self.field(keys, field);
                // Summaries are long enough for any few letters to match somewhere, so there a
                // word must appear as typed; names, aliases and ids match fuzzily.
                if field == Field::Summary && !text.contains(word.as_str()) {
                    continue;
                }
                if let Some(s) = self.matcher.fuzzy_match(text, word) {
                    // A word found as it was typed beats a scattered fuzzy match.
                    let exact = if text.contains(word.as_str()) { 2 } else { 1 };
                    let s = s * weight * exact;
                    if best.is_none_or(|b| s > b.0) {
                        best = Some((s, field, weight));
                    }
                }
            }
            let (s, field, weight) = best?;
            total += s;
            if weight > best_weight {
                best_weight = weight;
                best_field = field;
            }
        }
        Some((total, best_field))
    }

    /// Matching records, best first; an empty query lists everything of the kind by name.
    pub fn search(&self, index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
        let candidates: Box<dyn Iterator<Item = usize>> = match query.kind {
            Some(k) => Box::new(index.of_kind(k).iter().copied()),
            None => Box::new(index.all()),
        };
        let mut hits: Vec<Hit> = candidates
            .filter_map(|record| {
                self.score(record, &query.words).map(|(score, field)| Hit {
                    record,
                    score,
                    field,
                })
            })
            .collect();
        // Stable: equal scores keep the index's kind-then-name order.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(limit);
        hits
    }

    /// Character positions in `text` that the query's words matched, for highlighting.
    pub fn positions(&self, text: &str, query: &Query) -> Vec<usize> {
        let mut out: Vec<usize> = query
            .words
            .iter()
            .filter_map(|w| self.matcher.fuzzy_indices(text, w))
            .flat_map(|(_, idx)| idx)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
