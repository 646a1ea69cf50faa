//! Every option a link can carry, and the link a teacher's choices make. Pure: the table
//! names each query key through the constant its page reads it with, so the table cannot
//! drift from the pages; [`Choice::location`] is what the "Build a link" form shows.

use crate::mail::{Scenario, ScenarioId};
use crate::ui::i18n::{Key, Lang, k};
use crate::ui::pages::cert::explain::SAMPLES;
use crate::ui::pages::cert::{AT, HOST, SAMPLE};
use crate::ui::pages::glossary::TERM;
use crate::ui::pages::mail::model::{DEFAULT_SPEED, SPEEDS};
use crate::ui::pages::mail::player::{SCENARIO, SPEED, STEP};
use crate::ui::pages::mail::preset::{PANELS, PREDICT, Panel, Panels};
use crate::ui::route::{EMBED, LANG, Location, Page};

/// The longest host name a link carries (RFC 1035 2.3.4: 253 characters written out).
pub const MAX_HOST: usize = 253;

/// What an option's values are, for the table.
#[derive(Clone, Copy, Debug)]
pub enum Values {
    /// Described in words.
    Words(Key),
    /// The scenarios' codes.
    Scenarios,
    /// The speeds the player offers.
    Speeds,
    /// The parts of the mail page.
    Panels,
    /// The samples' ids.
    Samples,
}

/// One row of the options table.
#[derive(Clone, Debug)]
pub struct UrlOption {
    pub key: &'static str,
    /// The page that reads it; `None` for every page.
    pub page: Option<Page>,
    pub values: Values,
    pub meaning: Key,
}

const fn option(key: &'static str, page: Option<Page>, values: Values, meaning: Key) -> UrlOption {
    UrlOption {
        key,
        page,
        values,
        meaning,
    }
}

/// Every option, shell first, then page by page.
pub const OPTIONS: &[UrlOption] = {
    use Values as V;
    use k::teach::options as o;
    &[
        option(LANG, None, V::Words(o::values_lang), o::lang),
        option(EMBED, None, V::Words(o::values_embed), o::embed),
        option(SCENARIO, Some(Page::Mail), V::Scenarios, o::scenario),
        option(STEP, Some(Page::Mail), V::Words(o::values_step), o::step),
        option(SPEED, Some(Page::Mail), V::Speeds, o::speed),
        option(
            PREDICT,
            Some(Page::Mail),
            V::Words(o::values_predict),
            o::predict,
        ),
        option(PANELS, Some(Page::Mail), V::Panels, o::panels),
        option(SAMPLE, Some(Page::Cert), V::Samples, o::sample),
        option(HOST, Some(Page::Cert), V::Words(o::values_host), o::host),
        option(AT, Some(Page::Cert), V::Words(o::values_at), o::at),
        option(
            TERM,
            Some(Page::Glossary),
            V::Words(o::values_term),
            o::term,
        ),
        option(SCENARIO, Some(Page::Quiz), V::Scenarios, o::quiz_scenario),
    ]
};

/// What a teacher chose in the form. Only the fields of the chosen page go into the link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// [`Page::Mail`], [`Page::Cert`] or [`Page::Quiz`].
    pub page: Page,
    pub lang: Lang,
    pub embed: bool,
    pub scenario: ScenarioId,
    pub step: usize,
    pub speed: u64,
    pub predict: bool,
    pub panels: Panels,
    /// The quiz's scenario; `None` for all of them.
    pub quiz: Option<ScenarioId>,
    pub sample: Option<&'static str>,
    pub host: String,
    /// `YYYY-MM-DD`, or empty.
    pub at: String,
}

impl Choice {
    /// The mail page at its start, in `lang`.
    pub fn new(lang: Lang) -> Choice {
        Choice {
            page: Page::Mail,
            lang,
            embed: false,
            scenario: ScenarioId::OwnCase,
            step: 0,
            speed: DEFAULT_SPEED,
            predict: true,
            panels: Panels::ALL,
            quiz: None,
            sample: None,
            host: String::new(),
            at: String::new(),
        }
    }

    /// Reads the builder's form: `value(id)` is a field's value, `checked(id)` a
    /// checkbox's state (ids as in [`FIELDS`]). Anything unexpected falls back to the
    /// default, and the step stays within the scenario.
    pub fn from_form(value: impl Fn(&str) -> String, checked: impl Fn(&str) -> bool) -> Choice {
        let mut choice = Choice::new(Lang::from_tag(&value(FIELDS.lang)).unwrap_or_default());
        choice.page = match value(FIELDS.page).as_str() {
            "cert" => Page::Cert,
            "quiz" => Page::Quiz,
            _ => Page::Mail,
        };
        choice.embed = checked(FIELDS.embed);
        choice.scenario =
            ScenarioId::from_code(&value(FIELDS.scenario)).unwrap_or(ScenarioId::OwnCase);
        choice.step = value(FIELDS.step)
            .trim()
            .parse()
            .unwrap_or(0)
            .min(steps_in(choice.scenario));
        choice.speed = value(FIELDS.speed)
            .parse()
            .ok()
            .filter(|s| SPEEDS.contains(s))
            .unwrap_or(DEFAULT_SPEED);
        choice.predict = checked(FIELDS.predict);
        choice.panels = Panel::ALL.into_iter().fold(Panels::ALL, |panels, p| {
            panels.with(p, checked(&panel_field(p)))
        });
        choice.quiz = ScenarioId::from_code(&value(FIELDS.quiz));
        let sample = value(FIELDS.sample);
        choice.sample = SAMPLES.iter().map(|s| s.id).find(|id| *id == sample);
        choice.host = value(FIELDS.host);
        choice.at = value(FIELDS.at);
        choice
    }

    /// The link: the chosen page with what differs from its defaults, the language, and
    /// `embed=1` when asked for.
    pub fn location(&self) -> Location {
        let mut location = Location::new(self.page.clone());
        let query = &mut location.query;
        match self.page {
            Page::Mail => {
                if self.scenario != ScenarioId::OwnCase || self.step > 0 {
                    query.set(SCENARIO, self.scenario.code());
                    query.set(STEP, self.step.to_string());
                }
                if self.speed != DEFAULT_SPEED {
                    query.set(SPEED, self.speed.to_string());
                }
                if !self.predict {
                    query.set(PREDICT, "0");
                }
                if let Some(panels) = self.panels.to_query() {
                    query.set(PANELS, panels);
                }
            }
            Page::Cert => {
                if let Some(sample) = self.sample {
                    query.set(SAMPLE, sample);
                }
                let host: String = self.host.trim().chars().take(MAX_HOST).collect();
                if !host.is_empty() {
                    query.set(HOST, host);
                }
                if is_date(&self.at) {
                    query.set(AT, self.at.clone());
                }
            }
            Page::Quiz => {
                if let Some(scenario) = self.quiz {
                    query.set(SCENARIO, scenario.code());
                }
            }
            _ => {}
        }
        query.set(LANG, self.lang.tag());
        if self.embed {
            query.set(EMBED, "1");
        }
        location
    }
}

/// The ids of the builder's fields.
pub struct Fields {
    pub page: &'static str,
    pub lang: &'static str,
    pub embed: &'static str,
    pub scenario: &'static str,
    pub step: &'static str,
    pub speed: &'static str,
    pub predict: &'static str,
    pub quiz: &'static str,
    pub sample: &'static str,
    pub host: &'static str,
    pub at: &'static str,
}

/// The builder's field ids (the view and [`Choice::from_form`] share them).
pub const FIELDS: Fields = Fields {
    page: "b-page",
    lang: "b-lang",
    embed: "b-embed",
    scenario: "b-scenario",
    step: "b-step",
    speed: "b-speed",
    predict: "b-predict",
    quiz: "b-quiz",
    sample: "b-sample",
    host: "b-host",
    at: "b-at",
};

/// How many steps scenario `id` has: the most a link's `step=` can say.
pub fn steps_in(id: ScenarioId) -> usize {
    Scenario::get(id).script.len()
}

/// The id of the checkbox for `panel`.
pub fn panel_field(panel: Panel) -> String {
    format!("b-panel-{}", panel.code())
}

/// Whether `text` is a date as a date field gives it (`2026-06-01`).
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn the_form_is_read_with_safe_fallbacks() {
        let values: HashMap<&str, &str> = [
            (FIELDS.page, "mail"),
            (FIELDS.lang, "ja"),
            (FIELDS.scenario, "ip_change"),
            (FIELDS.step, "999"),
            (FIELDS.speed, "7"),
            (FIELDS.sample, "not-a-sample"),
        ]
        .into();
        let on = [FIELDS.predict, "b-panel-player", "b-panel-now"];
        let choice = Choice::from_form(
            |id| values.get(id).copied().unwrap_or_default().to_owned(),
            |id| on.contains(&id),
        );
        assert_eq!(choice.lang, Lang::Ja);
        assert_eq!(choice.scenario, ScenarioId::IpChange);
        // The step is kept within the scenario; an unknown speed is the default.
        assert_eq!(
            choice.step,
            Scenario::get(ScenarioId::IpChange).script.len()
        );
        assert_eq!(choice.speed, DEFAULT_SPEED);
        assert!(choice.predict && !choice.embed);
        assert_eq!(choice.panels.to_query().as_deref(), Some("player,now"));
        assert_eq!(choice.sample, None);
        assert_eq!(choice.page, Page::Mail);
        // Every field empty: the mail page at its start, in English.
        let empty = Choice::from_form(|_| String::new(), |_| false);
        assert_eq!(empty.location().to_hash(), "#/mail?predict=0&lang=en");
    }

    #[test]
    fn the_mail_page_at_its_start_is_a_plain_link() {
        let choice = Choice::new(Lang::Ja);
        assert_eq!(choice.location().to_hash(), "#/mail?lang=ja");
    }

    #[test]
    fn each_mail_choice_goes_into_the_link() {
        let mut choice = Choice::new(Lang::En);
        choice.scenario = ScenarioId::NatNeighbour;
        choice.step = 2;
        choice.speed = 60;
        choice.predict = false;
        choice.panels = Panels::ALL.with(Panel::Free, false).with(Panel::Lab, false);
        choice.embed = true;
        // Fields of the other pages stay out.
        choice.sample = Some("expired");
        choice.host = "example.com".into();
        let location = choice.location();
        assert_eq!(
            location.to_hash(),
            "#/mail?scenario=nat_neighbour&step=2&speed=60&predict=0&panels=player,chart,now&lang=en&embed=1"
        );
        assert!(location.is_embed());
        assert_eq!(Location::parse(&location.to_hash()), location);
    }

    #[test]
    fn the_padlock_link_carries_sample_host_and_a_real_date_only() {
        let mut choice = Choice::new(Lang::En);
        choice.page = Page::Cert;
        choice.sample = Some("expired");
        choice.host = format!("  {}  ", "a".repeat(400));
        choice.at = "2016-09-08".into();
        let location = choice.location();
        assert_eq!(location.query.get(SAMPLE), Some("expired"));
        assert_eq!(location.query.get(HOST).map(str::len), Some(MAX_HOST));
        assert_eq!(location.query.get(AT), Some("2016-09-08"));
        choice.at = "next tuesday".into();
        choice.host = "   ".into();
        let location = choice.location();
        assert_eq!(location.query.get(AT), None);
        assert_eq!(location.query.get(HOST), None);
    }

    #[test]
    fn the_quiz_link_names_its_scenario_or_none() {
        let mut choice = Choice::new(Lang::Ja);
        choice.page = Page::Quiz;
        assert_eq!(choice.location().to_hash(), "#/quiz?lang=ja");
        choice.quiz = Some(ScenarioId::IpChange);
        assert_eq!(
            choice.location().to_hash(),
            "#/quiz?scenario=ip_change&lang=ja"
        );
    }

    /// The table lists each key a page reads exactly once per page.
    #[test]
    fn the_table_has_each_option_once_per_page() {
        for (i, a) in OPTIONS.iter().enumerate() {
            for b in &OPTIONS[i + 1..] {
                assert!(!(a.key == b.key && a.page == b.page), "{} twice", a.key);
            }
        }
    }
}
