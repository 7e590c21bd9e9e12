//! "Did you mean" hints: the candidates closest to what was written, by edit distance.

/// The (at most three) candidates closest to `wanted`, nearest first. Candidates and wanted
/// texts longer than `longest` bytes are skipped: comparing long strings costs the product of
/// their lengths.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    longest: usize,
) -> Vec<&'a str> {
    if wanted.len() > longest {
        return Vec::new();
    }
    let near = |c: &str| {
        let most = (wanted.len().max(c.len()) / 3).max(2);
        // The distance is at least the difference in length, so most need no comparing.
        c.len().abs_diff(wanted.len()) <= most && strsim::levenshtein(wanted, c) <= most
    };
    let mut scored: Vec<(usize, &str)> = candidates
        .filter(|c| c.len() <= longest && (c.contains(wanted) || near(c)))
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}
