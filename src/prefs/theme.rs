//! Every style the interface uses. The default follows the terminal's own 16-colour palette;
//! `light` and `dark` bring a 256-colour palette with their own background, for terminals whose
//! palette fights the defaults; without colour (NO_COLOR) focus and selection still show, by
//! reverse video, bold and markers.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Under everything: the colours of text and background where nothing else is said.
    pub base: Style,
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
            base: plain,
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
            base: plain,
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
        Theme::chosen(ThemeName::Ansi, no_color())
    }

    /// The theme a user chose, unless `NO_COLOR` overrides it.
    pub fn chosen(name: ThemeName, no_color: bool) -> Theme {
        match name {
            _ if no_color => Theme::plain(),
            ThemeName::Ansi => Theme::ansi(),
            ThemeName::Light => Theme::light(),
            ThemeName::Dark => Theme::dark(),
            ThemeName::Plain => Theme::plain(),
        }
    }

    /// Dark text on a light background, in 256 colours.
    pub fn light() -> Theme {
        Theme::indexed(&Palette {
            fg: 235,
            bg: 231,
            faint: 250,
            dim: 242,
            accent: 25,
            select_fg: 231,
            select_bg: 25,
            unfocused_bg: 254,
            heading: 90,
            kind: 90,
            link: 25,
            matched: 130,
            good: 28,
            bad: 160,
        })
    }

    /// Light text on a dark background, in 256 colours.
    pub fn dark() -> Theme {
        Theme::indexed(&Palette {
            fg: 252,
            bg: 234,
            faint: 240,
            dim: 245,
            accent: 75,
            select_fg: 231,
            select_bg: 25,
            unfocused_bg: 237,
            heading: 179,
            kind: 176,
            link: 111,
            matched: 214,
            good: 114,
            bad: 203,
        })
    }

    fn indexed(p: &Palette) -> Theme {
        let c = Color::Indexed;
        let base = Style::new().fg(c(p.fg)).bg(c(p.bg));
        let bold = Modifier::BOLD;
        Theme {
            base,
            title: base.add_modifier(bold),
            tab: base,
            tab_active: base
                .fg(c(p.accent))
                .add_modifier(bold | Modifier::UNDERLINED),
            border: base.fg(c(p.faint)),
            border_focus: base.fg(c(p.accent)),
            selected: Style::new()
                .fg(c(p.select_fg))
                .bg(c(p.select_bg))
                .add_modifier(bold),
            selected_unfocused: Style::new()
                .bg(c(p.unfocused_bg))
                .add_modifier(Modifier::UNDERLINED),
            heading: Style::new().fg(c(p.heading)).add_modifier(bold),
            subheading: Style::new().fg(c(p.accent)).add_modifier(bold),
            label: Style::new().fg(c(p.dim)),
            dim: Style::new().fg(c(p.dim)),
            kind: Style::new().fg(c(p.kind)),
            link: Style::new().fg(c(p.link)),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            matched: Style::new()
                .fg(c(p.matched))
                .add_modifier(bold | Modifier::UNDERLINED),
            status: base,
            status_key: base.fg(c(p.accent)).add_modifier(bold),
            message: base.fg(c(p.good)).add_modifier(bold),
            warning: Style::new().fg(c(p.bad)).add_modifier(bold),
            bar: Style::new().fg(c(p.accent)),
            map_land: Style::new().fg(c(p.good)),
            map_grid: Style::new().fg(c(p.faint)),
            marker: Style::new().fg(c(p.matched)).add_modifier(bold),
            marker_label: Style::new().fg(c(p.matched)),
        }
    }
}

/// `NO_COLOR` set and non-empty, as <https://no-color.org> asks.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The themes a user can pick by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// The terminal's own 16 colours.
    #[default]
    Ansi,
    Light,
    Dark,
    Plain,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Ansi,
        ThemeName::Light,
        ThemeName::Dark,
        ThemeName::Plain,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Ansi => "ansi",
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
            ThemeName::Plain => "plain",
        }
    }
}

/// The few colours a 256-colour theme is made of (xterm palette indices).
struct Palette {
    fg: u8,
    bg: u8,
    /// Borders: barely there.
    faint: u8,
    /// Labels and secondary text.
    dim: u8,
    /// Focus, keys, the active tab.
    accent: u8,
    select_fg: u8,
    select_bg: u8,
    unfocused_bg: u8,
    heading: u8,
    kind: u8,
    link: u8,
    matched: u8,
    good: u8,
    bad: u8,
}

impl Theme {
    /// How a piece of a document is drawn.
    pub fn tone(&self, tone: crate::text::doc::Tone) -> Style {
        use crate::text::doc::Tone;
        match tone {
            Tone::Plain => Style::new(),
            Tone::Heading => self.heading,
            Tone::Subheading => self.subheading,
            Tone::Kind => self.kind,
            Tone::Dim => self.dim,
            Tone::Label => self.label,
            Tone::Link => self.link,
            Tone::Quote => self.quote,
            Tone::Matched => self.matched,
            Tone::Key => self.status_key,
            Tone::Warning => self.warning,
            Tone::Bar => self.bar,
        }
    }
}
