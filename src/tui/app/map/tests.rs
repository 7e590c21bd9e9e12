use super::markers::coordinates;
use super::*;

fn index() -> Index {
    Index::new(crate::ingest::load::load_builtin().expect("built-in dataset loads"))
}

#[test]
fn every_place_with_coordinates_has_a_marker_and_no_other() {
    let index = index();
    let m = markers(&index);
    let with: Vec<usize> = index
        .of_kind(Kind::Place)
        .iter()
        .copied()
        .filter(|&p| coordinates(&index, p).is_some())
        .collect();
    assert_eq!(m.len(), with.len());
    assert!(m.iter().all(|m| with.contains(&m.place)));
}

#[test]
fn events_appear_at_their_place_and_places_without_coordinates_at_their_container() {
    let index = index();
    let m = markers(&index);
    let at = |place: &str| {
        let p = index.get(place).unwrap();
        m.iter().find(|m| m.place == p).unwrap()
    };
    let geneva = at("geneva");
    let session = index.get("hrc-55th-session").unwrap();
    assert!(geneva.here.iter().any(|h| h.record == session));
    let yongren = at("yongren-county");
    let lianchi = index.get("lianchi-township").unwrap();
    assert!(yongren.here.iter().any(|h| h.record == lianchi));
    assert!(yongren.here.iter().any(|h| h.via == Some(lianchi)));
}

#[test]
fn labels_never_cover_another_marker_or_label() {
    let index = index();
    let m = markers(&index);
    let inner = (100, 30);
    let d = draw(&index, &m, REGIONS[0].fit(inner), inner);
    for (i, &(lx, ly, ref text)) in d.labels.iter().enumerate() {
        let end = lx + display_width(text) as u16;
        for &(_, x, y) in &d.cells {
            assert!(
                !(y == ly && (lx..end).contains(&x)),
                "{text} covers a marker"
            );
        }
        for &(ox, oy, ref other) in &d.labels[i + 1..] {
            let oend = ox + display_width(other) as u16;
            assert!(!(oy == ly && ox < end && lx < oend), "{text} / {other}");
        }
    }
}
