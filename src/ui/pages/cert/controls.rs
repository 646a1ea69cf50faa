//! Controls that change the verdict live: the site being visited and the "as of" date
//! (a slider and a date field, so no dragging is needed). Both live in the URL.

use leptos::prelude::*;

use super::tr;

use super::explain::{date_of, parse_at};
use super::{AT, HOST, use_cert};
use crate::ui::i18n::k;
use crate::ui::use_nav;

const DAY: i64 = 86_400;

/// The controls section.
#[component]
pub fn Controls() -> impl IntoView {
    let nav = use_nav();
    let state = use_cert();

    // The slider spans every certificate's validity and today, with a month either side.
    let range = Memo::new(move |_| {
        state.parsed.with(|a| {
            let mut low = state.now;
            let mut high = state.now;
            if let Some(a) = a {
                for c in a.certificates() {
                    low = low.min(c.not_before.seconds());
                    high = high.max(c.not_after.seconds());
                }
            }
            // Whole days, a month of margin; at most 60 years, so odd dates stay usable.
            let low = (low - 30 * DAY).max(state.now - 60 * 365 * DAY);
            let high = (high + 30 * DAY).min(state.now + 60 * 365 * DAY);
            (low.div_euclid(DAY), high.div_euclid(DAY))
        })
    });
    let day = move || state.at.get().div_euclid(DAY);
    let set_day = move |d: i64| state.set_query(AT, Some(&date_of(d * DAY)));

    let host_status = move || {
        state.report.with(|r| {
            let r = r.as_ref()?;
            Some(match &r.host {
                None => nav.t(k::cert::controls::host_none).to_owned(),
                Some(h) if !h.valid => {
                    nav.fill(k::cert::controls::host_invalid, &[("host", &h.input)])
                }
                Some(h) => match &h.matched_by {
                    Some(name) => nav.fill(k::cert::controls::host_matched, &[("name", name)]),
                    None => nav.fill(k::cert::controls::host_mismatch, &[("host", &h.ascii)]),
                },
            })
        })
    };
    let at_text = move || {
        state.report.with(|r| {
            r.as_ref().map(|r| {
                let shown = super::explain::utc_text(r.at);
                nav.fill(k::cert::controls::at_shown, &[("date", &shown)])
            })
        })
    };

    // A date in the link that is no date (`at=2026-13-45`): say so, rather than quietly
    // judging as of today. At most 40 characters of it are shown back.
    let at_unreadable = move || {
        nav.location.with(|l| {
            let given = l.query.get(AT)?;
            if parse_at(given).is_some() {
                return None;
            }
            let shown: String = given.chars().take(40).collect();
            Some(nav.fill(k::cert::controls::at_unreadable, &[("given", &shown)]))
        })
    };

    view! {
        <section class="cert-controls" aria-labelledby="cert-controls-h">
            <h2 id="cert-controls-h">{tr(k::cert::controls::heading)}</h2>
            <div class="control">
                <label for="cert-host">{tr(k::cert::controls::host_label)}</label>
                <input
                    id="cert-host"
                    type="text"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="cert-host-hint cert-host-status"
                    prop:value=move || state.host.get().unwrap_or_default()
                    on:input:target=move |ev| state.set_query(HOST, Some(ev.target().value().trim()))
                />
                <p id="cert-host-hint" class="hint">{tr(k::cert::controls::host_hint)}</p>
                <p id="cert-host-status" class="control-status" role="status">{host_status}</p>
            </div>
            <div class="control">
                <label for="cert-at">{tr(k::cert::controls::at_label)}</label>
                <div class="input-row">
                    <input
                        id="cert-at"
                        type="date"
                        prop:value=move || date_of(state.at.get())
                        on:change:target=move |ev| {
                            if let Some(t) = parse_at(&ev.target().value()) {
                                state.set_query(AT, Some(&date_of(t)));
                            }
                        }
                    />
                    <button type="button" on:click=move |_| state.set_query(AT, None)>
                        {tr(k::cert::controls::today)}
                    </button>
                </div>
                <label for="cert-at-slider" class="slider-label">{tr(k::cert::controls::at_slider)}</label>
                <input
                    id="cert-at-slider"
                    type="range"
                    step="1"
                    min=move || range.get().0.to_string()
                    max=move || range.get().1.to_string()
                    prop:value=move || day().to_string()
                    aria-valuetext=move || date_of(state.at.get())
                    on:input:target=move |ev| {
                        if let Ok(d) = ev.target().value().parse::<i64>() {
                            set_day(d);
                        }
                    }
                />
                <p class="control-status" role="status">{at_text}</p>
                {move || at_unreadable().map(|text| view! {
                    <p id="cert-at-unreadable" class="control-status warn" role="status">{text}</p>
                })}
            </div>
        </section>
    }
}
