//! `ngo-atlas check` on one fixture per class of error: the message, its line and column, and
//! the exit code a script would see.

fn check(fixture: &str) -> (i32, String, String) {
    let dir = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let out = crate::common::ngo_atlas()
        .args(["check", "--data", &dir])
        .output()
        .expect("run ngo-atlas");
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&format!("{dir}/"), "");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn assert_problem(fixture: &str, expected: &str) {
    let (code, _, stderr) = check(fixture);
    assert_eq!(code, 1, "{fixture}: exit code\n{stderr}");
    assert!(
        stderr.lines().any(|l| l == expected),
        "{fixture}: expected the line\n  {expected}\ngot:\n{stderr}"
    );
    assert!(stderr.contains("the dataset was not loaded"), "{stderr}");
}

#[test]
fn yaml_syntax_error_points_at_the_line() {
    assert_problem(
        "yaml-syntax",
        "organizations.yaml:5:1: org-a: expected `,` or `]`: a `[` list is not closed (the list opened at line 4, column 12)",
    );
}

#[test]
fn wrong_type_names_the_field_path() {
    assert_problem(
        "wrong-type",
        "places.yaml:4:22: place-a: coordinates.lat: expected a number, found the text \"north\"",
    );
}

#[test]
fn misspelt_field_is_an_error_not_ignored() {
    let (_, _, stderr) = check("unknown-field");
    assert!(
        stderr.starts_with("people.yaml:9:3: person-b: unknown field `sumary`, expected one of"),
        "{stderr}"
    );
    assert_eq!(check("unknown-field").0, 1);
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    assert_problem(
        "duplicate-id",
        "places.yaml:7:7: shared-id: duplicate id `shared-id`: already used at organizations.yaml:1",
    );
}

#[test]
fn dangling_links_are_all_reported_with_suggestions() {
    let (code, _, stderr) = check("dangling-link");
    assert_eq!(code, 1);
    assert!(stderr.contains(
        "organizations.yaml:4:13: org-a: `members` links to unknown id `org-b` (did you mean `org-a`, `org-bb`?)"
    ), "{stderr}");
    assert!(
        stderr.contains("organizations.yaml:4:20: org-a: `members` links to unknown id `org-c`")
    );
    assert!(stderr.contains("2 problems found"));
}

#[test]
fn link_to_the_wrong_kind() {
    assert_problem(
        "wrong-kind-link",
        "people.yaml:5:22: person-a: `roles` must link to organization, but `place-a` is a place",
    );
}

#[test]
fn impossible_date() {
    assert_problem(
        "impossible-date",
        "events.yaml:4:9: event-a: `2019-02-30` is not a date: February 2019 has 28 days",
    );
}

#[test]
fn statistic_without_value_or_unit() {
    assert_problem(
        "statistic-without-value",
        "statistics.yaml:1:3: stat-a: missing field `value`",
    );
    assert_problem(
        "statistic-without-unit",
        "statistics.yaml:5:3: stat-a: empty `unit`",
    );
}

#[test]
fn record_without_sources() {
    assert_problem(
        "no-sources",
        "organizations.yaml:1:1: org-a: has no sources: every record needs at least one {source, quote}",
    );
}

#[test]
fn source_referenced_but_not_defined() {
    assert_problem(
        "undefined-source",
        "organizations.yaml:5:16: org-a: source `src-b` is not defined (did you mean `src-a`?)",
    );
}

#[test]
fn empty_quote() {
    assert_problem(
        "empty-quote",
        "organizations.yaml:6:7: org-a: empty quote from source `src-a`",
    );
}

#[test]
fn id_must_be_kebab_case() {
    assert_problem(
        "bad-id",
        "organizations.yaml:1:7: Org_A: id `Org_A` is not kebab-case (lower-case letters, digits and dashes)",
    );
}

#[test]
fn misnamed_data_file() {
    let (code, _, stderr) = check("unknown-file");
    assert_eq!(code, 1);
    assert!(stderr.contains(
        "organisations.yaml:1:1: unknown data file `organisations.yaml`: did you mean `organizations.yaml`?"
    ), "{stderr}");
}

#[test]
fn file_that_is_not_utf8() {
    assert_problem(
        "not-utf8",
        "organizations.yaml:2:13: the file is not UTF-8 text (invalid byte 0xff at offset 24)",
    );
}

#[test]
fn directory_without_data_files() {
    let (code, _, stderr) = check("empty-dir");
    assert_eq!(code, 1);
    assert!(stderr.contains("no data files here"), "{stderr}");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let (code, stdout, stderr) = check("bom-crlf");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("ok: 2 records (1 organizations"),
        "{stdout}"
    );
}

#[test]
fn builtin_dataset_passes() {
    let out = crate::common::ngo_atlas().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
