//! The lesson plans on the teachers' page: a short and a long one for each explainer. A
//! plan is data (its texts are keys of `locales/*/teach.toml`); each part of its sequence
//! and each misconception points at the exact screen that shows it ([`Target`]), so the
//! plans follow the scenarios and samples when those change (the tests below check that
//! every target still exists and that a plan's parts add up to its length).

use crate::mail::{Scenario, ScenarioId, StepId};
use crate::ui::i18n::{Key, k};
use crate::ui::pages::cert::SAMPLE;
use crate::ui::pages::mail::player::{SCENARIO, STEP};
use crate::ui::pages::mail::preset::{PANELS, Panel};
use crate::ui::route::{Location, Page};

/// A screen a plan opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A mail scenario at its start.
    Scenario(ScenarioId),
    /// A mail scenario just after this step has happened.
    Step(StepId),
    /// The mail page showing only this part.
    MailPart(Panel),
    /// A sample certificate on the padlock page.
    Sample(&'static str),
    /// The padlock page, empty, for the students' own certificates.
    Cert,
    /// The quiz over one scenario, or over all of them.
    Quiz(Option<ScenarioId>),
}

impl Target {
    /// Where it is. A step's number is looked up in its scenario's script.
    pub fn location(self) -> Location {
        match self {
            Target::Scenario(id) => {
                let mut location = Location::new(Page::Mail);
                location.query.set(SCENARIO, id.code());
                location
            }
            Target::Step(step) => {
                let mut location = Target::Scenario(step.scenario()).location();
                location.query.set(STEP, step_number(step).to_string());
                location
            }
            Target::MailPart(panel) => {
                let mut location = Location::new(Page::Mail);
                location.query.set(PANELS, panel.code());
                location
            }
            Target::Sample(id) => {
                let mut location = Location::new(Page::Cert);
                location.query.set(SAMPLE, id);
                location
            }
            Target::Cert => Location::new(Page::Cert),
            Target::Quiz(scenario) => {
                let mut location = Location::new(Page::Quiz);
                if let Some(id) = scenario {
                    location.query.set(SCENARIO, id.code());
                }
                location
            }
        }
    }
}

/// How many steps have happened once `step` has: its position in the script, plus one.
pub fn step_number(step: StepId) -> usize {
    Scenario::get(step.scenario())
        .script
        .iter()
        .position(|s| s.id == step)
        .map_or(0, |i| i + 1)
}

/// One part of a lesson: how long, what to do, and the screens it uses.
#[derive(Clone, Copy, Debug)]
pub struct Activity {
    pub minutes: u32,
    pub text: Key,
    pub open: &'static [Target],
}

/// What students often believe, what answers it, and where to show it.
#[derive(Clone, Copy, Debug)]
pub struct Misconception {
    pub belief: Key,
    pub answer: Key,
    pub open: Target,
}

/// A lesson plan.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The anchor on the page (`plan-mail15`).
    pub id: &'static str,
    pub explainer: Page,
    pub minutes: u32,
    pub title: Key,
    pub goals: &'static [Key],
    pub sequence: &'static [Activity],
    pub pauses: &'static [Key],
    pub misconceptions: &'static [Misconception],
}

const fn act(minutes: u32, text: Key, open: &'static [Target]) -> Activity {
    Activity {
        minutes,
        text,
        open,
    }
}

const fn myth(belief: Key, answer: Key, open: Target) -> Misconception {
    Misconception {
        belief,
        answer,
        open,
    }
}

use ScenarioId as Sc;
use Target as T;

/// The plans, mail first, short before long.
pub const PLANS: &[Plan] = &[
    {
        use k::teach::plan::mail15 as p;
        Plan {
            id: "plan-mail15",
            explainer: Page::Mail,
            minutes: 15,
            title: p::title,
            goals: &[p::goal1, p::goal2],
            sequence: &[
                act(2, p::act1, &[]),
                act(5, p::act2, &[T::Scenario(Sc::OwnCase)]),
                act(3, p::act3, &[T::Step(StepId::OwnCaseSendRefused)]),
                act(
                    5,
                    p::act4,
                    &[
                        T::Quiz(Some(Sc::OwnCase)),
                        T::Quiz(Some(Sc::SpammerRefused)),
                    ],
                ),
            ],
            pauses: &[p::pause1, p::pause2],
            misconceptions: &[
                myth(p::myth1, p::fix1, T::Step(StepId::OwnCaseSendOk)),
                myth(
                    p::myth2,
                    p::fix2,
                    T::Step(StepId::NatNeighbourNeighbourRelays),
                ),
            ],
        }
    },
    {
        use k::teach::plan::mail45 as p;
        Plan {
            id: "plan-mail45",
            explainer: Page::Mail,
            minutes: 45,
            title: p::title,
            goals: &[p::goal1, p::goal2, p::goal3],
            sequence: &[
                act(10, p::act1, &[T::Scenario(Sc::OwnCase)]),
                act(4, p::act2, &[T::Scenario(Sc::OpenRelayAbused)]),
                act(
                    5,
                    p::act3,
                    &[T::Step(StepId::SpammerRefusedSpammerMailsLocalUser)],
                ),
                act(
                    10,
                    p::act4,
                    &[
                        T::Scenario(Sc::NatNeighbour),
                        T::Scenario(Sc::IpChange),
                        T::Scenario(Sc::SendBeforeReceive),
                    ],
                ),
                act(
                    6,
                    p::act5,
                    &[
                        T::Scenario(Sc::SmtpAuthInstead),
                        T::Scenario(Sc::SubmissionToday),
                    ],
                ),
                act(5, p::act6, &[T::MailPart(Panel::Free)]),
                act(5, p::act7, &[T::Quiz(None)]),
            ],
            pauses: &[p::pause1, p::pause2, p::pause3],
            misconceptions: &[
                myth(
                    p::myth1,
                    p::fix1,
                    T::Step(StepId::SmtpAuthInsteadSendWithAuth),
                ),
                myth(
                    p::myth2,
                    p::fix2,
                    T::Step(StepId::SpammerRefusedSpammerMailsLocalUser),
                ),
                myth(p::myth3, p::fix3, T::Step(StepId::IpChangeNextHolderRelays)),
            ],
        }
    },
    {
        use k::teach::plan::cert15 as p;
        Plan {
            id: "plan-cert15",
            explainer: Page::Cert,
            minutes: 15,
            title: p::title,
            goals: &[p::goal1, p::goal2],
            sequence: &[
                act(2, p::act1, &[]),
                act(4, p::act2, &[T::Sample("valid")]),
                act(5, p::act3, &[T::Sample("expired"), T::Sample("wrong-host")]),
                act(4, p::act4, &[T::Sample("self-signed")]),
            ],
            pauses: &[p::pause1, p::pause2],
            misconceptions: &[
                myth(p::myth1, p::fix1, T::Sample("valid")),
                myth(p::myth2, p::fix2, T::Sample("expired")),
            ],
        }
    },
    {
        use k::teach::plan::cert45 as p;
        Plan {
            id: "plan-cert45",
            explainer: Page::Cert,
            minutes: 45,
            title: p::title,
            goals: &[p::goal1, p::goal2, p::goal3],
            sequence: &[
                act(5, p::act1, &[T::Sample("valid")]),
                act(8, p::act2, &[T::Sample("valid")]),
                act(
                    9,
                    p::act3,
                    &[
                        T::Sample("expired"),
                        T::Sample("wrong-host"),
                        T::Sample("self-signed"),
                    ],
                ),
                act(8, p::act4, &[T::Sample("incomplete")]),
                act(8, p::act5, &[T::Cert]),
                act(7, p::act6, &[T::MailPart(Panel::Lab)]),
            ],
            pauses: &[p::pause1, p::pause2, p::pause3],
            misconceptions: &[
                myth(p::myth1, p::fix1, T::Sample("ev")),
                myth(p::myth2, p::fix2, T::Sample("incomplete")),
                myth(p::myth3, p::fix3, T::Sample("superfish")),
            ],
        }
    },
];

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::mail::Language;
    use crate::ui::pages::cert::explain::sample;
    use crate::ui::pages::mail::model::Show;

    fn targets() -> impl Iterator<Item = (&'static str, Target)> {
        PLANS.iter().flat_map(|plan| {
            plan.sequence
                .iter()
                .flat_map(|a| a.open.iter().copied())
                .chain(plan.misconceptions.iter().map(|m| m.open))
                .map(|t| (plan.id, t))
        })
    }

    #[test]
    fn each_plan_fills_its_time_and_says_what_it_is_for() {
        for plan in PLANS {
            let total: u32 = plan.sequence.iter().map(|a| a.minutes).sum();
            assert_eq!(total, plan.minutes, "{}", plan.id);
            assert!(
                !plan.goals.is_empty() && !plan.pauses.is_empty(),
                "{}",
                plan.id
            );
            assert!(plan.misconceptions.len() >= 2, "{}", plan.id);
        }
        for explainer in [Page::Mail, Page::Cert] {
            let lengths: Vec<u32> = PLANS
                .iter()
                .filter(|p| p.explainer == explainer)
                .map(|p| p.minutes)
                .collect();
            assert_eq!(lengths, [15, 45], "{explainer:?}");
        }
    }

    #[test]
    fn every_screen_a_plan_opens_exists() {
        for (plan, target) in targets() {
            let location = target.location();
            let printed = location.to_hash();
            assert_eq!(Location::parse(&printed), location, "{plan}: {printed}");
            match target {
                Target::Sample(id) => assert!(sample(id).is_some(), "{plan}: sample {id}"),
                Target::Step(step) => {
                    // The player shows the step the plan names: after `n` steps, the last
                    // one is this one.
                    let n = step_number(step);
                    assert!(n > 0, "{plan}: {step:?}");
                    let show = Show::new(step.scenario(), Language::English);
                    assert_eq!(show.timeline.steps[n - 1].id(), Some(step), "{plan}");
                }
                Target::Scenario(_) | Target::MailPart(_) | Target::Cert | Target::Quiz(_) => {}
            }
        }
    }

    /// A misconception is answered by a screen where it visibly fails: a mail relayed with
    /// no password, and a neighbour's or new holder's mail relayed on the reader's entry.
    #[test]
    fn the_mail_misconceptions_are_answered_by_a_relayed_mail() {
        for plan in PLANS.iter().filter(|p| p.explainer == Page::Mail) {
            for m in plan.misconceptions {
                let Target::Step(step) = m.open else {
                    panic!("{}: a mail misconception opens a step", plan.id)
                };
                let show = Show::new(step.scenario(), Language::English);
                let i = step_number(step) - 1;
                let accepted = show.first_relay(i).map(|(relayed, _)| relayed);
                let local = show.decisions[i].iter().any(|d| {
                    matches!(d, crate::ui::pages::mail::model::Decision::Delivered { .. })
                });
                assert!(accepted == Some(true) || local, "{}: {step:?}", plan.id);
            }
        }
    }
}
