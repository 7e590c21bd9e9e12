//! The statistics view: a bar chart per series, with values and units on the bars, and a table
//! of every other figure (value, unit, what, when, source).

use super::views::{self, preview, render_tabs, row_style, tab_ranges};
use super::{block, layout};
use crate::app::App;
use crate::model::Statistic;
use crate::record::{Record, format_human, format_number, format_quantity};
use crate::sanitize::{self, display_width, truncate_to_width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub charts: Rect,
    /// Empty when the terminal has no room for it.
    pub info: Rect,
}

pub fn areas(size: (u16, u16)) -> Areas {
    let (charts, info) = views::with_preview(size);
    Areas {
        header: layout(size).tabs,
        charts,
        info,
    }
}

/// The view's content at a given width.
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// The line of each item, in the order of `Stats::items()`.
    pub item_rows: Vec<usize>,
    /// The first line (heading) of each section.
    pub section_rows: Vec<usize>,
}

fn stat(app: &App, r: usize) -> Option<&Statistic> {
    match app.index.record(r) {
        Record::Statistic(s) => Some(s),
        _ => None,
    }
}

/// When a figure holds, as precisely as the data says: "2019", "2013–2019", "Aug 2019".
pub fn when(s: &Statistic) -> String {
    match (s.start, s.date) {
        (Some(a), Some(b)) => format!("{}–{}", a.human(), b.human()),
        (None, Some(d)) | (Some(d), None) => d.human(),
        (None, None) => "undated".into(),
    }
}

/// The source of a figure in a few words: its outlet, else its name.
fn source_label(app: &App, r: usize) -> String {
    let rec = app.index.record(r);
    let Some(first) = rec.sources().first() else {
        return String::new();
    };
    match app
        .index
        .resolve(&first.source)
        .map(|s| app.index.record(s))
    {
        Some(Record::Source(s)) => s.outlet.clone().unwrap_or_else(|| s.name.clone()),
        _ => first.source.to_string(),
    }
}

/// A bar of whole cells. Seven-eighths blocks leave a sliver of space above, so the bars of
/// neighbouring rows do not run together into one shape.
fn bar(cells: usize) -> String {
    "▇".repeat(cells)
}

fn pad(s: &str, w: usize) -> String {
    let s = truncate_to_width(s, w);
    format!("{s}{}", " ".repeat(w.saturating_sub(display_width(&s))))
}

fn pad_left(s: &str, w: usize) -> String {
    let s = truncate_to_width(s, w);
    format!("{}{s}", " ".repeat(w.saturating_sub(display_width(&s))))
}

pub fn document(app: &App, width: u16) -> Doc {
    let width = (width as usize).max(1);
    let t = &app.options.theme;
    let st = &app.stats;
    let exact = st.state.exact;
    let mut doc = Doc {
        lines: Vec::new(),
        item_rows: Vec::new(),
        section_rows: Vec::new(),
    };
    let mut n = 0;
    for chart in &st.charts {
        if !doc.lines.is_empty() {
            doc.lines.push(Line::raw(""));
        }
        doc.section_rows.push(doc.lines.len());
        let unit = chart
            .items
            .first()
            .and_then(|&r| stat(app, r))
            .map(|s| s.unit.clone())
            .unwrap_or_default();
        let heading = format!("{} ({unit})", sanitize::line(&chart.title));
        doc.lines.push(Line::styled(
            truncate_to_width(&heading, width).into_owned(),
            t.heading,
        ));
        let values: Vec<String> = chart
            .items
            .iter()
            .filter_map(|&r| stat(app, r))
            .map(|s| format_quantity(s.value, &s.unit, exact))
            .collect();
        let max = chart
            .items
            .iter()
            .filter_map(|&r| stat(app, r))
            .map(|s| s.value)
            .fold(0.0, f64::max);
        let labels: Vec<String> = chart
            .labels
            .iter()
            .map(|l| sanitize::line(l).into_owned())
            .collect();
        let label_w = labels
            .iter()
            .map(|l| display_width(l))
            .max()
            .unwrap_or(0)
            .min(width * 2 / 5)
            .min(32);
        let value_w = values.iter().map(|v| display_width(v)).max().unwrap_or(0);
        let bar_w = width.saturating_sub(2 + label_w + 1 + 1 + value_w);
        for (i, &r) in chart.items.iter().enumerate() {
            let sel = n == st.state.selected;
            let style = row_style(app, sel, true);
            let v = stat(app, r).map_or(0.0, |s| s.value);
            let cells = if max > 0.0 && v > 0.0 {
                ((v / max * bar_w as f64).round() as usize).max(1)
            } else {
                0
            };
            let bar_text = bar(cells.min(bar_w));
            let bar_cells = display_width(&bar_text);
            doc.item_rows.push(doc.lines.len());
            let value = values.get(i).cloned().unwrap_or_default();
            let mut spans = vec![
                Span::styled(if sel { "▶ " } else { "  " }, style),
                Span::styled(pad(&labels[i], label_w), style),
                Span::raw(" "),
            ];
            if bar_w >= 4 {
                spans.push(Span::styled(bar_text, t.bar));
                spans.push(Span::raw(" "));
            }
            let room = if bar_w >= 4 {
                width.saturating_sub(2 + label_w + 1 + bar_cells + 1)
            } else {
                width.saturating_sub(2 + label_w + 1)
            };
            spans.push(Span::styled(
                truncate_to_width(&value, room).into_owned(),
                if sel { t.subheading } else { Style::new() },
            ));
            doc.lines.push(Line::from(spans));
            n += 1;
        }
    }
    if !st.singles.is_empty() {
        if !doc.lines.is_empty() {
            doc.lines.push(Line::raw(""));
        }
        doc.section_rows.push(doc.lines.len());
        doc.lines.push(Line::styled(
            truncate_to_width(&format!("Single figures ({})", st.singles.len()), width)
                .into_owned(),
            t.heading,
        ));
        table(app, width, &mut doc, n);
    }
    doc
}

/// Columns of the table that fit `width`: value, unit, what, when, source; what gets the rest
/// and the others go, source first, when it would get too little.
fn table(app: &App, width: usize, doc: &mut Doc, first: usize) {
    let t = &app.options.theme;
    let st = &app.stats;
    let rows: Vec<(usize, &Statistic)> = st
        .singles
        .iter()
        .filter_map(|&r| stat(app, r).map(|s| (r, s)))
        .collect();
    let value = |s: &Statistic| {
        if st.state.exact {
            format_number(s.value)
        } else {
            format_human(s.value)
        }
    };
    let widest = |f: &dyn Fn(&(usize, &Statistic)) -> String, cap: usize| {
        rows.iter()
            .map(|r| display_width(&f(r)))
            .max()
            .unwrap_or(0)
            .min(cap)
    };
    let value_w = widest(&|r| value(r.1), 16).max(5);
    let mut unit_w = widest(&|r| r.1.unit.clone(), 13).max(4);
    let mut when_w = widest(&|r| when(r.1), 13).max(4);
    let mut source_w = widest(&|r| source_label(app, r.0), 12).max(6);
    let fixed = |u: usize, w: usize, s: usize| 2 + value_w + 1 + u + 1 + w + 1 + s + 1;
    // What a figure counts matters more than where it was reported (the preview says that).
    if width < fixed(unit_w, when_w, source_w) + 36 {
        source_w = 0;
    }
    if width < fixed(unit_w, when_w, source_w) + 20 {
        when_w = 0;
    }
    if width < fixed(unit_w, when_w, source_w) + 14 {
        unit_w = 0;
    }
    let what_w = width.saturating_sub(fixed(unit_w, when_w, source_w));
    let cols = |v: &str, u: &str, what: &str, w: &str, s: &str| {
        let mut out = vec![pad_left(v, value_w), " ".into()];
        if unit_w > 0 {
            out.extend([pad(u, unit_w), " ".into()]);
        }
        out.extend([pad(what, what_w), " ".into()]);
        if when_w > 0 {
            out.extend([pad(w, when_w), " ".into()]);
        }
        if source_w > 0 {
            out.push(pad(s, source_w));
        }
        out.concat()
    };
    doc.lines.push(Line::styled(
        format!("  {}", cols("Value", "Unit", "What", "When", "Source")),
        t.label,
    ));
    for (i, (r, s)) in rows.into_iter().enumerate() {
        let sel = first + i == st.state.selected;
        let style = row_style(app, sel, true);
        doc.item_rows.push(doc.lines.len());
        let text = cols(
            &value(s),
            &sanitize::line(&s.unit),
            &sanitize::line(&s.measure),
            &when(s),
            &sanitize::line(&source_label(app, r)),
        );
        doc.lines.push(Line::from(vec![
            Span::styled(if sel { "▶ " } else { "  " }, style),
            Span::styled(
                truncate_to_width(&text, width.saturating_sub(2)).into_owned(),
                style,
            ),
        ]));
    }
}

/// Each section as a tab, with x ranges, for clicks: the charts by title, then the table.
pub fn section_tabs(app: &App) -> Vec<(String, u16, u16)> {
    let mut labels: Vec<String> = app
        .stats
        .charts
        .iter()
        .map(|c| truncate_to_width(&sanitize::line(&c.title), 22).into_owned())
        .collect();
    if !app.stats.singles.is_empty() {
        labels.push("Single figures".into());
    }
    tab_ranges(labels, app.size.0)
}

pub fn render(app: &App, frame: &mut Frame) {
    let a = areas(app.size);
    let st = &app.stats;
    let starts = st.section_starts();
    let active = starts.iter().rposition(|&s| s <= st.state.selected);
    let hint = app
        .keymap
        .key_for(
            crate::keymap::Mode::Stats,
            crate::keymap::Action::ToggleExact,
        )
        .map(|k| {
            let what = if st.state.exact { "rounded" } else { "exact" };
            format!("{k}: {what} values")
        })
        .unwrap_or_default();
    render_tabs(app, frame, a.header, &section_tabs(app), active, &hint);

    let doc = document(app, a.charts.width.saturating_sub(2));
    let height = a.charts.height.saturating_sub(2) as usize;
    let n = st.items().len();
    let values = if st.state.exact { "exact" } else { "rounded" };
    let title = format!(
        " Statistics · {}/{n} · {values} values ",
        (st.state.selected + 1).min(n)
    );
    let lines: Vec<Line> = doc
        .lines
        .into_iter()
        .skip(st.state.scroll)
        .take(height)
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, app)),
        a.charts,
    );
    if !a.info.is_empty() {
        let r = st.selected_record();
        let extra = r
            .and_then(|r| stat(app, r))
            .map(|s| {
                let other = format_quantity(s.value, &s.unit, !st.state.exact);
                let shown = format_quantity(s.value, &s.unit, st.state.exact);
                let line = if other == shown {
                    format!("{shown} · {}", when(s))
                } else {
                    format!("{shown} ({other}) · {}", when(s))
                };
                vec![sanitize::line(&line).into_owned()]
            })
            .unwrap_or_default();
        preview(app, frame, a.info, r, extra);
    }
}
