//! The quotes list: a concordance of every quote that matches a query, one line each with the
//! matched words in a fixed middle column (see [`crate::query::concordance`]). The query is written
//! on the list's first line; Enter runs it. From the list, Enter opens the record at the quote,
//! `y` copies the quote with its citation, `C` copies every row as TSV, `s`/`r` change the
//! order, `/` edits the query again.

use super::super::cursor::{Cursor, delta};
use super::super::line_edit::LineEdit;
use super::super::{Ctx, Effect, Outcome};
use super::{Answer, Layer, Then, World};
use crate::prefs::keymap::{Action, Mode};
use crate::query::cite::Style;
use crate::query::concordance::{self, Order, Query, Row};
use crate::query::search::{self, Field, Searcher};
use crate::text::sanitize;
use crate::tui::layout::{self, inside};
use ratatui::layout::Rect;

pub struct QuotesList {
    pub line: LineEdit,
    /// The query line has the keys (else the list has).
    pub editing: bool,
    /// The query the rows are for, as typed.
    pub ran: String,
    query: Query,
    pub rows: Vec<Row>,
    pub order: Order,
    pub reversed: bool,
    pub list: Cursor,
}

/// Where the list is drawn: the popup, its query line, its rows.
pub fn areas(size: (u16, u16)) -> (Rect, Rect, Rect) {
    let popup = layout::text_popup(size);
    let inner = Rect {
        x: popup.x + 1,
        y: popup.y + 1,
        width: popup.width.saturating_sub(2),
        height: popup.height.saturating_sub(2),
    };
    let input = Rect { height: 1, ..inner };
    let rows = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    (popup, input, rows)
}

fn rows_shown(size: (u16, u16)) -> usize {
    areas(size).2.height.max(1) as usize
}

/// What a key leads to: for the app, the quote to open at, and for the outside world.
pub type Reply = (Outcome, Option<(Field, search::Query)>, Option<Effect>);

impl Layer for QuotesList {
    /// The query line's keys while it is edited, else the list's.
    fn mode(&self) -> Mode {
        if self.editing {
            Mode::Edit
        } else {
            Mode::Quotes
        }
    }

    fn update(&mut self, action: Action, w: &mut World) -> Answer {
        let (outcome, found, effect) = self.key(action, w.ctx, w.style, w.searcher);
        Answer {
            then: Then::Outcome(outcome),
            effect,
            found,
        }
    }

    /// A click on a row selects it, and opens it when it was selected; outside, closes.
    fn click(&mut self, x: u16, y: u16, w: &mut World) -> Answer {
        let (popup, _, list) = areas(w.ctx.size);
        let row = inside(list, x, y).then(|| (y - list.y) as usize);
        match row.and_then(|r| self.list.row_at(r, self.rows.len())) {
            Some(i) if i == self.list.selected && !self.editing => self.update(Action::Open, w),
            Some(i) => {
                self.list.selected = i;
                Answer::stay()
            }
            None if inside(popup, x, y) => Answer::stay(),
            None => Outcome::Close.into(),
        }
    }
}

impl QuotesList {
    /// Opens with `text` on the query line, ready to edit; run at once if not empty.
    pub fn open(text: &str, ctx: &Ctx, searcher: Option<&Searcher>) -> QuotesList {
        let mut q = QuotesList {
            line: LineEdit::new(text, true),
            editing: true,
            ran: String::new(),
            query: Query::default(),
            rows: Vec::new(),
            order: Order::default(),
            reversed: false,
            list: Cursor::default(),
        };
        if !text.trim().is_empty() && q.run(ctx, searcher).is_ok() {
            q.editing = false;
        }
        q
    }

    /// Runs the query on the line; an error is in words.
    /// The filter lookups are the searcher's when it has them ready (they take 0.7 s to
    /// build at a million records), else built for the query.
    fn run(&mut self, ctx: &Ctx, searcher: Option<&Searcher>) -> Result<(), String> {
        let text = self.line.text.clone();
        let query = Query::parse(&text)?.with_user(std::sync::Arc::clone(&ctx.user));
        if query.is_empty() {
            return Err("Type words or a \"phrase\" to find in the quotes".to_string());
        }
        self.rows = concordance::rows(
            &ctx.index,
            &query,
            self.order,
            searcher.and_then(Searcher::filters),
        )?;
        if self.reversed {
            self.rows.reverse();
        }
        self.query = query;
        self.ran = text;
        self.list = Cursor::default();
        Ok(())
    }

    /// The title's count and order: "12 quotes · by source ↑".
    pub fn summary(&self) -> String {
        let n = self.rows.len();
        let quotes = if n == 1 { "quote" } else { "quotes" };
        let arrow = if self.reversed { "↓" } else { "↑" };
        format!("{n} {quotes} · by {} {arrow}", self.order.label())
    }

    /// A key: what follows, where to open the record, what the outside world must do.
    pub fn key(
        &mut self,
        action: Action,
        ctx: &Ctx,
        style: Style,
        searcher: Option<&Searcher>,
    ) -> Reply {
        if self.editing {
            return self.edit(action, ctx, searcher);
        }
        let len = self.rows.len();
        let rows = rows_shown(ctx.size);
        match action {
            Action::Close => return (Outcome::Close, None, None),
            Action::Search => self.editing = true,
            Action::Open => {
                if let Some(row) = self.rows.get(self.list.selected) {
                    let words = search::Query {
                        words: self.query.words(),
                        ..Default::default()
                    };
                    return (
                        Outcome::Open(row.record),
                        Some((Field::Quote(row.at), words)),
                        None,
                    );
                }
            }
            Action::SortNext | Action::SortReverse => {
                let kept = self.rows.get(self.list.selected).cloned();
                if action == Action::SortNext {
                    self.order = self.order.next();
                    concordance::sort(&ctx.index, &mut self.rows, self.order);
                    if self.reversed {
                        self.rows.reverse();
                    }
                } else {
                    self.reversed = !self.reversed;
                    self.rows.reverse();
                }
                if let Some(i) = kept.and_then(|k| self.rows.iter().position(|r| *r == k)) {
                    self.list.selected = i;
                }
                self.list.show(len, rows);
                return (
                    Outcome::Status(format!("Quotes {}", self.summary())),
                    None,
                    None,
                );
            }
            Action::Copy => {
                if let Some(row) = self.rows.get(self.list.selected) {
                    let (text, what) = quote_with_citation(ctx, row, style);
                    return (Outcome::Stay, None, Some(Effect::Copy { text, what }));
                }
            }
            Action::CopyRows => {
                if len > 0 {
                    let text = tsv(ctx, &self.rows, style);
                    let what = format!("all {len} quotes as TSV");
                    return (Outcome::Stay, None, Some(Effect::Copy { text, what }));
                }
            }
            a => {
                if let Some(d) = delta(a, rows) {
                    self.list.step(d, len, rows);
                }
            }
        }
        (Outcome::Stay, None, None)
    }

    fn edit(&mut self, action: Action, ctx: &Ctx, searcher: Option<&Searcher>) -> Reply {
        match action {
            Action::Open => match self.run(ctx, searcher) {
                Ok(()) => {
                    self.editing = false;
                    if self.rows.is_empty() {
                        let said = format!("No quote matches {}", sanitize::line(&self.ran));
                        return (Outcome::Status(said), None, None);
                    }
                }
                Err(why) => return (Outcome::Status(why), None, None),
            },
            // Back to the rows of the last query, or out if there are none.
            Action::Close if self.ran.is_empty() => return (Outcome::Close, None, None),
            Action::Close => {
                self.line = LineEdit::new(&self.ran, true);
                self.editing = false;
            }
            a => {
                self.line.edit(a);
            }
        }
        (Outcome::Stay, None, None)
    }
}

/// A row's quote followed by its source's citation, and what it is for the status bar.
fn quote_with_citation(ctx: &Ctx, row: &Row, style: Style) -> (String, String) {
    let c = concordance::cited(&ctx.index, row, style);
    let what = format!(
        "the quote on “{}” with its {} citation",
        sanitize::line(c.record_name),
        style.label()
    );
    let line = crate::query::cite::quote_line(c.quote, style);
    (format!("{line}\n{}", c.citation), what)
}

/// Every row as tab-separated text with a header: quote, record id and name, source id and
/// short name, date, full citation. Tabs and line breaks inside a field become spaces.
fn tsv(ctx: &Ctx, rows: &[Row], style: Style) -> String {
    let cell = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out =
        String::from("quote\trecord id\trecord name\tsource id\tsource\tdate\tcitation\n");
    for row in rows {
        let c = concordance::cited(&ctx.index, row, style);
        let fields = [
            c.quote,
            c.record_id,
            c.record_name,
            c.source_id,
            &c.source,
            &c.date,
            &c.citation,
        ];
        let line: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    out
}
