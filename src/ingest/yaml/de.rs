//! Hands a tree from [`super::fast`] to serde, reading each scalar exactly as serde_yaml 0.9
//! does: a plain `~`, `null` or nothing is null, `true`/`false` are booleans, numbers are read
//! by the same rules (ported below from serde_yaml's `de.rs`, MIT), and everything else,
//! quoted or not, is a string where a string is wanted.
//!
//! Any error here only means "let serde_yaml decide": its message is never shown, so it
//! carries none.

use super::fast::{NONE, Node, Value};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;

#[derive(Debug)]
pub(super) struct Unsure;

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsure
    }
}

type R<T> = Result<T, Unsure>;

/// One node of a tree, as a serde `Deserializer`.
pub(super) struct De<'t, 'a> {
    pub nodes: &'t [Node<'a>],
    pub at: u32,
}

impl<'t, 'a> De<'t, 'a> {
    fn node(&self) -> &'t Value<'a> {
        &self.nodes[self.at as usize].value
    }

    /// A plain scalar's text; `None` for anything else.
    fn plain(&self) -> Option<&'t str> {
        match self.node() {
            Value::Scalar(s, true) => Some(s),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        self.plain().is_some_and(|s| s.is_empty() || is_null(s))
    }
}

fn is_null(s: &str) -> bool {
    matches!(s, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Leading zeros followed by digits make a string in YAML 1.2.
fn digits_but_not_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

fn radix<T>(s: &str, parse: fn(&str, u32) -> Result<T, std::num::ParseIntError>) -> Option<T> {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = parse(rest, radix) {
                return Some(n);
            }
        }
    }
    None
}

fn negative_radix(s: &str) -> Option<i64> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix)
            && let Ok(n) = i64::from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(n);
        }
    }
    None
}

fn parse_u64(s: &str) -> Option<u64> {
    let unpositive = s.strip_prefix('+').unwrap_or(s);
    if let Some(n) = radix(unpositive, u64::from_str_radix) {
        return Some(n);
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(s) {
        return None;
    }
    unpositive.parse().ok()
}

fn parse_negative_i64(s: &str) -> Option<i64> {
    if let Some(n) = negative_radix(s) {
        return Some(n);
    }
    if digits_but_not_number(s) {
        return None;
    }
    s.parse().ok()
}

fn parse_i64(s: &str) -> Option<i64> {
    let unpositive = match s.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => s,
    };
    if let Some(n) = radix(unpositive, i64::from_str_radix) {
        return Some(n);
    }
    if let Some(n) = negative_radix(s) {
        return Some(n);
    }
    if digits_but_not_number(s) {
        return None;
    }
    unpositive.parse().ok()
}

fn parse_f64(s: &str) -> Option<f64> {
    let unpositive = match s.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => s,
    };
    match unpositive {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match s {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN.copysign(1.0)),
        _ => {}
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A plain scalar read with no type in mind, as serde_yaml's `visit_untagged_scalar`. Integers
/// too large for 64 bits are left to serde_yaml.
fn untagged<'de, V: Visitor<'de>>(v: V, s: &str) -> R<V::Value> {
    if s.is_empty() || is_null(s) {
        return v.visit_unit();
    }
    if let Some(b) = parse_bool(s) {
        return v.visit_bool(b);
    }
    if let Some(n) = parse_u64(s) {
        return v.visit_u64(n);
    }
    if let Some(n) = parse_negative_i64(s) {
        return v.visit_i64(n);
    }
    // An integer too large for 64 bits: serde_yaml reads it as a 128-bit one.
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let too_large = match ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| unsigned.strip_prefix(p))
    {
        Some(rest) => !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()),
    };
    if too_large && !digits_but_not_number(s) {
        return Err(Unsure);
    }
    if !digits_but_not_number(s)
        && let Some(f) = parse_f64(s)
    {
        return v.visit_f64(f);
    }
    v.visit_str(s)
}

impl<'de, 't, 'a> de::Deserializer<'de> for De<'t, 'a> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.node() {
            Value::Scalar(s, true) => untagged(v, s),
            Value::Scalar(s, false) => v.visit_str(s),
            Value::Seq(first, len) => v.visit_seq(Seq::new(self.nodes, *first, *len)),
            Value::Map(first, len) => v.visit_map(Map::new(self.nodes, *first, *len)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.plain().and_then(parse_bool) {
            Some(b) => v.visit_bool(b),
            None => Err(Unsure),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_i64(v)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_i64(v)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_i64(v)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.plain().and_then(parse_i64) {
            Some(n) => v.visit_i64(n),
            None => Err(Unsure),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_u64(v)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_u64(v)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_u64(v)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.plain().and_then(parse_u64) {
            Some(n) => v.visit_u64(n),
            None => Err(Unsure),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_f64(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.plain().and_then(parse_f64) {
            Some(f) => v.visit_f64(f),
            None => Err(Unsure),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.node() {
            Value::Scalar(s, _) => v.visit_str(s),
            _ => Err(Unsure),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> R<V::Value> {
        Err(Unsure)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> R<V::Value> {
        Err(Unsure)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        if self.is_null() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        if self.is_null() {
            v.visit_unit()
        } else {
            Err(Unsure)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> R<V::Value> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> R<V::Value> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.node() {
            Value::Seq(first, len) => v.visit_seq(Seq::new(self.nodes, *first, *len)),
            Value::Scalar(s, true) if s.is_empty() => v.visit_seq(Seq::new(self.nodes, NONE, 0)),
            _ => Err(Unsure),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> R<V::Value> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> R<V::Value> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.node() {
            Value::Map(first, len) => v.visit_map(Map::new(self.nodes, *first, *len)),
            Value::Scalar(s, true) if s.is_empty() => v.visit_map(Map::new(self.nodes, NONE, 0)),
            _ => Err(Unsure),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        self.deserialize_map(v)
    }

    /// Only unit variants, written as a scalar; serde_yaml reads tagged ones.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        match self.node() {
            Value::Scalar(s, _) if !s.is_empty() => v.visit_enum(s.as_ref().into_deserializer()),
            _ => Err(Unsure),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        v.visit_unit()
    }
}

struct Seq<'t, 'a> {
    nodes: &'t [Node<'a>],
    next: u32,
    left: u32,
}

impl<'t, 'a> Seq<'t, 'a> {
    fn new(nodes: &'t [Node<'a>], first: u32, len: u32) -> Self {
        Seq {
            nodes,
            next: first,
            left: len,
        }
    }
}

impl<'de> de::SeqAccess<'de> for Seq<'_, '_> {
    type Error = Unsure;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> R<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        let at = self.next;
        self.next = self.nodes[at as usize].next;
        self.left -= 1;
        seed.deserialize(De {
            nodes: self.nodes,
            at,
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left as usize)
    }
}

struct Map<'t, 'a> {
    nodes: &'t [Node<'a>],
    next: u32,
    left: u32,
}

impl<'t, 'a> Map<'t, 'a> {
    fn new(nodes: &'t [Node<'a>], first: u32, len: u32) -> Self {
        Map {
            nodes,
            next: first,
            left: len,
        }
    }
}

impl<'de> de::MapAccess<'de> for Map<'_, '_> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> R<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        let at = self.next;
        self.next = self.nodes[at as usize].next;
        self.left -= 1;
        seed.deserialize(De {
            nodes: self.nodes,
            at,
        })
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> R<V::Value> {
        if self.left == 0 {
            return Err(Unsure);
        }
        let at = self.next;
        self.next = self.nodes[at as usize].next;
        self.left -= 1;
        seed.deserialize(De {
            nodes: self.nodes,
            at,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left as usize / 2)
    }
}
