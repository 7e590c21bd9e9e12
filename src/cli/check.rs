//! `ngo-atlas check`: the dataset loaded (by `main`, which reports its problems), then, with
//! `--articles DIR`, every quote checked against the article texts in DIR, and with `--claims`,
//! every sentence of a name or summary against the record's evidence (warnings only).

use crate::data::index::Index;
use crate::data::model::Kind;
use crate::ingest::articles;
use crate::ingest::load;
use crate::text::sanitize;
use std::path::Path;

/// What `check` prints and how it ends: a summary for standard output, problems for standard
/// error (already safe for a terminal), and the exit code.
pub struct Checked {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// Checks a loaded dataset; `data` is its directory (`None` for the built-in one), needed to say
/// where a failing quote is; `cached` when the records came from the snapshot of unchanged files
/// (a snapshot is only ever written of a dataset without problems).
pub fn check(
    index: &Index,
    data: Option<&Path>,
    articles: Option<&Path>,
    claims: bool,
    cached: bool,
) -> Checked {
    // The data files are read again only to point at failing quotes; a file that vanished
    // meanwhile just loses the line numbers.
    let files = || match data {
        None => load::builtin_files(),
        Some(d) => load::read_dir(d).unwrap_or_default(),
    };
    let mut checked = quotes(index, &files, articles, cached);
    // A missing articles folder is the one error that stops everything: said alone.
    if claims && articles.is_none_or(|d| d.is_dir()) {
        let report = articles::claims::check(index, &files, articles);
        checked.stdout.push_str(&report.summary());
        checked.stderr.push_str(&report.problems());
        if !report.claims.is_empty() {
            let n = report.claims.len();
            checked.stderr.push_str(&format!(
                "{n} sentence{} say{} more than {} evidence (warnings: check the words marked against the articles).\n",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" },
                if n == 1 { "its" } else { "their" },
            ));
        }
    }
    checked
}

/// The summary, then with `articles` every quote against its article.
fn quotes(
    index: &Index,
    files: &dyn Fn() -> Vec<load::DataFile>,
    articles: Option<&Path>,
    cached: bool,
) -> Checked {
    let mut stdout = summary(index, cached);
    let Some(dir) = articles else {
        return Checked {
            stdout,
            stderr: String::new(),
            code: 0,
        };
    };
    if !dir.is_dir() {
        return Checked {
            stdout: String::new(),
            stderr: format!(
                "ngo-atlas: --articles {}: no such directory; give the folder holding the sources' text files\n",
                sanitize::line(&dir.display().to_string())
            ),
            code: 1,
        };
    }
    let report = articles::check(&index.records, files, dir);
    stdout.push_str(&report.summary(dir));
    let mut stderr = report.problems();
    let code = if report.passed() {
        0
    } else {
        let failed = report.mismatches.len();
        let unreadable = report.unreadable.len();
        let mut parts = Vec::new();
        if failed > 0 {
            parts.push(format!(
                "{failed} quote{} not found in {}",
                if failed == 1 { "" } else { "s" },
                if failed == 1 {
                    "its article"
                } else {
                    "their articles"
                }
            ));
        }
        if unreadable > 0 {
            parts.push(format!(
                "{unreadable} article{} not readable",
                if unreadable == 1 { "" } else { "s" }
            ));
        }
        let unsearched = report
            .mismatches
            .iter()
            .filter(|m| {
                matches!(
                    m.failure,
                    articles::Failure::NotFound {
                        skipped: Some(_),
                        ..
                    }
                )
            })
            .count();
        if unsearched > 0 {
            parts.push(format!(
                "closest passage not searched for {unsearched} of them (the time allowed ran out)"
            ));
        }
        stderr.push_str(&format!("{}.\n", parts.join("; ")));
        1
    };
    Checked {
        stdout,
        stderr,
        code,
    }
}

fn summary(index: &Index, cached: bool) -> String {
    let counts: Vec<String> = Kind::ALL
        .iter()
        .map(|&k| format!("{} {}", index.of_kind(k).len(), k.plural().to_lowercase()))
        .collect();
    let unchanged = if cached {
        ", unchanged since the last check: 0 problems (from cache)"
    } else {
        ""
    };
    format!(
        "ok: {} records ({}){unchanged}\n",
        index.len(),
        counts.join(", ")
    )
}
