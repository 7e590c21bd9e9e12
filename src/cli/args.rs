//! The command line as clap reads it: the global options, every subcommand and its
//! arguments, and the checks of their values.

use crate::data::model::Kind;
use crate::query::cite::Style;
use crate::query::concordance::Order;
use crate::query::export::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  ngo-atlas                          open the explorer on the built-in dataset
  ngo-atlas --data ./my-data         open the explorer on another dataset
  ngo-atlas --data ./my-data --watch reload the explorer as you edit the data
  ngo-atlas search tan weiping       fuzzy search everything
  ngo-atlas search org:foundation    only organizations
  ngo-atlas show tan-weiping         one record, its links and what links to it
  ngo-atlas cite xinhua-2024-hrc55-side-event --style mla
  ngo-atlas marks                    your collections of marks, with notes
  ngo-atlas cite --marked --collection 'Chapter 2' --style bibtex > chapter2.bib
  ngo-atlas export --format json > atlas.json
  ngo-atlas export --format csv --out ./tables    one CSV file per kind
  ngo-atlas path tan-weiping cambodia             how two records are linked
  ngo-atlas check --data ./my-data   validate a dataset, listing every problem
  ngo-atlas check --articles ../shared/sources   also check every quote against its article
  ngo-atlas check --claims           find summary sentences that say more than their quotes
  ngo-atlas new statistic            a commented template of a record, ready to fill in
  ngo-atlas config --default > ~/.config/ngo-atlas/config.toml
  ngo-atlas --config ./light.toml    use other settings for this run";

/// `cite --help`'s epilogue: the exact edition of each style (from the library, so help and
/// code cannot disagree), what is never invented, and what biber's warnings mean.
fn cite_help() -> String {
    let mut help = String::from("Styles, exactly:\n");
    for style in Style::ALL {
        help.push_str(&format!("  {:<9} {}\n", style.name(), style.edition()));
    }
    help.push_str(
        "\n\
Nothing a source does not say is invented: no URL, no access date, no guessed author or date.
biber warns about missing fields (author, journaltitle, date) for unsigned, outlet-less or
undated sources; those warnings are expected, as the fields are unknown, not forgotten.

Examples:
  ngo-atlas cite china-daily-2019-belt-road
  ngo-atlas cite tan-weiping --style chicago
  ngo-atlas cite china-daily-2019-belt-road --in-text             (Li, 2019)
  ngo-atlas cite tan-weiping --in-text --style chicago            each quote, its short note
  ngo-atlas cite xinhua-2024-hrc55-side-event --note              Chicago's full note
  ngo-atlas cite tan-weiping china-ngo-network-for-international-exchanges --style mla
  ngo-atlas cite --all --style bibtex > refs.bib
  ngo-atlas cite --all --style csl-json > refs.json
  ngo-atlas cite --marked                          the current collection of marks
  ngo-atlas cite --marked --collection 'Chapter 2' --style chicago",
    );
    help
}

/// A terminal explorer for a sourced dataset on Chinese social organizations (NGOs) in poverty
/// alleviation and international development.
#[derive(Parser)]
#[command(name = "ngo-atlas", version, after_help = EXAMPLES)]
pub struct Args {
    /// Load the dataset from this directory instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Read settings from this file instead of ~/.config/ngo-atlas/config.toml (also
    /// $NGO_ATLAS_CONFIG).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Parse the data files every time: neither read nor write the snapshot of the loaded data
    /// that makes later runs on unchanged files fast (kept in ~/.cache/ngo-atlas/snapshots).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Explorer: reload when a data file in --data DIR changes, keeping your place; an edit
    /// that breaks the dataset keeps the last good data on screen and lists its problems.
    #[arg(long)]
    pub watch: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Fuzzy search across all records, best first.
    #[command(
        after_help = "Examples:\n  ngo-atlas search tan weiping\n  ngo-atlas search 'org: foundation' --limit 5\n  ngo-atlas search poverty --kind statistic --json\n  ngo-atlas search 'kind:org in:cambodia'\n  ngo-atlas search 'year:2019..2020 source:xinhua has:quote'\n  ngo-atlas search -- '-in:china kind:event'\n  ls | ngo-atlas search --lines rep me    lines of standard input, best first (like fzf --filter)"
    )]
    Search {
        /// Filter the lines of standard input instead of the dataset, printing every matching
        /// line best first (exit code 1 if none matches), as `fzf --filter` does.
        #[arg(long)]
        lines: bool,
        /// Words to match; every word must match. A first word like `org:` restricts the kind,
        /// `quote:` searches quotes only. Filters narrow by what records are: `kind:org`,
        /// `in:cambodia`, `year:2019`, `year:2017..2020`, `source:xinhua`, `linked:ID`,
        /// `has:quote`, `has:note`, `marked:NAME`, each left out with a `-` (after `--` when
        /// the query starts with one).
        #[arg(required = true)]
        query: Vec<String>,
        /// Only records of this kind (organization, person, event, programme, statistic, place, source).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// How many hits to print, best first; how many more there are goes to standard error.
        #[arg(long, default_value_t = 20, value_parser = parse_limit)]
        limit: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Every quote that matches, one line each with the words in context, its record and its
    /// source; or as JSON or CSV with each quote's full citation.
    ///
    /// Words match where a word of the quote begins, ignoring case and accents; words in double
    /// quotes are a phrase; `-word` leaves out quotes with that word; a first `org:`,
    /// `person:`... keeps one kind of record, and search's filters (`in:china`, `year:2019`)
    /// the records they let through. The query is the explorer's quotes list's. Exit
    /// code 1 when none matches.
    #[command(
        after_help = "Examples:\n  ngo-atlas quotes '\"belt and road\"'\n  ngo-atlas quotes 'poverty -tibet' --sort date\n  ngo-atlas quotes org: cooperation --csv > quotes.csv"
    )]
    Quotes {
        /// Words, "phrases" and -words, as one argument or several.
        #[arg(required = true)]
        query: Vec<String>,
        /// The order: source, date, record, left (the words before the match) or right.
        #[arg(long, default_value = "source", value_parser = parse_order)]
        sort: Order,
        /// Print JSON, each quote with its record, source and citation.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (quote, record id and name, source id and short name, date, citation).
        #[arg(long)]
        csv: bool,
        /// The citation style of --json and --csv (default: your setting, else APA).
        #[arg(long, value_parser = parse_style)]
        style: Option<Style>,
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
    /// Cite a record's sources, or several records' sources as one bibliography.
    ///
    /// One ID: a source's citation, or for any other record each quote that supports it with its
    /// source's citation (BibLaTeX, RIS and CSL-JSON give each source once, without quotes).
    /// Several IDs, --marked or --all: one bibliography, every source behind them once, ordered
    /// as the style orders a reference list, with unique keys in BibLaTeX, RIS and CSL-JSON.
    #[command(after_help = cite_help())]
    Cite {
        /// Records to cite (any kind; a source stands for itself).
        #[arg(required_unless_present_any = ["all", "marked", "collection"], conflicts_with_all = ["all", "marked"])]
        ids: Vec<String>,
        /// Cite every source in the dataset.
        #[arg(long, conflicts_with = "marked")]
        all: bool,
        /// Cite the records of a collection of marks (the current one unless --collection is
        /// given); marks whose records are not in the dataset are named on standard error.
        #[arg(long)]
        marked: bool,
        /// With --marked: the collection to cite, by name (case does not matter).
        #[arg(long, value_name = "NAME", requires = "marked", conflicts_with_all = ["ids", "all"])]
        collection: Option<String>,
        /// apa, chicago, mla, harvard, bibtex, ris, csl-json or plain [default: the config's
        /// citation-style, else apa].
        #[arg(long, value_parser = parse_style)]
        style: Option<Style>,
        /// What goes in the text of a paper: `(Li, 2019)` in APA and Harvard, `(Li)` in MLA,
        /// the short note in Chicago, `\autocite{key}` or `[@key]` in the record formats; for a
        /// record that is not a source, each quote followed by it.
        #[arg(long, conflicts_with_all = ["all", "marked", "note"])]
        in_text: bool,
        /// Chicago's first, full note (`Li Lei, “Title,” China Daily, April 30, 2019.`); for a
        /// record that is not a source, each quote followed by it.
        #[arg(long, conflicts_with_all = ["all", "marked", "style"])]
        note: bool,
    },
    /// Your collections of marks, made in the explorer, with their notes.
    ///
    /// Each collection with its marks: the record's id, name and kind, and your note. A mark
    /// whose record is not in the dataset is listed as missing, under the name it had when last
    /// seen. Exit code 1 when the marks file cannot be read or the collection is unknown.
    #[command(
        after_help = "Examples:\n  ngo-atlas marks\n  ngo-atlas marks --collection 'Chapter 2'\n  ngo-atlas marks --json | jq '.collections[].name'\n  ngo-atlas cite --marked --collection 'Chapter 2'    its bibliography\n\nThe marks are kept in $XDG_DATA_HOME/ngo-atlas/marks.json (`ngo-atlas config` names the file)."
    )]
    Marks {
        /// Only this collection, by name (case does not matter).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Print JSON instead of text.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// A research memo of the collection (the current one unless --collection names
        /// another): each record, your note and its quotes with pandoc citations.
        #[arg(long, value_enum)]
        format: Option<MemoFormat>,
        /// With --format: write the memo's bibliography to FILE (BibLaTeX for .bib, CSL-JSON
        /// for .json), a new file, whose keys are the memo's citations.
        #[arg(long, value_name = "FILE", requires = "format")]
        bib: Option<PathBuf>,
    },
    /// The whole dataset as JSON, YAML, CSV tables, GraphML or GEXF.
    #[command(
        after_help = "Examples:\n  ngo-atlas export --format json > atlas.json\n  ngo-atlas export --format yaml\n  ngo-atlas export --format csv --out ./tables         organizations.csv, people.csv, ...\n  ngo-atlas export --format csv --kind person > people.csv\n  ngo-atlas export --format graphml --out atlas.graphml   for networkx, igraph, Cytoscape\n  ngo-atlas export --format gexf --out atlas.gexf         for Gephi\n\n--out never overwrites: it creates a new file (a new or empty directory for csv) and\nrefuses symbolic links."
    )]
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// With --format csv: only this kind's table (to standard output without --out).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// Write to this new file instead of standard output; for csv, a new or empty directory
        /// that gets one file per kind.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// With --format csv: write cells exactly as the dataset has them. Without it, a text
        /// cell starting with =, +, -, @, a tab or a carriage return gets a ' in front, so a
        /// spreadsheet shows it as text instead of running it as a formula (numbers such as -5
        /// stay numbers).
        #[arg(long)]
        raw: bool,
    },
    /// The shortest chains of links between two records, each link with its quote.
    #[command(
        after_help = "Examples:\n  ngo-atlas path tan-weiping cambodia\n  ngo-atlas path 'Tan Weiping' asean-china-forum-2022 --limit 3\n  ngo-atlas path ministry-of-civil-affairs cambodia --json\n  ngo-atlas path tan-weiping geneva --via-places --max-hops 4\n\nPlaces and sources are not steps of a chain unless --via-places or --via-sources is\ngiven (either may still be an end). Among chains of the same length, those whose busiest\nrecord in between has fewer links come first, then the next busiest, and so on.\nExit code 1 when no chain is found within --max-hops, 2 for an unknown record."
    )]
    Path {
        /// A record's id, or its exact name.
        from: String,
        /// A record's id, or its exact name.
        to: String,
        /// The longest chain looked for, in links.
        #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u8).range(1..=64))]
        max_hops: u8,
        /// How many chains to print at most (1 to 1,000).
        #[arg(long, default_value_t = 5, value_parser = parse_path_limit)]
        limit: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Let places be steps of a chain ("both are in Yunnan").
        #[arg(long)]
        via_places: bool,
        /// Let sources be steps of a chain ("both are in the same article").
        #[arg(long)]
        via_sources: bool,
    },
    /// Load and validate a dataset, reporting every problem as file:line:col; with --articles,
    /// also check every quote against the text of its article.
    #[command(
        after_help = "Examples:\n  ngo-atlas check\n  ngo-atlas check --data ./my-data\n  ngo-atlas check --data ./my-data --articles ./my-articles\n  ngo-atlas check --data ./my-data --articles ./my-articles --claims\n\nWith --articles, each source names its article's text file (`text_file`, relative to DIR).\nA quote must appear in it character for character: runs of white space count as one space,\n` ... ` marks an elision (each piece must appear, in order), and curly and straight quotation\nmarks differ. A quote that does not is reported as `file:line:col: record: quote not found in\n<article>`, with the closest passage and the differing characters marked. Sources without a\ntext_file are listed, not failed. Exit code 1 if any quote or article fails.\nA closest passage is searched within a time allowed per article and for the whole check;\nwhen it runs out, the report says the passage was not searched.\n\nWith --claims, each sentence of a name or summary is read for names, numbers, dates and\nqualifiers (\"all\", \"first\", \"yearly\", \"capital\"...) that appear in none of the record's\nquotes, none of its linked records' names and quotes, not among its own dates, and are not\nmarked public knowledge (a field listed in public_knowledge, or a sentence of the notes that\nsays \"public knowledge\"). Each such sentence is a warning, `file:line:col: record: warning:\n...`, with the words marked; warnings do not change the exit code."
    )]
    Check {
        /// Check every quote against the articles' text files in this folder.
        #[arg(long, value_name = "DIR")]
        articles: Option<PathBuf>,
        /// Warn about sentences of names and summaries that say more than their quotes.
        #[arg(long)]
        claims: bool,
    },
    /// Print a commented template of a record of KIND with every field the schema allows.
    #[command(
        after_help = "Examples:\n  ngo-atlas new statistic >> draft.yaml\n  ngo-atlas new person\n\nRequired fields come with <placeholders> that `check` refuses until they are filled in;\noptional fields are commented out: remove the `# ` after the indentation to use one."
    )]
    New {
        /// organization, person, event, programme, statistic, place or source.
        #[arg(value_parser = parse_kind)]
        kind: Kind,
    },
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
        shape: Option<crate::synth::Shape>,
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

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        "expected organization, person, event, programme, statistic, place or source".to_string()
    })
}

fn parse_limit(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (for every match, give a large number)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("expected a number of hits, at least 1".into()),
    }
}

fn parse_path_limit(s: &str) -> Result<usize, String> {
    let max = crate::query::graph::path::MAX_LIMIT;
    match s.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(0) => Err("must be at least 1".into()),
        _ if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() => Err(format!(
            "at most {} chains are listed (the best come first; a search keeps that many \
             partial chains at every record it passes, so more would cost memory, not insight)",
            crate::data::limits::thousands(max as u64)
        )),
        _ => Err("expected a number of chains, from 1 to 1,000".into()),
    }
}

fn parse_shape(s: &str) -> Result<crate::synth::Shape, String> {
    crate::synth::Shape::parse(s).ok_or_else(|| {
        let names: Vec<&str> = crate::synth::Shape::ALL.iter().map(|s| s.name()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// The markup of a research memo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MemoFormat {
    /// Markdown with pandoc citations, `[@key]`.
    Markdown,
    /// Org with org-cite citations, `[cite:@key]`.
    Org,
}

fn parse_order(s: &str) -> Result<Order, String> {
    Order::parse(s).ok_or_else(|| "expected one of source, date, record, left, right".to_string())
}

fn parse_style(s: &str) -> Result<Style, String> {
    Style::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
        format!("expected one of {}", names.join(", "))
    })
}
