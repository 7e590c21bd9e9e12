//! What records are, as a query's operators ask it: `kind:org`, `in:cambodia`, `year:2019`,
//! `year:2017..2020`, `source:xinhua`, `linked:ID`, `has:quote`, `has:note`, `marked:NAME`,
//! each negated by a `-` before it. An operator is read here ([`Filter::parse`]), from the name
//! and value the query parser ([`super::terms`]) found; what it names in the data (a place, a
//! source, a record, a collection) is found when the query runs, by [`FilterIndex::matching`],
//! from lookups built once ([`FilterIndex::new`]), never by reading every record per key.
//!
//! The user's notes and collections live above this layer (`prefs`): the caller hands them in
//! as plain data, a [`UserSets`].

mod dates;
mod facets;
mod index;
mod kept;
mod resolve;
mod set;

use crate::data::model::{Kind, PartialDate};
use crate::text::closest::closest;
pub use dates::{Span, day_span};
pub use facets::{Facet, Facets};
pub use index::FilterIndex;
pub use set::Set;

/// One operator of a query, as typed: what it asks, and whether it leaves out what it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub negated: bool,
    pub op: Op,
}

/// What an operator asks. Names are kept as typed (folded where they are matched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `kind:org`.
    Kind(Kind),
    /// `in:cambodia`: linked to the place or to a place inside it.
    In(String),
    /// `year:2019`, `year:2017..2020`, `year:2019-05`: some date of the record falls in the
    /// span (first and last day, see [`day_span`]).
    Year(Span),
    /// `source:xinhua`: quoted from a source with that id, outlet or short name.
    Source(String),
    /// `linked:ID`: one link away from the record, either way.
    Linked(String),
    /// `has:quote`.
    HasQuote,
    /// `has:note`: the user wrote a note on its mark.
    HasNote,
    /// `marked:NAME`: in the user's collection.
    Marked(String),
}

/// The user's own sets of records, by id, which the query layer cannot read itself: the caller
/// (the CLI, the explorer) fills it from the marks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserSets {
    /// Ids of records that carry a note of the user, in any collection.
    pub noted: Vec<String>,
    /// Each collection's name with the ids of its marks.
    pub collections: Vec<(String, Vec<String>)>,
}

/// The values `has:` takes.
const HAS: [&str; 2] = ["quote", "note"];

impl Filter {
    /// The operator `name:value` (`name` lower-case, as the parser gives it); an error, with a
    /// suggestion where there is one, for an unknown name or a value it cannot take.
    pub fn parse(name: &str, value: &str, negated: bool) -> Result<Filter, String> {
        let value = value.trim();
        if !super::terms::OPERATORS.contains(&name) {
            return Err(unknown(name, value));
        }
        if value.is_empty() {
            return Err(format!(
                "`{name}:` needs a value, written without a space: {}",
                example(name)
            ));
        }
        let op = match name {
            "kind" => Op::Kind(kind(value)?),
            "in" => Op::In(value.to_string()),
            "year" => Op::Year(year(value)?),
            "source" => Op::Source(value.to_string()),
            "linked" => Op::Linked(value.to_string()),
            "marked" => Op::Marked(value.to_string()),
            _ => match value.to_ascii_lowercase().trim_end_matches('s') {
                "quote" => Op::HasQuote,
                "note" => Op::HasNote,
                _ => return Err(bad_value("has", value, HAS.iter().copied())),
            },
        };
        Ok(Filter { negated, op })
    }
}

fn example(name: &str) -> &'static str {
    match name {
        "kind" => "`kind:org`",
        "in" => "`in:cambodia`",
        "year" => "`year:2019` or `year:2017..2020`",
        "source" => "`source:xinhua`",
        "linked" => "`linked:cnie`",
        "has" => "`has:quote` or `has:note`",
        _ => "`marked:Marked`",
    }
}

/// An unknown operator, and the known one it is closest to.
fn unknown(name: &str, value: &str) -> String {
    let names: Vec<String> = super::terms::OPERATORS
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut hint = match closest(name, names.iter().map(String::as_str), 40).first() {
        Some(near) => format!(" — did you mean `{near}:`?"),
        None => String::new(),
    };
    if hint.is_empty() {
        hint = format!(
            "; the filters are {}",
            names
                .iter()
                .map(|n| format!("`{n}:`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    format!(
        "unknown filter `{name}:`{hint} (to find the text `{name}:{value}`, put it in double \
         quotes)"
    )
}

/// A value an operator does not take, and the ones closest to it.
pub(crate) fn bad_value<'a>(
    name: &str,
    value: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> String {
    let lower = value.to_lowercase();
    match closest(&lower, known.clone(), 80).first() {
        Some(near) => format!("no {name} `{value}` — did you mean `{name}:{near}`?"),
        None => {
            let all: Vec<&str> = known.take(12).collect();
            format!("no {name} `{value}`: try {}", all.join(", "))
        }
    }
}

fn kind(value: &str) -> Result<Kind, String> {
    Kind::parse(value).ok_or_else(|| {
        let words = Kind::ALL.iter().map(|k| k.word());
        let short = Kind::ALL.iter().map(|k| k.short());
        let msg = bad_value("kind", value, words.clone().chain(short));
        msg.replacen("no kind", "no record kind", 1)
    })
}

/// `2019`, `2019-05`, `2017..2020`, `2017..`, `..2020`: the span from the first day of the
/// first date to the last day of the last.
fn year(value: &str) -> Result<Span, String> {
    let date = |s: &str| PartialDate::parse(s.trim());
    let hint = "`year:` takes a year, a month or a day (`year:2019`, `year:2019-05`, \
                `year:2019-05-04`) or a range of them (`year:2017..2020`, `year:2017..`, \
                `year:..2020`)";
    let Some((from, to)) = value.split_once("..") else {
        if let Some((a, b)) = value.split_once('-')
            && a.len() == 4
            && b.len() == 4
            && date(a).is_ok()
            && date(b).is_ok()
        {
            return Err(format!(
                "`year:{value}` is not a date — did you mean `year:{a}..{b}`?"
            ));
        }
        let d = date(value).map_err(|e| format!("{e}; {hint}"))?;
        return Ok(Span {
            first: day_span(&d).first,
            last: day_span(&d).last,
        });
    };
    if from.trim().is_empty() && to.trim().is_empty() {
        return Err(format!("`year:{value}` has no year on either side; {hint}"));
    }
    let first = match from.trim() {
        "" => 0,
        f => day_span(&date(f).map_err(|e| format!("{e}; {hint}"))?).first,
    };
    let last = match to.trim() {
        "" => u32::MAX,
        t => day_span(&date(t).map_err(|e| format!("{e}; {hint}"))?).last,
    };
    if first > last {
        return Err(format!(
            "`year:{value}` runs backwards — did you mean `year:{}..{}`?",
            to.trim(),
            from.trim()
        ));
    }
    Ok(Span { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(name: &str, value: &str) -> Result<Op, String> {
        Filter::parse(name, value, false).map(|f| f.op)
    }

    #[test]
    fn operators_read_their_values() {
        assert_eq!(op("kind", "org"), Ok(Op::Kind(Kind::Organization)));
        assert_eq!(op("has", "Quotes"), Ok(Op::HasQuote));
        assert_eq!(op("has", "note"), Ok(Op::HasNote));
        assert_eq!(op("in", "Cambodia"), Ok(Op::In("Cambodia".into())));
        let y = |s: &str| match op("year", s) {
            Ok(Op::Year(span)) => span,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(y("2019"), y("2019..2019"));
        assert!(y("2017..2020").first < y("2019").first);
        assert!(y("2019-05").first > y("2019").first && y("2019-05").last < y("2019").last);
        assert_eq!(y("2019..").last, u32::MAX);
        assert_eq!(y("..2019").first, 0);
    }

    #[test]
    fn mistakes_are_errors_with_a_suggestion() {
        let err = |name: &str, value: &str| op(name, value).unwrap_err();
        assert!(
            err("yeer", "2019").contains("did you mean `year:`?"),
            "{}",
            err("yeer", "2019")
        );
        assert!(err("zzzzzzzz", "1").contains("the filters are"));
        assert!(err("year", "2020..2017").contains("`year:2017..2020`"));
        assert!(err("year", "2017-2020").contains("`year:2017..2020`"));
        assert!(err("year", "soon").contains("year:2019"));
        assert!(err("year", "..").contains("no year"));
        assert!(err("year", "").contains("needs a value"));
        assert!(err("kind", "orgz").contains("did you mean `kind:org"));
        assert!(err("has", "quoet").contains("`has:quote`"));
    }
}
