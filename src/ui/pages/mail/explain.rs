//! What the player says about the step on screen: its number, its explanation, whether
//! the reader's prediction was right, and the question before a relay decision.

use leptos::prelude::*;

use super::model::{self, Question, Show};
use crate::mail::scenario::StepKind;
use crate::mail::{ConnKind, EventKind};
use crate::ui::i18n::k;
use crate::ui::pages::text::tr;
use crate::ui::{Nav, use_nav};

/// What step `i` of `show` says: a scripted step's explanation; for a recorded session,
/// who connected to which service from where, and how the client named itself.
pub fn step_text(nav: Nav, show: &Show, i: usize) -> String {
    let Some(step) = show.timeline.steps.get(i) else {
        return String::new();
    };
    match &step.what {
        StepKind::Scripted(id) => {
            let values = model::reader_values(&show.timeline);
            let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            nav.fill(model::step_key(*id), &values)
        }
        StepKind::Session(session) => {
            let key = match (&session.kind, session.implicit_tls) {
                (ConnKind::ClientPop3, false) => k::mail::recording::session_pop3,
                (ConnKind::ClientPop3, true) => k::mail::recording::session_pop3s,
                (ConnKind::ClientSmtp, _) => k::mail::recording::session_smtp,
                (ConnKind::ClientSubmission | ConnKind::ServerToRecipient { .. }, false) => {
                    k::mail::recording::session_submission
                }
                (ConnKind::ClientSubmission | ConnKind::ServerToRecipient { .. }, true) => {
                    k::mail::recording::session_submissions
                }
            };
            let mut text = nav.fill(key, &[("ip", &session.client_ip.to_string())]);
            let named = match (&session.agent, &session.helo) {
                (Some(agent), _) => {
                    Some(nav.fill(k::mail::recording::named_agent, &[("agent", agent)]))
                }
                (None, Some(helo)) => {
                    Some(nav.fill(k::mail::recording::named_helo, &[("helo", helo)]))
                }
                (None, None) => None,
            };
            if let Some(named) = named {
                text.push_str(nav.lang.get().sentence_gap());
                text.push_str(&named);
            }
            text
        }
        StepKind::Expiry => {
            let ips: Vec<String> = step
                .events
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::AllowlistExpired { ip, .. } => Some(ip.to_string()),
                    _ => None,
                })
                .collect();
            let list = ips.join(nav.t(k::punct::list));
            nav.fill(k::mail::recording::expiry, &[("ips", &list)])
        }
    }
}

/// The explanation of the step on screen.
#[component]
pub fn StepExplain(
    /// `(n, total)` once a step has happened.
    #[prop(into)]
    count: Signal<Option<(usize, usize)>>,
    /// The step's explanation (or the "nothing yet" text).
    #[prop(into)]
    text: Signal<String>,
    /// Whether the reader's prediction for this step was right, if one was made.
    #[prop(into)]
    feedback: Signal<Option<bool>>,
    /// What to say once it is over (the scenario's end or the recording's), if it is.
    #[prop(into)]
    ended: Signal<Option<crate::ui::i18n::Key>>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="step-explain">
            <p class="step-count">
                {move || {
                    count
                        .get()
                        .map(|(n, total)| {
                            nav.fill(
                                k::mail::player::step_of,
                                &[("n", &n.to_string()), ("total", &total.to_string())],
                            )
                        })
                        .unwrap_or_default()
                }}
            </p>
            <p class="step-text" aria-live="polite" data-testid="step-text">
                {move || text.get()}
            </p>
            {move || {
                feedback.get().map(|right| view! {
                    <p class="feedback" class:ok=right class:bad=!right>
                        <span aria-hidden="true">{if right { "✔ " } else { "✖ " }}</span>
                        {if right { nav.t(k::mail::predict::right) } else { nav.t(k::mail::predict::wrong) }}
                    </p>
                })
            }}
            {move || ended.get().map(|key| view! {
                <p class="ended">{nav.t(key)}</p>
            })}
        </div>
    }
}

/// The question in words: "Next, the reader sends mail to … at 02:00."
pub fn question_text(nav: crate::ui::Nav, q: &Question) -> String {
    nav.fill(
        k::mail::predict::context,
        &[
            (
                "who",
                model::actor_key(q.who)
                    .map(|key| nav.t(key))
                    .unwrap_or_default(),
            ),
            ("rcpt", &q.rcpt),
            ("time", &model::clock(q.at)),
        ],
    )
}

/// The "predict first" switch and, when the player waits for one, the question.
#[component]
pub fn PredictPanel(
    /// Whether the player stops to ask.
    enabled: RwSignal<bool>,
    /// The question waiting for an answer, if any.
    #[prop(into)]
    question: Signal<Option<Question>>,
    /// The reader answered (true: "it will be relayed").
    on_answer: Callback<bool>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="predict">
            <label for="predict-toggle">
                <input
                    type="checkbox"
                    id="predict-toggle"
                    prop:checked=move || enabled.get()
                    on:change:target=move |ev| enabled.set(ev.target().checked())
                />
                {tr(k::mail::predict::toggle)}
            </label>
            {move || question.get().map(|q| view! {
                <div class="question" role="group" aria-labelledby="predict-question">
                    <p id="predict-question">
                        <strong>{nav.t(k::mail::predict::question)}</strong>
                        " "
                        {question_text(nav, &q)}
                    </p>
                    <button type="button" on:click=move |_| on_answer.run(true)>
                        {nav.t(k::mail::predict::yes)}
                    </button>
                    " "
                    <button type="button" on:click=move |_| on_answer.run(false)>
                        {nav.t(k::mail::predict::no)}
                    </button>
                </div>
            })}
        </div>
    }
}
