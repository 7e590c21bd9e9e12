//! How the user wants text copied: the clipboard method of the settings and how long a tool may
//! take. The explorer's clipboard chain (`tui::clipboard`) carries it out.

use std::str::FromStr;
use std::time::Duration;

/// Which method the user asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Choice {
    #[default]
    Auto,
    Osc52,
    Tmux,
    /// A command line split on whitespace, e.g. `["wl-copy", "--primary"]`.
    Command(Vec<String>),
    None,
}

impl Choice {
    /// A user command line, split on whitespace (no shell quoting: the command
    /// is run directly, never through a shell). `None` if it is blank.
    pub fn command(line: &str) -> Option<Choice> {
        let argv: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        (!argv.is_empty()).then_some(Choice::Command(argv))
    }
}

impl FromStr for Choice {
    type Err = String;

    /// `auto`, `osc52`, `tmux`, `none`, or `command:<command line>`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "auto" => Ok(Choice::Auto),
            "osc52" => Ok(Choice::Osc52),
            "tmux" => Ok(Choice::Tmux),
            "none" => Ok(Choice::None),
            other => other
                .strip_prefix("command:")
                .and_then(Choice::command)
                .ok_or_else(|| {
                    format!("unknown clipboard method {other:?}: expected auto, osc52, tmux, none or command:<program and arguments>")
                }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub choice: Choice,
    /// How long a clipboard tool may take before it is killed and the next
    /// step tried: a copy must never freeze the UI.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            choice: Choice::Auto,
            timeout: Duration::from_secs(2),
        }
    }
}
