//! The left pane: the records of the current tab, or the search box and its results.

use super::{block, marked, selection};
use crate::data::record::Record;
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::screen::Screen;
use crate::tui::app::{App, Focus};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

pub fn render(app: &App, frame: &mut Frame) {
    let area = layout::screen(app.size).list;
    if let Some(s) = app.search() {
        return super::search::render(app, s, frame);
    }
    let t = &app.options.theme;
    let l = &app.views.lists;
    let focused = l.focus == Focus::List && app.overlay.is_none();
    let kind = l.kind();
    let total = l.len(&app.index);
    let title = kind.map_or("All records", |k| k.plural());
    let at = (l.list.selected + 1).min(total);
    let count = match l.filter() {
        // The filter last, so that a narrow pane cuts it rather than the counts.
        Some(f) => format!(
            " {title} {at}/{total} of {} · {} · {} ",
            l.unfiltered_len(&app.index),
            l.order.short(l.given()),
            sanitize::line(&f.text),
        ),
        None => format!(" {title} {at}/{total} · {} ", l.order.short(l.given())),
    };
    let width = layout::inner_width(area);
    let height = layout::inner_height(area);
    let shown: Vec<(usize, usize)> = (l.list.offset..(l.list.offset + height).min(total))
        .filter_map(|i| l.row(&app.index, i).map(|r| (i, r)))
        .collect();
    let clash = clashes(app, shown.iter().map(|&(_, r)| r), kind.is_none(), width);
    let lines: Vec<Line> = shown
        .iter()
        .zip(clash)
        .map(|(&(i, r), clash)| {
            let sel = i == l.list.selected;
            let style = if sel {
                selection(t, focused)
            } else {
                Style::new()
            };
            row(
                app,
                r,
                Cut {
                    sel,
                    with_kind: kind.is_none(),
                    clash,
                    by_date: l.order.key == crate::tui::app::table::SortKey::Date,
                },
                width,
                style,
                &[],
            )
        })
        .collect();
    let lines = if lines.is_empty() && l.filter().is_some() {
        vec![Line::styled(
            "(nothing here passes the filter; Esc clears it)",
            t.dim,
        )]
    } else if lines.is_empty() {
        vec![Line::styled("(nothing here)", t.dim)]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(count), focused, t)),
        area,
    );
    super::scrollbar(frame, area, (total, l.list.offset), focused, t);
}

/// A short fact shown at the right of a row: a statistic's value, an event's date.
fn aside(r: &Record) -> Option<String> {
    match r {
        Record::Statistic(s) => Some(format!("· {}", s.figure().text(true))),
        Record::Event(_) | Record::Source(_) | Record::Programme(_) => r.date().map(|d| d.human()),
        _ => None,
    }
}

/// How a row is drawn: selected, with a kind tag, and how its name reads beside the others.
#[derive(Clone, Copy)]
pub(super) struct Cut {
    pub sel: bool,
    pub with_kind: bool,
    pub clash: Clash,
    /// The list is in date order: every row shows its date, whatever the name must give up.
    pub by_date: bool,
}

/// How a row's name reads beside the other rows shown.
#[derive(Clone, Copy)]
pub(super) struct Clash {
    /// Another name would read the same once cut at the end, though the two differ (`People in
    /// poverty in China, end of 2…` twice): this one is cut in the middle instead.
    pub middle: bool,
    /// Another row has the very same name (two people called Li Wei): this one shows its id.
    pub twin: bool,
}

/// How each of the rows shown reads beside the others (see [`Clash`]).
pub(super) fn clashes(
    app: &App,
    rows: impl Iterator<Item = usize>,
    with_kind: bool,
    width: usize,
) -> Vec<Clash> {
    let room = width.saturating_sub(2 + if with_kind { 7 } else { 0 });
    let names: Vec<String> = rows
        .map(|r| sanitize::line(app.index.record(r).name()).into_owned())
        .collect();
    let cut: Vec<String> = names
        .iter()
        .map(|n| truncate_to_width(n, room).into_owned())
        .collect();
    let others = |i: usize| (0..names.len()).filter(move |&j| j != i);
    (0..names.len())
        .map(|i| Clash {
            middle: others(i).any(|j| cut[j] == cut[i] && names[j] != names[i]),
            twin: others(i).any(|j| names[j] == names[i]),
        })
        .collect()
}

/// One row: marker, optional kind tag, name with the matched words marked (byte ranges in the
/// name as written), and an aside if it fits.
pub(super) fn row<'a>(
    app: &App,
    r: usize,
    cut: Cut,
    width: usize,
    style: Style,
    matched: &[Range<usize>],
) -> Line<'a> {
    let Cut {
        sel: selected,
        with_kind,
        clash: Clash { middle, twin },
        by_date,
    } = cut;
    let t = &app.options.theme;
    let record = app.index.record(r);
    // A bookmarked record carries a `*` beside the selection marker.
    let marked = app.marks.position(record.id().as_str()).is_some();
    let marker = match (selected, marked) {
        (true, true) => "▶*",
        (true, false) => "▶ ",
        (false, true) => " *",
        (false, false) => "  ",
    };
    let mut spans = vec![Span::styled(marker, style)];
    let mut used = 2;
    if with_kind {
        let tag = format!("{:<7}", record.kind().short());
        used += tag.len();
        spans.push(Span::styled(tag, if selected { style } else { t.kind }));
    }
    let name = sanitize::line(record.name());
    let fact = if by_date {
        Some(record.date().map_or("no date".to_string(), |d| d.human()))
    } else {
        aside(record)
    };
    let aside = match (fact, twin) {
        (aside, false) => aside,
        (Some(aside), true) => Some(format!("{aside} · {}", record.id())),
        (None, true) => Some(record.id().to_string()),
    };
    let aside = aside.map(|a| format!(" {}", sanitize::line(&a)));
    let aside_w = aside.as_deref().map_or(0, display_width);
    let room = width.saturating_sub(used);
    // A figure's value, and the id that tells twins apart, say more than the end of a name:
    // the name is cut to keep them.
    let keep = (by_date && room >= aside_w + 8)
        || ((twin || matches!(record, Record::Statistic(_))) && room >= aside_w + 24);
    let show_aside = aside_w > 0 && (keep || display_width(&name) + aside_w <= room);
    let name_room = if show_aside { room - aside_w } else { room };
    let (name, w) = marked::field(
        record.name(),
        matched,
        name_room,
        middle,
        style,
        style.patch(t.matched),
    );
    used += w;
    spans.extend(name);
    if show_aside && let Some(a) = aside {
        let pad = width.saturating_sub(used + aside_w);
        spans.push(Span::styled(" ".repeat(pad), style));
        spans.push(Span::styled(a, if selected { style } else { t.dim }));
    } else if selected {
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    }
    Line::from(spans)
}
