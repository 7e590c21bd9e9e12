//! Partial ISO dates: a year, a year and month, or a full day, never more precise than the source.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible days such as 2019-02-30.
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let bad = || format!("`{s}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return Err(bad());
        }
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<u32>().map_err(|_| bad())
        };
        let year = num(parts[0], 4)? as i32;
        let month = match parts.get(1) {
            Some(p) => {
                let m = num(p, 2)?;
                if !(1..=12).contains(&m) {
                    return Err(format!("`{s}` is not a date: there is no month {m}"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(p), Some(m)) => {
                let d = num(p, 2)?;
                let max = days_in_month(year, m);
                if d == 0 || d > u32::from(max) {
                    return Err(format!(
                        "`{s}` is not a date: {} {year} has {max} days",
                        MONTHS_LONG[usize::from(m - 1)]
                    ));
                }
                Some(d as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// "2022", "Apr 2019" or "12 Mar 2024": as precise as the date is, no more.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m - 1)], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m - 1)], self.year),
            _ => self.year.to_string(),
        }
    }

    /// Full month name, for citation styles that spell it out.
    pub fn month_name(&self) -> Option<&'static str> {
        self.month.map(|m| MONTHS_LONG[usize::from(m - 1)])
    }

    /// Three-letter month abbreviation without a full stop ("Mar", "Sep"), as `human()` uses it.
    pub fn month_abbrev(&self) -> Option<&'static str> {
        self.month.map(|m| MONTHS[usize::from(m - 1)])
    }

    /// Month as MLA 9 abbreviates it: names longer than four letters are cut and take a full
    /// stop ("Jan.", "Sept."), the short ones are spelt out ("May", "June", "July").
    pub fn month_mla(&self) -> Option<&'static str> {
        const MLA: [&str; 12] = [
            "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
            "Dec.",
        ];
        self.month.map(|m| MLA[usize::from(m - 1)])
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // YAML reads a bare `2022` as a number, so accept both.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(i64),
            Str(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Num(n) => n.to_string(),
            Raw::Str(s) => s,
        };
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_honestly() {
        assert_eq!(PartialDate::parse("2022").unwrap().human(), "2022");
        assert_eq!(PartialDate::parse("2019-04").unwrap().human(), "Apr 2019");
        assert_eq!(
            PartialDate::parse("2024-03-12").unwrap().human(),
            "12 Mar 2024"
        );
        assert_eq!(
            PartialDate::parse("2019-04").unwrap().to_string(),
            "2019-04"
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        let e = PartialDate::parse("2019-02-30").unwrap_err();
        assert!(e.contains("February 2019 has 28 days"), "{e}");
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(
            PartialDate::parse("2019-13")
                .unwrap_err()
                .contains("no month 13")
        );
        for bad in ["19", "2019/04", "2019-4", "", "2019-04-01-02", "abcd"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mla_months_abbreviate_only_long_names() {
        let m = |s: &str| PartialDate::parse(s).unwrap().month_mla();
        assert_eq!(m("2024-03"), Some("Mar."));
        assert_eq!(m("2024-05"), Some("May"));
        assert_eq!(m("2024-06"), Some("June"));
        assert_eq!(m("2024-09"), Some("Sept."));
        assert_eq!(m("2024"), None);
    }

    #[test]
    fn orders_by_year_then_month_then_day() {
        let a = PartialDate::parse("2019").unwrap();
        let b = PartialDate::parse("2019-04").unwrap();
        let c = PartialDate::parse("2019-04-30").unwrap();
        assert!(a < b && b < c);
    }
}
