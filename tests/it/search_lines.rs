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

/// Standard input that is a file is mapped rather than read: the same lines come out, from
/// where its offset stands (a script that read a header line first), and an empty file is no
/// match.
#[test]
fn a_file_on_standard_input_filters_as_a_pipe_does() {
    use std::io::{BufRead, Seek, SeekFrom};
    let input = "name\nGuizhou Women's Health Foundation\nYunnan Green Water Foundation\n\
                 Yunnan Youth Network\nHunan forum on water\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("names.txt");
    std::fs::write(&path, input).expect("write names");
    let from_file = |skip_header: bool| {
        let mut file = std::fs::File::open(&path).expect("open names");
        if skip_header {
            let mut header = String::new();
            std::io::BufReader::new(&file)
                .read_line(&mut header)
                .expect("read header");
            file.seek(SeekFrom::Start(header.len() as u64))
                .expect("seek past the header");
        }
        let out = crate::common::ngo_atlas()
            .args(["search", "--lines", "n"])
            .stdin(file)
            .output()
            .expect("run ngo-atlas");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let (_, piped) = filter(input, &["n"]);
    assert!(piped.contains("name\n"), "{piped}");
    assert_eq!(from_file(false), piped);
    let (_, piped) = filter(&input["name\n".len()..], &["n"]);
    assert!(!piped.contains("name\n"), "{piped}");
    assert_eq!(from_file(true), piped);
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write empty");
    let status = crate::common::ngo_atlas()
        .args(["search", "--lines", "n"])
        .stdin(std::fs::File::open(&empty).expect("open empty"))
        .status()
        .expect("run ngo-atlas");
    assert_eq!(status.code(), Some(1));
}
