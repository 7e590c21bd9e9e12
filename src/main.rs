use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use ngo_atlas::cite::Style;
use ngo_atlas::config::{self, Config};
use ngo_atlas::index::Index;
use ngo_atlas::load::{self, Problem};
use ngo_atlas::model::Kind;
use ngo_atlas::{cli, explore};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  ngo-atlas                          open the explorer on the built-in dataset
  ngo-atlas --data ./my-data         open the explorer on another dataset
  ngo-atlas search tan weiping       fuzzy search everything
  ngo-atlas search org:foundation    only organizations
  ngo-atlas show tan-weiping         one record, its links and what links to it
  ngo-atlas cite xinhua-2024-hrc55-side-event --style mla
  ngo-atlas export --format json > atlas.json
  ngo-atlas check --data ./my-data   validate a dataset, listing every problem
  ngo-atlas config --default > ~/.config/ngo-atlas/config.toml
  ngo-atlas --config ./light.toml    use other settings for this run";

/// A terminal explorer for a sourced dataset on Chinese social organizations (NGOs) in poverty
/// alleviation and international development.
#[derive(Parser)]
#[command(name = "ngo-atlas", version, after_help = EXAMPLES)]
struct Args {
    /// Load the dataset from this directory instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Read settings from this file instead of ~/.config/ngo-atlas/config.toml (also
    /// $NGO_ATLAS_CONFIG).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Fuzzy search across all records, best first.
    #[command(
        after_help = "Examples:\n  ngo-atlas search tan weiping\n  ngo-atlas search 'org: foundation' --limit 5\n  ngo-atlas search poverty --kind statistic --json\n  ls | ngo-atlas search --lines rep me    lines of standard input, best first (like fzf --filter)"
    )]
    Search {
        /// Filter the lines of standard input instead of the dataset, printing every matching
        /// line best first (exit code 1 if none matches), as `fzf --filter` does.
        #[arg(long)]
        lines: bool,
        /// Words to match; every word must match. A first word like `org:` restricts the kind.
        #[arg(required = true)]
        query: Vec<String>,
        /// Only records of this kind (organization, person, event, programme, statistic, place, source).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One record with its links and the records that link to it.
    #[command(
        after_help = "Examples:\n  ngo-atlas show tan-weiping\n  ngo-atlas show tan-weiping --json"
    )]
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The citation of a source, or the citations of a record's sources with their quotes.
    #[command(
        after_help = "Examples:\n  ngo-atlas cite china-daily-2019-belt-road\n  ngo-atlas cite tan-weiping --style chicago\n  ngo-atlas cite xinhua-2024-hrc55-side-event --style bibtex >> refs.bib"
    )]
    Cite {
        id: String,
        /// apa, chicago, mla, harvard, bibtex, ris, csl-json or plain [default: the config's
        /// citation-style, else apa].
        #[arg(long, value_parser = parse_style)]
        style: Option<Style>,
    },
    /// The whole dataset as JSON (an array of records) or YAML.
    #[command(
        after_help = "Examples:\n  ngo-atlas export --format json > atlas.json\n  ngo-atlas export --format yaml"
    )]
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Load and validate a dataset, reporting every problem as file:line:col.
    #[command(after_help = "Examples:\n  ngo-atlas check\n  ngo-atlas check --data ./my-data")]
    Check,
    /// Write a synthetic dataset of N valid records, for benchmarks and load tests.
    #[command(
        name = "gen-synthetic",
        after_help = "Examples:\n  ngo-atlas gen-synthetic --records 100000 --seed 1 --out /tmp/atlas-100k\n  ngo-atlas --data /tmp/atlas-100k\n  ngo-atlas gen-synthetic --shape series --records 50000 --out /tmp/series-50k"
    )]
    GenSynthetic {
        /// Records to write; with --shape, how many times the shape's element repeats.
        #[arg(long, default_value_t = 10_000)]
        records: usize,
        /// The same seed always gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A new or empty directory: nothing is ever overwritten.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// One hostile shape instead of ordinary data: series (one series of N dated
        /// values), nested-places (N places, half inside one), crowded-place (N organizations
        /// working in one place), backlinks (one record N others link to).
        #[arg(long, value_name = "NAME", value_parser = parse_shape)]
        shape: Option<ngo_atlas::synth::Shape>,
    },
    /// Check the settings file and say which one is used, or print the default one.
    #[command(
        after_help = "Examples:\n  ngo-atlas config                   check the settings, name the file\n  ngo-atlas config --default > ~/.config/ngo-atlas/config.toml\n  ngo-atlas config --config ./mine.toml"
    )]
    Config {
        /// Print the default settings, every one commented, ready to save and edit.
        #[arg(long)]
        default: bool,
    },
    /// Shell completions, printed for you to save where your shell looks for them.
    #[command(
        after_help = "Examples:\n  ngo-atlas completions bash > ~/.local/share/bash-completion/completions/ngo-atlas\n  ngo-atlas completions zsh > ~/.zfunc/_ngo-atlas\n  ngo-atlas completions fish > ~/.config/fish/completions/ngo-atlas.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page, in roff.
    #[command(
        after_help = "Examples:\n  ngo-atlas man | man -l -\n  ngo-atlas man > ~/.local/share/man/man1/ngo-atlas.1"
    )]
    Man,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Yaml,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        "expected organization, person, event, programme, statistic, place or source".to_string()
    })
}

fn parse_shape(s: &str) -> Result<ngo_atlas::synth::Shape, String> {
    ngo_atlas::synth::Shape::parse(s).ok_or_else(|| {
        let names: Vec<&str> = ngo_atlas::synth::Shape::ALL
            .iter()
            .map(|s| s.name())
            .collect();
        format!("expected one of {}", names.join(", "))
    })
}

fn parse_style(s: &str) -> Result<Style, String> {
    Style::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

fn report(problems: &[Problem]) {
    for p in problems {
        eprintln!("{p}");
    }
    let n = problems.len();
    eprintln!(
        "{n} problem{} found; the dataset was not loaded.",
        if n == 1 { "" } else { "s" }
    );
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => return clap_error(&e),
    };
    // What needs neither settings nor data, so it works even when the settings are broken.
    match &args.command {
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Args::command(), "ngo-atlas", &mut out);
            return print(out);
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            return match clap_mangen::Man::new(Args::command()).render(&mut out) {
                Ok(()) => print(out),
                Err(e) => fail(&format!("cannot write the manual page: {e}")),
            };
        }
        Some(Command::Config { default: true }) => {
            return print(config::default_text().into_bytes());
        }
        Some(Command::Search {
            lines: true, query, ..
        }) => return search_lines(&query.join(" ")),
        Some(Command::GenSynthetic {
            records,
            seed,
            out,
            shape,
        }) => {
            let files = match shape {
                Some(shape) => ngo_atlas::synth::generate_shape(*shape, *records, *seed),
                None => ngo_atlas::synth::generate(*records, *seed),
            };
            let what = shape.map_or("synthetic records".to_string(), |s| {
                format!("repetitions of the {} shape", s.name())
            });
            return match ngo_atlas::synth::write_dir(out, &files) {
                Ok(()) => print_text(format!("wrote {records} {what} to {}\n", out.display())),
                Err(e) => fail(&e),
            };
        }
        _ => {}
    }
    // Settings are read and checked whole before anything uses them.
    let env = config::Env::from_process();
    let settings = match config::load(args.config.as_deref(), &env) {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    if let Some(Command::Config { .. }) = args.command {
        return print_text(config_summary(&settings, &env));
    }
    let data = args.data.clone().or_else(|| settings.data.clone());
    let loaded = match &data {
        Some(dir) => load_with_progress(dir),
        None => load::load_builtin(),
    };
    let dataset = match loaded {
        Ok(d) => d,
        Err(problems) => {
            report(&problems);
            return ExitCode::from(1);
        }
    };
    let index = Index::new(dataset);
    clear_progress();
    let outcome = match args.command {
        None => return explore::run(index, data.as_deref(), &settings, &env),
        Some(Command::Check) => Ok(check_summary(&index)),
        Some(Command::Search {
            query,
            kind,
            limit,
            json,
            ..
        }) => cli::search(&index, &query.join(" "), kind, limit, json),
        Some(Command::Show { id, json }) => cli::show(&index, &id, json),
        Some(Command::Cite { id, style }) => {
            cli::cite(&index, &id, style.unwrap_or(settings.style))
        }
        Some(Command::Export { format }) => cli::export(&index, matches!(format, Format::Yaml)),
        Some(
            Command::Config { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::GenSynthetic { .. },
        ) => {
            unreachable!("handled before the dataset is loaded")
        }
    };
    let code = match outcome {
        Ok(mut text) => {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            // Dataset text shown on a terminal is made inert; a pipe gets it exactly.
            if std::io::stdout().is_terminal() {
                text = ngo_atlas::sanitize::text(&text).into_owned();
            }
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err((message, code)) => {
            eprintln!("ngo-atlas: {}", ngo_atlas::sanitize::text(&message));
            ExitCode::from(code as u8)
        }
    };
    // Freeing a million records one at a time takes a second, and the process ends here.
    std::mem::forget(index);
    code
}

/// Loads a dataset directory, showing on a terminal's standard error how far it has got once it
/// is large enough to take a moment.
fn load_with_progress(dir: &std::path::Path) -> Result<load::Dataset, Vec<Problem>> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    if !std::io::stderr().is_terminal() {
        return load::load_dir(dir);
    }
    let shown = AtomicUsize::new(usize::MAX);
    // The directory's name is the user's, but it is still printed inert.
    let shown_dir = ngo_atlas::sanitize::line(&dir.display().to_string()).into_owned();
    let source = load::Source::Dir(dir.to_path_buf());
    let dataset = load::load(
        &source,
        &|p: &load::Progress| {
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
                        ngo_atlas::limits::thousands(p.records as u64)
                    );
                }
            }
        },
        &AtomicBool::new(false),
    );
    match dataset {
        Ok(d) => Ok(d),
        Err(failure) => {
            clear_progress();
            Err(match failure {
                load::Failure::Problems(p) => p,
                load::Failure::Cancelled => Vec::new(),
            })
        }
    }
}

/// Erases the progress line, if one was drawn.
fn clear_progress() {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}

fn check_summary(index: &Index) -> String {
    let counts: Vec<String> = Kind::ALL
        .iter()
        .map(|&k| format!("{} {}", index.of_kind(k).len(), k.plural().to_lowercase()))
        .collect();
    format!("ok: {} records ({})", index.len(), counts.join(", "))
}

/// `search --lines`: reads all of standard input, then filters it.
fn search_lines(query: &str) -> ExitCode {
    // Read in one go when standard input is a file of known size, rather than doubling a buffer.
    let size = std::fs::metadata("/dev/stdin").map_or(0, |m| m.len() as usize);
    let mut input = Vec::with_capacity(size + 1);
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut input) {
        eprintln!("ngo-atlas: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // Lines of standard input shown on a terminal are made inert; a pipe gets them exactly.
    let mut out: Box<dyn Write> = if std::io::stdout().is_terminal() {
        Box::new(ngo_atlas::search::lines::Inert::new(out))
    } else {
        Box::new(out)
    };
    let matched = ngo_atlas::search::lines::filter(&input, query, &mut out);
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = out.flush();
    match matched {
        Ok(0) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// Writes a finished output to stdout; a closed pipe (`| head`) is not an error.
fn print(bytes: Vec<u8>) -> ExitCode {
    let _ = std::io::stdout().lock().write_all(&bytes);
    ExitCode::SUCCESS
}

/// Writes text for a person to stdout: inert on a terminal (it can quote paths, commands and
/// names from settings or a dataset), exact through a pipe.
fn print_text(text: String) -> ExitCode {
    if std::io::stdout().is_terminal() {
        print(ngo_atlas::sanitize::text(&text).into_owned().into_bytes())
    } else {
        print(text.into_bytes())
    }
}

/// An error, on one line, made inert: it can quote the command line or a settings file.
fn fail(message: &str) -> ExitCode {
    eprintln!("ngo-atlas: {}", ngo_atlas::sanitize::line(message));
    ExitCode::from(1)
}

/// clap's own messages: help and version as they are, errors made inert, since they echo the
/// arguments (`--data $'\e]0;x\a'`). Exit code 2 for a usage error, as clap has it.
fn clap_error(e: &clap::Error) -> ExitCode {
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
                .map(|a| ngo_atlas::sanitize::line(&a.to_string_lossy()).into_owned());
            let message = match Args::try_parse_from(inert) {
                Err(again) if again.kind() == e.kind() => again.to_string(),
                _ => e.to_string(),
            };
            eprint!("{}", ngo_atlas::sanitize::text(&message));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// What `ngo-atlas config` says: the file used and the settings in effect.
fn config_summary(c: &Config, env: &config::Env) -> String {
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
