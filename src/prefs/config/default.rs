//! The commented default configuration that `ngo-atlas config --default` prints, made from the
//! same tables the program uses, so it cannot drift from them.

use crate::prefs::keymap::{Keymap, Mode};
use crate::prefs::theme::ThemeName;
use crate::query::cite::Style;
use std::fmt::Write;

const HEADER: &str = r#"# ngo-atlas configuration.
#
# ngo-atlas reads the first of these that is given or exists:
#   --config PATH, then $NGO_ATLAS_CONFIG (either must exist when given),
#   $XDG_CONFIG_HOME/ngo-atlas/config.toml, ~/.config/ngo-atlas/config.toml.
# Every value below is the default, so deleting a line changes nothing. A mistake stops
# ngo-atlas before it starts, with the line and key; `ngo-atlas config` checks the file.
"#;

/// The whole file, every setting at its default and every key binding listed (commented out).
pub fn default_text() -> String {
    let mut out = String::from(HEADER);
    let styles: Vec<&str> = Style::ALL.iter().map(|s| s.name()).collect();
    let themes: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
    let _ = write!(
        out,
        r#"
# Citation style for `y`, the picker's first choice and `ngo-atlas cite`:
# {styles}.
citation-style = "{style}"

# Colours. "ansi" uses your terminal's 16 colours, so it follows your palette; "light" and
# "dark" bring their own 256-colour palette and background; "plain" has no colour.
# The environment variable NO_COLOR (set and not empty) means "plain" whatever this says.
# One of: {themes}.
theme = "ansi"

# true: click to select, wheel to scroll. false: the mouse is left to the terminal, so you can
# select and copy text with it as in any other program.
mouse = true

# How `y` copies. "auto": tmux's buffer inside tmux, else wl-copy, xclip, xsel or pbcopy,
# else OSC 52 through the terminal (which works over SSH). "osc52" or "tmux": only that.
# "command": run clipboard-command with the text on its standard input (no shell: the line is
# split on spaces). "none": never copy; the text is shown for you to select instead.
clipboard = "auto"
# clipboard-command = "wl-copy"

# The dataset directory used when --data is not given; without it the built-in dataset is
# used. ~/ is your home directory; a relative path is taken from this file's folder.
# data = "~/ngo-atlas-data"

# Key bindings, one table per mode. Naming an action replaces all of its default keys in that
# mode (other modes keep theirs); an empty list [] unbinds it. A key is a character (q, G, ?)
# or a name (enter, esc, tab, backspace, space, up, down, left, right, pgup, pgdn, home, end,
# delete, insert, f1 to f12), with ctrl-, alt- or shift- in front: ctrl-o, alt-left, shift-tab.
# A key bound to two actions of one mode is an error that names both. The help screen (?) and
# the status bar show your keys. The defaults are listed, commented out.
"#,
        styles = styles.join(", "),
        style = Style::Apa.name(),
        themes = themes.join(", "),
    );
    let keymap = Keymap::default();
    for mode in Mode::ALL {
        let _ = write!(out, "\n# {}\n[keys.{}]\n", mode.title(), mode.config_name());
        let rows: Vec<(String, &str)> = keymap
            .actions(mode)
            .into_iter()
            .map(|action| {
                let keys: Vec<String> = keymap
                    .specs(mode, action)
                    .iter()
                    .map(|k| toml::Value::String(k.clone()).to_string())
                    .collect();
                let help = keymap
                    .bindings
                    .iter()
                    .find(|b| b.action == action && b.modes.contains(&mode))
                    .map_or("", |b| b.help);
                (
                    format!("# {} = [{}]", action.config_name(), keys.join(", ")),
                    help,
                )
            })
            .collect();
        let width = rows
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(0);
        for (line, help) in rows {
            let _ = writeln!(out, "{line:<width$}  # {help}");
        }
    }
    out
}
