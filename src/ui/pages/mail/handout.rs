//! The printed handout: the current scenario as a static, annotated sequence of steps,
//! each with its explanation, its transcript lines and the allowlist as it stands after
//! the step, after the whole scenario as a time chart. On screen only a "Print handout"
//! button shows; the sequence is `.print-only`.

use leptos::prelude::*;

use super::chart::geometry::Chart;
use super::chart::{frame_markup, groups_of_show, marks_markup};
use super::model::{self, Show};
use crate::ui::i18n::k;
use crate::ui::markup::list;
use crate::ui::pages::text::tr;
use crate::ui::use_nav;

/// The "Print handout" button and the sequence the printer gets.
#[component]
pub fn Handout(
    /// The scenario being shown, run and prepared.
    show: Memo<Show>,
) -> impl IntoView {
    let nav = use_nav();
    let chart = Memo::new(move |_| show.with(|s| Chart::build(&groups_of_show(s), s.end)));
    let print = move |_| {
        let _ = window().print();
    };
    let steps = move || {
        show.with(|s| {
            let total = s.timeline.steps.len();
            s.timeline
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    let explain = super::explain::step_text(nav, s, i);
                    let heading = nav.fill(
                        k::mail::handout::step_heading,
                        &[
                            ("n", &(i + 1).to_string()),
                            ("total", &total.to_string()),
                            ("time", &model::clock(step.at.0)),
                        ],
                    );
                    // Each encoded line of a sample mail is followed by its text.
                    let lines: Vec<String> = s
                        .lines
                        .get(i)
                        .map(|ls| {
                            ls.iter()
                                .flat_map(|l| {
                                    let text = l.decoded.map(|text| {
                                        nav.fill(k::mail::transcript::decoded, &[("text", text)])
                                    });
                                    std::iter::once(l.prefixed()).chain(text)
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    let allowlist: Vec<String> = step
                        .allowlist
                        .iter()
                        .map(|e| {
                            nav.fill(
                                k::mail::handout::entry,
                                &[
                                    ("ip", &e.ip.to_string()),
                                    ("left", &model::clock(e.remaining)),
                                ],
                            )
                        })
                        .collect();
                    view! {
                        <section class="handout-step">
                            <h3>{heading}</h3>
                            <p>{explain}</p>
                            {(!lines.is_empty()).then(|| view! { <pre class="handout-lines">{lines.join("\n")}</pre> })}
                            <p class="handout-allowlist">
                                <strong>{nav.t(k::mail::handout::allowlist)}{nav.t(k::punct::colon)}</strong>
                                {if allowlist.is_empty() {
                                    nav.t(k::mail::handout::allowlist_empty).to_owned()
                                } else {
                                    allowlist.join(nav.t(k::punct::list))
                                }}
                            </p>
                        </section>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <p class="no-print">
            <button type="button" class="secondary" on:click=print>
                {tr(k::mail::handout::print_button)}
            </button>
            " "{tr(k::mail::handout::print_note)}
        </p>
        <div class="print-only handout">
            <h2>
                {move || nav.t(k::mail::handout::heading)}{tr(k::punct::colon)}
                {move || show.with(|s| nav.t(s.timeline.scenario.and_then(model::scenario_key).unwrap_or(k::mail::recording::title)))}
            </h2>
            {move || show.with(|s| s.timeline.scenario.and_then(model::scenario_intro_key).map(|key| view! { <p>{nav.t(key)}</p> }))}
            // The whole scenario as a time chart: the same markup as on screen, everything
            // shown, no playhead.
            <svg
                class="chart handout-chart"
                viewBox=move || chart.with(|c| list(&[0.0, 0.0, c.width(), c.height()]))
                role="img"
                aria-label=tr(k::mail::chart::title)
                inner_html=move || {
                    let _ = nav.lang.get();
                    chart.with(|c| {
                        let bands = c.bands(usize::MAX, usize::MAX);
                        frame_markup(nav, c) + &marks_markup(nav, c, &bands, usize::MAX, usize::MAX)
                    })
                }
            ></svg>
            {steps}
        </div>
    }
}
