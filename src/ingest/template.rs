//! `ngo-atlas new KIND`: a record of that kind with every field the schema allows, each
//! explained, ready to paste into the kind's data file.
//!
//! Required fields come uncommented with `<placeholders>` that fail `check` until they are
//! filled in (an id that is not kebab-case, a link to no record, a number that is not one), so a
//! template pasted as it is cannot pass for data. Optional fields are commented out: removing
//! the `# ` after the indentation turns one on.

use crate::data::model::{Kind, Qualifier, Status};

/// One field of a template: its key, the YAML of its value (placeholders in `<>`, possibly
/// several lines for a list of mappings), and what it means.
struct Field {
    key: &'static str,
    required: bool,
    value: &'static str,
    help: &'static str,
}

const fn req(key: &'static str, value: &'static str, help: &'static str) -> Field {
    Field {
        key,
        required: true,
        value,
        help,
    }
}

const fn opt(key: &'static str, value: &'static str, help: &'static str) -> Field {
    Field {
        key,
        required: false,
        value,
        help,
    }
}

const HEAD: [Field; 3] = [
    req("id", "<new-id>", "kebab-case, unique across all files"),
    req("name", "\"<the name as the article writes it>\"", ""),
    opt(
        "aliases",
        "[\"<acronym, other spelling or Chinese name>\"]",
        "",
    ),
];

const SUMMARY: Field = req(
    "summary",
    "\"<one to three sentences in your own words>\"",
    "",
);

const TAIL: [Field; 3] = [
    opt(
        "notes",
        "\"<how a date was inferred, how a passage was read, what is uncertain>\"",
        "",
    ),
    opt(
        "public_knowledge",
        "[<field>]",
        "fields whose values come from public knowledge, not the articles",
    ),
    req(
        "sources",
        "\n- source: <source-id>\n  quote: \"<the article's words, copied character for character>\"",
        "at least one; ` ... ` marks an elision",
    ),
];

fn own_fields(kind: Kind) -> Vec<Field> {
    match kind {
        Kind::Organization => organization_fields(),
        Kind::Person => person_fields(),
        Kind::Event => event_fields(),
        Kind::Programme => programme_fields(),
        Kind::Statistic => statistic_fields(),
        Kind::Place => place_fields(),
        Kind::Source => source_fields(),
    }
}

fn organization_fields() -> Vec<Field> {
    vec![
        opt(
            "type",
            "ngo",
            "ngo, foundation, association, network, government, party, un-body, intergovernmental, international-ngo, university, research-centre, rescue-force, media",
        ),
        opt(
            "founded",
            "\"<YYYY-MM-DD>\"",
            "or YYYY-MM or YYYY, as precise as the source",
        ),
        opt(
            "parent",
            "<organization-id>",
            "the body it belongs to or reports to",
        ),
        opt(
            "members",
            "[<organization-id>]",
            "member organizations the articles name",
        ),
        opt("based_in", "<place-id>", "a city or a country"),
        opt("works_in", "[<place-id>]", ""),
    ]
}

fn person_fields() -> Vec<Field> {
    vec![
        opt(
            "roles",
            "\n- organization: <organization-id>\n  title: \"<the title as the article gives it>\"\n  date: \"<YYYY-MM-DD>\"",
            "`date` (optional): when the article shows the person in the role",
        ),
        opt(
            "country",
            "<place-id>",
            "the person's country (a place of type country), where an article states it",
        ),
    ]
}

fn event_fields() -> Vec<Field> {
    vec![
        opt(
            "type",
            "conference",
            "session, side-event, conference, forum, forum-series, congress, dialogue, signing-ceremony, pandemic",
        ),
        opt("date", "\"<YYYY-MM-DD>\"", "first day; or YYYY-MM or YYYY"),
        opt("end", "\"<YYYY-MM-DD>\"", "last day"),
        opt("place", "<place-id>", ""),
        opt("online", "true", "held online, in whole or in part"),
        opt("organizers", "[<person-or-organization-id>]", "who held it"),
        opt(
            "speakers",
            "[<person-or-organization-id>]",
            "who spoke; an organization whose unnamed spokesperson spoke",
        ),
        opt(
            "participants",
            "[<person-or-organization-id>]",
            "who took part without being reported as speaking",
        ),
        opt(
            "parent",
            "<event-id>",
            "the larger event, e.g. a council session",
        ),
    ]
}

fn programme_fields() -> Vec<Field> {
    vec![
        opt(
            "type",
            "project",
            "project, programme, initiative, campaign, policy, policy-area, policy-document, policy-documents, goal, agenda, partnership, training, funding-programme, health-aid",
        ),
        opt("start", "\"<YYYY-MM-DD>\"", "or YYYY-MM or YYYY"),
        opt("end", "\"<YYYY-MM-DD>\"", ""),
        opt(
            "organizations",
            "[<organization-id>]",
            "who runs, funds or issued it",
        ),
        opt("places", "[<place-id>]", "where it works"),
        opt("parent", "<programme-or-event-id>", "what it belongs to"),
    ]
}

fn statistic_fields() -> Vec<Field> {
    vec![
        req(
            "value",
            "<number>",
            "a plain number: 98990000, not \"98.99 million\"",
        ),
        opt("qualifier", "more-than", QUALIFIERS),
        opt("status", "planned", STATUSES),
        opt(
            "as_written",
            "\"<the article's words, e.g. tens of thousands>\"",
            "where the number does not say it all",
        ),
        req(
            "unit",
            "people",
            "people, yuan, households, projects, percent, ...",
        ),
        req("measure", "\"<what is counted, in words>\"", ""),
        opt(
            "date",
            "\"<YYYY-MM-DD>\"",
            "when the value holds; for a period, its end",
        ),
        opt("start", "\"<YYYY-MM-DD>\"", "for a period, its start"),
        opt(
            "subject",
            "<record-id>",
            "what the number is about (any record but a source)",
        ),
        opt("place", "<place-id>", "where it holds"),
        opt(
            "series",
            "<series-key>",
            "groups comparable values for charts",
        ),
    ]
}

fn place_fields() -> Vec<Field> {
    vec![
        opt(
            "type",
            "city",
            "country, region, province, autonomous-region, prefecture, city, county, township",
        ),
        opt("within", "<place-id>", "the place that contains it"),
        opt(
            "coordinates",
            "{lat: <latitude>, lon: <longitude>}",
            "decimal degrees, 2 decimals",
        ),
    ]
}

fn source_fields() -> Vec<Field> {
    vec![
        opt(
            "title",
            "\"<the headline>\"",
            "left out when the capture gives none",
        ),
        opt("outlet", "\"<the publication>\"", ""),
        opt("authors", "[\"<Surname Given>\"]", ""),
        opt(
            "published",
            "\"<YYYY-MM-DD>\"",
            "as precise as the page says",
        ),
        opt(
            "published_inferred",
            "true",
            "when the date is worked out, not printed in the article",
        ),
        opt("section", "\"<section of the outlet>\"", ""),
        opt(
            "originally_published",
            "\"<YYYY-MM-DD>\"",
            "for an adapted or translated work: when the original appeared",
        ),
        req("language", "en", "BCP 47 tag: en, zh, ..."),
        opt(
            "text_file",
            "\"<article.txt>\"",
            "the article's text, relative to `check --articles DIR`",
        ),
    ]
}

const QUALIFIERS: &str =
    "exact (the default), about, more-than, at-least, fewer-than, at-most, up-to";
const STATUSES: &str = "reported (the default), planned, target";

/// The commented template for a record of `kind`.
pub fn text(kind: Kind) -> String {
    // Keep the help in step with the schema's enums.
    debug_assert_eq!(QUALIFIERS.matches(", ").count() + 1, Qualifier::ALL.len());
    debug_assert_eq!(STATUSES.matches(", ").count() + 1, Status::ALL.len());
    let word = kind.word();
    let mut out = format!(
        "# A new {word} for {file}. Paste it into that file's list, replace every <placeholder>,\n\
         # delete the optional lines you do not need or turn them on by removing the `# ` after the\n\
         # indentation, then run: ngo-atlas check --data DIR --articles ARTICLES\n\
         # The fields are explained in data/README.md.\n",
        file = kind.file_name()
    );
    let own = own_fields(kind);
    let sources = kind != Kind::Source;
    // A source's `text_file` is about the capture, not the publication: it comes last.
    let (capture, own): (Vec<&Field>, Vec<&Field>) = own.iter().partition(|f| f.key == "text_file");
    let fields = HEAD
        .iter()
        .chain(std::iter::once(&SUMMARY))
        .chain(own)
        .chain(TAIL.iter().filter(|f| sources || f.key == "notes"))
        .chain(capture);
    for (n, f) in fields.enumerate() {
        let value = match f.key {
            "id" => format!("<new-{word}-id>"),
            "name" if kind == Kind::Source => {
                "\"<a short label for lists: Outlet (year): headline>\"".to_string()
            }
            _ => f.value.to_string(),
        };
        let lead = if n == 0 { "- " } else { "  " };
        let hash = if f.required { "" } else { "# " };
        let help = match (f.required, f.help.is_empty()) {
            (true, true) => "required".to_string(),
            (true, false) => format!("required: {}", f.help),
            (false, _) => f.help.to_string(),
        };
        let mut lines = value.split('\n');
        let first = lines.next().unwrap_or("");
        let line = if first.is_empty() {
            format!("{lead}{hash}{}:", f.key)
        } else {
            format!("{lead}{hash}{}: {first}", f.key)
        };
        out.push_str(&with_help(&line, &help));
        for rest in lines {
            out.push_str(&format!("  {hash}  {rest}\n"));
        }
    }
    out
}

/// A line with its help as a comment in a column of its own.
fn with_help(line: &str, help: &str) -> String {
    if help.is_empty() {
        return format!("{line}\n");
    }
    let width = line.chars().count();
    let pad = if width < 40 { 40 - width } else { 2 };
    format!("{line}{}# {help}\n", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_fields_are_live_and_optional_ones_commented() {
        let t = text(Kind::Statistic);
        assert!(t.contains("\n- id: <new-statistic-id>"), "{t}");
        assert!(t.contains("\n  value: <number>"), "{t}");
        assert!(t.contains("\n  # qualifier: more-than"), "{t}");
        assert!(t.contains("\n  sources:"), "{t}");
        assert!(t.contains("\n    - source: <source-id>\n"), "{t}");
        let s = text(Kind::Source);
        assert!(!s.contains("sources:"), "a source cites nothing: {s}");
        assert!(s.contains("\n  language: en"), "{s}");
        assert!(s.contains("\n  # text_file:"), "{s}");
        assert!(s.find("# notes:") < s.find("# text_file:"), "{s}");
    }

    #[test]
    fn a_commented_list_of_mappings_turns_on_with_its_first_line() {
        let t = text(Kind::Person);
        assert!(t.contains("\n  # roles:"), "{t}");
        assert!(
            t.contains("\n  #   - organization: <organization-id>\n"),
            "{t}"
        );
        assert!(t.contains("\n  #     title: "), "{t}");
    }
}
