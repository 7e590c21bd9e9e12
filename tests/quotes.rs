//! Every quote in the dataset appears character for character in the article it cites.
//!
//! The articles are not part of the project (only short quotes are); they sit in
//! `../shared/sources/` beside the repository where the dataset is curated. Where they are
//! absent the test says so and passes, except under CI, where their absence is a failure.

use ngo_atlas::load::load_builtin;
use std::path::PathBuf;

const ARTICLES: [(&str, &str); 5] = [
    ("article-2020-hrc45-conference", "000_3a53cfcf7932eb84.txt"),
    ("xinhua-2024-hrc55-side-event", "001_79b4f72508686624.txt"),
    (
        "mca-2019-national-social-organizations",
        "002_95ba16a56ac5cba9.txt",
    ),
    ("china-daily-2019-belt-road", "003_52b03f38b18bc166.txt"),
    ("article-2022-asean-china-forum", "004_c800dd01a04e8c10.txt"),
];

/// Runs of white space count as one space: line breaks in a capture are not the author's.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_quote_is_verbatim_in_its_article() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/sources");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have the articles at {}",
            dir.display()
        );
        eprintln!("skipped: the source articles are not at {}", dir.display());
        return;
    }
    let texts: Vec<(&str, String)> = ARTICLES
        .iter()
        .map(|(id, file)| {
            let text = std::fs::read_to_string(dir.join(file)).expect("article readable");
            (*id, squash(&text))
        })
        .collect();
    let data = load_builtin().expect("built-in data loads");
    let mut checked = 0;
    let mut missing = Vec::new();
    for record in &data.records {
        for s in record.sources() {
            let text = &texts
                .iter()
                .find(|(id, _)| *id == s.source.as_str())
                .unwrap_or_else(|| panic!("{}: unknown source {}", record.id(), s.source))
                .1;
            // "..." marks an elision: each piece on its own must be verbatim.
            for piece in s.quote.split("...") {
                let piece = squash(piece);
                if piece.is_empty() {
                    continue;
                }
                checked += 1;
                if !text.contains(&piece) {
                    missing.push(format!("{} [{}]: {piece}", record.id(), s.source));
                }
            }
        }
    }
    assert!(missing.is_empty(), "not verbatim:\n{}", missing.join("\n"));
    assert!(checked > 200, "only {checked} quote pieces checked");
}

#[test]
fn every_article_is_cited_by_many_records() {
    let data = load_builtin().unwrap();
    for (id, _) in ARTICLES {
        let n = data
            .records
            .iter()
            .filter(|r| r.sources().iter().any(|s| s.source.as_str() == id))
            .count();
        assert!(n >= 10, "{id} supports only {n} records");
    }
}

/// Names each article gives, which the dataset must hold (a guard against records lost in
/// later edits; the full reading is in data/README.md).
#[test]
fn the_articles_people_organizations_places_and_events_are_present() {
    let data = load_builtin().unwrap();
    let has = |name: &str| {
        data.records
            .iter()
            .any(|r| r.name().contains(name) || r.aliases().iter().any(|a| a == name))
    };
    let expected = [
        // 2020 online conference
        "China NGO Network for International Exchanges",
        "China Foundation for Poverty Alleviation",
        "China Association for Preservation and Development",
        "China Green Foundation",
        "China Foundation for Peace and Development",
        "China Family Planning Association",
        "United Nations Industrial Development Organization",
        "International Planned Parenthood Federation",
        "Maternity Foundation",
        "Tan Weiping",
        "IPRCC",
        // 2024 Geneva side event
        "Zhu Guijie",
        "Chinese Association of International Understanding",
        "Li Juan",
        "Central South University",
        "Wei Dandan",
        "China Foundation for Rural Development",
        "Qian Xiaofeng",
        "Amity Foundation",
        "Christoph Stuckelberger",
        "Geneva Agape Foundation",
        "Geneva",
        // 2019 national social organizations
        "China Charity Federation",
        "Zhacuo",
        "Li Jiyan",
        "Yushu",
        "Lianchi",
        "Yongren",
        "Ninglang",
        "Ministry of Civil Affairs",
        "三区三州",
        "中国社会组织动态",
        // China Daily, Belt and Road
        "Li Lei",
        "Silk Road NGO Cooperation Network",
        "Cambodia",
        "Myanmar",
        "Belt and Road",
        // 2022 ASEAN-China forum
        "16th ASEAN-China Forum on Social Development and Poverty Reduction",
        "Nanning",
        "Guangxi",
        "Liu Huanxin",
        "Deng Xijun",
        "Benjamas Tanvetyanont",
    ];
    let missing: Vec<&str> = expected.into_iter().filter(|n| !has(n)).collect();
    assert!(missing.is_empty(), "missing from the dataset: {missing:?}");
}
