//! The player's controls, each a component that takes what it shows and reports what the
//! reader did: the scenario picker, the transport buttons and speeds, the time scrubber
//! and the list of keyboard shortcuts.

use leptos::prelude::*;

use super::model::{self, SCENARIOS, SPEEDS};
use crate::mail::{Era, ScenarioId};
use crate::ui::i18n::k;
use crate::ui::pages::text::tr;
use crate::ui::use_nav;

/// The scenario picker with the chosen scenario's introduction.
#[component]
pub fn ScenarioPicker(
    /// The scenario on screen.
    #[prop(into)]
    scenario: Signal<ScenarioId>,
    /// The reader chose another one.
    on_pick: Callback<ScenarioId>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="player-pick">
            <label for="scenario-pick">{tr(k::mail::player::scenario_label)}</label>
            <select
                id="scenario-pick"
                prop:value=move || scenario.get().code()
                on:change:target=move |ev| {
                    if let Some(id) = ScenarioId::from_code(&ev.target().value()) {
                        on_pick.run(id);
                    }
                }
            >
                {SCENARIOS
                    .into_iter()
                    .map(|id| {
                        view! {
                            <option value=id.code() selected=move || scenario.get() == id>
                                {move || model::scenario_key(id).map(|key| nav.t(key))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="scenario-intro">
                {move || model::scenario_intro_key(scenario.get()).map(|key| nav.t(key))}
            </p>
            <p class="scenario-server" data-testid="scenario-server">
                {move || {
                    let flavour = scenario.get().flavour();
                    let era = match flavour.era() {
                        Era::Y2001 => nav.t(k::mail::player::era_2001),
                        Era::Today => nav.t(k::mail::player::era_today),
                    };
                    nav.fill(
                        k::mail::player::server,
                        &[
                            ("smtp", flavour.smtp_server().product()),
                            ("pop3", flavour.pop3_server().product()),
                            ("era", era),
                        ],
                    )
                }}
            </p>
        </div>
    }
}

/// What the transport buttons do.
#[derive(Clone, Copy)]
pub struct Transport {
    /// Back to the start.
    pub restart: Callback<()>,
    /// Previous step.
    pub back: Callback<()>,
    /// Play or pause.
    pub toggle: Callback<()>,
    /// Next step.
    pub forward: Callback<()>,
    /// Jump to the next expiry.
    pub expiry: Callback<()>,
    /// Choose a speed.
    pub speed: Callback<u64>,
}

/// The transport buttons and the speed choice.
#[component]
pub fn Controls(
    /// Whether the clock runs.
    #[prop(into)]
    playing: Signal<bool>,
    /// Whether there is a step to go back to.
    #[prop(into)]
    can_back: Signal<bool>,
    /// Whether there is more to show.
    #[prop(into)]
    can_forward: Signal<bool>,
    /// Whether an allowlist entry is live (so it can run out).
    #[prop(into)]
    can_expire: Signal<bool>,
    /// The speed chosen.
    #[prop(into)]
    speed: Signal<u64>,
    /// What the buttons do.
    transport: Transport,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="controls" role="group" aria-label=tr(k::mail::player::region)>
            <button type="button" class="secondary" on:click=move |_| transport.restart.run(())>
                <span aria-hidden="true">"« "</span>
                {tr(k::mail::player::restart)}
            </button>
            <button
                type="button"
                class="secondary"
                on:click=move |_| transport.back.run(())
                disabled=move || !can_back.get()
            >
                <span aria-hidden="true">"‹ "</span>
                {tr(k::mail::player::back)}
            </button>
            <button
                type="button"
                class="play"
                on:click=move |_| transport.toggle.run(())
                data-testid="play"
            >
                {move || if playing.get() {
                    view! { <span aria-hidden="true">"❚❚ "</span> {nav.t(k::mail::player::pause)} }.into_any()
                } else {
                    view! { <span aria-hidden="true">"▶ "</span> {nav.t(k::mail::player::play)} }.into_any()
                }}
            </button>
            <button
                type="button"
                class="secondary"
                on:click=move |_| transport.forward.run(())
                disabled=move || !can_forward.get()
            >
                {tr(k::mail::player::forward)}
                <span aria-hidden="true">" ›"</span>
            </button>
            <button
                type="button"
                class="secondary"
                on:click=move |_| transport.expiry.run(())
                disabled=move || !can_expire.get()
            >
                <span aria-hidden="true">"» "</span>
                {tr(k::mail::player::expiry)}
            </button>
            <div class="speed" role="group" aria-labelledby="speed-label">
                <span id="speed-label">{tr(k::mail::player::speed_label)}</span>
                {SPEEDS
                    .into_iter()
                    .map(|s| {
                        view! {
                            <button
                                type="button"
                                class="secondary speed-button"
                                aria-pressed=move || if speed.get() == s { "true" } else { "false" }
                                on:click=move |_| transport.speed.run(s)
                            >
                                {move || nav.fill(k::mail::player::speed_value, &[("n", &s.to_string())])}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// The time slider (keyboard-operable: no dragging needed).
#[component]
pub fn Scrubber(
    /// Simulated seconds now.
    #[prop(into)]
    t_secs: Signal<u64>,
    /// Simulated seconds at the end.
    #[prop(into)]
    end_secs: Signal<u64>,
    /// The reader moved to this many seconds.
    on_seek: Callback<u64>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="scrubber">
            <label for="scrubber">{tr(k::mail::player::scrubber)}</label>
            <input
                id="scrubber"
                type="range"
                min="0"
                max=move || end_secs.get().to_string()
                step="15"
                prop:value=move || t_secs.get().to_string()
                aria-valuetext=move || model::clock(t_secs.get() * 1000)
                on:input:target=move |ev| {
                    if let Ok(secs) = ev.target().value().parse::<u64>() {
                        on_seek.run(secs);
                    }
                }
            />
            <output for="scrubber" class="clock">
                {move || nav.fill(k::mail::player::clock, &[("time", &model::clock(t_secs.get() * 1000))])}
            </output>
        </div>
    }
}

/// The keyboard shortcuts, folded away.
#[component]
pub fn Shortcuts() -> impl IntoView {
    view! {
        <details class="shortcuts">
            <summary>{tr(k::mail::player::shortcuts_heading)}</summary>
            <p>{tr(k::mail::player::shortcuts_note)}</p>
            <ul>
                <li>{tr(k::mail::player::shortcut_play)}</li>
                <li>{tr(k::mail::player::shortcut_step)}</li>
                <li>{tr(k::mail::player::shortcut_speed)}</li>
                <li>{tr(k::mail::player::shortcut_expiry)}</li>
                <li>{tr(k::mail::player::shortcut_home)}</li>
            </ul>
        </details>
    }
}
