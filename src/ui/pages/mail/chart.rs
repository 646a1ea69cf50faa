//! The time chart: the scenario (or free play) as a sequence chart drawn in SVG. One lane
//! per party, time running down, each exchange an arrow at its time (a refusal is a dashed
//! arrow stopped by a cross, and says so in its label), the allowlist window of each IP a
//! band between the POP3 and SMTP lanes from the login to its expiry. The playhead is the
//! player's clock; dragging it (or using it as a slider from the keyboard) moves the
//! scenario. Choosing an arrow shows its line in the transcript. The same facts are in a
//! table beside it for screen readers and for reading.
//!
//! The geometry lives in [`geometry`] and is tested natively; this file only draws it.

pub mod geometry;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use self::geometry::{Band, Chart, Exchange, Group, HEAD, Lane, Mark};
use super::model::{self, Show};
use crate::mail::ActorId;
use crate::ui::Nav;
use crate::ui::i18n::{Key, k};
use crate::ui::pages::text::tr;
use crate::ui::use_nav;

/// A scenario's steps as the chart's groups.
pub fn groups_of_show(show: &Show) -> Vec<Group> {
    show.timeline
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| Group {
            actor: step.actor.unwrap_or(ActorId::Reader),
            events: step.events.clone(),
            first_key: show
                .lines
                .get(i)
                .and_then(|l| l.first())
                .map_or(0, |l| l.key),
        })
        .collect()
}

fn client_key(actor: ActorId) -> Key {
    match actor {
        ActorId::Reader => k::mail::chart::lane_reader,
        ActorId::NatNeighbour => k::mail::chart::lane_neighbour,
        ActorId::Spammer => k::mail::chart::lane_spammer,
        ActorId::NextHolder => k::mail::chart::lane_next_holder,
        ActorId::PasswordGuesser => k::mail::chart::lane_guesser,
    }
}

/// A lane's name: first line, second line.
fn lane_name(nav: Nav, chart: &Chart, lane: Lane) -> (String, String) {
    match lane {
        Lane::Client(actor) => {
            let ip = chart
                .client_ips
                .iter()
                .find(|(a, _)| *a == actor)
                .map(|(_, ip)| ip.to_string())
                .unwrap_or_default();
            (nav.t(client_key(actor)).to_owned(), ip)
        }
        Lane::Pop3 => (
            "POP3".to_owned(),
            nav.t(k::mail::chart::pop3_sub).to_owned(),
        ),
        Lane::Smtp => (
            "SMTP".to_owned(),
            nav.t(k::mail::chart::smtp_sub).to_owned(),
        ),
        Lane::Recipient => (
            nav.t(k::mail::chart::recipient).to_owned(),
            nav.t(k::mail::chart::recipient_sub).to_owned(),
        ),
        Lane::Allowlist(_) => (String::new(), String::new()),
    }
}

/// What a lane is called in a sentence.
fn lane_words(nav: Nav, chart: &Chart, lane: Lane) -> String {
    match lane {
        Lane::Client(actor) => nav.t(client_key(actor)).to_owned(),
        Lane::Allowlist(i) => chart
            .ips
            .get(i)
            .map(ToString::to_string)
            .unwrap_or_default(),
        other => lane_name(nav, chart, other).0,
    }
}

/// A mark in words: what happened, with the reply code.
fn mark_words(nav: Nav, mark: &Mark) -> String {
    let code = mark.code.as_str();
    match &mark.exchange {
        Exchange::PopLogin { ok: true } => nav.fill(k::mail::chart::login_ok, &[("code", code)]),
        Exchange::PopLogin { ok: false } => {
            nav.fill(k::mail::chart::login_failed, &[("code", code)])
        }
        Exchange::SmtpAuth { ok: true } => nav.fill(k::mail::chart::auth_ok, &[("code", code)]),
        Exchange::SmtpAuth { ok: false } => {
            nav.fill(k::mail::chart::auth_failed, &[("code", code)])
        }
        Exchange::Relayed { rcpt } => {
            nav.fill(k::mail::chart::relayed, &[("rcpt", rcpt), ("code", code)])
        }
        Exchange::Refused { rcpt: Some(rcpt) } => {
            nav.fill(k::mail::chart::refused, &[("rcpt", rcpt), ("code", code)])
        }
        Exchange::Refused { rcpt: None } => {
            nav.fill(k::mail::chart::refused_mail, &[("code", code)])
        }
        Exchange::Delivered { rcpt } => {
            nav.fill(k::mail::chart::delivered, &[("rcpt", rcpt), ("code", code)])
        }
        Exchange::Onward { ok: true } => nav.fill(k::mail::chart::onward_ok, &[("code", code)]),
        Exchange::Onward { ok: false } => {
            nav.fill(k::mail::chart::onward_failed, &[("code", code)])
        }
    }
}

/// A mark's full description (its accessible name and its table row).
fn mark_sentence(nav: Nav, chart: &Chart, mark: &Mark) -> String {
    let ip = mark.ip.map(|ip| ip.to_string()).unwrap_or_default();
    let key = if mark.ip.is_some() {
        k::mail::chart::mark_from_ip
    } else {
        k::mail::chart::mark
    };
    nav.fill(
        key,
        &[
            ("time", &model::clock(mark.at)),
            ("from", &lane_words(nav, chart, mark.from)),
            ("to", &lane_words(nav, chart, mark.to)),
            ("ip", &ip),
            ("what", &mark_words(nav, mark)),
        ],
    )
}

/// A band in words.
fn band_sentence(nav: Nav, chart: &Chart, band: &Band) -> String {
    let ip = chart
        .ips
        .get(band.ip)
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut text = nav.fill(
        k::mail::chart::band,
        &[
            ("ip", &ip),
            ("from", &model::clock(band.from)),
            ("until", &model::clock(band.until)),
        ],
    );
    if !band.refreshed.is_empty() {
        let times: Vec<String> = band.refreshed.iter().map(|t| model::clock(*t)).collect();
        text.push_str(&nav.fill(
            k::mail::chart::band_refreshed,
            &[("times", &times.join(nav.t(k::punct::list)))],
        ));
    }
    text
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// One arrow, focusable; Enter, Space or a click shows its line in the transcript.
fn mark_view(
    nav: Nav,
    chart: &Chart,
    mark: &Mark,
    on_pick: Callback<u64>,
) -> impl IntoView + use<> {
    let y = chart.mark_y(mark);
    let (x1, x2) = (chart.x(mark.from) + 6.0, chart.x(mark.to) - 6.0);
    let refused = mark.exchange.refused();
    let sentence = mark_sentence(nav, chart, mark);
    let mut label = format!("{} {}", mark.label(), if refused { "✖" } else { "✔" });
    // A client whose address changed since the lane's heading: the arrow says from where.
    if let (Lane::Client(actor), Some(ip)) = (mark.from, mark.ip)
        && !chart.client_ips.contains(&(actor, ip))
    {
        label.push_str(&format!(" · {ip}"));
    }
    let key = mark.line_key;
    let pick = move || {
        if let Some(key) = key {
            on_pick.run(key);
        }
    };
    let end = if refused { x2 - 10.0 } else { x2 };
    let head = if refused {
        // A cross where the arrow is stopped.
        let (cx, s) = (x2 - 4.0, 5.0);
        format!(
            "M{} {}L{} {}M{} {}L{} {}",
            fmt(cx - s),
            fmt(y - s),
            fmt(cx + s),
            fmt(y + s),
            fmt(cx - s),
            fmt(y + s),
            fmt(cx + s),
            fmt(y - s)
        )
    } else {
        format!(
            "M{} {}L{} {}L{} {}Z",
            fmt(x2),
            fmt(y),
            fmt(x2 - 8.0),
            fmt(y - 4.0),
            fmt(x2 - 8.0),
            fmt(y + 4.0)
        )
    };
    let lx = fmt(x1 + 4.0);
    view! {
        <g
            class="mark"
            class:refused=refused
            tabindex="0"
            role="button"
            aria-label=sentence
            on:click=move |_| pick()
            on:keydown=move |ev: ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    ev.stop_propagation();
                    pick();
                }
            }
        >
            <rect class="hit" x=fmt(x1) y=fmt(y - 9.0) width=fmt((x2 - x1).max(1.0)) height="18"/>
            <line class="arrow" x1=fmt(x1) y1=fmt(y) x2=fmt(end) y2=fmt(y)/>
            <path class="head" d=head/>
            <text class="mark-label" x=lx y=fmt(y - 3.0)>{label}</text>
        </g>
    }
}

/// The time chart. `reveal` is (steps begun, lines of the last shown); `playhead` the
/// clock (ms) and whether the moment's exchanges have happened. With `on_seek` the
/// playhead is a control (seconds); without it, it only shows "now".
#[component]
pub fn TimeChart(
    /// The chart.
    #[prop(into)]
    chart: Signal<Chart>,
    /// How much has happened: steps begun, lines of the last one shown.
    #[prop(into)]
    reveal: Signal<(usize, usize)>,
    /// The clock, ms, and whether the exchanges at that moment have happened.
    #[prop(into)]
    playhead: Signal<(u64, bool)>,
    /// The reader moved the playhead to this many seconds (none: it cannot be moved).
    #[prop(optional)]
    on_seek: Option<Callback<u64>>,
    /// The reader chose an arrow: the key of its transcript line.
    on_pick: Callback<u64>,
    /// A prefix that keeps element ids unique on the page.
    id: &'static str,
) -> impl IntoView {
    let nav = use_nav();
    let title_id = format!("{id}-chart-title");
    let desc_id = format!("{id}-chart-desc");
    let labelled = title_id.clone();
    let described = desc_id.clone();
    let dragging = StoredValue::new(false);
    let width = move || chart.with(Chart::width);
    let height = move || chart.with(Chart::height);
    let bands = Memo::new(move |_| {
        let (done, shown) = reveal.get();
        chart.with(|c| c.bands(done, shown))
    });
    let head_y = Memo::new(move |_| {
        let (t, after) = playhead.get();
        chart.with(|c| c.playhead_y(t, after))
    });

    // Pointer → time, in the chart's own units (the SVG may be scaled by CSS). The target,
    // not the current target: Leptos delegates events to the document.
    let time_at = move |ev: &ev::PointerEvent| -> Option<u64> {
        let svg = ev
            .target()?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("svg")
            .ok()??;
        let rect = svg.get_bounding_client_rect();
        if rect.height() <= 0.0 {
            return None;
        }
        let scale = height() / rect.height();
        let y = (f64::from(ev.client_y()) - rect.top()) * scale;
        Some(chart.with(|c| c.t_near(y)))
    };
    let seek_to = move |t: u64| {
        if let Some(seek) = on_seek {
            seek.run(t / 1000);
        }
    };
    let on_down = move |ev: ev::PointerEvent| {
        if on_seek.is_none() {
            return;
        }
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        dragging.set_value(true);
        ev.prevent_default();
        if let Some(t) = time_at(&ev) {
            seek_to(t);
        }
    };
    let on_move = move |ev: ev::PointerEvent| {
        if dragging.get_value()
            && let Some(t) = time_at(&ev)
        {
            seek_to(t);
        }
    };
    let on_up = move |_: ev::PointerEvent| dragging.set_value(false);
    // The keyboard: the playhead is a slider over the chart's moments.
    let on_key = move |ev: ev::KeyboardEvent| {
        let (t, _) = playhead.get_untracked();
        let moments: Vec<u64> = chart.with_untracked(|c| c.moments().collect());
        let target = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" | "PageDown" => moments.iter().copied().find(|m| *m > t),
            "ArrowUp" | "ArrowLeft" | "PageUp" => moments.iter().rev().copied().find(|m| *m < t),
            "Home" => moments.first().copied(),
            "End" => moments.last().copied(),
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(t) = target {
            seek_to(t);
        }
    };
    let movable = on_seek.is_some();

    view! {
        <figure class="time-chart" data-testid=format!("{id}-chart")>
            <figcaption class="sr-only">{tr(k::mail::chart::title)}</figcaption>
            <div class="chart-scroll">
                <svg
                    class="chart"
                    width=move || fmt(width())
                    height=move || fmt(height())
                    viewBox=move || format!("0 0 {} {}", fmt(width()), fmt(height()))
                    role="group"
                    aria-labelledby=labelled
                    aria-describedby=described
                >
                    <title id=title_id>{tr(k::mail::chart::title)}</title>
                    <desc id=desc_id>{tr(k::mail::chart::desc)}</desc>
                    // Lanes and their names.
                    {move || chart.with(|c| {
                        c.lanes
                            .iter()
                            .map(|lane| {
                                let (left, w) = c.lane_span(*lane);
                                let x = c.x(*lane);
                                let bottom = c.height() - 8.0;
                                let (name, sub) = lane_name(nav, c, *lane);
                                let is_band = matches!(lane, Lane::Allowlist(_));
                                view! {
                                    <g class="lane" class:allow-lane=is_band aria-hidden="true">
                                        <rect class="lane-bg" x=fmt(left + 2.0) y=fmt(HEAD - 4.0) width=fmt(w - 4.0) height=fmt(bottom - HEAD + 4.0)/>
                                        {(!is_band).then(|| view! {
                                            <line class="lane-line" x1=fmt(x) y1=fmt(HEAD - 4.0) x2=fmt(x) y2=fmt(bottom)/>
                                            <text class="lane-name" x=fmt(x) y="14">{name}</text>
                                            <text class="lane-sub" x=fmt(x) y="28">{sub}</text>
                                        })}
                                    </g>
                                }
                            })
                            .collect_view()
                    })}
                    // The allowlist's name over its columns.
                    {move || chart.with(|c| {
                        let first = c.lanes.iter().find(|l| matches!(l, Lane::Allowlist(_)))?;
                        let (left, _) = c.lane_span(*first);
                        let n = c.ips.len();
                        #[allow(clippy::cast_precision_loss)]
                        let mid = left + n as f64 * geometry::BAND / 2.0;
                        Some(view! {
                            <text class="lane-name allow-name" x=fmt(mid) y="14" aria-hidden="true">
                                {nav.t(k::mail::chart::allowlist)}
                            </text>
                        })
                    })}
                    // The time axis.
                    {move || chart.with(|c| {
                        c.knots
                            .iter()
                            .map(|knot| {
                                let y = knot.y;
                                let brk = knot.broken.then(|| {
                                    let by = y - geometry::MIN_GAP / 2.0;
                                    view! {
                                        <path class="axis-break" d=format!("M8 {}L20 {}M8 {}L20 {}", fmt(by - 1.0), fmt(by - 5.0), fmt(by + 4.0), fmt(by))/>
                                    }
                                });
                                view! {
                                    <g class="tick" aria-hidden="true">
                                        {brk}
                                        <line class="tick-line" x1=fmt(geometry::AXIS - 6.0) y1=fmt(y) x2=fmt(c.width() - 8.0) y2=fmt(y)/>
                                        <text class="tick-label" x=fmt(geometry::AXIS - 8.0) y=fmt(y + 4.0)>{model::clock(knot.t)}</text>
                                    </g>
                                }
                            })
                            .collect_view()
                    })}
                    // The allowlist windows.
                    {move || {
                        let list = bands.get();
                        chart.with(|c| {
                            list.iter()
                                .map(|band| {
                                    let (left, w) = c.lane_span(Lane::Allowlist(band.ip));
                                    let (top, bottom) = (c.y(band.from), c.y(band.until));
                                    let ip = c.ips.get(band.ip).map(ToString::to_string).unwrap_or_default();
                                    let refreshes = band
                                        .refreshed
                                        .iter()
                                        .map(|t| {
                                            let y = c.y(*t);
                                            view! { <line class="refresh" x1=fmt(left + 2.0) y1=fmt(y) x2=fmt(left + w - 2.0) y2=fmt(y)/> }
                                        })
                                        .collect_view();
                                    let cx = left + w / 2.0;
                                    view! {
                                        <g class="band" role="img" aria-label=band_sentence(nav, c, band)>
                                            <rect class="band-rect" x=fmt(left + 3.0) y=fmt(top) width=fmt(w - 6.0) height=fmt((bottom - top).max(1.0))/>
                                            {refreshes}
                                            <line class="band-end" x1=fmt(left) y1=fmt(bottom) x2=fmt(left + w) y2=fmt(bottom)/>
                                            <text class="band-ip" x=fmt(cx) y=fmt(top + 4.0) transform=format!("rotate(90 {} {})", fmt(cx), fmt(top + 4.0))>{ip}</text>
                                        </g>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                    // The exchanges that have happened.
                    {move || {
                        let (done, shown) = reveal.get();
                        chart.with(|c| {
                            c.marks
                                .iter()
                                .filter(|m| m.seen.visible(done, shown))
                                .map(|m| mark_view(nav, c, m, on_pick))
                                .collect_view()
                        })
                    }}
                    // The playhead.
                    <g
                        class="playhead"
                        class:movable=movable
                        transform=move || format!("translate(0 {})", fmt(head_y.get()))
                        tabindex=movable.then_some("0")
                        role=if movable { "slider" } else { "img" }
                        aria-label=move || if movable { nav.t(k::mail::chart::playhead).to_owned() } else {
                            nav.fill(k::mail::chart::now, &[("time", &model::clock(playhead.get().0))])
                        }
                        aria-orientation=movable.then_some("vertical")
                        aria-valuemin=movable.then_some("0")
                        aria-valuemax=move || movable.then(|| (chart.with(|c| c.end) / 1000).to_string())
                        aria-valuenow=move || movable.then(|| (playhead.get().0 / 1000).to_string())
                        aria-valuetext=move || movable.then(|| model::clock(playhead.get().0))
                        on:pointerdown=on_down
                        on:pointermove=on_move
                        on:pointerup=on_up
                        on:pointercancel=on_up
                        on:keydown=on_key
                    >
                        <rect class="playhead-hit" x="0" y="-10" width=move || fmt(width()) height="20"/>
                        <line class="playhead-line" x1=fmt(geometry::AXIS - 6.0) y1="0" x2=move || fmt(width() - 8.0) y2="0"/>
                        <path class="playhead-knob" d="M2 -7L14 0L2 7Z"/>
                    </g>
                </svg>
            </div>
            <ChartTable chart reveal bands=bands.into()/>
        </figure>
    }
}

/// The chart's facts as tables, folded away.
#[component]
fn ChartTable(
    chart: Signal<Chart>,
    reveal: Signal<(usize, usize)>,
    bands: Signal<Vec<Band>>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <details class="chart-table">
            <summary>{tr(k::mail::chart::as_table)}</summary>
            <table>
                <caption>{tr(k::mail::chart::exchanges_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(k::mail::chart::col_time)}</th>
                        <th scope="col">{tr(k::mail::chart::col_from)}</th>
                        <th scope="col">{tr(k::mail::chart::col_to)}</th>
                        <th scope="col">{tr(k::mail::chart::col_what)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let (done, shown) = reveal.get();
                        chart.with(|c| {
                            c.marks
                                .iter()
                                .filter(|m| m.seen.visible(done, shown))
                                .map(|m| view! {
                                    <tr class:refused=m.exchange.refused()>
                                        <td>{model::clock(m.at)}</td>
                                        <td>{lane_words(nav, c, m.from)}{m.ip.map(|ip| format!(" ({ip})"))}</td>
                                        <td>{lane_words(nav, c, m.to)}</td>
                                        <td>{if m.exchange.refused() { "✖ " } else { "✔ " }}{mark_words(nav, m)}</td>
                                    </tr>
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
            <table>
                <caption>{tr(k::mail::chart::bands_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(k::mail::chart::col_ip)}</th>
                        <th scope="col">{tr(k::mail::chart::col_listed)}</th>
                        <th scope="col">{tr(k::mail::chart::col_until)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let list = bands.get();
                        chart.with(|c| {
                            list.iter()
                                .map(|b| view! {
                                    <tr>
                                        <td>{c.ips.get(b.ip).map(ToString::to_string)}</td>
                                        <td>{model::clock(b.from)}</td>
                                        <td>{model::clock(b.until)}</td>
                                    </tr>
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
        </details>
    }
}
