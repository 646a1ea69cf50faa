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
use crate::ui::markup::{Markup, list, px};
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
        Exchange::PopLogin { ok: true, .. } => {
            nav.fill(k::mail::chart::login_ok, &[("code", code)])
        }
        Exchange::PopLogin { ok: false, .. } => {
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

/// The lanes, their names and the time axis: drawn once per chart and language.
pub fn frame_markup(nav: Nav, chart: &Chart) -> String {
    let mut m = Markup::default();
    let bottom = px(chart.height() - 8.0).to_string();
    let head = px(HEAD - 4.0).to_string();
    for lane in &chart.lanes {
        let (left, w) = chart.lane_span(*lane);
        let x = px(chart.x(*lane)).to_string();
        let is_band = matches!(lane, Lane::Allowlist(_));
        m.open(
            "g",
            &[("class", if is_band { "lane allow-lane" } else { "lane" })],
        );
        m.leaf(
            "rect",
            &[
                ("class", "lane-bg"),
                ("x", &px(left + 2.0).to_string()),
                ("y", &head),
                ("width", &px(w - 4.0).to_string()),
                ("height", &px(chart.height() - 8.0 - HEAD + 4.0).to_string()),
            ],
        );
        if !is_band {
            let (name, sub) = lane_name(nav, chart, *lane);
            m.leaf(
                "line",
                &[
                    ("class", "lane-line"),
                    ("x1", &x),
                    ("y1", &head),
                    ("x2", &x),
                    ("y2", &bottom),
                ],
            );
            m.element(
                "text",
                &[("class", "lane-name"), ("x", &x), ("y", "14")],
                &name,
            );
            m.element(
                "text",
                &[("class", "lane-sub"), ("x", &x), ("y", "28")],
                &sub,
            );
        }
        m.close("g");
    }
    // The allowlist's name over its columns.
    if let Some(first) = chart.lanes.iter().find(|l| matches!(l, Lane::Allowlist(_))) {
        let (left, _) = chart.lane_span(*first);
        #[allow(clippy::cast_precision_loss)]
        let mid = left + chart.ips.len() as f64 * geometry::BAND / 2.0;
        m.element(
            "text",
            &[
                ("class", "lane-name allow-name"),
                ("x", &px(mid).to_string()),
                ("y", "14"),
            ],
            nav.t(k::mail::chart::allowlist),
        );
    }
    // The time axis: a tick at every moment, a break where a pause is drawn shortened.
    let (from, to) = (
        px(geometry::AXIS - 6.0).to_string(),
        px(chart.width() - 8.0).to_string(),
    );
    let label_x = px(geometry::AXIS - 8.0).to_string();
    for knot in &chart.knots {
        let y = px(knot.y);
        m.open("g", &[("class", "tick")]);
        if knot.broken {
            let by = px(knot.y - geometry::MIN_GAP / 2.0);
            let d = format!("M8 {}L20 {}M8 {}L20 {}", by - 1, by - 5, by + 4, by);
            m.leaf("path", &[("class", "axis-break"), ("d", &d)]);
        }
        let ys = y.to_string();
        m.leaf(
            "line",
            &[
                ("class", "tick-line"),
                ("x1", &from),
                ("y1", &ys),
                ("x2", &to),
                ("y2", &ys),
            ],
        );
        m.element(
            "text",
            &[
                ("class", "tick-label"),
                ("x", &label_x),
                ("y", &(y + 4).to_string()),
            ],
            &model::clock(knot.t),
        );
        m.close("g");
    }
    m.finish()
}

/// The allowlist windows and the exchanges that have happened. An arrow is focusable and
/// carries its transcript line's key (`data-key`); the chart's handlers act on it.
pub fn marks_markup(nav: Nav, chart: &Chart, bands: &[Band], done: usize, shown: usize) -> String {
    let mut m = Markup::default();
    for band in bands {
        let (left, w) = chart.lane_span(Lane::Allowlist(band.ip));
        let (top, bottom) = (px(chart.y(band.from)), px(chart.y(band.until)));
        let (l, r) = (px(left), px(left + w));
        let ip = chart
            .ips
            .get(band.ip)
            .map(ToString::to_string)
            .unwrap_or_default();
        m.open(
            "g",
            &[
                ("class", "band"),
                ("role", "img"),
                ("aria-label", &band_sentence(nav, chart, band)),
            ],
        );
        m.leaf(
            "rect",
            &[
                ("class", "band-rect"),
                ("x", &(l + 3).to_string()),
                ("y", &top.to_string()),
                ("width", &(r - l - 6).to_string()),
                ("height", &(bottom - top).max(1).to_string()),
            ],
        );
        for t in &band.refreshed {
            let y = px(chart.y(*t)).to_string();
            m.leaf(
                "line",
                &[
                    ("class", "refresh"),
                    ("x1", &(l + 2).to_string()),
                    ("y1", &y),
                    ("x2", &(r - 2).to_string()),
                    ("y2", &y),
                ],
            );
        }
        let b = bottom.to_string();
        m.leaf(
            "line",
            &[
                ("class", "band-end"),
                ("x1", &l.to_string()),
                ("y1", &b),
                ("x2", &r.to_string()),
                ("y2", &b),
            ],
        );
        let (cx, ty) = (px(left + w / 2.0), top + 4);
        m.element(
            "text",
            &[
                ("class", "band-ip"),
                ("x", &cx.to_string()),
                ("y", &ty.to_string()),
                ("transform", &format!("rotate(90 {cx} {ty})")),
            ],
            &ip,
        );
        m.close("g");
    }
    for mark in chart.marks.iter().filter(|m| m.seen.visible(done, shown)) {
        mark_markup(&mut m, nav, chart, mark);
    }
    m.finish()
}

/// One arrow: solid with a head when the server said yes; dashed and stopped by a cross
/// when it refused (shape and words, not colour alone).
fn mark_markup(m: &mut Markup, nav: Nav, chart: &Chart, mark: &Mark) {
    let y = px(chart.mark_y(mark));
    let (x1, x2) = (px(chart.x(mark.from) + 6.0), px(chart.x(mark.to) - 6.0));
    let refused = mark.exchange.refused();
    let mut label = format!("{} {}", mark.label(), if refused { "✖" } else { "✔" });
    // A client whose address changed since the lane's heading: the arrow says from where.
    if let (Lane::Client(actor), Some(ip)) = (mark.from, mark.ip)
        && !chart.client_ips.contains(&(actor, ip))
    {
        label.push_str(" · ");
        label.push_str(&ip.to_string());
    }
    let (end, head) = if refused {
        let c = x2 - 4;
        (
            x2 - 10,
            format!(
                "M{} {}L{} {}M{} {}L{} {}",
                c - 5,
                y - 5,
                c + 5,
                y + 5,
                c - 5,
                y + 5,
                c + 5,
                y - 5
            ),
        )
    } else {
        (
            x2,
            format!("M{x2} {y}L{} {}L{} {}Z", x2 - 8, y - 4, x2 - 8, y + 4),
        )
    };
    let key = mark.line_key.map(|k| k.to_string()).unwrap_or_default();
    let ys = y.to_string();
    m.open(
        "g",
        &[
            ("class", if refused { "mark refused" } else { "mark" }),
            ("tabindex", "0"),
            ("role", "button"),
            ("data-key", &key),
            ("aria-label", &mark_sentence(nav, chart, mark)),
        ],
    );
    m.leaf(
        "rect",
        &[
            ("class", "hit"),
            ("x", &x1.to_string()),
            ("y", &(y - 9).to_string()),
            ("width", &(x2 - x1).max(1).to_string()),
            ("height", "18"),
        ],
    );
    m.leaf(
        "line",
        &[
            ("class", "arrow"),
            ("x1", &x1.to_string()),
            ("y1", &ys),
            ("x2", &end.to_string()),
            ("y2", &ys),
        ],
    );
    m.leaf("path", &[("class", "head"), ("d", &head)]);
    m.element(
        "text",
        &[
            ("class", "mark-label"),
            ("x", &(x1 + 4).to_string()),
            ("y", &(y - 3).to_string()),
        ],
        &label,
    );
    m.close("g");
}

/// The chart's facts as two tables: the exchanges so far, then the windows.
fn tables_markup(nav: Nav, chart: &Chart, bands: &[Band], done: usize, shown: usize) -> String {
    use k::mail::chart as t;
    let texts =
        |keys: &[Key]| -> Vec<&'static str> { keys.iter().map(|key| nav.t(*key)).collect() };
    let exchanges = chart
        .marks
        .iter()
        .filter(|m| m.seen.visible(done, shown))
        .map(|mark| {
            let from = match mark.ip {
                Some(ip) => format!(
                    "{}{}{ip}{}",
                    lane_words(nav, chart, mark.from),
                    nav.t(k::punct::open),
                    nav.t(k::punct::close)
                ),
                None => lane_words(nav, chart, mark.from),
            };
            let sign = if mark.exchange.refused() {
                "✖ "
            } else {
                "✔ "
            };
            [
                model::clock(mark.at),
                from,
                lane_words(nav, chart, mark.to),
                format!("{sign}{}", mark_words(nav, mark)),
            ]
        });
    let windows = bands.iter().map(|band| {
        let ip = chart
            .ips
            .get(band.ip)
            .map(ToString::to_string)
            .unwrap_or_default();
        [ip, model::clock(band.from), model::clock(band.until)]
    });
    let mut m = Markup::default();
    m.open("table", &[])
        .element("caption", &[], nav.t(t::exchanges_caption))
        .table_body(
            &texts(&[t::col_time, t::col_from, t::col_to, t::col_what]),
            exchanges,
            false,
        )
        .close("table");
    m.open("table", &[])
        .element("caption", &[], nav.t(t::bands_caption))
        .table_body(
            &texts(&[t::col_ip, t::col_listed, t::col_until]),
            windows,
            false,
        )
        .close("table");
    m.finish()
}

/// The element an event happened on, or its nearest ancestor matching `selector`.
fn closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
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
    let width = move || px(chart.with(Chart::width)).to_string();
    let height = move || px(chart.with(Chart::height)).to_string();
    let bands = Memo::new(move |_| {
        let (done, shown) = reveal.get();
        chart.with(|c| c.bands(done, shown))
    });
    let head_y = Memo::new(move |_| {
        let (t, after) = playhead.get();
        px(chart.with(|c| c.playhead_y(t, after)))
    });
    let frame = move || {
        let _ = nav.lang.get();
        chart.with(|c| frame_markup(nav, c))
    };
    let marks = Memo::new(move |_| {
        let _ = nav.lang.get();
        let (done, shown) = reveal.get();
        bands.with(|b| chart.with(|c| marks_markup(nav, c, b, done, shown)))
    });
    // The tables are written only while the reader has them open (or the page is printed):
    // a closed `<details>` shows nothing to anyone, and rewriting them at every step of
    // free play was a tenth of a click's work.
    let tables_open = RwSignal::new(false);
    let printing = crate::ui::app::use_printing();
    let tables = Memo::new(move |_| {
        if !tables_open.get() && !printing.get() {
            return String::new();
        }
        let _ = nav.lang.get();
        let (done, shown) = reveal.get();
        bands.with(|b| chart.with(|c| tables_markup(nav, c, b, done, shown)))
    });

    // Pointer → time, in the chart's own units (the SVG may be scaled by CSS). The target,
    // not the current target: Leptos delegates events to the document.
    let time_at = move |ev: &ev::PointerEvent| -> Option<u64> {
        let svg = closest(ev, "svg")?;
        let rect = svg.get_bounding_client_rect();
        if rect.height() <= 0.0 {
            return None;
        }
        let scale = chart.with(Chart::height) / rect.height();
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
        if let Some(el) = closest(&ev, ".playhead") {
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
    let on_head_key = move |ev: ev::KeyboardEvent| {
        let (t, _) = playhead.get_untracked();
        let moments: Vec<u64> = chart.with_untracked(|c| c.moments().collect());
        // KeyboardEvent.key, compared in lower case (as the player's shortcuts are).
        let target = match ev.key().to_ascii_lowercase().as_str() {
            "arrowdown" | "arrowright" | "pagedown" => moments.iter().copied().find(|m| *m > t),
            "arrowup" | "arrowleft" | "pageup" => moments.iter().rev().copied().find(|m| *m < t),
            "home" => moments.first().copied(),
            "end" => moments.last().copied(),
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        if let Some(t) = target {
            seek_to(t);
        }
    };
    // An arrow: a click, or Enter or Space while it has the focus.
    let pick_from = move |ev: &web_sys::Event| {
        let key = closest(ev, "[data-key]")
            .and_then(|el| el.get_attribute("data-key"))
            .and_then(|k| k.parse().ok());
        if let Some(key) = key {
            on_pick.run(key);
        }
    };
    let on_mark_key = move |ev: ev::KeyboardEvent| {
        let key = ev.key().to_ascii_lowercase();
        if (key == "enter" || key == " ") && closest(&ev, "[data-key]").is_some() {
            ev.prevent_default();
            ev.stop_propagation();
            pick_from(&ev);
        }
    };
    let movable = on_seek.is_some();
    // The marks are redrawn whole as the scenario plays: an arrow that had the focus gets it
    // back in its new drawing, so a keyboard user reading the chart is not thrown out.
    let focused: StoredValue<Option<String>> = StoredValue::new(None);
    let marks_group = NodeRef::<leptos::svg::G>::new();
    let on_focus_in = move |ev: ev::FocusEvent| {
        focused.set_value(closest(&ev, "[data-key]").and_then(|el| el.get_attribute("data-key")));
    };
    let on_focus_out = move |ev: ev::FocusEvent| {
        // Leaving for somewhere else on the page (not a redraw, which has no next target).
        if ev.related_target().is_some() {
            focused.set_value(None);
        }
    };
    Effect::new(move |_| {
        marks.track();
        let Some(key) = focused.get_value() else {
            return;
        };
        let Some(group) = marks_group.get() else {
            return;
        };
        let lost = document()
            .active_element()
            .is_none_or(|el| el.tag_name().eq_ignore_ascii_case("body"));
        if lost
            && let Ok(Some(el)) = group.query_selector(&format!("[data-key=\"{key}\"]"))
            && let Ok(el) = el.dyn_into::<web_sys::SvgElement>()
        {
            let _ = el.focus();
        }
    });

    view! {
        <figure class="time-chart" data-testid=format!("{id}-chart")>
            <figcaption class="sr-only">{tr(k::mail::chart::title)}</figcaption>
            <div class="chart-scroll">
                <svg
                    class="chart"
                    width=width
                    height=height
                    viewBox=move || chart.with(|c| list(&[0.0, 0.0, c.width(), c.height()]))
                    role="group"
                    aria-labelledby=labelled
                    aria-describedby=described
                >
                    <title id=title_id>{tr(k::mail::chart::title)}</title>
                    <desc id=desc_id>{tr(k::mail::chart::desc)}</desc>
                    <g class="chart-frame" aria-hidden="true" inner_html=frame></g>
                    <g
                        class="chart-marks"
                        node_ref=marks_group
                        on:focusin=on_focus_in
                        on:focusout=on_focus_out
                        inner_html=move || marks.get()
                        on:click=move |ev| pick_from(&ev)
                        on:keydown=on_mark_key
                    ></g>
                    <g
                        class="playhead"
                        class:movable=movable
                        transform=move || format!("translate(0 {})", head_y.get())
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
                        on:keydown=on_head_key
                    >
                        <rect class="playhead-hit" x="0" y="-10" width=width height="20"/>
                        <line class="playhead-line" x1=px(geometry::AXIS - 6.0) y1="0" x2=move || px(chart.with(Chart::width) - 8.0) y2="0"/>
                        <path class="playhead-knob" d="M2 -7L14 0L2 7Z"/>
                    </g>
                </svg>
            </div>
            <details
                class="chart-table"
                on:toggle:target=move |ev| tables_open.set(ev.target().open())
            >
                <summary>{tr(k::mail::chart::as_table)}</summary>
                <div class="chart-tables" inner_html=move || tables.get()></div>
            </details>
        </figure>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::mail::{Language, ScenarioId};
    use crate::ui::i18n::Lang;
    use crate::ui::route::Location;

    fn nav() -> Nav {
        let (location, _) = signal(Location::parse("#/mail?lang=en"));
        Nav {
            location,
            lang: Memo::new(|_| Lang::En),
        }
    }

    #[test]
    fn the_markup_draws_what_has_happened_at_the_charts_scale() {
        let nav = nav();
        let show = Show::new(ScenarioId::OwnCase, Language::English);
        let chart = Chart::build(&groups_of_show(&show), show.end);
        let bands = chart.bands(4, usize::MAX);
        let out = marks_markup(nav, &chart, &bands, 4, usize::MAX);
        // Two windows' worth of steps: one band so far, four arrows, one refused.
        assert_eq!(out.matches("class=\"band\"").count(), 1);
        assert_eq!(out.matches("role=\"button\"").count(), 4);
        assert_eq!(out.matches("class=\"mark refused\"").count(), 1);
        let band_top = format!("y=\"{}\"", px(chart.y(0)));
        let band_height = format!("height=\"{}\"", px(chart.y(600_000)) - px(chart.y(0)));
        assert!(
            out.contains(&band_top) && out.contains(&band_height),
            "{out}"
        );
        let refused = &chart.marks[3];
        assert!(out.contains(&format!("data-key=\"{}\"", refused.line_key.unwrap())));
        assert!(out.contains("RCPT 554 ✖"));
        // Addresses in angle brackets would be markup; the builder escapes every value.
        assert!(!out.contains("<taro"));
        let tables = tables_markup(nav, &chart, &bands, 4, usize::MAX);
        // A heading row and four exchanges; a heading row and one window.
        assert_eq!(tables.matches("<tr>").count(), 7);
        assert!(tables.contains("<td>203.0.113.7</td><td>00:00</td><td>10:00</td>"));
        assert!(tables.contains("<caption>Exchanges so far</caption>"));
        let frame = frame_markup(nav, &chart);
        assert!(frame.contains(">Your PC</text>") && frame.contains(">10:00</text>"));
    }
}
