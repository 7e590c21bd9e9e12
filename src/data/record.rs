//! One enum over the seven kinds, with the accessors every consumer needs: the index, search, the
//! command line and the explorer see records through this, never through the per-kind types.

use crate::data::model::{
    Event, Id, Kind, Organization, PartialDate, Person, Place, Programme, Qualifier, Source,
    SourceRef, Statistic, Status, Text,
};
/// The number formatting lives beside the qualifiers in `model`; these paths are kept for the
/// callers that know them here.
pub use crate::data::model::{format_human, format_number, format_quantity};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    Organization(Organization),
    Person(Person),
    Event(Event),
    Programme(Programme),
    Statistic(Statistic),
    Place(Place),
    Source(Source),
}

/// How one record points at another; each relation knows its label both ways and what it may
/// point at.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Relation {
    Parent,
    Member,
    BasedIn,
    WorksIn,
    Role,
    Country,
    HeldIn,
    Organizer,
    Speaker,
    Participant,
    PartOf,
    RunBy,
    ProgrammePlace,
    Subject,
    StatisticPlace,
    Within,
}

impl Relation {
    /// Heading on the record that holds the link.
    pub fn label(self) -> &'static str {
        match self {
            Relation::Parent => "Part of",
            Relation::Member => "Members",
            Relation::BasedIn => "Based in",
            Relation::WorksIn => "Works in",
            Relation::Role => "Roles",
            Relation::Country => "Country",
            Relation::HeldIn => "Held in",
            Relation::Organizer => "Organized by",
            Relation::Speaker => "Speakers",
            Relation::Participant => "Participants",
            Relation::PartOf => "Part of",
            Relation::RunBy => "Run by",
            Relation::ProgrammePlace => "Places",
            Relation::Subject => "About",
            Relation::StatisticPlace => "Place",
            Relation::Within => "Located in",
        }
    }

    /// Heading on the record that is pointed at ("Referenced by" groups).
    pub fn back_label(self) -> &'static str {
        match self {
            Relation::Parent => "Includes",
            Relation::Member => "Member of",
            Relation::BasedIn => "Based here",
            Relation::WorksIn => "Organizations working here",
            Relation::Role => "People",
            Relation::Country => "People from here",
            Relation::HeldIn => "Events held here",
            Relation::Organizer => "Organized",
            Relation::Speaker => "Spoke at",
            Relation::Participant => "Took part in",
            Relation::PartOf => "Includes",
            Relation::RunBy => "Programmes",
            Relation::ProgrammePlace => "Programmes here",
            Relation::Subject => "Statistics",
            Relation::StatisticPlace => "Statistics here",
            Relation::Within => "Contains",
        }
    }

    /// The field name in the YAML, for error messages.
    pub fn field(self) -> &'static str {
        match self {
            Relation::Parent | Relation::PartOf => "parent",
            Relation::Member => "members",
            Relation::BasedIn => "based_in",
            Relation::WorksIn => "works_in",
            Relation::Role => "roles",
            Relation::Country => "country",
            Relation::HeldIn => "place",
            Relation::Organizer => "organizers",
            Relation::Speaker => "speakers",
            Relation::Participant => "participants",
            Relation::RunBy => "organizations",
            Relation::ProgrammePlace => "places",
            Relation::Subject => "subject",
            Relation::StatisticPlace => "place",
            Relation::Within => "within",
        }
    }

    /// The kinds this relation may point at.
    pub fn targets(self) -> &'static [Kind] {
        use Kind::*;
        match self {
            Relation::Parent | Relation::Member | Relation::Role | Relation::RunBy => {
                &[Organization]
            }
            Relation::BasedIn
            | Relation::WorksIn
            | Relation::Country
            | Relation::HeldIn
            | Relation::ProgrammePlace
            | Relation::StatisticPlace
            | Relation::Within => &[Place],
            Relation::Organizer | Relation::Speaker | Relation::Participant => {
                &[Organization, Person]
            }
            Relation::PartOf => &[Programme, Event],
            Relation::Subject => &[Organization, Person, Event, Programme, Statistic, Place],
        }
    }
}

/// An outgoing link: the relation, the target id, and a note (a person's title at an organization).
#[derive(Debug, Clone, PartialEq)]
pub struct Link<'a> {
    pub relation: Relation,
    pub target: &'a Id,
    pub note: Option<String>,
}

macro_rules! each {
    ($self:ident, $r:ident => $e:expr) => {
        match $self {
            Record::Organization($r) => $e,
            Record::Person($r) => $e,
            Record::Event($r) => $e,
            Record::Programme($r) => $e,
            Record::Statistic($r) => $e,
            Record::Place($r) => $e,
            Record::Source($r) => $e,
        }
    };
}

fn one(relation: Relation, id: &Option<Id>) -> impl Iterator<Item = Link<'_>> {
    id.iter().map(move |target| Link {
        relation,
        target,
        note: None,
    })
}

fn many(relation: Relation, ids: &[Id]) -> impl Iterator<Item = Link<'_>> {
    ids.iter().map(move |target| Link {
        relation,
        target,
        note: None,
    })
}

impl Record {
    pub fn kind(&self) -> Kind {
        match self {
            Record::Organization(_) => Kind::Organization,
            Record::Person(_) => Kind::Person,
            Record::Event(_) => Kind::Event,
            Record::Programme(_) => Kind::Programme,
            Record::Statistic(_) => Kind::Statistic,
            Record::Place(_) => Kind::Place,
            Record::Source(_) => Kind::Source,
        }
    }

    pub fn id(&self) -> &Id {
        each!(self, r => &r.id)
    }

    pub fn name(&self) -> &str {
        each!(self, r => &r.name)
    }

    /// The name, and for a statistic its figure after ` · ` as lists and the timeline show it:
    /// for places that name a record in a line of their own (a path's steps).
    pub fn name_and_figure(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Record::Statistic(s) => format!("{} · {}", s.name, s.figure().text(true)).into(),
            r => r.name().into(),
        }
    }

    pub fn aliases(&self) -> &[Text] {
        each!(self, r => &r.aliases)
    }

    pub fn summary(&self) -> &str {
        each!(self, r => &r.summary)
    }

    pub fn notes(&self) -> Option<&str> {
        each!(self, r => r.notes.as_deref())
    }

    /// The quotes that support the record; a source supports itself and has none.
    pub fn sources(&self) -> &[SourceRef] {
        match self {
            Record::Source(_) => &[],
            Record::Organization(r) => &r.sources,
            Record::Person(r) => &r.sources,
            Record::Event(r) => &r.sources,
            Record::Programme(r) => &r.sources,
            Record::Statistic(r) => &r.sources,
            Record::Place(r) => &r.sources,
        }
    }

    pub fn public_knowledge(&self) -> &[String] {
        match self {
            Record::Source(_) => &[],
            Record::Organization(r) => &r.public_knowledge,
            Record::Person(r) => &r.public_knowledge,
            Record::Event(r) => &r.public_knowledge,
            Record::Programme(r) => &r.public_knowledge,
            Record::Statistic(r) => &r.public_knowledge,
            Record::Place(r) => &r.public_knowledge,
        }
    }

    /// Calls `f` with every outgoing link's relation and target, in schema order: what
    /// [`Record::links`] gives without building notes or a list, for indexing a million records.
    pub fn each_link(&self, f: &mut dyn FnMut(Relation, &Id)) {
        use Relation as R;
        let mut one = |r: Relation, id: &Option<Id>| {
            if let Some(id) = id {
                f(r, id)
            }
        };
        match self {
            Record::Organization(o) => {
                one(R::Parent, &o.parent);
                o.members.iter().for_each(|id| f(R::Member, id));
                if let Some(id) = &o.based_in {
                    f(R::BasedIn, id);
                }
                o.works_in.iter().for_each(|id| f(R::WorksIn, id));
            }
            Record::Person(p) => {
                p.roles
                    .iter()
                    .for_each(|role| f(R::Role, &role.organization));
                if let Some(id) = &p.country {
                    f(R::Country, id);
                }
            }
            Record::Event(e) => {
                one(R::PartOf, &e.parent);
                one(R::HeldIn, &e.place);
                e.organizers.iter().for_each(|id| f(R::Organizer, id));
                e.speakers.iter().for_each(|id| f(R::Speaker, id));
                e.participants.iter().for_each(|id| f(R::Participant, id));
            }
            Record::Programme(p) => {
                one(R::PartOf, &p.parent);
                p.organizations.iter().for_each(|id| f(R::RunBy, id));
                p.places.iter().for_each(|id| f(R::ProgrammePlace, id));
            }
            Record::Statistic(s) => {
                one(R::Subject, &s.subject);
                one(R::StatisticPlace, &s.place);
            }
            Record::Place(p) => one(R::Within, &p.within),
            Record::Source(_) => {}
        }
    }

    /// Every outgoing link, in the order the fields appear in the schema.
    pub fn links(&self) -> Vec<Link<'_>> {
        use Relation as R;
        match self {
            Record::Organization(o) => one(R::Parent, &o.parent)
                .chain(many(R::Member, &o.members))
                .chain(one(R::BasedIn, &o.based_in))
                .chain(many(R::WorksIn, &o.works_in))
                .collect(),
            Record::Person(p) => p
                .roles
                .iter()
                .map(|role| Link {
                    relation: R::Role,
                    target: &role.organization,
                    note: Some(match role.date {
                        Some(d) => format!("{} ({})", role.title, d.human()),
                        None => role.title.to_string(),
                    }),
                })
                .chain(one(R::Country, &p.country))
                .collect(),
            Record::Event(e) => one(R::PartOf, &e.parent)
                .chain(one(R::HeldIn, &e.place))
                .chain(many(R::Organizer, &e.organizers))
                .chain(many(R::Speaker, &e.speakers))
                .chain(many(R::Participant, &e.participants))
                .collect(),
            Record::Programme(p) => one(R::PartOf, &p.parent)
                .chain(many(R::RunBy, &p.organizations))
                .chain(many(R::ProgrammePlace, &p.places))
                .collect(),
            Record::Statistic(s) => one(R::Subject, &s.subject)
                .chain(one(R::StatisticPlace, &s.place))
                .collect(),
            Record::Place(p) => one(R::Within, &p.within).collect(),
            Record::Source(_) => Vec::new(),
        }
    }

    /// The record's main date, for sorting and the timeline: an event's start, a programme's
    /// start, a statistic's date, an organization's founding, a source's publication.
    pub fn date(&self) -> Option<PartialDate> {
        match self {
            Record::Organization(o) => o.founded,
            Record::Event(e) => e.date,
            Record::Programme(p) => p.start.or(p.end),
            Record::Statistic(s) => s.date.or(s.start),
            Record::Source(s) => s.published,
            Record::Person(_) | Record::Place(_) => None,
        }
    }

    /// The plain fields worth showing, as (label, value) pairs, in schema order.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let mut f: Vec<(&'static str, String)> = Vec::new();
        let mut opt = |label: &'static str, v: Option<String>| {
            if let Some(v) = v {
                f.push((label, v));
            }
        };
        let human = |d: &Option<PartialDate>| d.map(|d| d.human());
        match self {
            Record::Organization(o) => {
                opt("Type", o.org_type.as_deref().map(String::from));
                opt("Founded", human(&o.founded));
            }
            Record::Person(_) => {}
            Record::Event(e) => {
                opt("Type", e.event_type.as_deref().map(String::from));
                opt("Date", human(&e.date));
                opt("Ends", human(&e.end));
                opt("Online", e.online.then(|| "yes".to_string()));
            }
            Record::Programme(p) => {
                opt("Type", p.programme_type.as_deref().map(String::from));
                opt("Starts", human(&p.start));
                opt("Ends", human(&p.end));
            }
            Record::Statistic(s) => {
                opt("Value", Some(s.figure().text(true)));
                opt(
                    "Qualifier",
                    (s.qualifier != Qualifier::Exact).then(|| s.qualifier.meaning().to_string()),
                );
                opt(
                    "Status",
                    (s.status != Status::Reported).then(|| s.status.meaning().to_string()),
                );
                opt("Measures", Some(s.measure.to_string()));
                opt("From", human(&s.start));
                opt("Date", human(&s.date));
                opt("Series", s.series.as_deref().map(String::from));
            }
            Record::Place(p) => {
                opt("Type", p.place_type.as_deref().map(String::from));
                opt(
                    "Coordinates",
                    p.coordinates.map(|c| format!("{:.2}, {:.2}", c.lat, c.lon)),
                );
            }
            Record::Source(s) => {
                opt("Title", s.title.as_deref().map(String::from));
                opt("Outlet", s.outlet.as_deref().map(String::from));
                opt(
                    "Authors",
                    (!s.authors.is_empty()).then(|| s.authors.join(", ")),
                );
                // A date worked out from the article is said to be one, as citations mark it.
                let inferred = |d: String| match s.published_inferred {
                    true => format!("{d} (inferred: the article does not print it)"),
                    false => d,
                };
                opt("Published", human(&s.published).map(inferred));
                opt("Section", s.section.as_deref().map(String::from));
                opt("Language", Some(s.language.to_string()));
                opt("Text file", s.text_file.as_deref().map(String::from));
            }
        }
        f
    }
}
