//! The field names of a record type, in declaration order, as serde knows them (renames
//! applied: `org_type` is `type`). CSV columns come from here, so a field added to the schema
//! becomes a column without touching the exporter.

use crate::data::model::{Event, Kind, Organization, Person, Place, Programme, Source, Statistic};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// A deserializer that only notes the field list serde's derive hands to `deserialize_struct`,
/// then stops.
struct Probe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only structs are probed"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("probed"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

fn of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // The probe always ends in an error: the field list is what it was for.
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// The fields of a kind's records, in the order the schema declares them.
pub fn names(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Organization => of::<Organization>(),
        Kind::Person => of::<Person>(),
        Kind::Event => of::<Event>(),
        Kind::Programme => of::<Programme>(),
        Kind::Statistic => of::<Statistic>(),
        Kind::Place => of::<Place>(),
        Kind::Source => of::<Source>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_starts_with_the_common_head_in_schema_order() {
        for kind in Kind::ALL {
            let f = names(kind);
            assert_eq!(&f[..4], &["id", "name", "aliases", "summary"], "{kind}");
        }
        let org = names(Kind::Organization);
        assert!(org.contains(&"type") && !org.contains(&"org_type"));
        assert_eq!(org.last(), Some(&"sources"));
        let stat = names(Kind::Statistic);
        let at = |f: &str| stat.iter().position(|&x| x == f).unwrap();
        assert!(at("value") < at("unit") && at("unit") < at("sources"));
        assert!(!names(Kind::Source).contains(&"sources"));
    }
}
