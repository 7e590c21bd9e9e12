//! One record of each kind, made up from a seed: names, summaries, the kind's own fields and
//! links to records made before it, and quotes that mention its facts.

use super::text::Facts;
use super::*;

impl Gen {
    pub(super) fn organization(&self, out: &mut String, r: &mut Rng, i: usize, base: &Facts) {
        let Facts {
            prov,
            prov_cjk,
            theme,
            theme_cjk,
            ..
        } = *base;
        let kind = Kind::Organization;
        let (noun, noun_cjk) = ORG_NOUNS[r.below(ORG_NOUNS.len())];
        let cjk = format!("{prov_cjk}{theme_cjk}{noun_cjk}");
        let name = if r.chance(40) {
            format!("{prov} {theme} {noun} — {cjk}")
        } else {
            format!("{prov} {theme} {noun}")
        };
        let mut aliases = Vec::new();
        if r.chance(50) {
            let acronym: String = format!("{prov} {theme} {noun}")
                .split([' ', '\''])
                .filter_map(|w| w.chars().next())
                .filter(char::is_ascii_uppercase)
                .collect();
            aliases.push(acronym);
        }
        if r.chance(30) {
            aliases.push(cjk);
        }
        self.head(out, kind, i, &name, &aliases);
        let founded = 1980 + r.below(45);
        let summary = format!(
            "A {} in {prov} working on {} since {founded}, with {} staff.",
            noun.to_lowercase(),
            theme.to_lowercase(),
            3 + r.below(300)
        );
        let _ = writeln!(out, "  summary: {}", q(&summary));
        let _ = writeln!(out, "  type: {}", r.pick(&["ngo", "foundation", "network"]));
        let _ = writeln!(out, "  founded: {founded}");
        if i > 0 && r.chance(15) {
            let _ = writeln!(out, "  parent: {}", id(kind, r.below(i)));
        }
        if let Some(p) = self.link(r, Kind::Place) {
            let _ = writeln!(out, "  based_in: {p}");
        }
        self.sources(
            out,
            r,
            &format!("The {noun} works in {prov}."),
            &Facts {
                name: &name,
                ..*base
            },
        );
    }

    pub(super) fn person(&self, out: &mut String, r: &mut Rng, i: usize, base: &Facts) {
        let Facts { prov, theme, .. } = *base;
        let kind = Kind::Person;
        let (s, s_cjk) = SURNAMES[r.below(SURNAMES.len())];
        let (g, g_cjk) = GIVEN[r.below(GIVEN.len())];
        let name = format!("{s} {g}");
        let aliases = if r.chance(40) {
            vec![format!("{s_cjk}{g_cjk}")]
        } else {
            Vec::new()
        };
        self.head(out, kind, i, &name, &aliases);
        let title = r.pick(&TITLES);
        let summary = format!("{title} of a {prov} group working on {theme}.");
        let _ = writeln!(out, "  summary: {}", q(&summary));
        if let Some(o) = self.link(r, Kind::Organization) {
            let _ = writeln!(out, "  roles:");
            let _ = writeln!(out, "    - {{organization: {o}, title: {}}}", q(title));
        }
        let lead = format!("{name}, {title}, said so.");
        self.sources(
            out,
            r,
            &lead,
            &Facts {
                name: &name,
                ..*base
            },
        );
    }

    pub(super) fn event(&self, out: &mut String, r: &mut Rng, i: usize, base: &Facts) {
        let Facts {
            prov,
            prov_cjk,
            theme,
            theme_cjk,
            ..
        } = *base;
        let kind = Kind::Event;
        let year = 2005 + r.below(20);
        let ty = r.pick(&EVENT_TYPES);
        let name = format!("{year} {prov} {ty} on {theme}: {prov_cjk}{theme_cjk}论坛");
        self.head(out, kind, i, &name, &[]);
        let summary = format!("A {ty} in {prov} on {theme}, held in {year}.");
        let _ = writeln!(out, "  summary: {}", q(&summary));
        let _ = writeln!(out, "  type: {ty}");
        let _ = writeln!(out, "  date: {year}-{:02}", 1 + r.below(12));
        if let Some(p) = self.link(r, Kind::Place) {
            let _ = writeln!(out, "  place: {p}");
        }
        let organizers: Vec<String> = (0..1 + r.below(2))
            .filter_map(|_| self.link(r, Kind::Organization))
            .collect();
        if !organizers.is_empty() {
            let _ = writeln!(out, "  organizers: [{}]", organizers.join(", "));
        }
        self.sources(
            out,
            r,
            &format!("The {ty} was held in {year}."),
            &Facts {
                name: &name,
                ..*base
            },
        );
    }

    pub(super) fn programme(&self, out: &mut String, r: &mut Rng, i: usize, base: &Facts) {
        let Facts {
            prov,
            prov_cjk,
            theme,
            theme_cjk,
            ..
        } = *base;
        let kind = Kind::Programme;
        let ty = r.pick(&PROGRAMME_TYPES);
        let name = format!("{theme} {ty} — {prov} phase {}", 1 + r.below(5));
        let aliases = if r.chance(30) {
            vec![format!("{prov_cjk}{theme_cjk}项目")]
        } else {
            Vec::new()
        };
        self.head(out, kind, i, &name, &aliases);
        let summary = format!("A {ty} on {theme} in {prov} villages.");
        let _ = writeln!(out, "  summary: {}", q(&summary));
        let _ = writeln!(out, "  type: {ty}");
        let _ = writeln!(out, "  start: {}", date(r));
        if let Some(o) = self.link(r, Kind::Organization) {
            let _ = writeln!(out, "  organizations: [{o}]");
        }
        if let Some(p) = self.link(r, Kind::Place) {
            let _ = writeln!(out, "  places: [{p}]");
        }
        self.sources(
            out,
            r,
            &format!("The {ty} runs in {prov}."),
            &Facts {
                name: &name,
                ..*base
            },
        );
    }

    pub(super) fn statistic(&self, out: &mut String, r: &mut Rng, i: usize, base: &Facts) {
        let Facts { prov, theme, .. } = *base;
        let kind = Kind::Statistic;
        let (unit, measure) = UNITS[r.below(UNITS.len())];
        let year = 2005 + r.below(20);
        let name = format!("{measure} by {theme} groups in {prov}, {year}");
        self.head(out, kind, i, &name, &[]);
        let value = 10 + r.below(5_000_000);
        let summary = format!("{value} {measure} in {prov} in {year}.");
        let _ = writeln!(out, "  summary: {}", q(&summary));
        let _ = writeln!(out, "  value: {value}");
        let _ = writeln!(out, "  unit: {unit}");
        let _ = writeln!(out, "  measure: {}", q(measure));
        let _ = writeln!(out, "  date: {year}");
        if let Some(s) = self.link(r, Kind::Programme) {
            let _ = writeln!(out, "  subject: {s}");
        }
        if let Some(p) = self.link(r, Kind::Place) {
            let _ = writeln!(out, "  place: {p}");
        }
        let _ = writeln!(out, "  series: {}-{}", prefix(kind), r.below(50));
        self.sources(
            out,
            r,
            &format!("{value} {unit} in {year}."),
            &Facts {
                name: &name,
                ..*base
            },
        );
    }

    pub(super) fn place(&self, out: &mut String, r: &mut Rng, i: usize, base: &Facts) {
        let Facts { prov, prov_cjk, .. } = *base;
        let kind = Kind::Place;
        let county = format!("{}{}", r.pick(&["Xin", "Long", "Feng", "Bai"]), i);
        let (ty, ty_cjk) = [("County", "县"), ("Village", "村"), ("Township", "镇")][r.below(3)];
        let name = format!("{county} {ty}, {prov}");
        let aliases = vec![format!("{prov_cjk}{county}{ty_cjk}")];
        self.head(out, kind, i, &name, &aliases);
        let summary = format!("A {} in {prov}.", ty.to_lowercase());
        let _ = writeln!(out, "  summary: {}", q(&summary));
        let _ = writeln!(out, "  type: {}", ty.to_lowercase());
        // Only earlier places, so `within` never loops.
        if i > 0 && r.chance(60) {
            let _ = writeln!(out, "  within: {}", id(kind, r.below(i)));
        }
        let lat = 18.0 + r.below(3_400) as f64 / 100.0;
        let lon = 74.0 + r.below(5_000) as f64 / 100.0;
        let _ = writeln!(out, "  coordinates: {{lat: {lat}, lon: {lon}}}");
        self.sources(
            out,
            r,
            &format!("{county} is in {prov}."),
            &Facts {
                name: &name,
                ..*base
            },
        );
    }

    pub(super) fn source(&self, out: &mut String, r: &mut Rng, i: usize, base: &Facts) {
        let Facts { prov, theme, .. } = *base;
        let kind = Kind::Source;
        let outlet = r.pick(&OUTLETS);
        let published = date(r);
        let year = &published[..4];
        let title = format!("NGOs in {prov} on {theme}");
        let name = format!("{outlet} ({year}): {title}");
        self.head(out, kind, i, &name, &[]);
        let summary = format!("Report on {theme} by NGOs in {prov}.");
        let _ = writeln!(out, "  summary: {}", q(&summary));
        let _ = writeln!(out, "  title: {}", q(&title));
        let _ = writeln!(out, "  outlet: {}", q(outlet));
        let _ = writeln!(out, "  published: {published}");
        let _ = writeln!(out, "  language: {}", r.pick(&["en", "zh"]));
    }
}
