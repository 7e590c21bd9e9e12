//! `ngo-atlas cite` with several ids and with `--all`, run as a user would run it.

use crate::common;

use crate::cite_support;
use common::run;

use cite_support::{bib_entries, csl_items, ris_records};

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn several_ids_give_one_bibliography_each_source_once() {
    // tan-weiping's two quotes come from one article; the other source is cited once too.
    let ids = ["tan-weiping", "china-daily-2019-belt-road", "tan-weiping"];
    let out = ok(&[&["cite"][..], &ids[..]].concat());
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        !out.contains("Tan Weiping, deputy"),
        "a bibliography has no quotes: {out}"
    );
    let mut args = vec!["cite"];
    args.extend(ids);
    args.extend(["--style", "bibtex"]);
    let entries = bib_entries(&ok(&args)).expect("parses as BibTeX");
    assert_eq!(entries.len(), 2);
}

#[test]
fn all_cites_every_source_once_in_every_format() {
    let apa = ok(&["cite", "--all"]);
    assert_eq!(apa.lines().count(), 5, "{apa}");
    assert!(
        apa.lines()
            .any(|l| l.ends_with("(Original work published 2019)"))
    );
    let bib = bib_entries(&ok(&["cite", "--all", "--style", "bibtex"])).expect("BibTeX");
    assert_eq!(bib.len(), 5);
    let ris = ris_records(&ok(&["cite", "--all", "--style", "ris"])).expect("RIS");
    assert_eq!(ris.len(), 5);
    let csl = csl_items(&ok(&["cite", "--all", "--style", "csl-json"])).expect("CSL-JSON");
    assert_eq!(csl.len(), 5);
}

#[test]
fn one_source_in_csl_json_is_an_array() {
    let out = ok(&[
        "cite",
        "xinhua-2024-hrc55-side-event",
        "--style",
        "csl-json",
    ]);
    assert_eq!(csl_items(&out).expect("CSL-JSON").len(), 1);
}

#[test]
fn unknown_ids_are_all_named_with_suggestions_and_exit_2() {
    let (code, out, err) = run(&["cite", "tan-weipin", "china-daily-2019-belt-road", "zzzzzz"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("`tan-weipin`; did you mean: tan-weiping?"),
        "{err}"
    );
    assert!(err.contains("`zzzzzz`"), "{err}");
}

#[test]
fn ids_and_all_exclude_each_other_and_one_is_needed() {
    let (code, _, err) = run(&["cite", "--all", "tan-weiping"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be used with"), "{err}");
    let (code, _, err) = run(&["cite"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("required"), "{err}");
}

#[test]
fn help_names_the_editions_and_the_expected_biber_warnings() {
    let help = ok(&["cite", "--help"]);
    for text in [
        "APA 7th edition",
        "Chicago Manual of Style 17th edition, notes-bibliography system, bibliography entry",
        "MLA Handbook 9th edition",
        "Cite Them Right",
        "CSL-JSON 1.0.2",
        "biber warns about missing fields",
        "--all",
    ] {
        assert!(help.contains(text), "{text}: {help}");
    }
}

#[test]
fn the_readme_table_names_each_style_as_the_library_does() {
    let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    for style in ngo_atlas::query::cite::Style::ALL {
        let row = format!("| `{}` | {} |", style.name(), style.edition());
        let found = readme.lines().any(|l| l == row);
        assert!(found, "README lacks the row {row:?}");
    }
}

/// `cite --in-text` gives, for a source, exactly its in-text form in every style (the goldens in
/// `tests/golden/in-text/` hold what that is), and for another record each quote followed by it.
#[test]
fn in_text_and_note_forms_from_the_command_line() {
    use ngo_atlas::data::index::Index;
    use ngo_atlas::data::record::Record;
    use ngo_atlas::ingest::load::load_builtin;
    use ngo_atlas::query::cite::{Style, chicago_note, in_text};
    let index = Index::new(load_builtin().unwrap());
    for &r in index.of_kind(ngo_atlas::data::model::Kind::Source) {
        let Record::Source(s) = index.record(r) else {
            continue;
        };
        for style in Style::ALL {
            let out = ok(&["cite", s.id.as_str(), "--in-text", "--style", style.name()]);
            assert_eq!(
                out,
                format!("{}\n", in_text(s, style)),
                "{} {style:?}",
                s.id
            );
        }
        assert_eq!(
            ok(&["cite", s.id.as_str(), "--note"]),
            format!("{}\n", chicago_note(s))
        );
    }
    assert_eq!(
        ok(&[
            "cite",
            "china-daily-2019-belt-road",
            "--in-text",
            "--style",
            "apa"
        ]),
        "(Li, 2019)\n"
    );
    let out = ok(&["cite", "tan-weiping", "--in-text", "--style", "apa"]);
    assert!(
        out.starts_with("“Tan Weiping, deputy director")
            && out
                .contains("poverty reduction.” (“China’s NGOs Contribute,” ca. 2020)\n\n“Overall"),
        "{out}"
    );
    let out = ok(&["cite", "tan-weiping", "--in-text", "--style", "chicago"]);
    assert!(
        out.contains("reduction.”\n“China’s NGOs Contribute.”\n"),
        "{out}"
    );
    // Not with a bibliography's options.
    let (code, _, err) = run(&["cite", "--all", "--in-text"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = run(&["cite", "tan-weiping", "--in-text", "--note"]);
    assert_eq!(code, 2);
}
