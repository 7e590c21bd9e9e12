//! From the parsed command line to the exit code: the commands that need no data, the settings,
//! the explorer on a terminal, else the marks and the dataset and the subcommand's output.

use super::args::{Args, Command, MemoFormat};
use super::output::{
    clear_progress, config_summary, fail, load_with_progress, print, print_text, report,
    search_lines,
};
use crate::data::index::Index;
use crate::ingest::load;
use crate::prefs::config::{self, Config};
use crate::prefs::marks::Marks;
use crate::query::graph::path::PathOptions;
use crate::text::sanitize;
use crate::tui::explore;
use clap::CommandFactory;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

/// Runs what the command line asks for.
pub fn run(args: Args) -> ExitCode {
    if let Some(code) = without_data(&args) {
        return code;
    }
    crate::ingest::snapshot::set_folder(if args.no_cache {
        None
    } else {
        crate::ingest::snapshot::default_folder()
    });
    // A command about a few records (`search`, with the texts kept beside a snapshot: its hits)
    // reads only the parts of a snapshot that hold them; the explorer reads the parts its
    // screens need, as they need them.
    crate::ingest::snapshot::read_on_demand(matches!(
        args.command,
        None | Some(
            Command::Show { .. }
                | Command::Cite { .. }
                | Command::Check { .. }
                | Command::Marks { .. }
                | Command::Path { .. }
                | Command::Search { .. }
        )
    ));
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
    if args.command.is_none() && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        // The explorer shows its first frame at once and loads the data behind it.
        return explore::run(explore::Start {
            data,
            watch: args.watch,
            settings,
            env,
        });
    }
    // Marks are read before the dataset, so that an unknown or empty collection is reported at
    // once rather than after loading a million records.
    let marks = match read_marks(&args, &env) {
        Ok(marks) => marks,
        Err(code) => return code,
    };
    let loaded = match &data {
        Some(dir) => load_with_progress(dir),
        None => load::load_builtin().map(|d| (d, None)),
    };
    let (dataset, snapshot) = match loaded {
        Ok(d) => d,
        Err(problems) => {
            report(&problems);
            return ExitCode::from(1);
        }
    };
    let cached = dataset.from_snapshot;
    // Shared, so that `search` can read summaries and quotes where the index keeps them.
    let index = Arc::new(Index::new(dataset));
    clear_progress();
    let code = match args.command {
        Some(Command::Check { articles, claims }) => {
            let checked =
                super::check(&index, data.as_deref(), articles.as_deref(), claims, cached);
            eprint!("{}", checked.stderr);
            write_out(checked.stdout);
            ExitCode::from(checked.code)
        }
        // Without a terminal, a bad dataset's problems were reported above; a good one cannot
        // be explored here.
        None => explore::no_terminal(),
        Some(command) => {
            let (outcome, note) = with_data(command, &index, &settings, &marks);
            finish(outcome, note)
        }
    };
    // The snapshot of a folder parsed afresh, written once the answer is out: a cold command
    // answers as soon as without snapshots, and the next one is warm.
    if let Some(slot) = snapshot {
        let _ = std::io::stdout().flush();
        slot.save_index(&index);
    }
    // Freeing a million records one at a time takes a second, and the process ends here.
    std::mem::forget(index);
    code
}

/// What needs neither settings nor data, so it works even when the settings are broken.
fn without_data(args: &Args) -> Option<ExitCode> {
    Some(match args.command.as_ref()? {
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut Args::command(), "ngo-atlas", &mut out);
            print(out)
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Args::command()).render(&mut out) {
                Ok(()) => print(out),
                Err(e) => fail(&format!("cannot write the manual page: {e}")),
            }
        }
        Command::Config { default: true } => print(config::default_text().into_bytes()),
        Command::New { kind } => print(crate::ingest::template::text(*kind).into_bytes()),
        Command::Search {
            lines: true, query, ..
        } => search_lines(&query.join(" ")),
        Command::GenSynthetic {
            records,
            seed,
            out,
            shape,
        } => {
            use crate::synth;
            let files = match shape {
                Some(shape) => synth::generate_shape(*shape, *records, *seed),
                None => synth::generate(*records, *seed),
            };
            let what = shape.map_or("synthetic records".to_string(), |s| {
                format!("repetitions of the {} shape", s.name())
            });
            match synth::write_dir(out, &files) {
                Ok(()) => print_text(format!("wrote {records} {what} to {}\n", out.display())),
                Err(e) => fail(&e),
            }
        }
        _ => return None,
    })
}

/// The marks `marks` and `cite --marked` need, read before the data; their problem, if any,
/// said on standard error.
fn read_marks(args: &Args, env: &config::Env) -> Result<Marks, ExitCode> {
    let marks_file = config::marks_file(env);
    let marks = match &args.command {
        Some(Command::Marks { collection, .. }) => Some(super::marks_to_list(
            marks_file.as_deref(),
            collection.as_deref(),
        )),
        Some(Command::Cite {
            marked: true,
            collection,
            ..
        }) => Some(super::marks_to_cite(
            marks_file.as_deref(),
            collection.as_deref(),
        )),
        // Only a query about notes or collections needs them.
        Some(Command::Search { query, .. } | Command::Quotes { query, .. })
            if query
                .iter()
                .any(|w| w.contains("has:") || w.contains("marked:")) =>
        {
            Some(super::marks_to_list(marks_file.as_deref(), None))
        }
        _ => None,
    };
    let mut marks = match marks.transpose() {
        Ok(marks) => marks.unwrap_or_default(),
        Err((message, code)) => {
            eprintln!("ngo-atlas: {}", sanitize::text(&message));
            return Err(ExitCode::from(code as u8));
        }
    };
    if let Some(problem) = marks.take_problem() {
        eprintln!("ngo-atlas: {}", sanitize::line(&problem));
    }
    Ok(marks)
}

/// A subcommand on the loaded data: its output, and a note for standard error once the output
/// is written (`search` cutting its list).
fn with_data(
    command: Command,
    index: &Arc<Index>,
    settings: &Config,
    marks: &Marks,
) -> (super::Outcome, Option<String>) {
    let mut note = None;
    let outcome = match command {
        Command::Search {
            query,
            kind,
            limit,
            json,
            ..
        } => super::search(
            Arc::clone(index),
            &query.join(" "),
            super::SearchOptions {
                kind,
                limit,
                as_json: json,
                user: marks.user_sets(),
            },
        )
        .map(|l| {
            note = l.note;
            l.text
        }),
        Command::Show { id, json } => super::show(index, &id, json),
        Command::Quotes {
            query,
            sort,
            json,
            csv,
            style,
        } => {
            let format = match (json, csv) {
                (true, _) => super::QuoteFormat::Json,
                (_, true) => super::QuoteFormat::Csv,
                _ => super::QuoteFormat::Text,
            };
            let style = style.unwrap_or(settings.style);
            let user = marks.user_sets();
            super::quotes_of(index, &query.join(" "), sort, format, style, user)
        }
        Command::Marks { .. } => marks_command(command, index, marks),
        Command::Cite { .. } => cite(command, index, settings, marks),
        Command::Export {
            format,
            kind,
            out,
            raw,
        } => super::export(
            index,
            format,
            super::ExportOptions {
                kind,
                out: out.as_deref(),
                raw,
            },
        ),
        Command::Path { .. } => path(command, index),
        // Handled before the data is loaded.
        _ => Ok(String::new()),
    };
    (outcome, note)
}

/// `marks`: a collection's marks and notes, or its research memo.
fn marks_command(command: Command, index: &Index, marks: &Marks) -> super::Outcome {
    let Command::Marks {
        collection,
        format,
        bib,
        json,
    } = command
    else {
        return Ok(String::new());
    };
    match format {
        Some(format) => {
            let markup = match format {
                MemoFormat::Markdown => super::Markup::Markdown,
                MemoFormat::Org => super::Markup::Org,
            };
            super::memo(index, marks, collection.as_deref(), markup, bib.as_deref())
        }
        None => super::marks(index, marks, collection.as_deref(), json),
    }
}

/// `path`: the shortest chains of links from one record to another.
fn path(command: Command, index: &Index) -> super::Outcome {
    let Command::Path {
        from,
        to,
        max_hops,
        limit,
        json,
        via_places,
        via_sources,
    } = command
    else {
        return Ok(String::new());
    };
    let options = PathOptions {
        max_hops: max_hops.into(),
        limit,
        via_places,
        via_sources,
    };
    super::path(index, &from, &to, &options, json)
}

/// `cite`: a collection's bibliography, an in-text form or a note, or the records named.
fn cite(command: Command, index: &Index, settings: &Config, marks: &Marks) -> super::Outcome {
    let Command::Cite {
        ids,
        all,
        style,
        marked,
        collection,
        in_text,
        note,
    } = command
    else {
        return Ok(String::new());
    };
    let style = style.unwrap_or(settings.style);
    if marked {
        return super::cite_marked(index, marks, collection.as_deref(), style).map(|cited| {
            if let Some(left_out) = cited.left_out {
                eprintln!("ngo-atlas: {}", sanitize::text(&left_out));
            }
            cited.text
        });
    }
    if in_text || note {
        let form = if note {
            super::Form::Note
        } else {
            super::Form::InText(style)
        };
        return super::cite_in_text(index, &ids, form);
    }
    let what = if all {
        super::Cited::All
    } else {
        super::Cited::Ids(&ids)
    };
    super::cite(index, what, style)
}

/// Writes a subcommand's output, or its error; the exit code.
fn finish(outcome: super::Outcome, note: Option<String>) -> ExitCode {
    match outcome {
        // An export streamed to standard output returns no text of its own.
        Ok(text) if text.is_empty() => ExitCode::SUCCESS,
        Ok(mut text) => {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            write_out(text);
            if let Some(note) = note {
                eprintln!("{note}");
            }
            ExitCode::SUCCESS
        }
        Err((message, code)) => {
            eprintln!("ngo-atlas: {}", sanitize::text(&message));
            ExitCode::from(code as u8)
        }
    }
}

/// Dataset text shown on a terminal is made inert; a pipe gets it exactly. A closed pipe
/// (`| head`) is not an error worth a panic.
fn write_out(mut text: String) {
    if std::io::stdout().is_terminal() {
        text = sanitize::text(&text).into_owned();
    }
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
