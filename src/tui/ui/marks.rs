//! The marks list: the collections as tabs, the current one's marks with their notes, the keys;
//! and what opens over it (a choice of collection, a line being written, a question, the style
//! picker for the bibliography).

use super::{bars, block, popups};
use crate::prefs::keymap::{Action, Mode};
use crate::prefs::marks::Mark;
use crate::text::doc::wrap;
use crate::text::sanitize::{self, display_width, truncate_to_width};
use crate::tui::app::App;
use crate::tui::app::cursor::Cursor;
use crate::tui::app::line_edit::LineEdit;
use crate::tui::app::overlay::marks::{self, Areas, Choice, Editing, Inner, MarksList};
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The user's key for an action, for titles and hints.
fn key(app: &App, mode: Mode, action: Action) -> String {
    app.keymap
        .key_for(mode, action)
        .unwrap_or_else(|| action.config_name())
}

pub fn render(app: &App, m: &MarksList, frame: &mut Frame) {
    let t = &app.options.theme;
    let a = marks::areas(app.size, app.marks.list().len(), &app.keymap);
    frame.render_widget(Clear, a.popup);
    let all = app.marks.collections();
    let at = all.iter().position(|c| c.current).unwrap_or(0);
    let name = sanitize::line(app.marks.current());
    let title = format!(
        " Marks in “{}” ({}) · collection {} of {} ",
        truncate_to_width(&name, 40),
        app.marks.list().len(),
        at + 1,
        all.len()
    );
    let focused = matches!(m.inner, Inner::List);
    frame.render_widget(block(Line::from(title), focused, t), a.popup);
    bars::tab_row(
        app,
        frame,
        a.tabs,
        &marks::tabs(&app.marks, a.tabs.width),
        "",
    );
    frame.render_widget(Paragraph::new(list_lines(app, &m.list, &a)), a.list);
    frame.render_widget(
        Paragraph::new(Line::styled("─".repeat(a.rule.width as usize), t.border)),
        a.rule,
    );
    let footer: Vec<Line> = marks::footer_lines(&app.keymap, a.footer.width as usize)
        .into_iter()
        .take(a.footer.height as usize)
        .map(|l| Line::styled(l, t.dim))
        .collect();
    frame.render_widget(Paragraph::new(footer), a.footer);
    match &m.inner {
        Inner::List => {}
        Inner::Choose {
            choice,
            names,
            cursor,
        } => chooser(app, choice, names, cursor, frame),
        Inner::Edit { editing, line } => editor(app, editing, line, &a, frame),
        Inner::Confirm { name, marks } => question(app, name, *marks, frame),
        Inner::Style(p) => popups::picker(app, p, frame),
    }
}

/// The marks shown: "Name (kind)" and the note beside it, in columns.
fn list_lines(app: &App, c: &Cursor, a: &Areas) -> Vec<Line<'static>> {
    let t = &app.options.theme;
    let width = a.list.width as usize;
    let marks = &app.marks.list();
    if marks.is_empty() {
        let text = format!(
            "No marks in “{}” yet: {} marks the record you are on.",
            sanitize::line(app.marks.current()),
            key(app, Mode::Browse, Action::Mark)
        );
        return wrap(&text, width)
            .into_iter()
            .map(|l| Line::styled(l, t.dim))
            .collect();
    }
    let shown: Vec<(usize, &Mark, String, bool)> = marks
        .iter()
        .enumerate()
        .skip(c.offset)
        .take(a.list.height as usize)
        .map(|(i, m)| match app.index.get(&m.id) {
            Some(r) => {
                let r = app.index.record(r);
                let text = format!("{} ({})", sanitize::line(r.name()), r.kind());
                (i, m, text, false)
            }
            None => {
                let text = format!("{} · missing from this dataset", sanitize::line(&m.name));
                (i, m, text, true)
            }
        })
        .collect();
    // With notes on screen, names take at most a little over half the width.
    let room = width.saturating_sub(2);
    let longest = shown
        .iter()
        .map(|(_, _, text, _)| display_width(text))
        .max()
        .unwrap_or(0);
    let noted = shown.iter().any(|(_, m, ..)| m.note.is_some());
    let name_w = if noted {
        longest.min(room * 11 / 20)
    } else {
        room
    };
    shown
        .into_iter()
        .map(|(i, m, text, missing)| {
            let selected = i == c.selected;
            let look = match (selected, missing) {
                (true, _) => t.selected,
                (false, true) => t.warning,
                (false, false) => Style::new(),
            };
            let name = truncate_to_width(&text, name_w).into_owned();
            let mut used = 2 + display_width(&name);
            let mut spans = vec![
                Span::styled(if selected { "▶ " } else { "  " }, look),
                Span::styled(name, look),
            ];
            if let Some(note) = &m.note {
                let pad = name_w.saturating_sub(display_width(&spans[1].content)) + 2;
                let note = format!("✎ {}", sanitize::line(note));
                let note = truncate_to_width(&note, width.saturating_sub(used + pad)).into_owned();
                used += pad + display_width(&note);
                spans.push(Span::styled(" ".repeat(pad), look));
                spans.push(Span::styled(note, if selected { look } else { t.dim }));
            }
            spans.push(Span::styled(" ".repeat(width.saturating_sub(used)), look));
            Line::from(spans)
        })
        .collect()
}

/// The choice of a collection: to switch to, or to move the selected mark to.
fn chooser(app: &App, choice: &Choice, names: &[String], c: &Cursor, frame: &mut Frame) {
    let t = &app.options.theme;
    let area = marks::chooser(app.size, names.len());
    frame.render_widget(Clear, area);
    let width = layout::inner_width(area);
    let title = match choice {
        Choice::Switch => " Switch to… ".to_string(),
        Choice::Move { name, .. } => format!(
            " Move “{}” to… ",
            truncate_to_width(&sanitize::line(name), width.saturating_sub(14))
        ),
    };
    let lines: Vec<Line> = names
        .iter()
        .enumerate()
        .skip(c.offset)
        .take(layout::inner_height(area))
        .map(|(i, name)| {
            let count = app.marks.marks_in(name).map_or(0, <[Mark]>::len);
            let here = if name == app.marks.current() {
                " · current"
            } else {
                ""
            };
            let text = format!("{} ({count}){here}", sanitize::line(name));
            popups::list_line(app, text, i == c.selected, width)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(title), true, t)),
        area,
    );
}

/// The line being written, scrolled so the cursor shows, and the keys that end it.
fn editor(app: &App, editing: &Editing, line: &LineEdit, a: &Areas, frame: &mut Frame) {
    let area = marks::editor(a);
    let width = layout::inner_width(area);
    let title = match editing {
        Editing::Note { name, .. } => format!(
            " Note on “{}” ",
            truncate_to_width(&sanitize::line(name), width.saturating_sub(12))
        ),
        Editing::NewCollection => " Name of the new collection ".to_string(),
        Editing::Rename(from) => format!(
            " Rename “{}” ",
            truncate_to_width(&sanitize::line(from), width.saturating_sub(12))
        ),
    };
    let mut hint = format!(
        "{} saves · {} cancels",
        key(app, Mode::Edit, Action::Open),
        key(app, Mode::Edit, Action::Close)
    );
    if matches!(editing, Editing::Note { .. }) {
        hint.push_str(" · saved empty, the note is cleared");
    }
    popups::line_editor(app, area, title, line, &hint, frame);
}

/// Delete a collection that holds marks?
fn question(app: &App, name: &str, count: usize, frame: &mut Frame) {
    let t = &app.options.theme;
    let area: Rect = marks::question(app.size);
    frame.render_widget(Clear, area);
    let width = layout::inner_width(area);
    let marks = if count == 1 {
        "its mark".to_string()
    } else {
        format!("its {count} marks")
    };
    let text = format!(
        "Delete the collection “{}” and {marks}?",
        sanitize::line(name)
    );
    let mut lines: Vec<Line> = wrap(&text, width)
        .into_iter()
        .take(2)
        .map(|l| Line::styled(l, t.warning))
        .collect();
    while lines.len() < 2 {
        lines.push(Line::default());
    }
    let keys = format!(
        "{} deletes · {} keeps it",
        key(app, Mode::Confirm, Action::Confirm),
        key(app, Mode::Confirm, Action::Close)
    );
    lines.push(Line::styled(keys, t.dim));
    frame.render_widget(
        Paragraph::new(lines).block(block(Line::from(" Delete collection "), true, t)),
        area,
    );
}
