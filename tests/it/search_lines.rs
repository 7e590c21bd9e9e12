//! `ngo-atlas search --lines` as a script uses it: standard input in, matching lines out.

use std::io::Write;
use std::process::Stdio;

fn filter(input: &str, query: &[&str]) -> (i32, String) {
    let mut child = crate::common::ngo_atlas()
        .args(["search", "--lines"])
        .args(query)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run ngo-atlas");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn prints_matching_lines_best_first() {
    let input = "Guizhou Women's Health Foundation\nYunnan Green Water Foundation — 云南绿水基金会\n\
                 Yunnan Youth Network\nHunan forum on water\n";
    let (code, out) = filter(input, &["yunnan", "water"]);
    assert_eq!(code, 0);
    assert_eq!(out, "Yunnan Green Water Foundation — 云南绿水基金会\n");
    let (_, out) = filter(input, &["foundation"]);
    assert_eq!(
        out,
        "Guizhou Women's Health Foundation\nYunnan Green Water Foundation — 云南绿水基金会\n"
    );
    let (_, out) = filter(input, &["基金会"]);
    assert_eq!(out, "Yunnan Green Water Foundation — 云南绿水基金会\n");
}

#[test]
fn no_match_and_empty_input_exit_1_like_fzf() {
    assert_eq!(filter("a\nb\n", &["zzz"]), (1, String::new()));
    assert_eq!(filter("", &["a"]), (1, String::new()));
}
