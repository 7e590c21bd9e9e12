//! The records of the dataset, one serde type per kind, as they appear in `data/*.yaml`.
//!
//! Every type denies unknown fields so that a misspelt key is an error rather than silently lost.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

mod date;
mod quantity;
pub use date::PartialDate;
pub use quantity::{
    Bound, Figure, Qualifier, Status, format_human, format_number, format_quantity,
};

/// Text of a record: strings of up to 24 bytes (ids, types, units, short aliases) are kept
/// inline without an allocation of their own, which is most of a large dataset's values.
pub type Text = CompactString;

/// A record's stable identifier: a kebab-case slug, unique across all kinds.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(transparent)]
pub struct Id(pub Text);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id(Text::from(s))
    }
}

/// The kinds of record, in the order the explorer lists them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Organization,
    Person,
    Event,
    Programme,
    Statistic,
    Place,
    Source,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Organization,
        Kind::Person,
        Kind::Event,
        Kind::Programme,
        Kind::Statistic,
        Kind::Place,
        Kind::Source,
    ];

    /// The data file that holds records of this kind.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Organization => "organizations.yaml",
            Kind::Person => "people.yaml",
            Kind::Event => "events.yaml",
            Kind::Programme => "programmes.yaml",
            Kind::Statistic => "statistics.yaml",
            Kind::Place => "places.yaml",
            Kind::Source => "sources.yaml",
        }
    }

    /// Lower-case singular word, also the search prefix (`org:` is accepted too).
    pub fn word(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Person => "person",
            Kind::Event => "event",
            Kind::Programme => "programme",
            Kind::Statistic => "statistic",
            Kind::Place => "place",
            Kind::Source => "source",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Organization => "Organizations",
            Kind::Person => "People",
            Kind::Event => "Events",
            Kind::Programme => "Programmes",
            Kind::Statistic => "Statistics",
            Kind::Place => "Places",
            Kind::Source => "Sources",
        }
    }

    /// Short label for narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Organization => "org",
            Kind::Person => "person",
            Kind::Event => "event",
            Kind::Programme => "prog",
            Kind::Statistic => "stat",
            Kind::Place => "place",
            Kind::Source => "source",
        }
    }

    /// Parses a kind name as users type it: singular, plural or the short form.
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.to_ascii_lowercase();
        Kind::ALL.into_iter().find(|k| {
            s == k.word()
                || s == k.short()
                || s == k.plural().to_ascii_lowercase()
                || (k.word() == "programme" && (s == "program" || s == "programmes"))
                || (k.word() == "statistic" && s == "stats")
                || (k.word() == "person" && s == "people")
                || (k.word() == "organization" && (s == "organisation" || s == "orgs"))
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// A quote from a source that supports a record.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub source: Id,
    /// Copied from the article character for character; `...` marks an elision.
    pub quote: String,
}

/// A news article the dataset is curated from.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Id,
    /// A short label for lists, e.g. "Xinhua, 2024: China's NGOs help promote rights".
    pub name: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Text>,
    pub summary: String,
    /// The headline; absent when the capture does not give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// `published` is not printed in the article but worked out from it (the year of the event
    /// it reports): citations mark it as each style marks a supplied date (`[2020]`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_inferred: bool,
    /// When the original of an adapted or translated work was first published, e.g. the
    /// ministry report the English adaptation is made from; citations give it the way each
    /// style gives an original publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originally_published: Option<PartialDate>,
    /// Section of the outlet, e.g. "China / Society".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Text>,
    /// BCP 47 language tag, e.g. "en".
    pub language: Text,
    /// Where the publication date is inferred or the text is an adaptation, say so here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The article's text as a file, relative to the folder `check --articles DIR` is given:
    /// `000_3a53cfcf7932eb84.txt`. Never a path out of that folder.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "text_file"
    )]
    pub text_file: Option<Text>,
}

/// A source's `text_file`: a relative path that stays inside the articles folder, so a dataset
/// cannot make `check --articles` read (and quote back) a file elsewhere on the machine.
fn text_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    let s = Text::deserialize(d)?;
    let bad = |why: &str| {
        Err(serde::de::Error::custom(format!(
            "`{s}` is not a file name inside the articles folder: {why}"
        )))
    };
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom(
            "`text_file` is empty: name the article's text file, or leave the key out",
        ));
    }
    let drive = s.chars().nth(1) == Some(':');
    if s.starts_with('/') || s.starts_with('~') || drive {
        return bad("give a path relative to that folder");
    }
    if s.contains('\\') {
        return bad("separate folders with `/`");
    }
    if s.split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return bad("no `..`, `.` or empty parts");
    }
    if s.chars().any(char::is_control) {
        return bad("it holds a control character");
    }
    Ok(Some(s))
}

/// A role a person holds at an organization.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub organization: Id,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
}

/// Coordinates of a place in decimal degrees.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

macro_rules! record {
    ($(#[$doc:meta])* $name:ident { $($(#[$fmeta:meta])* pub $field:ident : $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            pub id: Id,
            pub name: Text,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub aliases: Vec<Text>,
            pub summary: String,
            $($(#[$fmeta])* pub $field: $ty,)*
            /// Free-text remarks, e.g. how a date was inferred.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub notes: Option<String>,
            /// Names of fields whose values come from widely known public facts, not the articles.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub public_knowledge: Vec<String>,
            #[serde(default)]
            pub sources: Vec<SourceRef>,
        }
    };
}

record!(
    /// An NGO, foundation, association, government body, UN body, company or university.
    Organization {
        /// e.g. "ngo", "foundation", "government", "un-body", "network", "university".
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub org_type: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub founded: Option<PartialDate>,
        /// The organization this one belongs to or reports to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent: Option<Id>,
        /// Member organizations, for networks and associations.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub members: Vec<Id>,
        /// Where it is based: a place id (a city or a country).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub based_in: Option<Id>,
        /// Places it works in.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub works_in: Vec<Id>,
    }
);

record!(
    /// An official, researcher or NGO worker quoted or named in an article.
    Person {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub roles: Vec<Role>,
        /// The person's country (a place of type `country`), where an article states it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Id>,
    }
);

record!(
    /// A forum, conference, side event or council session.
    Event {
        /// e.g. "forum", "conference", "side-event", "session".
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub event_type: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub place: Option<Id>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pub online: bool,
        /// Organizations (or people) that held it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub organizers: Vec<Id>,
        /// People who spoke, and organizations whose unnamed spokesperson spoke.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub speakers: Vec<Id>,
        /// Organizations and people that took part without being reported as speaking.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub participants: Vec<Id>,
        /// The larger event this one was part of (a side event of a council session).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent: Option<Id>,
    }
);

record!(
    /// A project, initiative, network programme, campaign or policy document.
    Programme {
        /// e.g. "project", "initiative", "network", "policy", "campaign".
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub programme_type: Option<Text>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub start: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end: Option<PartialDate>,
        /// Organizations that run, fund or issued it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub organizations: Vec<Id>,
        /// Places where it works.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub places: Vec<Id>,
        /// The programme or event it belongs to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent: Option<Id>,
    }
);

record!(
    /// A number an article reports.
    Statistic {
        pub value: f64,
        /// How the value relates to the figure: `more-than` for "more than 70".
        #[serde(default)]
        pub qualifier: Qualifier,
        /// `planned` or `target` for a figure not yet reached ("will be selected").
        #[serde(default)]
        pub status: Status,
        /// The article's words where the number does not say it all: "tens of thousands".
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "quantity::non_empty"
        )]
        pub as_written: Option<Text>,
        /// people, yuan, households, counties, organizations, projects, ...
        pub unit: Text,
        /// What is counted, in words: "people living in poverty in rural China".
        pub measure: Text,
        /// When the value holds: a year, a month or a day.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
        /// For values over a period, its start (with `date` as its end).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub start: Option<PartialDate>,
        /// The record the number is about (an organization, programme, place, event).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub subject: Option<Id>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub place: Option<Id>,
        /// Groups comparable values for charts, e.g. "china-rural-poor".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub series: Option<Text>,
    }
);

record!(
    /// A village, county, prefecture, province, region, city or country.
    Place {
        /// e.g. "country", "province", "region", "prefecture", "county", "township", "village", "city".
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub place_type: Option<Text>,
        /// The place that contains this one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub within: Option<Id>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub coordinates: Option<Coordinates>,
    }
);

impl Statistic {
    /// The value with its qualifier, status, unit and words: the one way to show it.
    pub fn figure(&self) -> Figure<'_> {
        Figure {
            value: self.value,
            unit: &self.unit,
            qualifier: self.qualifier,
            status: self.status,
            as_written: self.as_written.as_deref(),
        }
    }
}
