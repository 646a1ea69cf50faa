//! The quiz (#/quiz?scenario=…): the mail player's predict-then-reveal questions
//! ([`Show::questions`]) one after another, each with what happened before it and the
//! allowlist at that moment; after each answer, what the server did and why, with a link
//! to the step in the player; a score at the end, and an answer sheet for printing.
//! Nothing is stored or sent: the answers live in this component.

use leptos::prelude::*;

use super::scenario_title;
use crate::mail::{AllowlistEntry, ScenarioId};
use crate::ui::i18n::k;
use crate::ui::markup::Markup;
use crate::ui::pages::mail::explain::{question_text, step_text};
use crate::ui::pages::mail::model::{Question, SCENARIOS, Show, countdown, mail_language};
use crate::ui::pages::mail::player::{SCENARIO, STEP};
use crate::ui::pages::text::tr;
use crate::ui::route::{Location, Page};
use crate::ui::{Nav, use_nav};

/// One question, with what the quiz shows around it (in the reader's language).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Item {
    scenario: ScenarioId,
    question: Question,
    /// The explanations of the steps before it.
    before: Vec<String>,
    /// The explanation of the step itself: the answer's "why".
    why: String,
    /// The allowlist just before the decision, if the server keeps one.
    allowlist: Option<Vec<AllowlistEntry>>,
}

impl Item {
    /// The step in the player, just after the decision.
    fn location(&self) -> Location {
        let mut location = Location::new(Page::Mail);
        location.query.set(SCENARIO, self.scenario.code());
        location
            .query
            .set(STEP, (self.question.step + 1).to_string());
        location
    }
}

/// Every question of `scenarios`, in order.
fn items(nav: Nav, scenarios: &[ScenarioId]) -> Vec<Item> {
    let language = mail_language(nav.lang.get());
    let mut out = Vec::new();
    for &id in scenarios {
        let show = Show::new(id, language);
        let explain = |i: usize| step_text(nav, &show, i);
        let uses = show.timeline.config.policy.uses_allowlist();
        for question in show.questions() {
            let i = question.step;
            let allowlist = uses.then(|| show.allowlist_before(i));
            out.push(Item {
                scenario: id,
                before: (0..i).map(explain).collect(),
                why: explain(i),
                allowlist,
                question,
            });
        }
    }
    out
}

/// The quiz page. The question, its answer and the score are escaped markup drawn from
/// the state (the answers so far); its buttons carry `data-quiz` and one click handler
/// reads them (views per element would cost every page's first load).
#[component]
pub fn QuizPage() -> impl IntoView {
    let nav = use_nav();
    let scenario = Memo::new(move |_| {
        nav.location
            .with(|l| l.query.get(SCENARIO).and_then(ScenarioId::from_code))
    });
    let questions = Memo::new(move |_| match scenario.get() {
        Some(id) => items(nav, &[id]),
        None => items(nav, &SCENARIOS),
    });
    let state = RwSignal::new(State::default());
    Effect::new(move |_| {
        scenario.track();
        state.set(State::default());
    });
    let shown = move || questions.with(|items| state.with(|st| quiz_markup(nav, items, st)));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(action) = crate::ui::markup::delegated(&ev, "button[data-quiz]", "data-quiz")
        else {
            return;
        };
        let total = questions.with(Vec::len);
        let focus = state.try_update(|st| st.act(&action, total)).flatten();
        if let Some(id) = focus {
            focus_soon(id);
        }
    };
    let pick = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let mut next = nav.location.get_untracked();
        match ScenarioId::from_code(&value) {
            Some(id) => next.query.set(SCENARIO, id.code()),
            None => next.query.remove(SCENARIO),
        }
        nav.replace(&next);
    };

    view! {
        <h1>{tr(k::teach::quiz::heading)}</h1>
        <p class="lead">{tr(k::teach::quiz::intro)}</p>
        <p class="quiz-pick no-print">
            <label for="quiz-scenario">{tr(k::teach::quiz::scenario_label)}</label>
            " "
            <select id="quiz-scenario" on:change=pick
                inner_html=move || scenario_options(nav, scenario.get())></select>
        </p>
        <section class="quiz no-print" aria-labelledby="quiz-question" on:click=on_click
            inner_html=shown></section>
        <details class="answer-sheet">
            <summary>{tr(k::teach::quiz::sheet_heading)}</summary>
            <p>{tr(k::teach::quiz::sheet_intro)}</p>
            <p class="no-print">
                <button type="button" class="secondary" on:click=|_| { let _ = window().print(); }>
                    {tr(k::teach::quiz::print)}
                </button>
            </p>
            <div inner_html=move || sheet_markup(nav, &questions.get())></div>
        </details>
    }
}

/// Where the reader is in the quiz: the answers given (true: "it will be relayed"), and
/// whether the last one's feedback is on screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct State {
    answers: Vec<bool>,
    revealed: bool,
}

impl State {
    /// Does what a button asks (`yes`, `no`, `next`, `again`) with `total` questions;
    /// returns the id of the element to focus next.
    fn act(&mut self, action: &str, total: usize) -> Option<&'static str> {
        match action {
            "yes" | "no" if !self.revealed && self.answers.len() < total => {
                self.answers.push(action == "yes");
                self.revealed = true;
                Some("quiz-feedback")
            }
            "next" if self.revealed => {
                self.revealed = false;
                Some(if self.answers.len() >= total {
                    "quiz-score"
                } else {
                    "quiz-question"
                })
            }
            "again" => {
                *self = State::default();
                Some("quiz-question")
            }
            _ => None,
        }
    }

    /// The question on screen (being answered, or its feedback shown); `None` at the end.
    fn current(&self, total: usize) -> Option<usize> {
        let n = if self.revealed {
            self.answers.len().checked_sub(1)?
        } else {
            self.answers.len()
        };
        (n < total).then_some(n)
    }
}

/// The scenario picker's options.
fn scenario_options(nav: Nav, chosen: Option<ScenarioId>) -> String {
    let mut m = Markup::default();
    let choices = std::iter::once((None, nav.t(k::teach::quiz::all))).chain(
        SCENARIOS
            .iter()
            .map(|id| (Some(*id), scenario_title(nav, *id))),
    );
    for (id, text) in choices {
        let value = id.map(ScenarioId::code).unwrap_or_default();
        let mut attrs = vec![("value", value)];
        if id == chosen {
            attrs.push(("selected", ""));
        }
        m.element("option", &attrs, text);
    }
    m.finish()
}

/// A button the quiz's click handler knows.
fn button(m: &mut Markup, action: &str, text: &str) {
    m.element("button", &[("type", "button"), ("data-quiz", action)], text);
}

/// The question on screen with its context, or its feedback, or the score.
fn quiz_markup(nav: Nav, items: &[Item], state: &State) -> String {
    let gap = nav.lang.get().sentence_gap();
    let total = items.len();
    let mut m = Markup::default();
    let Some(n) = state.current(total) else {
        let right = state
            .answers
            .iter()
            .zip(items)
            .filter(|(guess, item)| **guess == item.question.relayed)
            .count();
        let score = nav.fill(
            k::teach::quiz::score,
            &[("right", &right.to_string()), ("total", &total.to_string())],
        );
        m.element("h2", &[("id", "quiz-score"), ("tabindex", "-1")], &score)
            .element("h3", &[], nav.t(k::teach::quiz::review));
        review(&mut m, nav, &state.answers, items);
        button(&mut m, "again", nav.t(k::teach::quiz::again));
        return m.finish();
    };
    let item = &items[n];
    let progress = nav.fill(
        k::teach::quiz::progress,
        &[("n", &(n + 1).to_string()), ("total", &total.to_string())],
    );
    let from = nav.fill(
        k::teach::quiz::from,
        &[("title", scenario_title(nav, item.scenario))],
    );
    m.element("p", &[("class", "quiz-progress")], &progress)
        .element(
            "h2",
            &[("id", "quiz-question"), ("tabindex", "-1")],
            nav.t(k::mail::predict::question),
        )
        .element("p", &[], &from)
        .open("details", &[("class", "quiz-before")])
        .element("summary", &[], nav.t(k::teach::quiz::so_far));
    if item.before.is_empty() {
        m.element("p", &[], nav.t(k::teach::quiz::nothing_yet));
    } else {
        m.open("ol", &[]);
        for text in &item.before {
            m.element("li", &[], text);
        }
        m.close("ol");
    }
    m.close("details");
    if let Some(entries) = &item.allowlist {
        m.open("div", &[("class", "quiz-allowlist")]).element(
            "h3",
            &[],
            nav.t(k::teach::quiz::allowlist_heading),
        );
        if entries.is_empty() {
            m.element("p", &[], nav.t(k::mail::allowlist::empty));
        } else {
            m.open("ul", &[]);
            for entry in entries {
                let left = countdown(entry.remaining);
                let text = nav.fill(
                    k::mail::handout::entry,
                    &[("ip", &entry.ip.to_string()), ("left", &left)],
                );
                m.element("li", &[], &text);
            }
            m.close("ul");
        }
        m.close("div");
    }
    m.open("p", &[("class", "quiz-situation")])
        .element("strong", &[], &question_text(nav, &item.question))
        .close("p");
    if state.revealed {
        let guess = state.answers.last().copied().unwrap_or_default();
        let ok = guess == item.question.relayed;
        let last = n + 1 >= total;
        m.open(
            "div",
            &[
                ("class", "quiz-feedback"),
                ("id", "quiz-feedback"),
                ("tabindex", "-1"),
            ],
        )
        .element(
            "p",
            &[("class", if ok { "feedback ok" } else { "feedback bad" })],
            &format!("{}{gap}{}", verdict(nav, ok), decision(nav, item)),
        )
        .element("p", &[], &item.why)
        .open("p", &[])
        .element(
            "a",
            &[("href", &nav.href_to(&item.location()))],
            nav.t(k::teach::quiz::see_step),
        )
        .close("p");
        let key = if last {
            k::teach::quiz::finish
        } else {
            k::teach::quiz::next
        };
        button(&mut m, "next", nav.t(key));
        m.close("div");
    } else {
        m.open("div", &[("class", "quiz-answers")]);
        button(&mut m, "yes", nav.t(k::mail::predict::yes));
        button(&mut m, "no", nav.t(k::mail::predict::no));
        m.close("div");
    }
    m.finish()
}

/// Whether a guess was right, in words (and a mark that is not the only sign of it).
fn verdict(nav: Nav, ok: bool) -> String {
    let (mark, key) = if ok {
        ("✔ ", k::mail::predict::right)
    } else {
        ("✖ ", k::mail::predict::wrong)
    };
    format!("{mark}{}", nav.t(key))
}

/// The server's decision in words.
fn decision(nav: Nav, item: &Item) -> &'static str {
    nav.t(if item.question.relayed {
        k::teach::quiz::answer_relayed
    } else {
        k::teach::quiz::answer_refused
    })
}

/// Each answer given, right or wrong, with the way to its step.
fn review(m: &mut Markup, nav: Nav, answers: &[bool], items: &[Item]) {
    let gap = nav.lang.get().sentence_gap();
    m.open("ol", &[("class", "quiz-review")]);
    for (guess, item) in answers.iter().zip(items) {
        let ok = *guess == item.question.relayed;
        let answer = nav.t(if *guess {
            k::mail::predict::yes
        } else {
            k::mail::predict::no
        });
        m.open("li", &[("class", if ok { "ok" } else { "bad" })])
            .text(&question_text(nav, &item.question))
            .text(gap)
            .element("strong", &[], &verdict(nav, ok))
            .text(gap)
            .text(&nav.fill(k::teach::quiz::your_answer, &[("answer", answer)]))
            .text(gap)
            .element(
                "a",
                &[("href", &nav.href_to(&item.location()))],
                nav.t(k::teach::quiz::see_step),
            )
            .close("li");
    }
    m.close("ol");
}

/// Every question with its answer and why.
fn sheet_markup(nav: Nav, items: &[Item]) -> String {
    let gap = nav.lang.get().sentence_gap();
    let mut m = Markup::default();
    m.open("ol", &[]);
    for item in items {
        let from = nav.fill(
            k::teach::quiz::from,
            &[("title", scenario_title(nav, item.scenario))],
        );
        m.open("li", &[])
            .open("p", &[])
            .text(&from)
            .text(gap)
            .element("strong", &[], &question_text(nav, &item.question))
            .close("p")
            .open("p", &[])
            .text(decision(nav, item))
            .text(gap)
            .text(&item.why)
            .close("p")
            .close("li");
    }
    m.close("ol");
    m.finish()
}

/// Moves focus to the element `id` once it is drawn (the question, its feedback, the
/// score), so keyboard and screen-reader users follow the quiz.
fn focus_soon(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::State;

    #[test]
    fn the_quiz_moves_only_as_its_buttons_allow() {
        let mut st = State::default();
        assert_eq!(st.current(2), Some(0));
        // "Next" before an answer does nothing.
        assert_eq!(st.act("next", 2), None);
        assert_eq!(st.act("yes", 2), Some("quiz-feedback"));
        // A second answer to the same question is ignored (a double click).
        assert_eq!(st.act("no", 2), None);
        assert_eq!((st.answers.clone(), st.current(2)), (vec![true], Some(0)));
        assert_eq!(st.act("next", 2), Some("quiz-question"));
        assert_eq!(st.act("no", 2), Some("quiz-feedback"));
        assert_eq!(st.current(2), Some(1));
        assert_eq!(st.act("next", 2), Some("quiz-score"));
        assert_eq!(st.current(2), None);
        assert_eq!(st.act("yes", 2), None);
        assert_eq!(st.act("again", 2), Some("quiz-question"));
        assert_eq!(st, State::default());
        assert_eq!(st.act("unknown", 2), None);
    }
}
