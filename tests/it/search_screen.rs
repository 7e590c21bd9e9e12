//! The search box as the user sees it: where each hit matched, the words of a quote in their
//! context with the source's short name, every match marked, and Enter opening the record at
//! the quote with its words marked there.

use crate::common;

use common::{app, buffer, press, text};
use ngo_atlas::prefs::keymap::Action;
use ngo_atlas::query::search::Field;
use ngo_atlas::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn typed(app: &mut App, query: &str) {
    press(app, "/");
    app.update(Action::ClearInput);
    for c in query.chars() {
        app.update(Action::Input(c));
    }
    app.settle();
}

fn selected_id(app: &App) -> String {
    let s = app.search().expect("searching");
    let r = s.selected().expect("a hit");
    app.index().record(r).id().to_string()
}

/// Rows of the screen whose text holds `needle`, with the cells of its first occurrence.
fn cells_of(buf: &Buffer, needle: &str) -> Vec<Vec<(u16, u16)>> {
    let area = buf.area;
    let mut out = Vec::new();
    for y in 0..area.height {
        let row: Vec<(u16, String)> = (0..area.width)
            .map(|x| (x, buf[(x, y)].symbol().to_string()))
            .collect();
        let line: String = row.iter().map(|(_, s)| s.as_str()).collect();
        if let Some(at) = line.find(needle) {
            let start = line[..at].chars().count();
            let cells = (start..start + needle.chars().count())
                .map(|i| (row[i].0, y))
                .collect();
            out.push(cells);
        }
    }
    out
}

fn marked(buf: &Buffer, cells: &[(u16, u16)]) -> bool {
    cells
        .iter()
        .all(|&c| buf[c].modifier.contains(Modifier::UNDERLINED))
}

#[test]
fn a_word_found_in_a_quote_is_shown_in_its_context_with_its_source() {
    let mut app = app();
    app.update(Action::Resize(120, 40));
    typed(&mut app, "brotherhood");
    let s = app.search().expect("searching");
    assert!(!s.hits.is_empty());
    assert!(s.hits.iter().all(|h| matches!(h.field, Field::Quote(_))));
    let screen = text(&mut app, 120, 40);
    let list: Vec<&str> = screen
        .lines()
        .map(|l| l.split('┃').nth(1).unwrap_or(""))
        .collect();
    assert!(
        list.iter()
            .any(|l| l.contains("brotherhood") && l.contains("Xinhua 2024")),
        "{screen}"
    );
    let buf = buffer(&mut app, 120, 40);
    // Below the query line: the list and the preview.
    let rows: Vec<_> = cells_of(&buf, "brotherhood")
        .into_iter()
        .filter(|c| c[0].1 > 3)
        .collect();
    assert!(rows.len() >= 3, "{screen}");
    assert!(
        rows.iter().all(|cells| marked(&buf, cells)),
        "every occurrence marked"
    );
}

#[test]
fn hits_say_where_they_matched_names_first() {
    let mut app = app();
    app.update(Action::Resize(120, 40));
    typed(&mut app, "cnie");
    assert_eq!(
        selected_id(&app),
        "china-ngo-network-for-international-exchanges"
    );
    let screen = text(&mut app, 120, 40);
    assert!(screen.contains("alias: CNIE"), "{screen}");
    // Exact, prefix and fuzzy name hits come before hits in texts.
    let s = app.search().expect("searching");
    let first_text = s
        .hits
        .iter()
        .position(|h| matches!(h.field, Field::Summary | Field::Quote(_) | Field::Note));
    if let Some(t) = first_text {
        assert!(
            s.hits[t..]
                .iter()
                .all(|h| matches!(h.field, Field::Summary | Field::Quote(_) | Field::Note))
        );
    }
}

#[test]
fn every_match_of_a_name_is_marked_even_when_the_name_is_cut() {
    let mut app = app();
    app.update(Action::Resize(80, 24));
    typed(&mut app, "foundation");
    let buf = buffer(&mut app, 80, 24);
    // At 80 columns long names are cut, some in the middle; what shows of "Foundation" stays
    // marked wherever it is.
    let screen = text(&mut app, 80, 24);
    let rows = cells_of(&buf, "Founda");
    let in_list: Vec<_> = rows.iter().filter(|c| c[0].0 < 31).collect();
    assert!(in_list.len() >= 5, "{screen}");
    assert!(in_list.iter().all(|cells| marked(&buf, cells)), "{screen}");
}

#[test]
fn enter_opens_the_record_at_the_quote_with_its_words_marked_and_back_returns() {
    let mut app = app();
    app.update(Action::Resize(80, 24));
    typed(&mut app, "quote: ethiopia maternity");
    for _ in 0..20 {
        if selected_id(&app) == "cnie-2020-online-conference" {
            break;
        }
        press(&mut app, "<Tab>");
    }
    assert_eq!(selected_id(&app), "cnie-2020-online-conference");
    press(&mut app, "<Enter>");
    assert!(app.search().is_none());
    let pane = &app.views().lists.detail;
    let Some((Field::Quote(i), _)) = pane.found().cloned() else {
        panic!("the detail knows the quote: {:?}", pane.found());
    };
    let record = app.index().record(pane.record.expect("a record"));
    assert!(record.sources()[i].quote.contains("Ethiopia"));
    let lines = pane
        .content
        .lines_of(Field::Quote(i))
        .expect("the quote is shown");
    let (first, last, _) = pane.shown();
    assert!(pane.scroll > 0, "scrolled down to the quote");
    let scroll = pane.scroll;
    assert!(
        first <= lines.start + 1 && lines.start < last,
        "{first}–{last} {lines:?}"
    );
    let buf = buffer(&mut app, 80, 24);
    let rows = cells_of(&buf, "Ethiopia");
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|cells| cells[0].0 > 31 && marked(&buf, cells))
    );
    // Back goes to where the search started; forward comes to the quote again.
    press(&mut app, "<C-o>");
    assert_ne!(
        app.views()
            .lists
            .detail
            .record
            .map(|r| app.index().record(r).id().to_string()),
        Some("cnie-2020-online-conference".to_string())
    );
    press(&mut app, "<A-Right>");
    assert_eq!(app.views().lists.detail.scroll, scroll);
}

#[test]
fn up_and_down_walk_earlier_searches_from_the_one_shown() {
    let mut app = app();
    app.update(Action::Resize(120, 40));
    let mut app = app.with_searches(vec![
        "tan weiping".into(),
        "brotherhood".into(),
        "ramunion".into(),
    ]);
    press(&mut app, "/");
    let input = |app: &App| app.search().expect("searching").input.clone();
    assert_eq!(input(&app), "ramunion");
    // The last search is already shown: Up goes to the one before it, then further.
    press(&mut app, "<Up>");
    assert_eq!(input(&app), "brotherhood");
    assert_eq!(selected_id(&app), "geneva-agape-foundation");
    press(&mut app, "<Up><Up>");
    assert_eq!(input(&app), "tan weiping");
    press(&mut app, "<Down><Down>");
    assert_eq!(input(&app), "ramunion");
    // Opening a hit keeps its query for next time, and asks for the file to be written.
    press(&mut app, "<Up>");
    let effects = press(&mut app, "<Enter>");
    assert_eq!(
        app.searches().last().map(String::as_str),
        Some("brotherhood")
    );
    assert!(
        effects.iter().any(
            |e| matches!(e, ngo_atlas::tui::app::Effect::SaveSearches(s) if s == "brotherhood")
        )
    );
}

#[test]
fn moving_within_the_statistics_is_one_place_in_the_history() {
    let mut app = app();
    app.update(Action::Resize(120, 40));
    press(&mut app, "S");
    app.settle();
    press(&mut app, "H<Esc>");
    let before = app.history().entries().len();
    press(&mut app, "jjjH<Esc>jjH<Esc>");
    assert_eq!(app.history().entries().len(), before);
    // Back leaves the view for where the user was before it.
    press(&mut app, "<C-o>");
    assert_eq!(app.view(), ngo_atlas::tui::app::View::Browse);
}
