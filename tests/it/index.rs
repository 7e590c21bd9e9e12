//! The index over the built-in data: list rows and positions agree, backlinks come in reading
//! order, and a record's links are visited as they are listed. (Unit tests of `data` may not
//! load a dataset, which is the layer above; these run here.)

use ngo_atlas::data::index::{Index, relation_order};
use ngo_atlas::data::model::Kind;
use ngo_atlas::ingest::load::load_builtin;

#[test]
fn list_rows_and_positions_agree_for_every_list() {
    let index = Index::new(load_builtin().expect("built-in dataset"));
    let all: Vec<usize> = index.all().collect();
    for kind in std::iter::once(None).chain(Kind::ALL.map(Some)) {
        let expected: Vec<usize> = match kind {
            Some(k) => index.of_kind(k).to_vec(),
            None => all.clone(),
        };
        assert_eq!(index.list_len(kind), expected.len());
        for (row, &r) in expected.iter().enumerate() {
            assert_eq!(index.list_row(kind, row), Some(r), "{kind:?} row {row}");
            assert_eq!(index.list_position(kind, r), Some(row), "{kind:?} {r}");
        }
        assert_eq!(index.list_row(kind, expected.len()), None);
    }
    let person = index.of_kind(Kind::Person)[0];
    assert_eq!(index.list_position(Some(Kind::Place), person), None);
}

#[test]
fn backlinks_come_grouped_by_relation_in_reading_order() {
    let index = Index::new(load_builtin().expect("built-in dataset"));
    for r in 0..index.len() {
        let order: Vec<usize> = index
            .backlinks(r)
            .iter()
            .map(|b| relation_order(b.relation))
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }
}

#[test]
fn each_link_gives_what_links_gives() {
    let index = Index::new(load_builtin().expect("built-in"));
    for r in &index.records {
        let mut seen = Vec::new();
        r.each_link(&mut |rel, id| seen.push((rel, id.clone())));
        let want: Vec<_> = r
            .links()
            .into_iter()
            .map(|l| (l.relation, l.target.clone()))
            .collect();
        assert_eq!(seen, want, "{}", r.id());
    }
}

/// A record's kind comes from the lists by kind, so that what needs only kinds (a filter's
/// counts, a map's places) reads no record of a snapshot.
#[test]
fn every_record_has_its_own_kind_without_being_read() {
    let index = Index::new(load_builtin().expect("built-in dataset"));
    assert!((0..index.len()).all(|i| index.kind(i) == index.record(i).kind()));
    assert!(Kind::ALL.iter().all(|&k| !index.of_kind(k).is_empty()));
}
