//! A research memo of a collection: for each marked record its name, the user's note, and the
//! quotes that support it, each followed by a citation of its source (`[@key]` in Markdown,
//! `[cite:@key]` in Org) whose key is the one the bibliography made with it gives, so that
//! `pandoc memo.md --citeproc --bibliography memo.bib` renders it with every citation resolved.
//! `ngo-atlas marks --format` prints it, and the marks list copies it.

use super::Marks;
use crate::data::index::Index;
use crate::data::record::Record;
use crate::query::cite::{self, Style};
use crate::text::doc::quoted;
use std::collections::HashMap;

/// The memo's markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Markdown,
    Org,
}

/// A memo and its bibliography.
pub struct Memo {
    pub text: String,
    /// The bibliography in the style asked for, its keys the memo's citations.
    pub bibliography: String,
    /// How many records it holds.
    pub records: usize,
}

/// The memo of the collection `name` (the current one if `None`), its bibliography in `style`
/// (BibLaTeX or CSL-JSON).
pub fn memo(
    index: &Index,
    marks: &Marks,
    name: Option<&str>,
    markup: Markup,
    style: Style,
) -> Result<Memo, String> {
    let name = name.unwrap_or(marks.current());
    let list = marks.marks_in(name).map_err(|r| r.to_string())?;
    let name = marks.name_of(name).unwrap_or(name);
    let records: Vec<usize> = list.iter().filter_map(|m| index.get(&m.id)).collect();
    let sources = cite::sources_of(index, &records);
    let keys: HashMap<&str, String> = cite::keys(&sources, style)
        .into_iter()
        .map(|(s, k)| (s.id.as_str(), k))
        .collect();
    let mut out = String::new();
    let heading = |level: usize, text: &str| match markup {
        Markup::Markdown => format!("{} {}\n\n", "#".repeat(level), escape(text)),
        Markup::Org => format!("{} {}\n\n", "*".repeat(level), text),
    };
    let cited = |key: &str| match markup {
        Markup::Markdown => format!("[@{key}]"),
        Markup::Org => format!("[cite:@{key}]"),
    };
    out.push_str(&heading(1, name));
    for mark in list {
        let Some(r) = index.get(&mark.id) else {
            out.push_str(&heading(2, &format!("{} (not in this dataset)", mark.name)));
            continue;
        };
        let record = index.record(r);
        out.push_str(&heading(2, record.name()));
        out.push_str(&format!("{} · `{}`\n\n", record.kind(), record.id()));
        if let Some(note) = &mark.note {
            out.push_str(&match markup {
                Markup::Markdown => format!("**Note:** {}\n\n", escape(note)),
                Markup::Org => format!("*Note:* {note}\n\n"),
            });
        }
        if let Record::Source(s) = record
            && let Some(key) = keys.get(s.id.as_str())
        {
            out.push_str(&format!("{}\n\n", cited(key)));
        }
        for quote in record.sources() {
            let Some(key) = keys.get(quote.source.as_str()) else {
                continue;
            };
            out.push_str(&match markup {
                Markup::Markdown => {
                    format!("> {} {}\n\n", escape(&quoted(&quote.quote)), cited(key))
                }
                Markup::Org => format!(
                    "#+begin_quote\n{} {}\n#+end_quote\n\n",
                    quoted(&quote.quote.replace('\n', " ")),
                    cited(key)
                ),
            });
        }
    }
    Ok(Memo {
        text: out,
        bibliography: cite::bibliography(&sources, style),
        records: list.len(),
    })
}

/// Text for Markdown: every character Markdown or pandoc could read as markup (an `@` as a
/// citation, `*` as emphasis, `[` as a link) escaped, line breaks as spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '@' | '|' | '~' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
