//! Whole screens through ratatui's TestBackend, as insta snapshots, at 80x24 and 160x48.
//! Review changes with `cargo insta review` (or read the `.snap.new` files) before accepting.

use ngo_atlas::data::index::Index;
use ngo_atlas::ingest::load::load_builtin;
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::prefs::theme::Theme;
use ngo_atlas::tui::app::{App, Options};
use ngo_atlas::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn app(size: (u16, u16)) -> App {
    let options = Options {
        theme: Theme::ansi(),
        ..Options::default()
    };
    let mut app = App::new(Index::new(load_builtin().unwrap()), options);
    app.update(Action::Resize(size.0, size.1));
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    t.draw(|f| ui::render(app, f)).unwrap();
    t
}

fn snap(name: &str, setup: impl Fn(&mut App)) {
    for size in SIZES {
        let mut app = app(size);
        setup(&mut app);
        let t = draw(&app);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), t.backend());
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn initial() {
    snap("initial", |_| {});
}

#[test]
fn each_kind() {
    for tab in 0..ngo_atlas::tui::app::TABS {
        let mut app = app((80, 24));
        app.update(Action::Tab(tab));
        insta::assert_snapshot!(format!("tab_{tab}_80x24"), draw(&app).backend());
    }
}

#[test]
fn search_with_matches() {
    snap("search", |app| {
        app.update(Action::Search);
        type_text(app, "poverty red");
    });
}

#[test]
fn search_highlights_the_matched_characters() {
    let mut app = app((80, 24));
    app.update(Action::Search);
    type_text(&mut app, "weiping");
    let t = draw(&app);
    let buf = t.backend().buffer();
    // Row 4 is the first result: "▶ person Tan Weiping".
    let row: String = (0..80).map(|x| buf[(x, 4)].symbol().to_string()).collect();
    let start = row.find("Weiping").expect("hit shown");
    let col = row[..start].chars().count() as u16;
    for x in col..col + 7 {
        assert!(
            buf[(x, 4)].modifier.contains(Modifier::UNDERLINED),
            "cell {x} of {row:?} is not highlighted"
        );
    }
    assert!(!buf[(col - 2, 4)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn detail_after_a_jump() {
    snap("detail_jump", |app| {
        let tan = app.index().get("tan-weiping").unwrap();
        app.open(tan);
        app.update(Action::Open);
    });
}

#[test]
fn help() {
    snap("help", |app| {
        app.update(Action::Help);
    });
}

#[test]
fn style_picker() {
    snap("picker", |app| {
        let src = app.index().get("china-daily-2019-belt-road").unwrap();
        app.open(src);
        app.update(Action::FocusList);
        app.update(Action::PickStyle);
        app.update(Action::Down);
    });
}

#[test]
fn history_popup() {
    snap("history", |app| {
        let tan = app.index().get("tan-weiping").unwrap();
        app.open(tan);
        app.update(Action::Open);
        app.update(Action::History);
    });
}

#[test]
fn too_small() {
    let mut app = app((30, 8));
    app.update(Action::Resize(30, 8));
    insta::assert_snapshot!("too_small", draw(&app).backend());
}

#[test]
fn any_size_draws_without_panicking() {
    let mut app = app((80, 24));
    for w in (1..=130).step_by(7) {
        for h in (1..=50).step_by(3) {
            app.update(Action::Resize(w, h));
            draw(&app);
        }
    }
}

#[test]
fn a_bookmarked_record_is_starred_in_the_list() {
    let mut app = app((80, 24));
    app.update(Action::Tab(2));
    app.update(Action::Mark);
    app.update(Action::Down);
    let t = draw(&app);
    let buf = t.backend().buffer();
    let row = |y: u16| -> String { (0..40).map(|x| buf[(x, y)].symbol().to_string()).collect() };
    assert!(row(3).starts_with("┃ *Benjamas"), "{:?}", row(3));
    assert!(row(4).starts_with("┃▶ Christoph"), "{:?}", row(4));
}
