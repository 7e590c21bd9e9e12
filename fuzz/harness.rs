//! What the fuzz targets run, shared with `tests/it/fuzz_regressions.rs` so that every input the
//! fuzzer ever found is replayed by `cargo test` exactly as the fuzzer ran it.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use ngo_atlas::data::index::Index;
use ngo_atlas::data::model::Kind;
use ngo_atlas::ingest::load::{self, DataFile, Dataset};
use ngo_atlas::query::search::{Query, Searcher};
use ngo_atlas::tui::app::{App, Effect, Options};
use ngo_atlas::{query::cite, query::detail, tui::explore, tui::ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::OnceLock;

/// Bytes as a dataset: split at each 0xFF byte (never part of UTF-8) into the kinds' files, in
/// `Kind::ALL` order, then loaded, validated and indexed; a valid one is searched, and each of
/// its records is laid out and cited the way `show` and `cite` do.
pub fn load_bytes(data: &[u8]) {
    let files: Vec<DataFile> = data
        .split(|&b| b == 0xFF)
        .zip(Kind::ALL)
        .map(|(bytes, kind)| DataFile {
            name: format!("fuzz/{}", kind.file_name()),
            text: String::from_utf8_lossy(bytes).into_owned(),
        })
        .collect();
    let dataset = match load::load_files(&files) {
        Ok(d) => d,
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                let _ = p.to_string();
            }
            return;
        }
    };
    let index = Index::new(dataset);
    let searcher = Searcher::new(&index);
    // Queries drawn from the data itself, so they match something.
    let first = files.first().map_or("", |f| f.text.as_str());
    for query in [
        first.get(..first.len().min(12)).unwrap_or("a"),
        "a",
        "org: x",
        "中",
    ] {
        let query = Query::parse(query);
        for hit in searcher.search(&index, &query, 50) {
            let _ = searcher.positions(index.record(hit.record).name(), &query);
        }
    }
    for r in 0..index.len() {
        let d = detail::Detail::new(&index, r);
        let _ = detail::text(&index, &d);
        for style in cite::Style::ALL {
            let _ = ngo_atlas::query::cite::for_record(&index, r, style);
        }
    }
}

/// A small dataset with the text that is hardest to draw: escapes, bidi controls, CJK, emoji
/// sequences, combining marks and very long words.
pub const SMALL: [(&str, &str); 3] = [
    (
        "sources.yaml",
        "- id: src-a\n  name: \"Source \\e]0;pwned\\a A\"\n  summary: \"A source \\u202e txt.exe\"\n  title: \"中国社会组织 👨\\u200d👩\\u200d👧 e\\u0301\"\n  outlet: Xinhua\n  published: 2024-03-01\n  language: en\n",
    ),
    (
        "organizations.yaml",
        "- id: org-a\n  name: \"Org \\e[31mred\\e[0m 中国扶贫基金会\"\n  summary: \"Tab\\there, newline\\nthere, \\e[2J\\e[H cleared; \\x9b31m C1.\"\n  members: [org-b]\n  sources:\n    - {source: src-a, quote: \"\\e]52;c;cHduZWQ=\\a copied \\e[200~paste\\e[201~\"}\n- id: org-b\n  name: \"עברית العربية ‏RTL‎ mixed with ASCII\"\n  summary: \"Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww\"\n  parent: org-a\n  sources:\n    - {source: src-a, quote: \"\\u200b\\u200d\\ufeff zero widths\"}\n",
    ),
    (
        "people.yaml",
        "- id: person-a\n  name: \"👩🏽\\u200d🔬 Ｆｕｌｌｗｉｄｔｈ 🇨🇳\"\n  summary: \"x\"\n  roles:\n    - {organization: org-a, title: \"\\e[1mboss\"}\n  sources:\n    - {source: src-a, quote: \"q\"}\n",
    ),
];

pub fn small_dataset() -> Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let files: Vec<DataFile> = SMALL
            .iter()
            .map(|(name, text)| DataFile {
                name: name.to_string(),
                text: text.to_string(),
            })
            .collect();
        load::load_files(&files).expect("the small dataset is valid")
    })
    .clone()
}

const CHARS: &[u8] = b"qjk/?yYcHgGhlLnpwu0123456789[]xamd' \tbtSfF+=-zZ";
const CODES: [KeyCode; 14] = [
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Backspace,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::F(1),
];
const MODS: [KeyModifiers; 4] = [
    KeyModifiers::NONE,
    KeyModifiers::CONTROL,
    KeyModifiers::ALT,
    KeyModifiers::SHIFT,
];

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// Bytes as terminal events, a few bytes each.
pub fn events(data: &[u8]) -> Vec<Event> {
    let mut out = Vec::new();
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next();
    while let Some(op) = next() {
        let a = next().unwrap_or(0);
        let event = match op % 12 {
            0..=3 => key(
                KeyCode::Char(CHARS[a as usize % CHARS.len()] as char),
                MODS[(op / 12 % 4) as usize],
            ),
            4 | 5 => key(
                CODES[a as usize % CODES.len()],
                MODS[(op / 12 % 4) as usize],
            ),
            6 => {
                let c = u32::from_le_bytes([a, next().unwrap_or(0), next().unwrap_or(0) % 0x11, 0]);
                key(
                    KeyCode::Char(char::from_u32(c).unwrap_or('\u{fffd}')),
                    KeyModifiers::NONE,
                )
            }
            7 => mouse(
                MouseEventKind::Down(MouseButton::Left),
                a as u16,
                next().unwrap_or(0) as u16,
            ),
            8 => mouse(
                if a % 2 == 0 {
                    MouseEventKind::ScrollUp
                } else {
                    MouseEventKind::ScrollDown
                },
                a as u16 / 2,
                next().unwrap_or(0) as u16,
            ),
            // Up to 200x80, as the property test; larger sizes only cost time.
            9 => Event::Resize(a as u16 % 201, next().unwrap_or(0) as u16 % 81),
            10 => {
                let n = a as usize % 16;
                let text: Vec<u8> = (0..n).filter_map(|_| next()).collect();
                Event::Paste(String::from_utf8_lossy(&text).into_owned())
            }
            _ => Event::FocusGained,
        };
        out.push(event);
    }
    out
}

/// Events applied to the explorer over the small dataset, with a render after each, as the run
/// loop does. Copies alternately succeed and fail (which opens the text popup).
pub fn keys(data: &[u8]) {
    let mut app = App::new(Index::new(small_dataset()), Options::default());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    app.update(ngo_atlas::prefs::keymap::Action::Resize(80, 24));
    let mut copies = 0;
    for event in events(data) {
        if let Event::Resize(w, h) = event {
            terminal.backend_mut().resize(w, h);
        }
        // A paste into the search box is one edit, as the run loop does it.
        if let Event::Paste(text) = &event
            && app.key_mode() == ngo_atlas::prefs::keymap::Mode::Search
        {
            app.paste(text);
        }
        for action in explore::action_for(&app, &event) {
            match app.update(action) {
                Some(Effect::Copy { text, what }) => {
                    copies += 1;
                    let result = if copies % 2 == 0 {
                        Ok("test".to_string())
                    } else {
                        Err("no clipboard".to_string())
                    };
                    app.copied(&what, result, &text);
                }
                Some(Effect::Quit | Effect::SaveMarks(_) | Effect::SaveSearches(_)) | None => {}
            }
        }
        terminal
            .draw(|frame| ui::render(&app, frame))
            .expect("drawing to a test backend");
    }
}
