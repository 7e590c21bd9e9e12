//! The dates of records as spans of days, and an index of them by first day, so that
//! `year:2017..2020` finds every record with a date in the range without reading the records.
//!
//! A partial date covers its whole span: `2019` is 1 January to 31 December 2019, `2019-05`
//! the month. A record's own dates: an organization's founding, a person's roles, an event's
//! date to its end, a programme's start to its end, a figure's start to its date, a source's
//! publication.

use crate::data::model::PartialDate;
use crate::data::record::Record;
use crate::data::records::Records;
use crate::data::tables::rows_fit;

/// Days as ordered numbers: `year << 9 | month << 5 | day`. Not a calendar count (there are
/// gaps after short months), but ordered as dates are, which is all a span needs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Span {
    pub first: u32,
    pub last: u32,
}

impl Span {
    pub fn meets(&self, other: &Span) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// The years the span touches.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        (self.first >> 9) as i32..=(self.last >> 9) as i32
    }
}

fn day(year: i32, month: u8, day: u8) -> u32 {
    (year.clamp(0, 9999) as u32) << 9 | u32::from(month) << 5 | u32::from(day)
}

/// The days a partial date covers.
pub fn day_span(d: &PartialDate) -> Span {
    Span {
        first: day(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)),
        last: day(d.year, d.month.unwrap_or(12), d.day.unwrap_or(31)),
    }
}

/// From the start of `a` to the end of `b`, either missing; `None` if both are, and the wider
/// span if they are the wrong way round (bad data should still be found by its dates).
fn between(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<Span> {
    let (a, b) = (a.as_ref().map(day_span), b.as_ref().map(day_span));
    match (a, b) {
        (Some(a), Some(b)) => Some(Span {
            first: a.first.min(b.first),
            last: a.last.max(b.last),
        }),
        (a, b) => a.or(b),
    }
}

/// Every span of a record's own dates.
pub fn spans(r: &Record, out: &mut Vec<Span>) {
    let mut one = |d: Option<PartialDate>| out.extend(d.as_ref().map(day_span));
    match r {
        Record::Organization(o) => one(o.founded),
        Record::Person(p) => p.roles.iter().for_each(|role| one(role.date)),
        Record::Event(e) => out.extend(between(e.date, e.end)),
        Record::Programme(p) => out.extend(between(p.start, p.end)),
        Record::Statistic(s) => out.extend(between(s.start, s.date)),
        Record::Source(s) => one(s.published),
        Record::Place(_) => {}
    }
}

/// Every record's spans, by record, and the same ordered by first day.
#[derive(Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Dates {
    /// `spans[at[r]..at[r + 1]]` are record `r`'s.
    spans: Vec<Span>,
    at: Vec<u32>,
    /// Every span as (first day, last day, record), ordered.
    by_first: Vec<(u32, u32, u32)>,
    /// The longest span, in day numbers: a span meeting a range starts at most this far before
    /// it.
    longest: u32,
}

impl Dates {
    pub fn new(records: &Records) -> Dates {
        let mut d = Dates {
            at: Vec::with_capacity(records.len() + 1),
            ..Dates::default()
        };
        records.walk(|_, r| {
            d.at.push(d.spans.len() as u32);
            spans(r, &mut d.spans);
        });
        d.at.push(d.spans.len() as u32);
        d.by_first = (0..records.len())
            .flat_map(|r| d.of(r).iter().map(move |s| (s.first, s.last, r as u32)))
            .collect();
        d.by_first.sort_unstable();
        d.longest = d.spans.iter().map(|s| s.last - s.first).max().unwrap_or(0);
        d.spans.shrink_to_fit();
        d
    }

    /// Whether these can be the dates of `n` records: spans by record in order, and the same
    /// spans, as many, ordered by first day, of records, none longer than the longest.
    pub fn fits(&self, n: usize) -> bool {
        rows_fit(&self.at, n, self.spans.len())
            && self.by_first.len() == self.spans.len()
            && self.by_first.is_sorted()
            && self.by_first.iter().all(|&(first, last, r)| {
                (r as usize) < n && last.checked_sub(first).is_some_and(|d| d <= self.longest)
            })
    }

    /// Record `r`'s spans.
    pub fn of(&self, r: usize) -> &[Span] {
        &self.spans[self.at[r] as usize..self.at[r + 1] as usize]
    }

    /// Calls `f` with each record that has a span meeting `range` (a record once per span).
    pub fn meeting(&self, range: Span, f: &mut dyn FnMut(usize)) {
        let from = range.first.saturating_sub(self.longest);
        let start = self.by_first.partition_point(|&(d, _, _)| d < from);
        let end = self.by_first.partition_point(|&(d, _, _)| d <= range.last);
        for &(first, last, r) in &self.by_first[start..end.max(start)] {
            if (Span { first, last }).meets(&range) {
                f(r as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn a_partial_date_covers_its_whole_span() {
        let year = day_span(&d("2019"));
        assert!(year.meets(&day_span(&d("2019-12-31"))));
        assert!(year.meets(&day_span(&d("2019-01"))));
        assert!(!year.meets(&day_span(&d("2020-01-01"))));
        assert!(!day_span(&d("2019-05")).meets(&day_span(&d("2019-06-01"))));
        assert_eq!(
            between(Some(d("2017")), Some(d("2020-03")))
                .unwrap()
                .years(),
            2017..=2020
        );
        assert_eq!(between(None, Some(d("2020"))), Some(day_span(&d("2020"))));
    }

    #[test]
    fn dates_that_do_not_fit_their_records_are_refused() {
        let good = || Dates {
            spans: vec![Span { first: 5, last: 9 }, Span { first: 1, last: 2 }],
            at: vec![0, 1, 2, 2],
            by_first: vec![(1, 2, 1), (5, 9, 0)],
            longest: 4,
        };
        assert!(good().fits(3) && !good().fits(4));
        type Break = fn(&mut Dates);
        let breaks: [(&str, Break); 5] = [
            ("a span longer than the longest", |d| d.longest = 3),
            ("out of order by first day", |d| d.by_first.swap(0, 1)),
            ("a span of no record", |d| d.by_first[0].2 = 3),
            ("a span missing", |d| {
                d.by_first.pop();
            }),
            ("a record's spans past the end", |d| d.at[3] = 3),
        ];
        for (what, break_it) in breaks {
            let mut d = good();
            break_it(&mut d);
            assert!(!d.fits(3), "{what}");
        }
    }
}
