//! The mail explainer (#/mail): POP before SMTP, run rather than described.
//!
//! The page turns the mail engine's output into pictures and words and holds no protocol
//! logic: [`model`] prepares a scenario's timeline for showing (pure, tested natively);
//! [`player::Player`] plays it (clock, controls, deep links); [`free_play::FreePlay`]
//! drives a [`Lab`](crate::mail::Lab) from buttons and a console. The pieces they share:
//! [`diagram::Diagram`], [`transcript::Transcript`] and [`allowlist::AllowlistView`].
//! Free play, the time chart, the handout and the recordings may arrive after the rest
//! ([`later`]).

use leptos::prelude::*;

use crate::ui::pages::text::tr;

use crate::ui::i18n::k;
use crate::ui::pages::glossary::{MAIL_TERMS, TermLink};
use crate::ui::route::Page;
use crate::ui::use_nav;

pub mod allowlist;
pub mod chart;
pub mod controls;
pub mod diagram;
pub mod explain;
pub mod free_play;
pub mod handout;
pub mod later;
pub mod model;
pub mod player;
pub mod preset;
pub mod recording;
pub mod transcript;

/// The page's shortcuts, for the `?` dialog (crate::ui::keys): the player's (they work
/// while the focus is inside it), then the time chart's.
pub const SHORTCUTS: &[crate::ui::i18n::Key] = &[
    k::mail::player::shortcuts_note,
    k::mail::player::shortcut_play,
    k::mail::player::shortcut_step,
    k::mail::player::shortcut_speed,
    k::mail::player::shortcut_expiry,
    k::mail::player::shortcut_home,
    k::mail::chart::key_playhead,
    k::mail::chart::key_arrow,
];

/// The mail explainer page: every part, or those a teacher's link names
/// ([`preset::PANELS`]).
#[component]
pub fn MailPage(
    /// How the page gets its later parts ([`later`]).
    fetch: later::Fetch,
) -> impl IntoView {
    let nav = use_nav();
    later::Later::provide(fetch);
    let panels = Memo::new(move |_| {
        nav.location
            .with(|l| preset::Panels::parse(l.query.get(preset::PANELS)))
    });
    let shows = move |panel| panels.get().shows(panel);
    view! {
        <h1>{tr(k::mail::heading)}</h1>
        <p class="lead">{tr(k::mail::lead)}</p>
        <section class="mail-answer" aria-labelledby="mail-answer-heading">
            <h2 id="mail-answer-heading">{tr(k::mail::answer_heading)}</h2>
            <p>{tr(k::mail::answer)}</p>
        </section>
        <nav class="term-links" aria-labelledby="mail-terms-label">
            <p id="mail-terms-label">{tr(k::mail::terms_label)}</p>
            <ul>
                {MAIL_TERMS
                    .iter()
                    .map(|term| view! { <li><TermLink term=*term/></li> })
                    .collect_view()}
            </ul>
        </nav>
        <Show when=move || shows(preset::Panel::Player)>
            <player::Player chart=Signal::derive(move || shows(preset::Panel::Chart))/>
        </Show>
        <Show when=move || shows(preset::Panel::Free)>
            {later::part(|parts| (parts.free_play)(), true)}
        </Show>
        <Show when=move || shows(preset::Panel::Now)>
            <ThenAndNow/>
        </Show>
        <Show when=move || shows(preset::Panel::Lab)>
            <RealLab/>
        </Show>
    }
}

/// mail-lab: the same engine as a real server, and the TLS lesson that leads to the
/// padlock page (examples/mail-lab, the README's "TLS" section).
#[component]
fn RealLab() -> impl IntoView {
    let nav = use_nav();
    view! {
        <section class="real-lab" aria-labelledby="real-lab-heading">
            <h2 id="real-lab-heading">{tr(k::mail::lab::heading)}</h2>
            <p>{tr(k::mail::lab::intro)}</p>
            <p>{tr(k::mail::lab::tls)}</p>
            <h3 id="real-lab-steps">{tr(k::mail::lab::steps_label)}</h3>
            <ol aria-labelledby="real-lab-steps">
                <li>{tr(k::mail::lab::step1)}</li>
                <li>{tr(k::mail::lab::step2)}</li>
                <li>{tr(k::mail::lab::step3)}</li>
                <li>{tr(k::mail::lab::step4)}</li>
            </ol>
            <p><a href=move || nav.href(Page::Cert)>{tr(k::mail::lab::cert_link)}</a></p>
        </section>
    }
}

/// What providers did then and what to set in a mail program now.
#[component]
fn ThenAndNow() -> impl IntoView {
    view! {
        <section class="then-now" aria-labelledby="then-now-heading">
            <h2 id="then-now-heading">{tr(k::mail::now::heading)}</h2>
            <p>{tr(k::mail::now::then)}</p>
            <p>{tr(k::mail::now::now1)}</p>
            <p>{tr(k::mail::now::now2)}</p>
            <p>{tr(k::mail::now::now3)}</p>
        </section>
    }
}
