//! The user's settings file: where it is, what it may say, and the checks that make a mistake stop
//! the program with its line, column and key before anything is applied.
//!
//! Everything is read and checked into a [`Config`] first; only a complete, valid one is handed
//! to the explorer or the subcommands, so a half-applied configuration cannot happen.

use crate::ingest::safe_file::{self, Refused};
use crate::prefs::copying::{self as clipboard, Choice};
use crate::prefs::keymap::Keymap;
use crate::prefs::theme::{Theme, ThemeName};
use crate::query::cite::Style;
use serde::Deserialize;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

mod default;
mod keys;

pub use default::default_text;
use keys::{Keys, keymap};

/// The environment as far as configuration cares, read once so that tests can inject it
/// instead of changing the process environment under tests running in parallel. Empty
/// variables count as unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `$NGO_ATLAS_CONFIG`
    pub config: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME`
    pub xdg_config_home: Option<PathBuf>,
    /// `$XDG_DATA_HOME`
    pub xdg_data_home: Option<PathBuf>,
    /// `$XDG_STATE_HOME`
    pub xdg_state_home: Option<PathBuf>,
    /// `$HOME`
    pub home: Option<PathBuf>,
    /// `$NO_COLOR` set and non-empty.
    pub no_color: bool,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Env {
            config: var("NGO_ATLAS_CONFIG"),
            xdg_config_home: var("XDG_CONFIG_HOME"),
            xdg_data_home: var("XDG_DATA_HOME"),
            xdg_state_home: var("XDG_STATE_HOME"),
            home: var("HOME").or_else(|| var("USERPROFILE")),
            no_color: crate::prefs::theme::no_color(),
        }
    }

    /// An XDG base directory, or `fallback` under the home directory. The XDG spec says a
    /// relative value is invalid and must be ignored.
    fn base(&self, xdg: &Option<PathBuf>, fallback: &str) -> Option<PathBuf> {
        match xdg {
            Some(dir) if dir.is_absolute() => Some(dir.clone()),
            _ => self.home.as_ref().map(|h| h.join(fallback)),
        }
    }
}

/// Where the settings come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Named by `--config` or `$NGO_ATLAS_CONFIG`: it must exist.
    Named { path: PathBuf, by: &'static str },
    /// The usual places, in order; the first that exists is read, and none is fine.
    Usual(Vec<PathBuf>),
}

/// `--config PATH`, then `$NGO_ATLAS_CONFIG`, then `$XDG_CONFIG_HOME/ngo-atlas/config.toml`,
/// then `~/.config/ngo-atlas/config.toml` (on macOS too, where people keep their dotfiles).
pub fn locate(flag: Option<&Path>, env: &Env) -> Location {
    if let Some(path) = flag {
        return Location::Named {
            path: path.to_path_buf(),
            by: "--config",
        };
    }
    if let Some(path) = &env.config {
        return Location::Named {
            path: path.clone(),
            by: "NGO_ATLAS_CONFIG",
        };
    }
    let mut usual = Vec::new();
    if let Some(dir) = env.xdg_config_home.as_ref().filter(|d| d.is_absolute()) {
        usual.push(dir.join("ngo-atlas").join("config.toml"));
    }
    if let Some(home) = &env.home {
        let path = home.join(".config").join("ngo-atlas").join("config.toml");
        if !usual.contains(&path) {
            usual.push(path);
        }
    }
    Location::Usual(usual)
}

/// `$XDG_DATA_HOME/ngo-atlas/marks.json`, else `~/.local/share/ngo-atlas/marks.json`; `None`
/// with no home at all, and marks then last for the session only.
pub fn marks_file(env: &Env) -> Option<PathBuf> {
    env.base(&env.xdg_data_home, ".local/share")
        .map(|d| d.join("ngo-atlas").join(crate::prefs::marks::FILE_NAME))
}

/// `$XDG_STATE_HOME/ngo-atlas/searches`, else `~/.local/state/ngo-atlas/searches`: the search
/// box's history. `None` with no home at all.
pub fn searches_file(env: &Env) -> Option<PathBuf> {
    env.base(&env.xdg_state_home, ".local/state")
        .map(|d| d.join("ngo-atlas").join(crate::prefs::searches::FILE_NAME))
}

/// Every setting, checked and ready to use.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file the settings came from; `None` when they are the defaults.
    pub file: Option<PathBuf>,
    pub style: Style,
    pub theme: ThemeName,
    /// Capture the mouse (clicks, wheel); off leaves text selection to the terminal.
    pub mouse: bool,
    pub clipboard: clipboard::Options,
    /// The dataset directory used when `--data` is not given.
    pub data: Option<PathBuf>,
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            style: Style::Apa,
            theme: ThemeName::Ansi,
            mouse: true,
            clipboard: clipboard::Options::default(),
            data: None,
            keymap: Keymap::default(),
        }
    }
}

impl Config {
    /// The theme to draw with: the chosen one, or none at all under `NO_COLOR`.
    pub fn theme(&self, env: &Env) -> Theme {
        Theme::chosen(self.theme, env.no_color)
    }

    /// The clipboard method as the file spells it: `auto`, `command (wl-copy --primary)`.
    pub fn clipboard_name(&self) -> String {
        match &self.clipboard.choice {
            Choice::Auto => "auto".into(),
            Choice::Osc52 => "osc52".into(),
            Choice::Tmux => "tmux".into(),
            Choice::None => "none".into(),
            Choice::Command(argv) => format!("command ({})", argv.join(" ")),
        }
    }
}

/// A mistake in the settings, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: PathBuf,
    /// Line and column, from 1.
    pub at: Option<(usize, usize)>,
    /// The key, dotted: `keys.browse.quit`.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for Error {
    /// One line, sanitized: the path, the key and the message can all quote the file (a key
    /// named `"\u001b]0;title\u0007"`), and the line is printed to a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut line = self.path.display().to_string();
        if let Some((l, col)) = self.at {
            line.push_str(&format!(":{l}:{col}"));
        }
        if let Some(key) = &self.key {
            line.push_str(&format!(": key `{key}`"));
        }
        line.push_str(&format!(": {}", self.message));
        f.write_str(&crate::text::sanitize::line(&line))
    }
}

impl std::error::Error for Error {}

/// Finds and reads the settings; a missing file in the usual places means the defaults.
pub fn load(flag: Option<&Path>, env: &Env) -> Result<Config, Error> {
    let (path, named_by) = match locate(flag, env) {
        Location::Named { path, by } => (path, Some(by)),
        Location::Usual(paths) => match paths.into_iter().find(|p| p.exists()) {
            Some(path) => (path, None),
            None => return Ok(Config::default()),
        },
    };
    let fail = |message: String| Error {
        path: path.clone(),
        at: None,
        key: None,
        message,
    };
    // The same checks as a data file's: a FIFO would block start-up, `/dev/zero` never ends.
    let limit = crate::data::limits::MAX_SETTINGS_BYTES;
    let bytes = safe_file::read(&path, true, limit).map_err(|refused| match refused {
        Refused::NotFound => match named_by {
            Some(by) => fail(format!("no such file (it was named by {by})")),
            None => fail("the file disappeared while it was being read".to_string()),
        },
        Refused::NotPlain(what) => fail(format!(
            "not a regular file ({what}): the settings must be a plain file"
        )),
        Refused::TooLarge(size) => fail(crate::data::limits::too_large(
            size,
            limit,
            "a settings file",
        )),
        Refused::Link => fail("cannot read the configuration: a symbolic link".to_string()),
        Refused::Io(e) => fail(format!("cannot read the configuration: {e}")),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    parse(&text, &path, env)
}

/// The file's shape. Values that need more than a type check keep their span for the error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    citation_style: Option<Spanned<String>>,
    theme: Option<ThemeName>,
    mouse: Option<bool>,
    clipboard: Option<Spanned<String>>,
    clipboard_command: Option<Spanned<String>>,
    data: Option<Spanned<String>>,
    #[serde(default)]
    keys: Keys,
}

/// Reads settings from `text`, as if from the file at `path` (for messages and for relative
/// paths, which are taken from the file's folder).
pub fn parse(text: &str, path: &Path, env: &Env) -> Result<Config, Error> {
    let at = |span: Range<usize>, key: &str, message: String| Error {
        path: path.to_path_buf(),
        at: Some(line_col(text, span.start)),
        key: Some(key.to_string()),
        message,
    };
    let raw: Raw = toml::from_str(text).map_err(|e| from_toml(&e, text, path))?;
    let mut config = Config {
        file: Some(path.to_path_buf()),
        ..Config::default()
    };
    if let Some(s) = raw.citation_style {
        config.style = Style::parse(s.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
            at(
                s.span(),
                "citation-style",
                format!(
                    "unknown citation style {:?}: expected one of {}",
                    s.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
    }
    config.theme = raw.theme.unwrap_or_default();
    config.mouse = raw.mouse.unwrap_or(true);
    config.clipboard.choice = clipboard_choice(&raw.clipboard, &raw.clipboard_command, &at)?;
    if let Some(dir) = raw.data {
        let value = dir.get_ref().trim();
        if value.is_empty() {
            return Err(at(
                dir.span(),
                "data",
                "an empty path: leave `data` out to use the built-in dataset".into(),
            ));
        }
        config.data = Some(resolve(value, path, env));
    }
    config.keymap = keymap(&raw.keys, &at)?;
    Ok(config)
}

type At<'a> = dyn Fn(Range<usize>, &str, String) -> Error + 'a;

fn clipboard_choice(
    method: &Option<Spanned<String>>,
    command: &Option<Spanned<String>>,
    at: &At,
) -> Result<Choice, Error> {
    let choice = match method {
        None => Choice::Auto,
        Some(m) if m.get_ref().trim() == "command" => match command {
            Some(c) => Choice::command(c.get_ref()).ok_or_else(|| {
                at(c.span(), "clipboard-command", "an empty command: name a program such as \"wl-copy\"".into())
            })?,
            None => {
                return Err(at(
                    m.span(),
                    "clipboard",
                    "\"command\" needs `clipboard-command`, for example clipboard-command = \"wl-copy\"".into(),
                ));
            }
        },
        Some(m) => m.get_ref().parse::<Choice>().map_err(|_| {
            at(
                m.span(),
                "clipboard",
                format!(
                    "unknown clipboard method {:?}: expected \"auto\", \"osc52\", \"tmux\", \"command\" or \"none\"",
                    m.get_ref()
                ),
            )
        })?,
    };
    if let Some(c) = command
        && !matches!(choice, Choice::Command(_))
    {
        return Err(at(
            c.span(),
            "clipboard-command",
            "is only used with clipboard = \"command\"; set that too, or remove this line".into(),
        ));
    }
    Ok(choice)
}

/// `~/x` is under the home directory; a relative path is taken from the config file's folder,
/// so the file means the same whatever directory ngo-atlas is started from.
fn resolve(value: &str, config: &Path, env: &Env) -> PathBuf {
    if let (Some(rest), Some(home)) = (value.strip_prefix("~/"), &env.home) {
        return home.join(rest);
    }
    let path = PathBuf::from(value);
    if path.is_absolute() {
        return path;
    }
    config.parent().unwrap_or(Path::new(".")).join(path)
}

/// Line and column (from 1, in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// A toml error as `path:line:col: key `k`: message`. toml knows the key path but only says it
/// when it has no source text to point into, so it is asked that way.
fn from_toml(e: &toml::de::Error, text: &str, path: &Path) -> Error {
    let mut bare = e.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let key = shown
        .strip_prefix(e.message())
        .and_then(|rest| rest.trim().strip_prefix("in `"))
        .and_then(|rest| rest.strip_suffix('`'))
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .or_else(|| {
            // A misspelt top-level key: toml names it only in the message.
            let rest = e.message().strip_prefix("unknown field `")?;
            Some(rest[..rest.find('`')?].to_string())
        });
    Error {
        path: path.to_path_buf(),
        at: e.span().map(|s| line_col(text, s.start)),
        key,
        message: e.message().trim_end().replace('\n', "; "),
    }
}

#[cfg(test)]
mod tests;
