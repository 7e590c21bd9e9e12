//! Citation styles: a stand-in with the final API until the real styles land.
use crate::model::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Apa,
    Chicago,
    Mla,
    Harvard,
    Biblatex,
    Ris,
    CslJson,
    Plain,
}
impl Style {
    pub const ALL: [Style; 8] = [
        Style::Apa,
        Style::Chicago,
        Style::Mla,
        Style::Harvard,
        Style::Biblatex,
        Style::Ris,
        Style::CslJson,
        Style::Plain,
    ];
    pub fn parse(s: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|x| x.name() == s)
    }
    pub fn name(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Chicago => "chicago",
            Style::Mla => "mla",
            Style::Harvard => "harvard",
            Style::Biblatex => "bibtex",
            Style::Ris => "ris",
            Style::CslJson => "csl-json",
            Style::Plain => "plain",
        }
    }
    pub fn label(self) -> &'static str {
        self.name()
    }
}
pub fn cite(source: &Source, style: Style) -> String {
    format!("{} [{}]", source.name, style.name())
}
pub fn key(source: &Source) -> String {
    source.id.to_string()
}
