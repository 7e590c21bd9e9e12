//! Quotes and notes that read like the built-in data's: one to three sentences of reported
//! speech and figures, 80 to 400 characters, naming organizations, places and programmes in
//! English and in Chinese as the articles do. Search over quotes is measured on these, so
//! they must be as long and as varied as real ones, not one short line repeated.

use super::Rng;

/// What a record's quotes may mention.
pub(super) struct Facts<'a> {
    pub name: &'a str,
    pub prov: &'a str,
    pub prov_cjk: &'a str,
    pub theme: &'a str,
    pub theme_cjk: &'a str,
    pub year: usize,
}

const TITLES: [&str; 6] = [
    "director",
    "deputy director",
    "secretary-general",
    "programme officer",
    "chair",
    "vice-president",
];
const CITIES: [&str; 8] = [
    "Beijing",
    "Kunming",
    "Nanning",
    "Geneva",
    "Phnom Penh",
    "Kathmandu",
    "Addis Ababa",
    "Vientiane",
];
const OUTLETS: [&str; 4] = ["Xinhua", "China Daily", "People's Daily", "the ministry"];
const CJK_PHRASES: [&str; 8] = [
    "精准扶贫",
    "乡村振兴",
    "民心相通",
    "共同富裕",
    "授人以渔",
    "一带一路",
    "社会组织",
    "对口帮扶",
];

/// One sentence about `f`, drawn from a dozen shapes a news report takes.
fn sentence(r: &mut Rng, f: &Facts) -> String {
    let n = 10 + r.below(90_000);
    let villages = 3 + r.below(400);
    let title = r.pick(&TITLES);
    let city = r.pick(&CITIES);
    let outlet = r.pick(&OUTLETS);
    let phrase = r.pick(&CJK_PHRASES);
    let year = f.year;
    let (name, prov, prov_cjk, theme, theme_cjk) =
        (f.name, f.prov, f.prov_cjk, f.theme, f.theme_cjk);
    match r.below(12) {
        0 => format!(
            "{name} said it had trained {n} village volunteers in {prov} since {year}, \
             working with county officials and local schools."
        ),
        1 => format!(
            "\u{201c}We cannot do this alone,\u{201d} the {title} of {name} told reporters in \
             {city}, adding that {theme} work depends on trust built over years."
        ),
        2 => format!(
            "According to {outlet}, {n} households in {prov} ({prov_cjk}) received support \
             under the programme in {year}."
        ),
        3 => format!(
            "The project, known locally as {prov_cjk}{theme_cjk}, now covers {villages} \
             villages across {prov}."
        ),
        4 => format!(
            "Its staff describe the approach as \u{201c}{phrase}\u{201d}: teaching skills \
             rather than handing out aid."
        ),
        5 => format!(
            "In {year} the group held a forum on {theme} in {city}, attended by about \
             {villages} representatives of NGOs, universities and government bodies."
        ),
        6 => format!(
            "{name} has worked on {theme} in {prov} and abroad for more than {} years.",
            2 + r.below(30)
        ),
        7 => format!(
            "Funding of {}.{} million yuan came from private donors and companies, the \
             {title} said.",
            1 + r.below(300),
            r.below(10)
        ),
        8 => format!(
            "\u{201c}The villagers of {prov} taught us as much as we taught them,\u{201d} \
             said a volunteer who joined {name} in {year}."
        ),
        9 => format!(
            "The {theme} network now links {villages} member organizations in China and \
             {} partner countries.",
            2 + r.below(40)
        ),
        10 => format!(
            "Officials from {prov} and {city} signed a memorandum on {theme} \
             cooperation ({theme_cjk}合作) on the sidelines of the meeting."
        ),
        _ => format!(
            "Reporting for {outlet}, the article notes that {n} people in {prov} were lifted \
             out of poverty between {} and {year}.",
            year.saturating_sub(1 + r.below(8))
        ),
    }
}

/// A quote: `lead` (the record's own fact), then more sentences up to 80–400 characters.
pub(super) fn quote(r: &mut Rng, lead: &str, f: &Facts) -> String {
    let mut out = lead.to_string();
    let wanted = 1 + r.below(3);
    let mut sentences = 1;
    while sentences < wanted || out.chars().count() < 80 {
        let next = sentence(r, f);
        if out.chars().count() + 1 + next.chars().count() > 400 {
            break;
        }
        out.push(' ');
        out.push_str(&next);
        sentences += 1;
    }
    out
}

/// A curator's note, on about one record in six.
pub(super) fn note(r: &mut Rng, f: &Facts) -> Option<String> {
    if !r.chance(16) {
        return None;
    }
    let (name, prov, prov_cjk, year) = (f.name, f.prov, f.prov_cjk, f.year);
    Some(match r.below(4) {
        0 => format!(
            "The year {year} is inferred from the article's date; the article itself gives no \
             exact date."
        ),
        1 => format!("Chinese-language reports write the province as {prov_cjk}."),
        2 => format!(
            "The article does not say whether {name} still works in {prov}; later reports \
             were not consulted."
        ),
        _ => "Two articles give different figures; the dataset keeps both, each with its \
              source."
            .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_one_to_three_sentences_of_80_to_400_characters() {
        let facts = Facts {
            name: "Yunnan Green Water Foundation — 云南绿水基金会",
            prov: "Yunnan",
            prov_cjk: "云南",
            theme: "green water",
            theme_cjk: "绿水",
            year: 2019,
        };
        let mut r = Rng(7);
        let mut cjk = 0;
        for _ in 0..2_000 {
            let q = quote(&mut r, "The Foundation works in Yunnan.", &facts);
            let len = q.chars().count();
            assert!((80..=400).contains(&len), "{len}: {q}");
            cjk += usize::from(q.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        }
        assert!(
            cjk > 500,
            "{cjk} of 2,000 quotes mention something in Chinese"
        );
    }
}
