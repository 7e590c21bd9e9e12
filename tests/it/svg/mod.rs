//! A drawn screen as SVG, for the screenshots in the README: every cell's background, its text in
//! its colour and weight, and the characters that fonts draw unevenly (Braille dots, block
//! elements, box-drawing lines) as shapes, so the picture looks the same whatever fonts the
//! viewer has. Deterministic, so a test can compare it with the committed file.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use std::collections::BTreeMap;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Cell size in pixels; the font size makes a monospace advance of about one cell.
const CW: f64 = 9.0;
const CH: f64 = 19.0;
const FONT_SIZE: f64 = 15.0;
const PAD: f64 = 12.0;
const FONTS: &str = "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, monospace";

const FG: &str = "#d4d4d4";
const BG: &str = "#1e1e1e";

/// The 16 ANSI colours as a dark terminal theme shows them.
fn ansi(c: Color) -> Option<&'static str> {
    Some(match c {
        Color::Black => "#000000",
        Color::Red => "#cd3131",
        Color::Green => "#3fa75f",
        Color::Yellow => "#d7ba3d",
        Color::Blue => "#3b8eea",
        Color::Magenta => "#c678dd",
        Color::Cyan => "#29b8db",
        Color::Gray => "#c8c8c8",
        Color::DarkGray => "#7a7a7a",
        Color::LightRed => "#f14c4c",
        Color::LightGreen => "#23d18b",
        Color::LightYellow => "#f5f543",
        Color::LightBlue => "#6cb6ff",
        Color::LightMagenta => "#d670d6",
        Color::LightCyan => "#56d4f0",
        Color::White => "#ffffff",
        _ => return None,
    })
}

fn hex(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => indexed(i),
        c => ansi(c).unwrap_or(default).to_string(),
    }
}

/// The xterm 256-colour palette.
fn indexed(i: u8) -> String {
    const BASE: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match i {
        0..=15 => hex(BASE[usize::from(i)], FG),
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let (r, g, b) = (level(n / 36), level(n / 6 % 6), level(n % 6));
            format!("#{r:02x}{g:02x}{b:02x}")
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

/// How a cell looks once reverse video is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Look {
    fg: String,
    bg: String,
    bold: bool,
    italic: bool,
    underline: bool,
    dim: bool,
    crossed: bool,
}

fn look(cell: &ratatui::buffer::Cell) -> Look {
    let m = cell.modifier;
    let (mut fg, mut bg) = (hex(cell.fg, FG), hex(cell.bg, BG));
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    Look {
        fg,
        bg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        underline: m.contains(Modifier::UNDERLINED),
        dim: m.contains(Modifier::DIM),
        crossed: m.contains(Modifier::CROSSED_OUT),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Rectangles (x, y, w, h in pixels) that draw a character better than a font would, if it is
/// one of those: Braille dots, block elements, box-drawing lines.
fn shapes(c: char, x: f64, y: f64) -> Option<Vec<(f64, f64, f64, f64)>> {
    let u = u32::from(c);
    if (0x2801..=0x28FF).contains(&u) {
        let bits = u - 0x2800;
        // Dot n of a Braille cell: (column, row) for bits 0..8.
        const DOTS: [(f64, f64); 8] = [
            (0.0, 0.0),
            (0.0, 1.0),
            (0.0, 2.0),
            (1.0, 0.0),
            (1.0, 1.0),
            (1.0, 2.0),
            (0.0, 3.0),
            (1.0, 3.0),
        ];
        let d = 2.0;
        return Some(
            DOTS.iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, &(col, row))| {
                    (
                        x + (col + 0.5) * CW / 2.0 - d / 2.0,
                        y + (row + 0.5) * CH / 4.0 - d / 2.0,
                        d,
                        d,
                    )
                })
                .collect(),
        );
    }
    match c {
        '█' => return Some(vec![(x, y, CW, CH)]),
        '▀' => return Some(vec![(x, y, CW, CH / 2.0)]),
        '▁'..='▇' => {
            let h = CH * f64::from(u - 0x2580) / 8.0;
            return Some(vec![(x, y + CH - h, CW, h)]);
        }
        '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▏' => {
            let eighths = f64::from(0x2590 - u);
            return Some(vec![(x, y, CW * eighths / 8.0, CH)]);
        }
        _ => {}
    }
    // Box drawing: arms (left, right, up, down) and a weight.
    let (arms, heavy) = match c {
        '─' => ([true, true, false, false], false),
        '│' => ([false, false, true, true], false),
        '┌' => ([false, true, false, true], false),
        '┐' => ([true, false, false, true], false),
        '└' => ([false, true, true, false], false),
        '┘' => ([true, false, true, false], false),
        '├' => ([false, true, true, true], false),
        '┤' => ([true, false, true, true], false),
        '┬' => ([true, true, false, true], false),
        '┴' => ([true, true, true, false], false),
        '┼' => ([true, true, true, true], false),
        '━' => ([true, true, false, false], true),
        '┃' => ([false, false, true, true], true),
        '┏' => ([false, true, false, true], true),
        '┓' => ([true, false, false, true], true),
        '┗' => ([false, true, true, false], true),
        '┛' => ([true, false, true, false], true),
        _ => return None,
    };
    let t = if heavy { 2.4 } else { 1.2 };
    let (cx, cy) = (x + CW / 2.0, y + CH / 2.0);
    let mut out = Vec::new();
    if arms[0] {
        out.push((x, cy - t / 2.0, CW / 2.0 + t / 2.0, t));
    }
    if arms[1] {
        out.push((cx - t / 2.0, cy - t / 2.0, CW / 2.0 + t / 2.0, t));
    }
    if arms[2] {
        out.push((cx - t / 2.0, y, t, CH / 2.0 + t / 2.0));
    }
    if arms[3] {
        out.push((cx - t / 2.0, cy - t / 2.0, t, CH / 2.0 + t / 2.0));
    }
    Some(out)
}

fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The buffer as a standalone SVG document.
pub fn render(buf: &Buffer) -> String {
    let area = buf.area;
    let (w, h) = (
        f64::from(area.width) * CW + 2.0 * PAD,
        f64::from(area.height) * CH + 2.0 * PAD,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
        num(w),
        num(h),
        num(w),
        num(h)
    );
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" rx=\"8\" fill=\"{BG}\"/>"
    );
    let _ = writeln!(
        out,
        "<g font-family=\"{}\" font-size=\"{FONT_SIZE}\" xml:space=\"preserve\">",
        escape(FONTS)
    );
    // Shapes are gathered per colour, one path each, to keep the file small.
    let mut paths: BTreeMap<String, String> = BTreeMap::new();
    for row in 0..area.height {
        let y = PAD + f64::from(row) * CH;
        let mut backgrounds: Vec<(u16, u16, String)> = Vec::new();
        let mut texts: Vec<(u16, String, u16, Look)> = Vec::new();
        let mut col = 0;
        while col < area.width {
            let cell = &buf[(area.x + col, area.y + row)];
            let l = look(cell);
            let symbol = cell.symbol();
            let width = (symbol.width() as u16).clamp(1, 2).min(area.width - col);
            match backgrounds.last_mut() {
                Some((_, end, bg)) if *end == col && *bg == l.bg => *end += width,
                _ => backgrounds.push((col, col + width, l.bg.clone())),
            }
            let x = PAD + f64::from(col) * CW;
            let mut chars = symbol.chars();
            let shape = match (chars.next(), chars.next()) {
                (Some(c), None) => shapes(c, x, y),
                _ => None,
            };
            if let Some(rects) = shape {
                let d = paths.entry(l.fg.clone()).or_default();
                for (rx, ry, rw, rh) in rects {
                    let _ = write!(
                        d,
                        "M{} {}h{}v{}h-{}z",
                        num(rx),
                        num(ry),
                        num(rw),
                        num(rh),
                        num(rw)
                    );
                }
            } else if symbol.trim().is_empty() && !l.underline && !l.crossed {
                // Nothing to draw but the background.
            } else {
                match texts.last_mut() {
                    Some((_, text, end, tl)) if *end == col && *tl == l => {
                        text.push_str(symbol);
                        *end += width;
                    }
                    _ => texts.push((col, symbol.to_string(), col + width, l)),
                }
            }
            col += width;
        }
        for (start, end, bg) in backgrounds {
            if bg != BG {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{bg}\"/>",
                    num(PAD + f64::from(start) * CW),
                    num(y),
                    num(f64::from(end - start) * CW),
                    num(CH)
                );
            }
        }
        for (start, text, end, l) in texts {
            let mut attrs = format!("fill=\"{}\"", l.fg);
            if l.bold {
                attrs.push_str(" font-weight=\"bold\"");
            }
            if l.italic {
                attrs.push_str(" font-style=\"italic\"");
            }
            if l.dim {
                attrs.push_str(" opacity=\"0.6\"");
            }
            match (l.underline, l.crossed) {
                (true, true) => attrs.push_str(" text-decoration=\"underline line-through\""),
                (true, false) => attrs.push_str(" text-decoration=\"underline\""),
                (false, true) => attrs.push_str(" text-decoration=\"line-through\""),
                _ => {}
            }
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\" {attrs}>{}</text>",
                num(PAD + f64::from(start) * CW),
                num(y + CH * 0.74),
                num(f64::from(end - start) * CW),
                escape(&text)
            );
        }
    }
    for (color, d) in paths {
        let _ = writeln!(out, "<path fill=\"{color}\" d=\"{d}\"/>");
    }
    out.push_str("</g>\n</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn text_keeps_its_colour_weight_and_escaping() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, "a<b", Style::new().fg(Color::Yellow).bold());
        buf.set_string(4, 0, "rev", Style::new().reversed());
        let svg = render(&buf);
        assert!(svg.contains("fill=\"#d7ba3d\" font-weight=\"bold\">a&lt;b</text>"));
        // Reverse video: the default foreground becomes the background of the cells.
        assert!(svg.contains(&format!("fill=\"{FG}\"/>")), "{svg}");
        assert!(svg.contains(&format!("fill=\"{BG}\">rev</text>")), "{svg}");
    }

    #[test]
    fn wide_characters_take_two_cells_and_braille_becomes_dots() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "中x", Style::new());
        buf.set_string(4, 0, "⠁", Style::new());
        let svg = render(&buf);
        assert!(svg.contains("textLength=\"27\""), "{svg}");
        assert!(svg.contains("<path fill="), "{svg}");
        assert!(!svg.contains('⠁'));
    }

    #[test]
    fn the_same_buffer_gives_the_same_file() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        buf.set_string(0, 1, "┌─ box ─┐ █▌", Style::new().fg(Color::Cyan));
        assert_eq!(render(&buf), render(&buf.clone()));
    }
}
