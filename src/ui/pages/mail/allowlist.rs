//! The allowlist: each IP with a live countdown (mm:ss and a bar) in a `role="timer"`
//! element, and a polite live region that speaks only at milestones (added, one minute
//! left, expired), so screen readers are not flooded every second.

use leptos::prelude::*;

use crate::ui::pages::text::tr;

use super::model::{self, Milestone, Phases};
use crate::mail::AllowlistEntry;
use crate::ui::i18n::k;
use crate::ui::use_nav;

/// The allowlist panel.
#[component]
pub fn AllowlistView(
    /// The live entries, with their remaining time.
    #[prop(into)]
    entries: Signal<Vec<AllowlistEntry>>,
    /// The window length in ms (the full bar).
    #[prop(into)]
    window: Signal<u64>,
    /// Whether the server's policy uses an allowlist at all.
    #[prop(into)]
    used: Signal<bool>,
    /// A prefix that keeps element ids unique on the page.
    id: &'static str,
) -> impl IntoView {
    let nav = use_nav();
    let phases = Memo::new(move |_| model::phases(&entries.get()));
    // (phases, text): the text changes only when a milestone happens.
    let announcement = Memo::new(move |prev: Option<&(Phases, String)>| {
        let now = phases.get();
        let before = prev.map(|p| p.0.clone()).unwrap_or_default();
        let found = model::milestones(&before, &now, &entries.get_untracked());
        if found.is_empty() {
            return (now, prev.map(|p| p.1.clone()).unwrap_or_default());
        }
        let text = found
            .iter()
            .map(|m| match m {
                Milestone::Added(ip, minutes) => nav.fill(
                    k::mail::allowlist::added,
                    &[("ip", &ip.to_string()), ("minutes", &minutes.to_string())],
                ),
                Milestone::LastMinute(ip) => {
                    nav.fill(k::mail::allowlist::last_minute, &[("ip", &ip.to_string())])
                }
                Milestone::Expired(ip) => {
                    nav.fill(k::mail::allowlist::expired, &[("ip", &ip.to_string())])
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        (now, text)
    });
    let heading_id = format!("{id}-allowlist");
    view! {
        <div class="allowlist">
            <h3 id=heading_id>{tr(k::mail::allowlist::heading)}</h3>
            <p class="allowlist-intro">{tr(k::mail::allowlist::intro)}</p>
            {move || {
                if !used.get() {
                    return view! {
                        <p class="allowlist-empty">{nav.t(k::mail::allowlist::not_used)}</p>
                    }
                        .into_any();
                }
                let list = entries.get();
                if list.is_empty() {
                    return view! {
                        <p class="allowlist-empty">
                            <span aria-hidden="true">"∅ "</span>
                            {nav.t(k::mail::allowlist::empty)}
                        </p>
                    }
                        .into_any();
                }
                let window = window.get().max(1);
                view! {
                    <ul class="allowlist-entries">
                        {list
                            .into_iter()
                            .map(|e| {
                                let percent = (e.remaining.min(window) * 100 / window).to_string();
                                let last = e.remaining <= 60_000;
                                view! {
                                    <li class="allowlist-entry" class:last-minute=last>
                                        <span class="allowlist-ip">
                                            {nav.fill(
                                                k::mail::allowlist::entry,
                                                &[("ip", &e.ip.to_string()), ("user", &e.user)],
                                            )}
                                        </span>
                                        <span class="allowlist-timer" role="timer">
                                            {nav.fill(
                                                k::mail::allowlist::remaining,
                                                &[("time", &model::countdown(e.remaining))],
                                            )}
                                        </span>
                                        <span class="bar" aria-hidden="true">
                                            <span
                                                class="bar-fill"
                                                style:width=format!("{percent}%")
                                            ></span>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p class="sr-only" aria-live="polite" data-testid=format!("{id}-announcer")>
                {move || announcement.with(|a| a.1.clone())}
            </p>
        </div>
    }
}
