use super::*;
use crate::data::model::Kind;

fn model() -> (Index, Model) {
    let index = Index::new(crate::ingest::load::load_builtin().expect("built-in dataset loads"));
    let m = Model::new(&index, None);
    (index, m)
}

#[test]
fn the_poverty_series_is_a_chart_labelled_by_year_oldest_first() {
    let (index, m) = model();
    let c = m
        .charts
        .iter()
        .find(|c| c.key == "people-in-poverty")
        .expect("people-in-poverty is charted");
    assert_eq!(c.labels, ["2012", "2019"]);
    assert_eq!(
        index.record(c.items[0]).id().as_str(),
        "people-in-poverty-2012"
    );
    assert_eq!(c.title, "People living in poverty in China");
}

#[test]
fn every_statistic_appears_once_on_its_own_row() {
    let (index, m) = model();
    let mut items: Vec<usize> = (0..m.len()).filter_map(|i| m.item(i)).collect();
    assert_eq!(items.len(), index.of_kind(Kind::Statistic).len());
    items.sort();
    items.dedup();
    assert_eq!(items.len(), index.of_kind(Kind::Statistic).len());
    for i in 0..m.len() {
        assert_eq!(m.at_row(m.item_row(i)), Some(StatRow::Item(i)));
    }
}

#[test]
fn bars_of_one_date_are_labelled_by_subject() {
    let (_, m) = model();
    let c = m
        .charts
        .iter()
        .find(|c| c.key == "network-members")
        .expect("network-members is charted");
    assert!(
        c.labels.iter().all(|l| !l.contains("2019")),
        "{:?}",
        c.labels
    );
}
