//! Whole screens drawn with the user's settings: themes and NO_COLOR judged by the styles of
//! the cells (not just the text), rebound keys in the help screen and the status bar, and the
//! marks popup.

use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load;
use ngo_atlas::prefs::config::{self, Config, Env};
use ngo_atlas::prefs::keymap::{Action, Mode};
use ngo_atlas::prefs::marks::{FILE_NAME, Marks};
use ngo_atlas::prefs::theme::Theme;
use ngo_atlas::tui::app::{App, Options};
use ngo_atlas::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::path::Path;

const W: u16 = 120;
const H: u16 = 40;

fn settings(text: &str) -> Config {
    config::parse(text, Path::new("config.toml"), &Env::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn app(theme: Theme, settings: &Config) -> App {
    let index = Index::new(load::load_builtin().expect("built-in dataset"));
    let mut app = App::new(
        index,
        Options {
            theme,
            style: settings.style,
            ..Options::default()
        },
    )
    .with_keymap(settings.keymap.clone());
    app.update(Action::Resize(W, H));
    app
}

fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(W, H)).expect("test terminal");
    terminal.draw(|frame| ui::render(app, frame)).expect("draw");
    terminal.backend().buffer().clone()
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol())
        .collect::<String>()
}

/// The text of one rectangle of the screen, for snapshots that other panes cannot disturb.
fn crop(buf: &Buffer, area: ratatui::layout::Rect) -> String {
    (area.y..area.bottom())
        .map(|y| {
            (area.x..area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn screen_text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row_text(buf, y).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first list row (the selected record): inside the list pane's border.
const SELECTED: (u16, u16) = (3, 3);

fn colours(buf: &Buffer) -> Vec<Color> {
    let mut out: Vec<Color> = Vec::new();
    for cell in buf.content() {
        for c in [cell.fg, cell.bg] {
            if c != Color::Reset && !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

#[test]
fn no_color_draws_no_colour_but_keeps_focus_and_selection_visible() {
    let env = Env {
        no_color: true,
        ..Env::default()
    };
    for theme in ["ansi", "light", "dark", "plain"] {
        let settings = settings(&format!("theme = \"{theme}\""));
        let app = app(settings.theme(&env), &settings);
        let buf = draw(&app);
        assert_eq!(colours(&buf), Vec::new(), "theme {theme} under NO_COLOR");
        let sel = &buf[SELECTED];
        assert!(sel.modifier.contains(Modifier::REVERSED), "{sel:?}");
        assert_eq!(
            buf[(0, 3)].symbol(),
            "┃",
            "the focused pane has a thick border"
        );
        assert!(row_text(&buf, 3).contains("▶ "), "and a marker");
    }
}

#[test]
fn the_default_theme_uses_only_the_16_ansi_colours() {
    let settings = settings("");
    let app = app(settings.theme(&Env::default()), &settings);
    let buf = draw(&app);
    let used = colours(&buf);
    assert!(!used.is_empty());
    for c in &used {
        assert!(
            !matches!(c, Color::Rgb(..) | Color::Indexed(..)),
            "{c:?} is not one of the terminal's own colours"
        );
    }
    assert!(buf[SELECTED].modifier.contains(Modifier::REVERSED));
    // The terminal's own background shows through.
    assert_eq!(buf[(W - 2, H - 3)].bg, Color::Reset);
}

#[test]
fn light_and_dark_paint_their_own_background_and_selection() {
    for (name, theme, bg) in [
        ("light", Theme::light(), Color::Indexed(231)),
        ("dark", Theme::dark(), Color::Indexed(234)),
    ] {
        let settings = settings(&format!("theme = \"{name}\""));
        assert_eq!(settings.theme(&Env::default()), theme);
        let app = app(theme.clone(), &settings);
        let buf = draw(&app);
        // Empty space, in a pane and on the status line, has the theme's background.
        assert_eq!(buf[(W - 2, H - 3)].bg, bg, "{name}");
        assert_eq!(buf[(W - 1, H - 1)].bg, bg, "{name}");
        let sel = &buf[SELECTED];
        assert_eq!(sel.bg, Color::Indexed(25), "{name}: {sel:?}");
        assert!(sel.modifier.contains(Modifier::BOLD), "{name}");
        // A popup drawn over the panes keeps the background too.
        let mut app = app;
        app.update(Action::Help);
        let buf = draw(&app);
        assert_eq!(buf[(W / 2, H - 4)].bg, bg, "{name}: help popup");
    }
}

#[test]
fn rebound_keys_show_in_the_status_bar_and_the_help_screen() {
    let settings = settings(
        r#"
[keys.browse]
quit = ["x"]
help = ["f2"]
search = ["f", "/"]
"#,
    );
    let mut app = app(Theme::plain(), &settings);
    let buf = draw(&app);
    let status = row_text(&buf, H - 1);
    assert!(
        status.starts_with(" Browsing x quit  F2 help  f search  "),
        "{status}"
    );
    assert!(!status.contains("q quit"), "{status}");
    // The keys act as shown.
    assert_eq!(
        app.keymap()
            .action(Mode::Browse, &key(crossterm::event::KeyCode::Char('x'))),
        Some(Action::Quit)
    );
    app.update(Action::Help);
    let buf = draw(&app);
    let help = screen_text(&buf);
    let line = |start: &str| {
        help.lines()
            .find_map(|l| {
                // Between the popup's borders; a scrollbar may stand for the right one.
                let inner = l.split('┃').nth(1)?.split(['▐', '│']).next()?;
                inner
                    .trim_start()
                    .starts_with(start)
                    .then(|| inner.trim_end().to_string())
            })
            .unwrap_or_else(|| panic!("no help line for {start}:\n{help}"))
    };
    assert!(line("x ").ends_with("quit"), "{}", line("x "));
    assert!(line("F2 ").ends_with("help"));
    assert!(line("f / ").ends_with("search"));
    // Other modes keep their own keys: Ctrl-C still quits from the search box.
    let search = app.keymap().help(Mode::Search);
    assert_eq!(search[0], ("Ctrl-C".to_string(), "quit"));
    // The top of the help popup: the rebound keys, not the title's line count or the rest,
    // which other work changes.
    let mut popup = ngo_atlas::tui::layout::help((W, H));
    popup.y += 1;
    popup.height = 7;
    insta::assert_snapshot!("help_with_rebound_keys", crop(&buf, popup));
    // The search box's title in the status bar names the user's key too.
    app.update(Action::Close);
    app.update(Action::Search);
    let status = row_text(&draw(&app), H - 1);
    assert!(status.starts_with(" Search (f) "), "{status}");
}

fn key(code: crossterm::event::KeyCode) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE)
}

#[test]
fn the_marks_popup_lists_missing_records_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    let mut marks = Marks::load(Some(&file));
    marks.toggle("amity-foundation", "Amity Foundation");
    marks.toggle("no-longer-here", "A Foundation Since Removed");
    marks.save().unwrap();
    let index = Index::new(load::load_builtin().unwrap());
    let mut app = App::new(
        index,
        Options {
            theme: Theme::ansi(),
            ..Options::default()
        },
    )
    .with_marks(Marks::load(Some(&file)));
    app.update(Action::Resize(W, H));
    app.update(Action::Marks);
    let buf = draw(&app);
    let text = screen_text(&buf);
    assert!(text.contains("Amity Foundation (organization)"), "{text}");
    assert!(
        text.contains("A Foundation Since Removed · missing from this dataset"),
        "{text}"
    );
    assert!(text.contains("Marks in “Marked” (2)"), "{text}");
    assert!(text.contains("Enter choose · d delete mark"), "{text}");
    let y = (0..H)
        .find(|&y| row_text(&buf, y).contains("Since Removed"))
        .unwrap();
    let x = row_text(&buf, y).find("A Foundation").unwrap();
    let x = row_text(&buf, y)[..x].chars().count() as u16;
    assert_eq!(buf[(x, y)].fg, Color::Red, "missing marks stand out");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::BOLD),
        "also without colour"
    );
    let popup = ngo_atlas::tui::app::overlay::marks::areas((W, H), 2, app.keymap()).popup;
    insta::assert_snapshot!("marks_popup", crop(&buf, popup));
}

#[test]
fn popup_titles_name_the_users_keys() {
    let settings = settings(
        "[keys.help]\nclose = [\"x\"]\n[keys.picker]\nopen = [\"space\"]\n[keys.history]\nopen = [\"o\"]\n",
    );
    let mut app = app(Theme::plain(), &settings);
    let title_row = |app: &App, word: &str| {
        let buf = draw(app);
        (1..H)
            .map(|y| row_text(&buf, y))
            .find(|r| r.contains(word))
            .unwrap_or_default()
    };
    app.update(Action::Help);
    assert!(title_row(&app, " Help ").contains("· x closes"));
    app.update(Action::Close);
    app.update(Action::PickStyle);
    assert!(title_row(&app, " Preview ").contains("Space copies · Esc closes"));
    app.update(Action::Close);
    app.update(Action::History);
    assert!(title_row(&app, " History ").contains("o goes there"));
}
