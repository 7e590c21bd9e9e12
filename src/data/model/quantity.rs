//! Numbers as the articles give them: a value, how sure it is (a qualifier such as "more than"),
//! whether it is a plan, and the words as written, with the one way of showing them that every
//! output uses.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt::Write;

/// How a value relates to the true figure, as the article words it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// The figure as given: "1,536 projects".
    #[default]
    Exact,
    /// "About 150", "some", "around".
    About,
    /// "More than 70": the true value is above it.
    MoreThan,
    /// "At least", and the lower bound of a phrase such as "tens of thousands".
    AtLeast,
    /// "Fewer than", "less than", "under": the true value is below it.
    FewerThan,
    /// "At most", "no more than".
    AtMost,
    /// "Up to": the most it reaches.
    UpTo,
}

impl Qualifier {
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::FewerThan,
        Qualifier::AtMost,
        Qualifier::UpTo,
    ];

    /// The name in the data files: `more-than`.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more-than",
            Qualifier::AtLeast => "at-least",
            Qualifier::FewerThan => "fewer-than",
            Qualifier::AtMost => "at-most",
            Qualifier::UpTo => "up-to",
        }
    }

    /// The sign written before a number: `>`, `≥`, `~`; nothing for an exact value.
    pub fn symbol(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::About => "~",
            Qualifier::MoreThan => ">",
            Qualifier::AtLeast => "≥",
            Qualifier::FewerThan => "<",
            Qualifier::AtMost | Qualifier::UpTo => "≤",
        }
    }

    /// The qualifier in words, with what it means for the value: for a detail pane, where a
    /// reader should not have to know what `≥` stands for.
    pub fn meaning(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact: the figure as given",
            Qualifier::About => "about: an approximate figure",
            Qualifier::MoreThan => "more than: the true figure is above this value",
            Qualifier::AtLeast => "at least: the true figure is this value or above",
            Qualifier::FewerThan => "fewer than: the true figure is below this value",
            Qualifier::AtMost => "at most: the true figure is this value or below",
            Qualifier::UpTo => "up to: the true figure reaches this value at most",
        }
    }

    pub fn bound(self) -> Bound {
        match self {
            Qualifier::Exact => Bound::Exact,
            Qualifier::About => Bound::Approximate,
            Qualifier::MoreThan => Bound::Lower { inclusive: false },
            Qualifier::AtLeast => Bound::Lower { inclusive: true },
            Qualifier::FewerThan => Bound::Upper { inclusive: false },
            Qualifier::AtMost | Qualifier::UpTo => Bound::Upper { inclusive: true },
        }
    }
}

/// Whether a figure is what happened or what is meant to happen.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Reported as done or as holding: "were lifted out of poverty", "has 265 members".
    #[default]
    Reported,
    /// To be done, as announced: "will be selected", "will see 200 wells drilled".
    Planned,
    /// A goal that may or may not be met: "aims to", "the target is".
    Target,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Reported, Status::Planned, Status::Target];

    pub fn name(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Planned => "planned",
            Status::Target => "target",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Status::Reported => "reported: done or holding when reported",
            Status::Planned => "planned: announced, not yet done",
            Status::Target => "target: a goal, not a result",
        }
    }
}

/// What a chart needs to know about a value: whether the bar shows the figure itself or only
/// one end of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    Exact,
    Approximate,
    /// The true figure is above the value (or equal, when inclusive): draw the bar open-ended.
    Lower {
        inclusive: bool,
    },
    /// The true figure is below the value (or equal, when inclusive).
    Upper {
        inclusive: bool,
    },
}

impl Bound {
    /// True for a lower or upper bound: the bar's length is not the figure.
    pub fn is_bound(self) -> bool {
        matches!(self, Bound::Lower { .. } | Bound::Upper { .. })
    }

    /// `exact`, `approximate`, `lower` or `upper`, for JSON.
    pub fn name(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Approximate => "approximate",
            Bound::Lower { .. } => "lower",
            Bound::Upper { .. } => "upper",
        }
    }
}

/// A statistic's number with everything needed to show it honestly. Built by
/// `Statistic::figure`; every place that shows a statistic's value goes through it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure<'a> {
    pub value: f64,
    pub unit: &'a str,
    pub qualifier: Qualifier,
    pub status: Status,
    /// The article's own words for the figure, when the number does not say it all.
    pub as_written: Option<&'a str>,
}

impl Figure<'_> {
    /// The one way a figure is written, on every screen and in every output: the qualifier's
    /// sign, the number, the unit, then a plan's status and the article's own words in one
    /// bracket: `≥ 10,000 people ("tens of thousands")`, `~150 participants`,
    /// `200 wells (planned)`, `> 50% (target; "more than half")`. `exact` gives every digit
    /// (`98,990,000 people`), otherwise the number as people say it (`98.99 million people`);
    /// the words are the same either way. A surface may lay it out (pad, cut at the width), never
    /// reword it.
    pub fn text(&self, exact: bool) -> String {
        let mut s = signed_by(
            self.qualifier,
            format_quantity(self.value, self.unit, exact),
        );
        let mut notes = Vec::new();
        if self.status != Status::Reported {
            notes.push(self.status.name().to_string());
        }
        if let Some(words) = self.as_written {
            notes.push(format!("\"{words}\""));
        }
        if !notes.is_empty() {
            let _ = write!(s, " ({})", notes.join("; "));
        }
        s
    }

    pub fn bound(&self) -> Bound {
        self.qualifier.bound()
    }
}

/// `~` hugs the number (`~150`); the comparison signs stand apart (`> 70`), as in print.
fn signed_by(q: Qualifier, n: String) -> String {
    match q {
        Qualifier::Exact => n,
        Qualifier::About => format!("~{n}"),
        q => format!("{} {n}", q.symbol()),
    }
}

/// For `as_written`: an empty value is a mistake (the key is left out when there are no words).
pub(crate) fn non_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<super::Text>, D::Error> {
    let s = super::Text::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom(
            "`as_written` is empty: give the article's words for the figure, or leave the key out",
        ));
    }
    Ok(Some(s))
}

/// A number as written in the data, with thousands separators: 98990000 -> "98,990,000".
pub fn format_number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return v.to_string();
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A number as people say it: 98990000 -> "98.99 million", 32300000000 -> "32.3 billion",
/// 628000 -> "628,000". At most two decimals, so the exact value (`format_number`) may differ.
pub fn format_human(v: f64) -> String {
    const SCALES: [(f64, &str); 3] = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")];
    for (i, &(scale, word)) in SCALES.iter().enumerate() {
        let scaled = (v.abs() / scale * 100.0).round() / 100.0;
        if scaled >= 1.0 {
            // 999,999,999 rounds to "1000 million": say "1 billion" instead.
            if scaled >= 1000.0 && i > 0 {
                let (up, up_word) = SCALES[i - 1];
                return signed(v, format!("{} {up_word}", decimals(v.abs() / up)));
            }
            return signed(v, format!("{} {word}", decimals(scaled)));
        }
    }
    if v.fract() == 0.0 {
        format_number(v)
    } else {
        signed(v, decimals(v.abs()))
    }
}

/// A value with its unit, as people say it: "98.99 million people", "50%". Knows nothing of
/// qualifiers: for a statistic, use `Statistic::figure` instead, which does.
pub fn format_quantity(v: f64, unit: &str, exact: bool) -> String {
    let n = if exact {
        format_number(v)
    } else {
        format_human(v)
    };
    match unit {
        "percent" => format!("{n}%"),
        "" => n,
        _ => format!("{n} {unit}"),
    }
}

/// Up to two decimals, without trailing zeros: 98.99, 32.3, 10.
fn decimals(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn signed(v: f64, s: String) -> String {
    if v < 0.0 { format!("-{s}") } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(value: f64, unit: &str, q: Qualifier, s: Status, w: Option<&str>) -> String {
        Figure {
            value,
            unit,
            qualifier: q,
            status: s,
            as_written: w,
        }
        .text(true)
    }

    #[test]
    fn each_qualifier_shows_its_sign() {
        use Qualifier::*;
        let r = Status::Reported;
        assert_eq!(fig(70.0, "projects", MoreThan, r, None), "> 70 projects");
        assert_eq!(
            fig(150.0, "participants", About, r, None),
            "~150 participants"
        );
        assert_eq!(
            fig(10_000.0, "people", AtLeast, r, Some("tens of thousands")),
            "≥ 10,000 people (\"tens of thousands\")"
        );
        assert_eq!(fig(5.0, "wells", FewerThan, r, None), "< 5 wells");
        assert_eq!(fig(5.0, "wells", AtMost, r, None), "≤ 5 wells");
        assert_eq!(fig(5.0, "wells", UpTo, r, None), "≤ 5 wells");
        assert_eq!(fig(1536.0, "projects", Exact, r, None), "1,536 projects");
    }

    #[test]
    fn plans_and_words_follow_in_one_bracket() {
        use Qualifier::*;
        assert_eq!(
            fig(186_000.0, "people", Exact, Status::Planned, None),
            "186,000 people (planned)"
        );
        assert_eq!(
            fig(
                50.0,
                "percent",
                MoreThan,
                Status::Target,
                Some("more than half")
            ),
            "> 50% (target; \"more than half\")"
        );
    }

    #[test]
    fn rounded_and_exact_forms() {
        let f = Figure {
            value: 32_300_000_000.0,
            unit: "yuan",
            qualifier: Qualifier::About,
            status: Status::Reported,
            as_written: None,
        };
        assert_eq!(f.text(false), "~32.3 billion yuan");
        assert_eq!(f.text(true), "~32,300,000,000 yuan");
        let g = Figure {
            value: 10_000_000.0,
            unit: "people per year",
            qualifier: Qualifier::MoreThan,
            status: Status::Planned,
            as_written: Some("ten million"),
        };
        assert_eq!(
            g.text(false),
            "> 10 million people per year (planned; \"ten million\")"
        );
        assert_eq!(
            g.text(true),
            "> 10,000,000 people per year (planned; \"ten million\")"
        );
    }

    #[test]
    fn charts_can_tell_a_bound_from_a_figure() {
        assert!(Qualifier::MoreThan.bound().is_bound());
        assert!(Qualifier::UpTo.bound().is_bound());
        assert!(!Qualifier::About.bound().is_bound());
        assert!(!Qualifier::Exact.bound().is_bound());
        assert_eq!(Qualifier::AtLeast.bound(), Bound::Lower { inclusive: true });
        assert_eq!(Qualifier::FewerThan.bound().name(), "upper");
    }

    #[test]
    fn names_are_the_serde_names() {
        for q in Qualifier::ALL {
            let yaml = serde_yaml::to_string(&q).unwrap();
            assert_eq!(yaml.trim(), q.name());
        }
        for s in Status::ALL {
            assert_eq!(serde_yaml::to_string(&s).unwrap().trim(), s.name());
        }
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(format_human(98_990_000.0), "98.99 million");
        assert_eq!(format_human(5_510_000.0), "5.51 million");
        assert_eq!(format_human(10_000_000.0), "10 million");
        assert_eq!(format_human(174_480_000.0), "174.48 million");
        assert_eq!(format_human(32_300_000_000.0), "32.3 billion");
        assert_eq!(format_human(200_000_000.0), "200 million");
        assert_eq!(format_human(1_234_567.0), "1.23 million");
        assert_eq!(format_human(999_999_999.0), "1 billion");
        assert_eq!(format_human(2_500_000_000_000.0), "2.5 trillion");
        assert_eq!(format_human(628_000.0), "628,000");
        assert_eq!(format_human(1536.0), "1,536");
        assert_eq!(format_human(52.0), "52");
        assert_eq!(format_human(0.0), "0");
        assert_eq!(format_human(0.5), "0.5");
        assert_eq!(format_human(-3_000_000.0), "-3 million");
    }

    #[test]
    fn quantities_carry_their_unit_and_the_exact_value_is_a_flag_away() {
        assert_eq!(
            format_quantity(32_300_000_000.0, "yuan", false),
            "32.3 billion yuan"
        );
        assert_eq!(
            format_quantity(98_990_000.0, "people", true),
            "98,990,000 people"
        );
        assert_eq!(format_quantity(50.0, "percent", false), "50%");
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(format_number(98_990_000.0), "98,990,000");
        assert_eq!(format_number(265.0), "265");
        assert_eq!(format_number(1000.0), "1,000");
        assert_eq!(format_number(-1234.0), "-1,234");
        assert_eq!(format_number(1.7), "1.7");
    }
}
