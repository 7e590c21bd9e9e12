//! Finding what an operator names: a place for `in:`, a source for `source:`, a collection for
//! `marked:`. Names are compared as slugs ([`slug`]: folded, every run of other characters than
//! letters and digits one `-`), so `in:"Southeast Asia"`, `in:southeast-asia` and `in:SOUTHEAST
//! ASIA`'s quoted form name the same place. A name that matches nothing is an error with the
//! nearest names there are.

use super::UserSets;
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::data::record::Record;
use crate::query::search::excerpt::source_label;
use crate::query::search::fold::fold;
use crate::text::closest::closest;
use rustc_hash::FxHashMap;

/// `name` folded, with every run of characters other than letters and digits made one `-`,
/// none at either end.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Places and sources by the slugs of their ids, names and aliases (and a source's outlet and
/// short name, `Xinhua 2024`).
#[derive(Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Names {
    places: FxHashMap<String, Vec<u32>>,
    sources: FxHashMap<String, Vec<u32>>,
}

impl Names {
    pub fn new(index: &Index) -> Names {
        let mut names = Names::default();
        let mut wanted: Vec<usize> = [Kind::Place, Kind::Source]
            .iter()
            .flat_map(|&k| index.of_kind(k).iter().copied())
            .collect();
        wanted.sort_unstable();
        index.records.visit(&wanted, |r, record| {
            let map = match record.kind() {
                Kind::Place => &mut names.places,
                Kind::Source => &mut names.sources,
                _ => return,
            };
            let mut keys = vec![record.id().as_str().to_string(), slug(record.name())];
            keys.extend(record.aliases().iter().map(|a| slug(a)));
            if let Record::Source(s) = record {
                keys.extend(s.outlet.as_deref().map(slug));
                keys.push(slug(&source_label(record)));
            }
            keys.sort_unstable();
            keys.dedup();
            for key in keys.into_iter().filter(|k| !k.is_empty()) {
                map.entry(key).or_default().push(r as u32);
            }
        });
        names
    }

    /// Whether every name is of records of `n`.
    pub fn fits(&self, n: usize) -> bool {
        [&self.places, &self.sources]
            .iter()
            .flat_map(|map| map.values().flatten())
            .all(|&r| (r as usize) < n)
    }

    /// The places called `name`.
    pub fn places(&self, name: &str) -> Result<Vec<usize>, String> {
        found(&self.places, name, "place", "in")
    }

    /// The sources called `name`.
    pub fn sources(&self, name: &str) -> Result<Vec<usize>, String> {
        found(&self.sources, name, "source", "source")
    }
}

fn found(
    map: &FxHashMap<String, Vec<u32>>,
    name: &str,
    what: &str,
    op: &str,
) -> Result<Vec<usize>, String> {
    let key = slug(name);
    if let Some(list) = map.get(&key) {
        return Ok(list.iter().map(|&r| r as usize).collect());
    }
    let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
    keys.sort_unstable();
    Err(match closest(&key, keys.iter().copied(), 80).first() {
        Some(near) => format!("no {what} is called `{name}` — did you mean `{op}:{near}`?"),
        None => format!("no {what} is called `{name}`: `{op}:` takes a {what}'s id or name"),
    })
}

/// The ids in the user's collection called `name` (ignoring case and spacing, as the marks do).
pub fn collection<'a>(user: &'a UserSets, name: &str) -> Result<&'a [String], String> {
    let key = slug(name);
    if let Some((_, ids)) = user.collections.iter().find(|(n, _)| slug(n) == key) {
        return Ok(ids);
    }
    let names: Vec<&str> = user.collections.iter().map(|(n, _)| n.as_str()).collect();
    let near = closest(&name.to_lowercase(), names.iter().copied(), 200);
    Err(match near.first() {
        Some(n) => format!("you have no collection `{name}` — did you mean `marked:{n}`?"),
        None if names.is_empty() => format!("you have no collection `{name}`: no marks yet"),
        None => format!(
            "you have no collection `{name}`: the collections are {}",
            names.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_slugs() {
        assert_eq!(slug("Southeast Asia"), "southeast-asia");
        assert_eq!(slug("  China Daily (2019): "), "china-daily-2019");
        assert_eq!(slug("Zürich"), "zurich");
        assert_eq!(slug("云南"), "云南");
    }

    #[test]
    fn an_unknown_collection_names_the_nearest() {
        let user = UserSets {
            noted: Vec::new(),
            collections: vec![("Chapter 2".into(), vec!["cnie".into()])],
        };
        assert_eq!(
            collection(&user, "chapter  2"),
            Ok(&["cnie".to_string()][..])
        );
        let err = collection(&user, "chapter 3").unwrap_err();
        assert!(err.contains("did you mean `marked:Chapter 2`"), "{err}");
    }

    #[test]
    fn names_of_records_past_the_end_do_not_fit() {
        let mut names = Names::default();
        names.places.insert("yunnan".into(), vec![0, 2]);
        assert!(names.fits(3) && !names.fits(2));
        names.sources.insert("xinhua".into(), vec![7]);
        assert!(!names.fits(3));
    }
}
