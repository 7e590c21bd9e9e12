//! The evidence for a chain: for each hop, the links that join its two records and a quote that
//! supports each link.
//!
//! The data keeps quotes per record, not per link, so a link's quote is chosen: the first quote
//! of the record holding the link that names the other record (its name or an alias, as whole
//! words, ignoring case and curly quotes); else the first quote of the other record that names
//! the holder; else the holder's first quote, marked as not naming the other record. A citation
//! is supported by the very quote the record takes from that source.

use super::Edge;
use super::path::Chain;
use crate::data::index::Index;
use crate::data::model::SourceRef;
use crate::data::record::Record;

#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    pub from: usize,
    pub to: usize,
    /// Every link joining the two, seen from `from`; at least one.
    pub links: Vec<HopLink>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HopLink {
    /// The link as seen from the hop's `from` record.
    pub edge: Edge,
    /// A person's title at an organization, with its date.
    pub note: Option<String>,
    pub support: Option<Support>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Support {
    /// The source record the quote comes from.
    pub source: usize,
    pub quote: String,
    /// Whether the quote names both records (else it is about the record holding the link only).
    pub names_both: bool,
}

/// One `Hop` per link of the chain.
pub fn hops(index: &Index, chain: &Chain) -> Vec<Hop> {
    chain
        .records
        .windows(2)
        .map(|w| Hop {
            from: w[0],
            to: w[1],
            links: links_between(index, w[0], w[1]),
        })
        .collect()
}

/// Every link and citation between `a` and `b`, seen from `a`, each with its supporting quote.
pub fn links_between(index: &Index, a: usize, b: usize) -> Vec<HopLink> {
    let (ra, rb) = (index.record(a), index.record(b));
    let mut out: Vec<HopLink> = Vec::new();
    let mut push = |link: HopLink| {
        if !out
            .iter()
            .any(|l| l.edge == link.edge && l.note == link.note)
        {
            out.push(link);
        }
    };
    for (holder, other, outgoing) in [(ra, rb, true), (rb, ra, false)] {
        for l in holder.links() {
            if l.target != other.id() {
                continue;
            }
            push(HopLink {
                edge: if outgoing {
                    Edge::Out(l.relation)
                } else {
                    Edge::In(l.relation)
                },
                note: l.note,
                support: support(index, holder, other),
            });
        }
        for s in holder.sources() {
            if &s.source == other.id() {
                push(HopLink {
                    edge: if outgoing { Edge::Cites } else { Edge::CitedBy },
                    note: None,
                    support: Some(Support {
                        source: if outgoing { b } else { a },
                        quote: s.quote.clone(),
                        names_both: true,
                    }),
                });
            }
        }
    }
    out
}

/// The quote that best supports a link held by `holder` pointing at `other`.
fn support(index: &Index, holder: &Record, other: &Record) -> Option<Support> {
    let (chosen, names_both) = match naming(holder, other).or_else(|| naming(other, holder)) {
        Some(s) => (s, true),
        None => (holder.sources().first().or(other.sources().first())?, false),
    };
    Some(Support {
        source: index.resolve(&chosen.source)?,
        quote: chosen.quote.clone(),
        names_both,
    })
}

/// The first quote of `quoting` that names `named`.
fn naming<'r>(quoting: &'r Record, named: &Record) -> Option<&'r SourceRef> {
    quoting.sources().iter().find(|s| {
        std::iter::once(named.name())
            .chain(named.aliases().iter().map(|a| a.as_str()))
            .any(|name| mentions(&s.quote, name))
    })
}

/// Case and quote-mark insensitive, as whole words: "un" is not found in "fund". Scripts written
/// without spaces (CJK) have no word boundaries to respect: 北京 is found in 在北京举行.
pub fn mentions(text: &str, name: &str) -> bool {
    let name = fold(name.trim());
    if name.is_empty() {
        return false;
    }
    let text = fold(text);
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && (c as u32) < 0x2E80);
    text.match_indices(&name).any(|(at, m)| {
        let before = text[..at].chars().next_back();
        let after = text[at + m.len()..].chars().next();
        !word(before) && !word(after)
    })
}

fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_whole_words_ignoring_case_and_curly_quotes() {
        assert!(mentions("Tan Weiping, deputy director", "tan weiping"));
        assert!(mentions("China’s NGOs", "China's NGOs"));
        assert!(!mentions("the fund raised", "UN"));
        assert!(mentions("the UN said", "UN"));
        assert!(mentions("(IPRCC) said", "IPRCC"));
        assert!(!mentions("anything", "  "));
        assert!(mentions("在北京举行", "北京"));
        assert!(!mentions("Beijingers", "Beijing"));
    }
}
