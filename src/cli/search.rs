//! `ngo-atlas search`: the explorer's search, printed as a table or JSON. The same searcher and
//! the same call as the explorer's search box, so both list the same hits in the same order.

use super::pretty;
use crate::data::index::Index;
use crate::data::model::Kind;
use crate::query::search::{
    Excerpt, Field, Hit, Query, Searcher, Tier, UserSets, excerpt, highlight,
};
use crate::text::sanitize;
use serde_json::{Value, json};
use std::fmt::Write;
use std::sync::Arc;

/// Columns an excerpt takes in the table (after its indent and the source's name).
const EXCERPT_WIDTH: usize = 76;

/// What `search` printed: the hits, and for standard error a note that the list was cut.
#[derive(Debug)]
pub struct Listing {
    pub text: String,
    pub note: Option<String>,
}

/// Exit code when nothing matches, as grep and `search --lines` use.
pub const NO_MATCH: i32 = 1;

/// Refuses a query over the limits, saying how long it is: a script should not get the hits
/// of a query it did not give.
pub fn check_query(text: &str) -> Result<(), (String, i32)> {
    if crate::query::search::within_limits(text).1 {
        let chars = text.chars().count();
        let words = text.split_whitespace().count();
        return Err((
            format!(
                "{}; this one has {} characters and {} word{}",
                crate::query::search::query_limits(),
                crate::data::limits::thousands(chars as u64),
                crate::data::limits::thousands(words as u64),
                if words == 1 { "" } else { "s" }
            ),
            2,
        ));
    }
    Ok(())
}

/// Exit code of a query that cannot run: an unknown operator, a bad range, a place, source,
/// record or collection that is not there.
pub const BAD_QUERY: i32 = 2;

/// How `search` runs, besides its query.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// Only records of this kind (`--kind`).
    pub kind: Option<Kind>,
    pub limit: usize,
    pub as_json: bool,
    /// The user's notes and collections, for `has:note` and `marked:`.
    pub user: UserSets,
}

pub fn search(
    index: Arc<Index>,
    text: &str,
    options: SearchOptions,
) -> Result<Listing, (String, i32)> {
    let SearchOptions {
        kind,
        limit,
        as_json,
        user,
    } = options;
    if limit == 0 {
        return Err(("--limit must be at least 1".into(), 2));
    }
    check_query(text)?;
    let mut query = Query::parse(text).with_user(Arc::new(user));
    if kind.is_some() {
        query.kind = kind;
    }
    let searcher = Searcher::shared(Arc::clone(&index));
    // A script wants the number of matches exact.
    let found = searcher.find_counted(&query, limit);
    if let Some(error) = found.error {
        return Err((sanitize::line(&error).to_string(), BAD_QUERY));
    }
    if found.hits.is_empty() {
        let what = query.kind.map_or("record", |k| k.word());
        let msg = format!("no {what} matches `{}`", sanitize::line(text.trim()));
        return Err((msg, NO_MATCH));
    }
    let more = found.total.saturating_sub(found.hits.len());
    let mut notes = Vec::new();
    if more > 0 {
        notes.push(format!("… and {more} more (use --limit)"));
    }
    if found.loose > 0 {
        notes.push(format!(
            "{} matched loosely (letters scattered through a name) and are not listed",
            found.loose
        ));
    }
    let note = (!notes.is_empty()).then(|| notes.join("\n"));
    let text = if as_json {
        let list: Vec<Value> = found
            .hits
            .iter()
            .map(|h| to_json(&index, h, &query))
            .collect();
        pretty(&Value::Array(list))
    } else {
        table(&index, &found.hits, &query)
    };
    Ok(Listing { text, note })
}

/// Where a hit matched, in words: nothing for a name (the row shows it), else the field, the
/// alias that matched, and whether it took a typo.
fn place(index: &Index, h: &Hit, query: &Query) -> Option<String> {
    let typo = h.tier() == Some(Tier::Typo);
    let mut out = match h.field {
        Field::Name if !typo => return None,
        Field::Alias => match alias(index, h, query) {
            Some(a) => format!("alias {}", sanitize::line(a)),
            None => "alias".into(),
        },
        f => f.label().to_string(),
    };
    if typo {
        out.push_str(", typo");
    }
    Some(out)
}

/// The alias of the hit's record that the query matched.
fn alias<'a>(index: &'a Index, h: &Hit, query: &Query) -> Option<&'a str> {
    let aliases = index.record(h.record).aliases();
    aliases
        .iter()
        .find(|a| !highlight(a, query, Field::Alias).is_empty())
        .or(aliases.first())
        .map(|a| a.as_str())
}

fn table(index: &Index, hits: &[Hit], query: &Query) -> String {
    let id_width = hits
        .iter()
        .map(|h| index.record(h.record).id().as_str().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for h in hits {
        let r = index.record(h.record);
        let _ = write!(
            out,
            "{:<12} {:<id_width$}  {}",
            r.kind().word(),
            r.id(),
            sanitize::line(r.name())
        );
        if let Some(place) = place(index, h, query) {
            let _ = write!(out, "  ({place})");
        }
        out.push('\n');
        if let Some(label) = excerpt_label(index, h) {
            let room = EXCERPT_WIDTH.saturating_sub(sanitize::display_width(&label));
            if let Some(e) = excerpt(index, h, query, room) {
                let _ = writeln!(out, "    {label}{}", e.text);
            }
        }
    }
    out
}

/// What goes before an excerpt in the table: the source's short name for a quote.
fn excerpt_label(index: &Index, h: &Hit) -> Option<String> {
    let r = index.record(h.record);
    match h.field {
        Field::Quote(i) => {
            let source = r.sources().get(i).and_then(|s| index.resolve(&s.source));
            let name = source.map(|s| crate::query::search::source_label(index.record(s)));
            Some(
                name.map(|n| format!("{}: ", sanitize::line(&n)))
                    .unwrap_or_default(),
            )
        }
        Field::Summary | Field::Note => Some(String::new()),
        Field::Name | Field::Alias | Field::Id => None,
    }
}

fn to_json(index: &Index, h: &Hit, query: &Query) -> Value {
    let r = index.record(h.record);
    let mut v = json!({
        "kind": r.kind(),
        "id": r.id(),
        "name": r.name(),
        "score": h.points(),
        "tier": h.tier().map(Tier::label),
        "field": h.field.label(),
        "excerpt": Value::Null,
    });
    if h.field == Field::Alias {
        v["alias"] = json!(alias(index, h, query));
    }
    if let Some(e) = excerpt(index, h, query, EXCERPT_WIDTH) {
        v["excerpt"] = excerpt_json(index, &e);
    }
    if let Field::Quote(i) = h.field {
        v["quote"] = json!(i);
    }
    v
}

fn excerpt_json(index: &Index, e: &Excerpt) -> Value {
    let ranges = |rs: &[std::ops::Range<usize>]| -> Value {
        rs.iter().map(|r| json!([r.start, r.end])).collect()
    };
    json!({
        "text": e.text,
        "highlights": ranges(&e.highlights),
        "matched": ranges(&e.matched),
        "source": e.source.map(|s| index.record(s).id().to_string()),
        "source_name": e.source_name,
    })
}
