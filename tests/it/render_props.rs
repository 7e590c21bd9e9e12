//! Rendering never panics, at any size from 1×1, on any text, in any mode, after any actions;
//! and no control or bidi character ever reaches a cell of the screen.

use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::{Organization, Person, Place, Source, Statistic};
use ngo_atlas::data::record::Record;
use ngo_atlas::ingest::load::Dataset;
use ngo_atlas::prefs::keymap::{Action, Mode};
use ngo_atlas::tui::app::View;
use ngo_atlas::tui::app::{App, Effect, Options};
use ngo_atlas::tui::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

/// Pieces of text that are hard to measure, wrap, cut or show safely.
const PIECES: &[&str] = &[
    "中国社会组织动态",
    "扶贫",
    "👨\u{200d}👩\u{200d}👧",
    "👩🏽\u{200d}🔬",
    "🇨🇳🇯🇵",
    "❤\u{fe0f}",
    "e\u{301}\u{302}\u{303}\u{304}",
    "\u{301}",
    "العربية",
    "עברית",
    "\u{200f}\u{200e}\u{61c}",
    "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}",
    "\u{202e}\u{202d}\u{2066}\u{2069}",
    "\x1b]0;pwned\x07",
    "\x1b[31m",
    "\x1b[2J\x1b[H",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b[200~",
    "\u{9b}31m",
    "\x7f\x08\x00",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "Ｆｕｌｌｗｉｄｔｈ",
    "ﷺ",
    "𒐫",
    " ",
    "  ",
    "plain words",
    "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
struct Spec {
    kind: u8,
    name: String,
    summary: String,
    quote: String,
    links: Vec<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u8..5,
        text(),
        text(),
        text(),
        prop::collection::vec(0usize..16, 0..4),
    )
        .prop_map(|(kind, name, summary, quote, links)| Spec {
            kind,
            name,
            summary,
            quote,
            links,
        })
}

/// Records from specs: record 0 is always a source that every other record quotes, and links
/// point at records of the right kind, so the dataset is one `load` could have produced.
fn dataset(specs: &[Spec]) -> Dataset {
    let id = |i: usize| format!("r{i}");
    let kind_of = |i: usize| if i == 0 { 4 } else { specs[i].kind };
    let of_kind = |k: u8, wanted: &[usize]| -> Vec<String> {
        wanted
            .iter()
            .map(|&w| w % specs.len())
            .filter(|&w| kind_of(w) == k)
            .map(id)
            .collect()
    };
    let records = specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let base = json!({
                "id": id(i),
                "name": s.name,
                "summary": s.summary,
                "aliases": [s.quote.clone()],
                "notes": s.summary,
                "sources": [{"source": "r0", "quote": s.quote}],
            });
            let mut v = base.clone();
            let obj = v.as_object_mut().unwrap();
            match kind_of(i) {
                0 => {
                    obj.insert("members".into(), json!(of_kind(0, &s.links)));
                    obj.insert("based_in".into(), json!(of_kind(2, &s.links).first()));
                    Record::Organization(serde_json::from_value::<Organization>(v).unwrap())
                }
                1 => {
                    let roles: Vec<_> = of_kind(0, &s.links)
                        .into_iter()
                        .map(|o| json!({"organization": o, "title": s.quote}))
                        .collect();
                    obj.insert("roles".into(), json!(roles));
                    Record::Person(serde_json::from_value::<Person>(v).unwrap())
                }
                2 => {
                    obj.insert("within".into(), json!(of_kind(2, &s.links).first()));
                    Record::Place(serde_json::from_value::<Place>(v).unwrap())
                }
                3 => {
                    obj.insert("value".into(), json!(s.links.len() as f64 * 1e9 - 3.5));
                    obj.insert("unit".into(), json!(s.quote));
                    obj.insert("measure".into(), json!(s.name));
                    Record::Statistic(serde_json::from_value::<Statistic>(v).unwrap())
                }
                _ => {
                    obj.remove("sources");
                    obj.insert("language".into(), json!("en"));
                    obj.insert("title".into(), json!(s.summary));
                    obj.insert("outlet".into(), json!(s.quote));
                    obj.insert("authors".into(), json!([s.name]));
                    Record::Source(serde_json::from_value::<Source>(v).unwrap())
                }
            }
        })
        .collect();
    Dataset {
        records,
        ..Dataset::default()
    }
}

fn action() -> impl Strategy<Value = Action> {
    let simple = prop::sample::select(vec![
        Action::Quit,
        Action::Help,
        Action::Search,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::FocusNext,
        Action::FocusPrev,
        Action::FocusList,
        Action::FocusDetail,
        Action::Open,
        Action::Back,
        Action::Forward,
        Action::NextTab,
        Action::PrevTab,
        Action::Copy,
        Action::PickStyle,
        Action::CopyId,
        Action::History,
        Action::Mark,
        Action::Marks,
        Action::DeleteMark,
        Action::NextCollection,
        Action::PrevCollection,
        Action::Collections,
        Action::NewCollection,
        Action::RenameCollection,
        Action::DeleteCollection,
        Action::MoveMark,
        Action::EditNote,
        Action::ClearNote,
        Action::Confirm,
        Action::ShowView(View::Browse.mode()),
        Action::ShowView(View::Timeline.mode()),
        Action::ShowView(View::Stats.mode()),
        Action::ShowView(View::Map.mode()),
        Action::PrevGroup,
        Action::NextGroup,
        Action::PrevKind,
        Action::NextKind,
        Action::ToggleExact,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::PrevRegion,
        Action::NextRegion,
        Action::PanWest,
        Action::PanEast,
        Action::PanNorth,
        Action::PanSouth,
        Action::Close,
        Action::DeleteChar,
        Action::DeleteWord,
        Action::ClearInput,
        Action::CursorLeft,
        Action::CursorRight,
    ]);
    prop_oneof![
        8 => simple,
        1 => (0usize..10).prop_map(Action::Tab),
        2 => text().prop_map(|t| Action::Input(t.chars().next().unwrap_or('a'))),
        1 => (0u16..220, 0u16..90).prop_map(|(x, y)| Action::Click(x, y)),
        1 => (0u16..220, 0u16..90, prop::bool::ANY)
            .prop_map(|(x, y, up)| Action::Wheel(x, y, if up { -1 } else { 1 })),
        1 => (0u16..=200, 0u16..=80).prop_map(|(w, h)| Action::Resize(w, h)),
    ]
}

/// No cell holds a character a terminal could act on or that reorders text.
fn assert_inert(terminal: &Terminal<TestBackend>) {
    for cell in terminal.backend().buffer().content() {
        for c in cell.symbol().chars() {
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            assert!(
                !c.is_control() && !bidi,
                "{c:?} reached the screen in {:?}",
                cell.symbol()
            );
        }
    }
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    assert_inert(terminal);
}

proptest! {
    // Few cases, each a whole session, so `cargo test` stays quick; a failure prints its input.
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_records_any_size_any_actions(
        specs in prop::collection::vec(spec(), 1..10),
        (w, h) in (1u16..=200, 1u16..=80),
        actions in prop::collection::vec((action(), prop::bool::ANY), 0..30),
    ) {
        let mut app = App::new(Index::new(dataset(&specs)), Options::default());
        app.update(Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        draw(&app, &mut terminal);
        let mut copies = 0;
        for (action, follow_size) in actions {
            // The terminal usually has the size the app was told, but not always: a resize
            // event can arrive after the draw.
            if let Action::Resize(w, h) = action && follow_size {
                terminal.backend_mut().resize(w, h);
            }
            if let Some(Effect::Copy { text, what }) = app.update(action) {
                copies += 1;
                let result = if copies % 2 == 0 { Ok("test".into()) } else { Err("none".into()) };
                app.copied(&what, result, &text);
            }
            draw(&app, &mut terminal);
        }
        // Every view in every mode, whatever the actions reached, at the size the test ended on.
        let popup = ("title \x1b]0;x\x07".to_string(), specs[0].summary.clone());
        for view in View::ALL {
            open(&mut app, Mode::Browse, &popup);
            app.update(Action::ShowView(view.mode()));
            for view in View::ALL {
                open(&mut app, Mode::Browse, &popup);
                app.update(Action::ShowView(view.mode()));
                for mode in Mode::ALL {
                    open(&mut app, mode, &popup);
                    draw(&app, &mut terminal);
                }
            }
        }
    }
}

/// Puts the app in `mode` the way a user gets there; the text popup shows `popup`.
fn open(app: &mut App, mode: Mode, popup: &(String, String)) {
    for _ in 0..3 {
        if app.overlay().is_some() {
            app.update(Action::Close);
        }
    }
    match mode {
        Mode::Browse | Mode::Timeline | Mode::Stats | Mode::Map => {}
        // A path to the first hit of an empty search, and the neighbourhood of what is shown.
        Mode::Paths => {
            app.update(Action::PathFrom);
            app.update(Action::Open);
            app.settle();
        }
        Mode::Around => {
            app.update(Action::Around);
            app.settle();
        }
        Mode::Search => {
            app.update(Action::Search);
        }
        Mode::Help => {
            app.update(Action::Help);
        }
        Mode::Picker => {
            app.update(Action::PickStyle);
        }
        Mode::History => {
            app.update(Action::History);
        }
        Mode::Facets => {
            app.update(Action::ShowView(Mode::Browse));
            app.update(Action::Facets);
        }
        // The quotes list over the quotes of the text popup's first word, at any size.
        Mode::Quotes => {
            // The quotes list opens on the last query searched: the word, typed and left.
            let word = popup.1.split_whitespace().next().unwrap_or("a");
            app.update(Action::Search);
            app.update(Action::ClearInput);
            app.paste(word);
            app.update(Action::Close);
            app.update(Action::Quotes);
        }
        Mode::Marks => {
            app.update(Action::Marks);
        }
        Mode::Collections => {
            app.update(Action::Marks);
            app.update(Action::Collections);
        }
        // A hostile note being written, the cursor in the middle of it.
        Mode::Edit => {
            app.update(Action::Marks);
            app.update(Action::NewCollection);
            for c in popup.1.chars() {
                app.update(Action::Input(c));
            }
            app.update(Action::WordLeft);
        }
        // Deleting a collection named with the popup's title, holding a mark.
        Mode::Confirm => {
            let name = popup.0.clone();
            let mut marks = app.marks().clone();
            if let Ok(made) = marks.create(&name) {
                let _ = marks.switch(&made);
            }
            if marks.list().is_empty() {
                marks.toggle("gone", &popup.1);
            }
            let empty = App::new(Index::new(Dataset::default()), Options::default());
            *app = std::mem::replace(app, empty).with_marks(marks);
            app.update(Action::Marks);
            app.update(Action::DeleteCollection);
        }
        Mode::Popup => app.show_text(popup.0.clone(), popup.1.clone()),
    }
}

#[test]
fn every_small_size_in_every_mode() {
    let specs = vec![Spec {
        kind: 0,
        name: PIECES.concat(),
        summary: PIECES.concat(),
        quote: PIECES.concat(),
        links: vec![0],
    }];
    // The data directory's name is shown in the title bar, and comes from outside too.
    let options = Options {
        origin: "data\x1b]0;pwned\x07\u{202e}".into(),
        ..Options::default()
    };
    let mut app = App::new(Index::new(dataset(&specs)), options);
    let popup = ("t".to_string(), PIECES.concat());
    for w in [1, 2, 3, 5, 10, 20, 30, 40, 49, 50, 51, 60, 80] {
        // Heights around the minimum layout (12) and the cut-offs of each pane.
        for h in [1, 2, 3, 4, 5, 8, 11, 12, 13, 14, 20] {
            app.update(Action::Resize(w, h));
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            for view in View::ALL {
                open(&mut app, Mode::Browse, &popup);
                app.update(Action::ShowView(view.mode()));
                for mode in Mode::ALL {
                    open(&mut app, mode, &popup);
                    draw(&app, &mut terminal);
                }
            }
        }
    }
}

/// Found by the property test: the map, timeline and statistics views laid themselves out for
/// the size the app was last told, and drew outside a frame that had already shrunk (a resize
/// not yet handled), which panicked in a resize storm.
#[test]
fn a_frame_smaller_than_the_last_known_size_does_not_panic() {
    let specs = vec![Spec {
        kind: 0,
        name: String::new(),
        summary: String::new(),
        quote: String::new(),
        links: vec![],
    }];
    for view in View::ALL {
        let mut app = App::new(Index::new(dataset(&specs)), Options::default());
        app.update(Action::ShowView(view.mode()));
        app.update(Action::Resize(50, 15));
        let mut terminal = Terminal::new(TestBackend::new(50, 12)).unwrap();
        draw(&app, &mut terminal);
        app.update(Action::Resize(50, 12));
        draw(&app, &mut terminal);
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(
            screen.contains("ngo-atlas"),
            "{view:?} is drawn once the size is known"
        );
    }
}
