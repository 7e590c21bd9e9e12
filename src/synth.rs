//! Synthetic datasets of any size in the real schema, for benchmarks and load tests.
//!
//! Deterministic: the same record count and seed give the same bytes, so measurements can be
//! repeated and compared. Every dataset passes `check`: ids are unique slugs, links point at
//! records of the right kind that exist, every record quotes a source. Names mix ASCII and CJK
//! and carry punctuation (em dashes, apostrophes, colons) the way real registers do; quotes are
//! one to three sentences like the built-in data's ([`text`]), and some records have notes.
//! [`shapes`] makes datasets of one hostile shape each.

mod kinds;
mod shapes;
mod text;

pub use shapes::{Shape, generate as generate_shape};

use crate::data::dataset::DataFile;
use crate::data::model::Kind;
use std::fmt::Write;
use text::Facts;

/// SplitMix64: small, fast and good enough to make varied but reproducible text.
struct Rng(u64);

/// The next number of a splitmix64 sequence whose state is `state`: repeatable from a seed, and
/// well enough mixed for generated data and tests.
pub(crate) fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64, kind: Kind, i: usize) -> Rng {
        let mut r = Rng(seed ^ ((kind as u64 + 1) << 56) ^ (i as u64).wrapping_mul(0x9e37_79b9));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        splitmix(&mut self.0)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const PROVINCES: [&str; 16] = [
    "Yunnan", "Guizhou", "Sichuan", "Gansu", "Qinghai", "Ningxia", "Hunan", "Guangxi", "Shaanxi",
    "Hebei", "Beijing", "Shanghai", "Xinjiang", "Tibet", "Jiangxi", "Anhui",
];
const PROVINCES_CJK: [&str; 16] = [
    "云南", "贵州", "四川", "甘肃", "青海", "宁夏", "湖南", "广西", "陕西", "河北", "北京", "上海",
    "新疆", "西藏", "江西", "安徽",
];
const THEMES: [&str; 14] = [
    "Rural Development",
    "Poverty Alleviation",
    "Children's Education",
    "Women's Health",
    "Green Water",
    "Youth Volunteer",
    "Elderly Care",
    "Disaster Relief",
    "Clean Energy",
    "Microfinance",
    "Migrant Workers'",
    "Public Welfare",
    "Cultural Heritage",
    "Ecological Protection",
];
const THEMES_CJK: [&str; 14] = [
    "乡村发展",
    "扶贫",
    "儿童教育",
    "妇女健康",
    "绿水",
    "青年志愿者",
    "养老",
    "救灾",
    "清洁能源",
    "小额信贷",
    "农民工",
    "公益",
    "文化遗产",
    "生态保护",
];
const ORG_NOUNS: [(&str, &str); 8] = [
    ("Foundation", "基金会"),
    ("Association", "协会"),
    ("Promotion Society", "促进会"),
    ("Service Centre", "服务中心"),
    ("Network", "网络"),
    ("Federation", "联合会"),
    ("Research Institute", "研究院"),
    ("Charity Fund", "慈善基金"),
];
const SURNAMES: [(&str, &str); 12] = [
    ("Li", "李"),
    ("Wang", "王"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
    ("Zhao", "赵"),
    ("Huang", "黄"),
    ("Zhou", "周"),
    ("Wu", "吴"),
    ("Tan", "谭"),
    ("O'Brien", "奥布莱恩"),
];
const GIVEN: [(&str, &str); 12] = [
    ("Wei", "伟"),
    ("Fang", "芳"),
    ("Min", "敏"),
    ("Jing", "静"),
    ("Lei", "磊"),
    ("Yan", "燕"),
    ("Xiaoming", "小明"),
    ("Guijie", "贵杰"),
    ("Weiping", "卫平"),
    ("Hong", "红"),
    ("Jun", "军"),
    ("Mei-Ling", "美玲"),
];
const TITLES: [&str; 6] = [
    "director",
    "deputy director",
    "secretary-general",
    "programme officer",
    "chair",
    "volunteer coordinator",
];
const EVENT_TYPES: [&str; 5] = ["forum", "conference", "side-event", "workshop", "session"];
const PROGRAMME_TYPES: [&str; 5] = ["project", "initiative", "campaign", "network", "policy"];
const OUTLETS: [&str; 6] = [
    "Xinhua",
    "China Daily",
    "People's Daily",
    "Global Times",
    "中国社会组织动态",
    "South China Morning Post",
];
const UNITS: [(&str, &str); 5] = [
    ("people", "people lifted out of poverty"),
    ("yuan", "funds raised"),
    ("households", "households reached"),
    ("projects", "projects carried out"),
    ("volunteers", "volunteers trained"),
];

/// How many records of each kind a dataset of `n` has, in `Kind::ALL` order.
fn counts(n: usize) -> [usize; 7] {
    let sources = (n / 100).max(1);
    let places = (n / 20).max(1);
    let orgs = (n * 35 / 100).max(1);
    let people = n * 25 / 100;
    let events = n / 10;
    let programmes = n * 12 / 100;
    let used = sources + places + orgs + people + events + programmes;
    let statistics = n.saturating_sub(used);
    [
        orgs, people, events, programmes, statistics, places, sources,
    ]
}

/// Id prefixes: the kinds' short labels, but `src` for sources, as generated datasets have
/// always used.
fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Source => "src",
        k => k.short(),
    }
}

fn id(kind: Kind, i: usize) -> String {
    format!("{}-{i}", prefix(kind))
}

/// A YAML double-quoted scalar.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn date(r: &mut Rng) -> String {
    let year = 2005 + r.below(20);
    match r.below(3) {
        0 => year.to_string(),
        1 => format!("{year}-{:02}", 1 + r.below(12)),
        _ => format!("{year}-{:02}-{:02}", 1 + r.below(12), 1 + r.below(28)),
    }
}

struct Gen {
    seed: u64,
    counts: [usize; 7],
}

impl Gen {
    fn count(&self, kind: Kind) -> usize {
        self.counts[kind as usize]
    }

    /// An id of an existing record of `kind`, or `None` when the dataset has none.
    fn link(&self, r: &mut Rng, kind: Kind) -> Option<String> {
        let n = self.count(kind);
        (n > 0).then(|| id(kind, r.below(n)))
    }

    fn province(&self, r: &mut Rng) -> (&'static str, &'static str) {
        let p = r.below(PROVINCES.len());
        (PROVINCES[p], PROVINCES_CJK[p])
    }

    fn theme(&self, r: &mut Rng) -> (&'static str, &'static str) {
        let t = r.below(THEMES.len());
        (THEMES[t], THEMES_CJK[t])
    }

    /// The common head of every record: id, name, aliases, summary.
    fn head(&self, out: &mut String, kind: Kind, i: usize, name: &str, aliases: &[String]) {
        let _ = writeln!(out, "- id: {}", id(kind, i));
        let _ = writeln!(out, "  name: {}", q(name));
        if !aliases.is_empty() {
            let list: Vec<String> = aliases.iter().map(|a| q(a)).collect();
            let _ = writeln!(out, "  aliases: [{}]", list.join(", "));
        }
    }

    /// A record's notes (on some), then its sources, each with a quote that starts with
    /// `lead`, the record's own fact.
    fn sources(&self, out: &mut String, r: &mut Rng, lead: &str, facts: &Facts) {
        if let Some(note) = text::note(r, facts) {
            let _ = writeln!(out, "  notes: {}", q(&note));
        }
        let _ = writeln!(out, "  sources:");
        let n = 1 + usize::from(r.chance(20));
        for _ in 0..n {
            let s = self.link(r, Kind::Source).unwrap_or_default();
            let _ = writeln!(out, "    - source: {s}");
            let _ = writeln!(out, "      quote: {}", q(&text::quote(r, lead, facts)));
        }
    }

    fn record(&self, out: &mut String, kind: Kind, i: usize) {
        let mut r = Rng::new(self.seed, kind, i);
        let (prov, prov_cjk) = self.province(&mut r);
        let (theme, theme_cjk) = self.theme(&mut r);
        let year = 2005 + r.below(20);
        // What the record's quotes may mention.
        let base = Facts {
            name: "",
            prov,
            prov_cjk,
            theme,
            theme_cjk,
            year,
        };
        match kind {
            Kind::Organization => self.organization(out, &mut r, i, &base),
            Kind::Person => self.person(out, &mut r, i, &base),
            Kind::Event => self.event(out, &mut r, i, &base),
            Kind::Programme => self.programme(out, &mut r, i, &base),
            Kind::Statistic => self.statistic(out, &mut r, i, &base),
            Kind::Place => self.place(out, &mut r, i, &base),
            Kind::Source => self.source(out, &mut r, i, &base),
        }
    }
}

/// A dataset of `records` records (within one or two of it: every kind gets at least one), as
/// the seven data files `load::load_files` reads.
pub fn generate(records: usize, seed: u64) -> Vec<DataFile> {
    let g = Gen {
        seed,
        counts: counts(records),
    };
    Kind::ALL
        .iter()
        .map(|&kind| {
            let n = g.count(kind);
            let mut text = String::with_capacity(n * 320 + 100);
            let _ = writeln!(
                text,
                "# Synthetic {} (ngo-atlas gen-synthetic, seed {seed}): not real data.",
                kind.plural().to_lowercase()
            );
            for i in 0..n {
                g.record(&mut text, kind, i);
            }
            if n == 0 {
                // A file of comments alone is refused as empty (most likely cut short).
                text.push_str("[]\n");
            }
            DataFile {
                name: kind.file_name().to_string(),
                text,
            }
        })
        .collect()
}

/// Writes a generated dataset into `dir`, which must be new or empty: nothing in it is ever
/// overwritten, and each file is created new, so a link planted in the folder is not written
/// through.
pub fn write_dir(dir: &std::path::Path, files: &[DataFile]) -> Result<(), String> {
    let shown = crate::text::sanitize::line(&dir.display().to_string()).into_owned();
    let fail = |what: &str, e: std::io::Error| format!("cannot {what} {shown}: {e}");
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "{shown} is not empty: gen-synthetic writes only into a new or empty \
                     directory, so that nothing there is overwritten"
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| fail("create", e))?;
        }
        Err(e) => return Err(fail("read", e)),
    }
    for f in files {
        let path = dir.join(&f.name);
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, f.text.as_bytes()))
            .map_err(|e| fail("write into", e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(300, 1);
        let b = generate(300, 1);
        let c = generate(300, 2);
        let text = |f: &[DataFile]| f.iter().map(|f| f.text.clone()).collect::<String>();
        assert_eq!(text(&a), text(&b));
        assert_ne!(text(&a), text(&c));
    }

    #[test]
    fn an_existing_folder_with_anything_in_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let files = generate(20, 1);
        write_dir(&dir.path().join("new"), &files).expect("a new folder");
        write_dir(dir.path().join("new").as_path(), &files).expect_err("not empty now");
        std::fs::create_dir(dir.path().join("empty")).unwrap();
        write_dir(&dir.path().join("empty"), &files).expect("an empty folder");
    }

    #[test]
    fn names_mix_scripts_and_punctuation() {
        let all: String = generate(500, 3).iter().map(|f| f.text.clone()).collect();
        assert!(all.contains('—'));
        assert!(all.contains("基金会"));
        assert!(all.contains("O'Brien"));
    }
}
