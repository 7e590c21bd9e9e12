//! Every style the interface uses. The default follows the terminal's own 16-colour palette;
//! without colour (NO_COLOR) focus and selection still show, by reverse video, bold and markers.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub heading: Style,
    pub subheading: Style,
    pub label: Style,
    pub dim: Style,
    pub kind: Style,
    pub link: Style,
    pub quote: Style,
    pub matched: Style,
    pub status: Style,
    pub status_key: Style,
    pub message: Style,
    pub warning: Style,
    /// Bars of the statistics charts, land and markers on the map.
    pub bar: Style,
    pub map_land: Style,
    pub map_grid: Style,
    pub marker: Style,
    pub marker_label: Style,
}

impl Theme {
    /// ANSI colours only, so the user's palette (light or dark) decides how they look.
    pub fn ansi() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            tab: plain,
            tab_active: plain
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: plain.fg(Color::DarkGray),
            border_focus: plain.fg(Color::Cyan),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            heading: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            subheading: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            label: plain.fg(Color::DarkGray),
            dim: plain.fg(Color::DarkGray),
            kind: plain.fg(Color::Magenta),
            link: plain.fg(Color::Blue),
            quote: plain.add_modifier(Modifier::ITALIC),
            matched: plain
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            status: plain,
            status_key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            message: plain.fg(Color::Green).add_modifier(Modifier::BOLD),
            warning: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            bar: plain.fg(Color::Cyan),
            map_land: plain.fg(Color::Green),
            map_grid: plain.fg(Color::DarkGray),
            marker: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            marker_label: plain.fg(Color::Yellow),
        }
    }

    /// No colour at all: modifiers only.
    pub fn plain() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            tab: plain,
            tab_active: bold.add_modifier(Modifier::UNDERLINED),
            border: plain,
            border_focus: bold,
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            heading: bold,
            subheading: bold,
            label: plain,
            dim: plain,
            kind: plain,
            link: plain,
            quote: plain.add_modifier(Modifier::ITALIC),
            matched: bold.add_modifier(Modifier::UNDERLINED),
            status: plain,
            status_key: bold,
            message: bold,
            warning: bold,
            bar: plain,
            map_land: plain,
            map_grid: plain,
            marker: bold,
            marker_label: plain,
        }
    }

    /// The theme for this environment: `NO_COLOR` set and non-empty turns colour off.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::plain(),
            _ => Theme::ansi(),
        }
    }
}
