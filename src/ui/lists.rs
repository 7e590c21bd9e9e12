//! The left pane: the records of the current tab, or the search box and its results.

use super::{block, selection};
use crate::app::overlay::SearchBox;
use crate::app::{App, Focus};
use crate::layout;
use crate::record::Record;
use crate::sanitize::{self, display_width, truncate_to_width};
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame) {
    let area = layout::screen(app.size).list;
    if let Some(s) = app.search() {
        return search(app, s, frame);
    }
    let t = &app.options.theme;
    let l = &app.lists;
    let focused = l.focus == Focus::List && app.overlay.is_none();
    let kind = l.kind();
    let total = l.len(&app.index);
    let title = kind.map_or("All records", |k| k.plural());
    let count = format!(
        " {title} {}/{total} · {} ",
        (l.list.selected + 1).min(total),
        l.order.short("name")
    );
    let width = layout::inner_width(area);
    let height = layout::inner_height(area);
    let shown: Vec<(usize, usize)> = (l.list.offset..(l.list.offset + height).min(total))
        .filter_map(|i| l.row(&app.index, i).map(|r| (i, r)))
        .collect();
    let middle = clashes(app, shown.iter().map(|&(_, r)| r), kind.is_none(), width);
    let lines: Vec<Line> = shown
        .iter()
        .zip(middle)
        .map(|(&(i, r), middle)| {
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
                    middle,
                },
                width,
                style,
                &[],
            )
        })
        .collect();
    let lines = if lines.is_empty() {
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
        Record::Statistic(s) => Some(format!("· {}", s.figure().short(true))),
        Record::Event(_) | Record::Source(_) | Record::Programme(_) => r.date().map(|d| d.human()),
        _ => None,
    }
}

/// How a row is drawn: selected, with a kind tag, and whether a name that must be cut loses its
/// middle rather than its end.
#[derive(Clone, Copy)]
struct Cut {
    sel: bool,
    with_kind: bool,
    middle: bool,
}

/// Which of the rows shown would read the same once cut at the end, though their names differ
/// (`People in poverty in China, end of 2…` twice): those are cut in the middle instead.
fn clashes(
    app: &App,
    rows: impl Iterator<Item = usize>,
    with_kind: bool,
    width: usize,
) -> Vec<bool> {
    let room = width.saturating_sub(2 + if with_kind { 7 } else { 0 });
    let names: Vec<String> = rows
        .map(|r| sanitize::line(app.index.record(r).name()).into_owned())
        .collect();
    let cut: Vec<String> = names
        .iter()
        .map(|n| truncate_to_width(n, room).into_owned())
        .collect();
    (0..names.len())
        .map(|i| (0..names.len()).any(|j| j != i && cut[j] == cut[i] && names[j] != names[i]))
        .collect()
}

/// One row: marker, optional kind tag, name with highlighted matches, and an aside if it fits.
fn row<'a>(
    app: &App,
    r: usize,
    cut: Cut,
    width: usize,
    style: Style,
    matched: &[usize],
) -> Line<'a> {
    let Cut {
        sel: selected,
        with_kind,
        middle,
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
    let aside = aside(record).map(|a| format!(" {}", sanitize::line(&a)));
    let aside_w = aside.as_deref().map_or(0, display_width);
    let room = width.saturating_sub(used);
    let show_aside = aside_w > 0 && display_width(&name) + aside_w <= room;
    let name = if middle {
        sanitize::truncate_middle(&name, room).into_owned()
    } else {
        truncate_to_width(&name, room).into_owned()
    };
    let name_w = display_width(&name);
    // Highlight only when sanitizing left the name alone, so positions still line up.
    if matched.is_empty() || name != record.name() {
        spans.push(Span::styled(name, style));
    } else {
        for (i, c) in name.chars().enumerate() {
            let s = if matched.contains(&i) {
                style.patch(t.matched)
            } else {
                style
            };
            spans.push(Span::styled(c.to_string(), s));
        }
    }
    used += name_w;
    if show_aside && let Some(a) = aside {
        let pad = width.saturating_sub(used + aside_w);
        spans.push(Span::styled(" ".repeat(pad), style));
        spans.push(Span::styled(a, if selected { style } else { t.dim }));
    } else if selected {
        spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), style));
    }
    Line::from(spans)
}

fn search(app: &App, s: &SearchBox, frame: &mut Frame) {
    let area = layout::screen(app.size).list;
    let t = &app.options.theme;
    let kind = s
        .query
        .kind
        .map(|k| format!(" in {}", k.plural()))
        .unwrap_or_default();
    let busy = if s.pending.is_some() {
        " · searching…"
    } else {
        ""
    };
    let title = match s.path_from {
        Some(from) => format!(
            " Path from {} to… · {} found{busy} ",
            truncate_to_width(&sanitize::line(app.index.record(from).name()), 24),
            s.total
        ),
        None => format!(" Search{kind} · {} found{busy} ", s.total),
    };
    let width = layout::inner_width(area);
    let height = layout::inner_height(area).saturating_sub(1);
    let input = sanitize::line(&s.input);
    // The whole query shows selected while typing would replace it.
    let input_style = if s.replace { t.selected } else { Style::new() };
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", t.status_key),
        Span::styled(input.clone().into_owned(), input_style),
    ])];
    if s.hits.is_empty() && s.pending.is_none() {
        lines.push(Line::styled("no match: try fewer or shorter words", t.dim));
    }
    let shown: Vec<(usize, usize)> = s
        .hits
        .iter()
        .enumerate()
        .skip(s.list.offset)
        .take(height)
        .map(|(i, h)| (i, h.record))
        .collect();
    let middle = clashes(app, shown.iter().map(|&(_, r)| r), true, width);
    for (&(i, r), middle) in shown.iter().zip(middle) {
        let sel = i == s.list.selected;
        let style = if sel { t.selected } else { Style::new() };
        let name = app.index.record(r).name();
        let matched = app.searcher.positions(name, &s.query);
        let cut = Cut {
            sel,
            with_kind: true,
            middle,
        };
        lines.push(row(app, r, cut, width, style, &matched));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        area,
    );
    // The terminal's own cursor shows where typing goes.
    let before: String = input.chars().take(s.cursor).collect();
    let x = area.x + 3 + display_width(&before) as u16;
    if x < area.right().saturating_sub(1) {
        frame.set_cursor_position(Position::new(x, area.y + 1));
    }
}
