//! Author names as printed in the article.
//!
//! A name of exactly two words, such as "Li Lei", is read as a Chinese name, family name first:
//! family "Li", given "Lei" (APA and Harvard write "Li, L.", Chicago and MLA keep "Li Lei"
//! without a comma, as they do for names whose family name comes first). Any other name is used
//! whole, as a literal, never split; so is a name holding a comma.

use super::text::clean;
use crate::data::model::Source;

/// One author as printed in the article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Author {
    /// A two-word name, read family name first ("Li Lei": family "Li", given "Lei").
    Person { family: String, given: String },
    /// Any other name (one word, three or more, an agency), used whole.
    Literal(String),
}

impl Author {
    pub(crate) fn parse(full: &str) -> Author {
        let full = clean(full);
        if full.contains(',') {
            // Not a plain two-word name ("Li, Lei" or "Agency, bureau"): kept whole, so no
            // format reads the comma as its own syntax.
            return Author::Literal(full);
        }
        match full.split(' ').collect::<Vec<_>>()[..] {
            [family, given] => Author::Person {
                family: family.to_string(),
                given: given.to_string(),
            },
            _ => Author::Literal(full),
        }
    }

    /// "Li, L." as APA and Harvard write it; a literal stays whole.
    pub(crate) fn family_initials(&self) -> String {
        match self {
            Author::Person { family, given } => {
                let initials: Vec<String> = given
                    .split('-')
                    .filter_map(|part| part.chars().next())
                    .map(|c| format!("{}.", c.to_uppercase()))
                    .collect();
                format!("{family}, {}", initials.join("-"))
            }
            Author::Literal(name) => name.clone(),
        }
    }

    /// The name as printed ("Li Lei"): Chicago and MLA do not invert a family-first name.
    pub(crate) fn as_printed(&self) -> String {
        match self {
            Author::Person { family, given } => format!("{family} {given}"),
            Author::Literal(name) => name.clone(),
        }
    }
}

/// The source's authors, blank names skipped.
pub(crate) fn authors(source: &Source) -> Vec<Author> {
    source
        .authors
        .iter()
        .filter(|a| !clean(a).is_empty())
        .map(|a| Author::parse(a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_word_names_are_family_first_others_literal() {
        assert_eq!(Author::parse("Li Lei").family_initials(), "Li, L.");
        assert_eq!(Author::parse("Li Lei").as_printed(), "Li Lei");
        assert_eq!(Author::parse("Ou Xiao-ming").family_initials(), "Ou, X.-M.");
        assert_eq!(
            Author::parse("Xinhua News Agency"),
            Author::Literal("Xinhua News Agency".into())
        );
        assert_eq!(Author::parse("Li, Lei"), Author::Literal("Li, Lei".into()));
    }
}
