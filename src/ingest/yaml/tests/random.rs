//! A tiny random generator of YAML documents, for the property test that both parsers agree.

/// A tiny random generator of YAML documents in the styles people write, to compare both
/// parsers on thousands of shapes no one thought to write down.
pub struct Gen(pub u64);

impl Gen {
    fn next(&mut self) -> u64 {
        crate::synth::splitmix(&mut self.0)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn scalar(&mut self) -> String {
        const WORDS: [&str; 24] = [
            "a",
            "b c",
            "2019",
            "2019-05",
            "-3",
            "1.5",
            "~",
            "null",
            "true",
            "no",
            "0x1F",
            "007",
            "中文",
            "it's",
            "a:b",
            "a #b",
            "x—y",
            ".inf",
            "",
            "-",
            "http://x.org",
            "é",
            "[x]",
            "q\"q",
        ];
        let w = WORDS[self.below(WORDS.len() as u64) as usize];
        match self.below(4) {
            0 => format!("'{}'", w.replace('\'', "''")),
            1 => format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\"")),
            _ => w.to_string(),
        }
    }

    fn flow(&mut self, depth: u32) -> String {
        match if depth > 2 { 0 } else { self.below(3) } {
            0 => self.scalar(),
            1 => {
                let items: Vec<String> = (0..self.below(4)).map(|_| self.flow(depth + 1)).collect();
                format!("[{}]", items.join(", "))
            }
            _ => {
                let items: Vec<String> = (0..self.below(4))
                    .map(|i| format!("k{i}: {}", self.flow(depth + 1)))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
        }
    }

    /// A block node at `indent`, after `key:` or `-` on the current line.
    fn block(&mut self, out: &mut String, indent: usize, depth: u32) {
        let pad = " ".repeat(indent);
        match if depth > 3 { 0 } else { self.below(6) } {
            0 if self.below(3) == 0 => {
                out.push(' ');
                self.wrapped(out, indent);
            }
            0 | 1 => {
                out.push(' ');
                out.push_str(&self.scalar());
                if self.below(5) == 0 {
                    out.push_str(" # note");
                }
                out.push('\n');
            }
            2 => {
                out.push(' ');
                out.push_str(&self.flow(0));
                out.push('\n');
            }
            3 => {
                let style = [">", ">-", "|", "|-"][self.below(4) as usize];
                out.push_str(&format!(" {style}\n"));
                for k in 0..1 + self.below(3) {
                    if k > 0 && self.below(3) == 0 {
                        out.push('\n');
                    }
                    out.push_str(&format!("{pad}  line {k} {}\n", self.below(100)));
                }
            }
            4 => {
                out.push('\n');
                for _ in 0..1 + self.below(3) {
                    out.push_str(&format!("{pad}  -"));
                    self.block(out, indent + 4, depth + 1);
                }
            }
            _ => {
                out.push('\n');
                for i in 0..1 + self.below(3) {
                    out.push_str(&format!("{pad}  key{i}:"));
                    self.block(out, indent + 2, depth + 1);
                }
            }
        }
    }

    /// A text wrapped over several lines, as writers wrap long texts: plain, single or double
    /// quoted (with escaped line breaks), the lines indented more than, as much as or less than
    /// the block at `indent`, sometimes with trailing spaces or a blank line between.
    fn wrapped(&mut self, out: &mut String, indent: usize) {
        let quote = ["", "", "'", "\""][self.below(4) as usize];
        out.push_str(quote);
        for k in 0..2 + self.below(3) {
            if k > 0 {
                if self.below(6) == 0 {
                    out.push(' ');
                }
                if quote == "\"" && self.below(4) == 0 {
                    out.push('\\');
                }
                out.push('\n');
                if self.below(12) == 0 {
                    out.push('\n');
                }
                let pad = match self.below(10) {
                    0 => indent,
                    1 => indent.saturating_sub(1),
                    2 => indent + 1,
                    _ => indent + 2 + self.below(3) as usize,
                };
                out.push_str(&" ".repeat(pad));
            }
            let word = self.scalar();
            let word = if quote.is_empty() {
                word
            } else {
                word.trim_matches(['\'', '"'])
                    .replace(['\'', '"', '\\'], "")
            };
            out.push_str(&word);
        }
        out.push_str(quote);
        out.push('\n');
    }

    pub fn item(&mut self) -> String {
        let mut out = String::new();
        if self.below(4) == 0 {
            out.push('-');
            self.block(&mut out, 0, 0);
            return out;
        }
        for i in 0..1 + self.below(5) {
            out.push_str(if i == 0 { "- " } else { "  " });
            out.push_str(&format!("f{i}:"));
            self.block(&mut out, 2, 1);
        }
        out
    }
}
