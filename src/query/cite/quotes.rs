//! Quotation marks inside a quoted title or a quoted line.
//!
//! Chicago and MLA set an article's title in double quotation marks and a quotation inside it in
//! single ones; Cite Them Right (British usage) does the opposite. A quote given with its citation
//! follows the same rule ([`quote_line`]): APA, Chicago and MLA `“… ‘Promote Women’s …’”`,
//! Harvard `‘… “Promote Women’s …”’`. A straight `'` or `"` from the
//! data is made curly first, so that "China's" inside curly quotes reads `China’s`: a straight
//! mark among curly ones is a typesetting error every style guide corrects.

use super::Style;
use super::text::punct;

/// A quote as it stands above its citation: in the style's outer marks, a quotation inside it
/// in the other kind, apostrophes curly. Harvard (Cite Them Right) quotes in single marks; every
/// other style, and the record formats, which have no quote lines of their own, in double.
pub fn quote_line(quote: &str, style: Style) -> String {
    match style {
        Style::Harvard => format!("‘{}’", inner(quote, Outer::Single).text),
        _ => format!("“{}”", inner(quote, Outer::Double).text),
    }
}

/// The marks around the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outer {
    /// “Title” (Chicago, MLA); a quotation inside becomes ‘…’.
    Double,
    /// ‘Title’ (Cite Them Right); a quotation inside becomes “…”.
    Single,
}

/// A title ready to go between [`Outer`] marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inner {
    pub text: String,
    /// How many characters at the end are closing quotation marks (not apostrophes).
    closing: usize,
}

impl Inner {
    /// The text with a style's capitalization applied (it changes letters only, so the closing
    /// marks at the end stay where they are).
    pub(crate) fn map(self, f: impl FnOnce(&str) -> String) -> Inner {
        Inner {
            text: f(&self.text),
            closing: self.closing,
        }
    }

    /// American usage: the period or comma that follows the title goes inside every closing
    /// quotation mark, so a title ending in a quotation ends `…Prosperity.’` before the outer `”`.
    pub(crate) fn with_mark(&self, mark: char) -> String {
        let chars: Vec<char> = self.text.chars().collect();
        let split = chars.len() - self.closing.min(chars.len());
        let head: String = chars[..split].iter().collect();
        let tail: String = chars[split..].iter().collect();
        format!("{}{tail}", punct(&head, mark))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Single,
    Double,
}

/// Straight quotes made curly and nested quotations alternated inside `outer`: level one takes
/// the other kind of mark than `outer`, level two the same kind, and so on. An apostrophe is
/// always `’`. A straight `'` opens a quotation only where a quotation can open (after a space,
/// a bracket, a dash or another opening mark, and before a non-space); elsewhere it is an
/// apostrophe, which is how "China's" and "NGOs' work" are meant.
pub(crate) fn inner(title: &str, outer: Outer) -> Inner {
    let chars: Vec<char> = title.chars().collect();
    let mut stack: Vec<Kind> = Vec::new();
    let mut out = String::with_capacity(title.len() + 8);
    let mut closing = 0;
    let mark = |depth: usize, open: bool| -> char {
        let single = (depth % 2 == 1) == (outer == Outer::Double);
        match (single, open) {
            (true, true) => '‘',
            (true, false) => '’',
            (false, true) => '“',
            (false, false) => '”',
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let can_open = prev.is_none_or(|p| {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '[' | '{' | '‘' | '“' | '"' | '\'' | '—' | '–' | '-' | '/'
                )
        }) && next.is_some_and(|n| !n.is_whitespace());
        let kind = match c {
            '"' if can_open => Some((Kind::Double, true)),
            '"' | '”' => Some((Kind::Double, false)),
            '“' => Some((Kind::Double, true)),
            // '90s: an apostrophe for the digits left out, not a quotation.
            '\'' if can_open && !next.is_some_and(|n| n.is_ascii_digit()) => {
                Some((Kind::Single, true))
            }
            '‘' => Some((Kind::Single, true)),
            '\'' | '’' => Some((Kind::Single, false)),
            _ => None,
        };
        match kind {
            None => {
                out.push(c);
                closing = 0;
            }
            Some((k, true)) => {
                stack.push(k);
                out.push(mark(stack.len(), true));
                closing = 0;
            }
            Some((Kind::Double, false)) => {
                let depth = stack.len().max(1);
                stack.pop();
                out.push(mark(depth, false));
                closing += 1;
            }
            Some((Kind::Single, false)) => {
                let closes =
                    stack.last() == Some(&Kind::Single) && !next.is_some_and(char::is_alphanumeric);
                if closes {
                    out.push(mark(stack.len(), false));
                    stack.pop();
                    closing += 1;
                } else {
                    out.push('’');
                    closing = 0;
                }
            }
        }
    }
    Inner { text: out, closing }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dq(s: &str) -> String {
        inner(s, Outer::Double).text
    }

    fn sq(s: &str) -> String {
        inner(s, Outer::Single).text
    }

    #[test]
    fn apostrophes_become_curly() {
        assert_eq!(dq("China's NGOs"), "China’s NGOs");
        assert_eq!(dq("NGOs' work"), "NGOs’ work");
        assert_eq!(sq("China's NGOs"), "China’s NGOs");
        assert_eq!(dq("China’s NGOs"), "China’s NGOs");
        assert_eq!(dq("aid in the '90s"), "aid in the ’90s");
    }

    #[test]
    fn quotations_inside_alternate_with_the_outer_marks() {
        assert_eq!(
            dq("Xi on \"common prosperity\" now"),
            "Xi on ‘common prosperity’ now"
        );
        assert_eq!(
            dq("Xi on “common prosperity” now"),
            "Xi on ‘common prosperity’ now"
        );
        assert_eq!(
            dq("Xi on ‘common prosperity’ now"),
            "Xi on ‘common prosperity’ now"
        );
        assert_eq!(
            sq("Xi on ‘common prosperity’ now"),
            "Xi on “common prosperity” now"
        );
        assert_eq!(
            sq("Xi on 'common prosperity' now"),
            "Xi on “common prosperity” now"
        );
        assert_eq!(
            dq("He said \"the 'Belt' matters\""),
            "He said ‘the “Belt” matters’"
        );
        assert_eq!(sq("NGOs' 'Belt'"), "NGOs’ “Belt”");
    }

    #[test]
    fn a_period_goes_inside_a_closing_quotation() {
        let t = inner("On \"common prosperity\"", Outer::Double);
        assert_eq!(t.with_mark('.'), "On ‘common prosperity.’");
        let t = inner("Is it \"over?\"", Outer::Double);
        assert_eq!(t.with_mark('.'), "Is it ‘over?’");
        // A final apostrophe is not a quotation mark.
        let t = inner("Support for NGOs'", Outer::Double);
        assert_eq!(t.with_mark(','), "Support for NGOs’,");
        let t = inner("Plain", Outer::Double);
        assert_eq!(t.with_mark(','), "Plain,");
    }

    #[test]
    fn a_quote_line_nests_its_marks_as_the_style_wants() {
        let q = "project to “Promote Women’s Participation”";
        for style in [Style::Apa, Style::Chicago, Style::Mla, Style::Plain] {
            assert_eq!(
                quote_line(q, style),
                "“project to ‘Promote Women’s Participation’”"
            );
        }
        assert_eq!(
            quote_line(q, Style::Harvard),
            "‘project to “Promote Women’s Participation”’"
        );
        assert_eq!(quote_line("China's NGOs", Style::Apa), "“China’s NGOs”");
    }

    #[test]
    fn stray_and_unbalanced_marks_never_panic() {
        for s in [
            "'",
            "\"",
            "’",
            "”",
            "“",
            "‘",
            "a'",
            "'a",
            "\"\"\"",
            "‘‘’’”",
            "",
        ] {
            let t = inner(s, Outer::Double);
            let _ = t.with_mark('.');
            let t = inner(s, Outer::Single);
            let _ = t.with_mark(',');
        }
    }
}
