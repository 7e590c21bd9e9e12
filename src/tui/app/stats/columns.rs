//! The table of figures and the charts as text: column widths for a width, and each row drawn at them.

use super::*;

/// How a bar ends: open where the value is only a bound of the figure, so the bar is not
/// read as the figure itself.
fn bar_end(bound: Bound) -> &'static str {
    match bound {
        Bound::Lower { .. } => "▷",
        Bound::Upper { .. } => "◁",
        Bound::Exact | Bound::Approximate => "",
    }
}

fn pad(s: &str, w: usize) -> String {
    let s = truncate_to_width(s, w);
    format!("{s}{}", " ".repeat(w.saturating_sub(display_width(&s))))
}

impl Columns {
    /// Column widths for `width`, from the widest cells the model found: no statistic is
    /// looked at again, so a resize or `x` costs the same at any size.
    pub(super) fn new(m: &Model, width: usize, exact: bool) -> Columns {
        let charts = m
            .charts
            .iter()
            .map(|c| {
                // Labels take the room bars do not need: a bar of 60 cells compares as well as
                // a longer one, and a cut label says less than a short bar.
                let value_w = c.value_w[usize::from(exact)];
                let label_w = c
                    .label_w
                    .min(width / 2)
                    .min(width.saturating_sub(2 + 2 + value_w + 12));
                let bar_w = width.saturating_sub(2 + label_w + 1 + 1 + value_w).min(60);
                (label_w, value_w, bar_w)
            })
            .collect();
        let [rounded, exact_w, when, source] = m.table_w;
        // The figure as every output writes it, words and all; a long one is cut at two fifths
        // of the width (the preview beside the table shows it whole).
        let value_w = (if exact { exact_w } else { rounded }).clamp(6, 18.max(width * 2 / 5));
        // Columns take what their content needs, up to a share of a wide screen.
        let mut when_w = when.clamp(4, 13.max(width / 10));
        let mut source_w = source.clamp(6, 24.max(width / 5));
        let fixed = |w: usize, s: usize| 2 + value_w + 1 + w + 1 + s + 1;
        // What a figure counts matters more than where it was reported (the preview says that).
        if width < fixed(when_w, source_w) + 36 {
            source_w = 0;
        }
        if width < fixed(when_w, source_w) + 20 {
            when_w = 0;
        }
        let what_w = width.saturating_sub(fixed(when_w, source_w));
        Columns {
            width,
            exact,
            charts,
            table: [value_w, what_w, when_w, source_w],
        }
    }

    fn table_text(&self, cells: [&str; 4]) -> String {
        let [v, what, w, s] = self.table;
        let mut out = vec![pad(cells[0], v), " ".into()];
        out.extend([pad(cells[1], what), " ".into()]);
        if w > 0 {
            out.extend([pad(cells[2], w), " ".into()]);
        }
        if s > 0 {
            out.push(pad(cells[3], s));
        }
        out.concat()
    }
}

impl Stats {
    /// The line drawn on `row` at the current columns. Items start with a two-column marker.
    pub fn line(&self, index: &Index, row: usize) -> Line {
        let Some(m) = self.ready() else {
            return Line::blank();
        };
        let cols = &self.columns;
        let width = cols.width.max(1);
        match m.at_row(row) {
            None | Some(StatRow::Blank) => Line::blank(),
            Some(StatRow::Heading(s)) => {
                let text = match m.charts.get(s) {
                    Some(c) => {
                        format!("{} ({})", sanitize::line(&c.title), sanitize::line(&c.unit))
                    }
                    None => format!(
                        "Single figures ({}) · {}",
                        m.singles.len(),
                        self.state.order.short("file order")
                    ),
                };
                Line::new(truncate_to_width(&text, width).into_owned(), Tone::Heading)
            }
            Some(StatRow::Columns) => Line::new(
                format!(
                    "  {}",
                    cols.table_text(["Figure", "What", "When", "Source"])
                ),
                Tone::Label,
            ),
            Some(StatRow::Item(i)) => {
                let s = m.section_of(i);
                let r = self.item(i).unwrap_or(0);
                let Some(stat) = statistic(index, r) else {
                    return Line::blank();
                };
                match m.charts.get(s) {
                    Some(c) => {
                        let k = i - m.starts[s];
                        let (label_w, _, bar_w) = cols.charts.get(s).copied().unwrap_or_default();
                        let label = sanitize::line(&c.labels[k]);
                        let figure = stat.figure();
                        let value = figure.text(cols.exact);
                        let cells = if c.max > 0.0 && stat.value > 0.0 {
                            ((stat.value / c.max * bar_w as f64).round() as usize)
                                .clamp(1, bar_w.max(1))
                        } else {
                            0
                        };
                        let mut line = Line::new("  ", Tone::Plain)
                            .push(pad(&label, label_w), Tone::Plain)
                            .push(" ", Tone::Plain);
                        let mut used = 2 + label_w + 1;
                        if bar_w >= 4 {
                            let end = bar_end(figure.bound());
                            let cells = cells.saturating_sub(display_width(end));
                            line = line
                                .push("▇".repeat(cells), Tone::Bar)
                                .push(end, Tone::Bar)
                                .push(" ", Tone::Plain);
                            used += cells + display_width(end) + 1;
                        }
                        let room = width.saturating_sub(used);
                        line.push(truncate_to_width(&value, room).into_owned(), Tone::Plain)
                    }
                    None => {
                        let text = cols.table_text([
                            &sanitize::line(&table_value(stat, cols.exact)),
                            &sanitize::line(&stat.measure),
                            &when(stat),
                            &sanitize::line(&source_label(index, r)),
                        ]);
                        Line::new("  ", Tone::Plain).push(
                            truncate_to_width(&text, width.saturating_sub(2)).into_owned(),
                            Tone::Plain,
                        )
                    }
                }
            }
        }
    }
}
