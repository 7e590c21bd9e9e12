use super::*;

fn model() -> Model {
    Model::new(&Index::new(
        crate::ingest::load::load_builtin().expect("built-in dataset loads"),
    ))
}

#[test]
fn entries_are_oldest_first_and_partial_dates_come_first_in_their_year() {
    let t = model();
    assert!(t.entries.windows(2).all(|w| w[0].date <= w[1].date));
    let y2019: Vec<_> = t.entries.iter().filter(|e| e.date.year == 2019).collect();
    let first_month = y2019.iter().position(|e| e.date.month.is_some()).unwrap();
    assert!(y2019[..first_month].iter().all(|e| e.date.month.is_none()));
    assert!(y2019[first_month..].iter().all(|e| e.date.month.is_some()));
}

#[test]
fn rows_interleave_one_heading_per_year_with_the_entries() {
    let t = model();
    for f in &t.filters {
        let rows: Vec<Row> = (0..f.rows()).filter_map(|r| f.at_row(r)).collect();
        assert_eq!(rows.len(), f.rows());
        let mut expected = Vec::new();
        let mut last = None;
        for pos in 0..f.len {
            let e = f.entry(pos);
            let year = t.entries[e].date.year;
            if last != Some(year) {
                let count = (pos..f.len)
                    .take_while(|&p| t.entries[f.entry(p)].date.year == year)
                    .count();
                expected.push(Row::Year { year, count });
                last = Some(year);
            }
            assert_eq!(f.row_of(pos), expected.len());
            expected.push(Row::Entry(e));
        }
        assert_eq!(rows, expected, "{:?}", f.kind);
        if let Some(k) = f.kind {
            assert!((0..f.len).all(|p| t.entries[f.entry(p)].kind == k));
        }
    }
}
