//! What the command line writes: output inert on a terminal and exact through a pipe, errors
//! on standard error, the loading progress, and the few commands that need no data.

use super::args::Args;
use crate::ingest::load::{self, Problem};
use crate::prefs::config::{self, Config};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

pub(super) fn report(problems: &[Problem]) {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!("{}", crate::data::dataset::summary(problems));
}

/// Loads a dataset directory, showing on a terminal's standard error how far it has got once it
/// is large enough to take a moment.
pub(super) fn load_with_progress(dir: &std::path::Path) -> Result<Loaded, Vec<Problem>> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let source = load::Source::Dir(dir.to_path_buf());
    if !std::io::stderr().is_terminal() {
        return load::load_first(&source, &|_| {}, &AtomicBool::new(false)).map_err(load::problems);
    }
    let shown = AtomicUsize::new(usize::MAX);
    // The directory's name is the user's, but it is still printed inert.
    let shown_dir = crate::text::sanitize::line(&dir.display().to_string()).into_owned();
    let loaded = load::load_first(
        &source,
        &|p: &load::Status| {
            if p.bytes_total < 4 << 20 {
                return;
            }
            let step = match p.phase {
                load::Phase::Reading => return,
                load::Phase::Parsing => (p.bytes_done * 100 / p.bytes_total.max(1)) as usize,
                load::Phase::Validating => 101,
            };
            // Each percent once, whichever parsing thread gets there first.
            if shown.swap(step, Ordering::Relaxed) != step {
                if step > 100 {
                    eprint!("\rchecking links and indexing {shown_dir}...\x1b[K");
                } else {
                    eprint!(
                        "\rloading {shown_dir}: {step}% of {} MB, {} records\x1b[K",
                        p.bytes_total >> 20,
                        crate::data::limits::thousands(p.records as u64)
                    );
                }
            }
        },
        &AtomicBool::new(false),
    );
    loaded.map_err(|failure| {
        clear_progress();
        load::problems(failure)
    })
}

/// A loaded folder, and the slot of the snapshot to write once the command has answered, when
/// it was parsed afresh.
pub(super) type Loaded = (load::Dataset, Option<crate::ingest::snapshot::Slot>);

/// Erases the progress line, if one was drawn.
pub(super) fn clear_progress() {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}

/// `search --lines`: reads all of standard input, then filters it.
pub(super) fn search_lines(query: &str) -> ExitCode {
    if let Err((msg, code)) = super::check_query(query) {
        eprintln!("ngo-atlas: {msg}");
        return ExitCode::from(code as u8);
    }
    let input = match Input::stdin() {
        Ok(input) => input,
        Err(e) => {
            eprintln!("ngo-atlas: cannot read standard input: {e}");
            return ExitCode::from(2);
        }
    };
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // Lines of standard input shown on a terminal are made inert; a pipe gets them exactly.
    let mut out: Box<dyn Write> = if std::io::stdout().is_terminal() {
        Box::new(crate::query::search::lines::Inert::new(out))
    } else {
        Box::new(out)
    };
    let matched = crate::query::search::lines::filter(input.bytes(), query, &mut out);
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = out.flush();
    match matched {
        Ok(0) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// Standard input, whole: mapped when it is a regular file (`< names.txt`), as ripgrep does,
/// since copying it through `read` into fresh memory was most of a 100k-line filter's time;
/// read otherwise (a pipe, a terminal, an empty or unmappable file).
enum Input {
    /// The map, and where standard input's offset was (`(read header; ngo-atlas …) < file`).
    Mapped(memmap2::Mmap, usize),
    Read(Vec<u8>),
}

impl Input {
    fn stdin() -> std::io::Result<Input> {
        use std::os::fd::AsFd;
        let stdin = std::io::stdin();
        let file = stdin.as_fd().try_clone_to_owned().map(std::fs::File::from);
        if let Ok(mut file) = file
            && file.metadata().is_ok_and(|m| m.is_file() && m.len() > 0)
            && let Ok(at) = std::io::Seek::stream_position(&mut file)
        {
            // SAFETY: the map is only read. A file truncated by another process while it is
            // filtered could fault on a page past its new end, the risk ripgrep also takes for
            // the files it maps; nothing writes through the map.
            if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
                let at = (at as usize).min(map.len());
                return Ok(Input::Mapped(map, at));
            }
        }
        let mut input = Vec::new();
        std::io::Read::read_to_end(&mut stdin.lock(), &mut input)?;
        Ok(Input::Read(input))
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Input::Mapped(map, at) => &map[*at..],
            Input::Read(bytes) => bytes,
        }
    }
}

/// Writes a finished output to stdout; a closed pipe (`| head`) is not an error.
pub(super) fn print(bytes: Vec<u8>) -> ExitCode {
    let _ = std::io::stdout().lock().write_all(&bytes);
    ExitCode::SUCCESS
}

/// Writes text for a person to stdout: inert on a terminal (it can quote paths, commands and
/// names from settings or a dataset), exact through a pipe.
pub(super) fn print_text(text: String) -> ExitCode {
    if std::io::stdout().is_terminal() {
        print(crate::text::sanitize::text(&text).into_owned().into_bytes())
    } else {
        print(text.into_bytes())
    }
}

/// An error, on one line, made inert: it can quote the command line or a settings file.
pub(super) fn fail(message: &str) -> ExitCode {
    eprintln!("ngo-atlas: {}", crate::text::sanitize::line(message));
    ExitCode::from(1)
}

/// clap's own messages: help and version as they are, errors made inert, since they echo the
/// arguments (`--data $'\e]0;x\a'`). Exit code 2 for a usage error, as clap has it.
pub fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(e.exit_code() as u8)
        }
        _ => {
            // clap drops escape sequences from its message without a trace; asked again with
            // the arguments made inert, it shows what was there.
            let inert = std::env::args_os()
                .map(|a| crate::text::sanitize::line(&a.to_string_lossy()).into_owned());
            let message = match Args::try_parse_from(inert) {
                Err(again) if again.kind() == e.kind() => again.to_string(),
                _ => e.to_string(),
            };
            eprint!("{}", crate::text::sanitize::text(&message));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// What `ngo-atlas config` says: the file used and the settings in effect.
pub(super) fn config_summary(c: &Config, env: &config::Env) -> String {
    let file = match &c.file {
        Some(path) => format!("ok: {}", path.display()),
        None => match config::locate(None, env) {
            config::Location::Usual(paths) if !paths.is_empty() => {
                let tried: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!(
                    "no settings file (looked for {}): defaults",
                    tried.join(", ")
                )
            }
            _ => "no settings file: defaults".to_string(),
        },
    };
    let theme = if env.no_color {
        format!("{} (NO_COLOR is set: no colour)", c.theme.name())
    } else {
        c.theme.name().to_string()
    };
    let data = c
        .data
        .as_ref()
        .map_or("built-in".to_string(), |d| d.display().to_string());
    let marks = config::marks_file(env).map_or(
        "kept for the session only (no home directory)".to_string(),
        |p| p.display().to_string(),
    );
    format!(
        "{file}\ncitation-style: {}\ntheme: {theme}\nmouse: {}\nclipboard: {}\ndata: {data}\nmarks: {marks}\n",
        c.style.name(),
        c.mouse,
        c.clipboard_name(),
    )
}
