//! The padlock page's two pictures, inline SVG drawn from the engine's typed output:
//!
//! - the validity chart: each certificate of the chain as a bar from not-before to
//!   not-after on one time axis, the "as of" date as a line the reader drags (the slider
//!   and the date field in `controls.rs` stay as the keyboard path), today marked;
//! - the chain graph: certificates as boxes, each signature an arrow from a certificate to
//!   its issuer with the algorithm and the check, the trust anchor marked, a missing
//!   issuer as a dashed gap with its download address.
//!
//! Where things go is computed in `geometry.rs` (tested natively); here they are only
//! drawn. Meaning is never told by colour alone: a failing bar is hatched and labelled, a
//! failed signature has its symbol and words. Each chart has a title, a description, a
//! focusable mark per certificate (or signature) with its words, and a table beside it.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use super::chain::{role, status_key};
use super::explain::{date_of, utc_text};
use super::geometry::{self as geo, GraphGeometry, ValidityGeometry};
use super::{AT, tr, use_cert};
use crate::cert::findings::FindingKind;
use crate::cert::session::Parsed;
use crate::cert::{AnchorSource, Issuer, Report, SignatureStatus, ValidityStatus};
use crate::ui::Nav;
use crate::ui::i18n::{Key, k};
use crate::ui::markup::{Markup, list, n};
use crate::ui::use_nav;

/// More certificates than this in the input, and the graph gives way to the cards.
const GRAPH_LIMIT: usize = 8;

/// The symbols beside words that pass or fail (never colour alone).
const PASS: &str = "✓";
const FAIL: &str = "✗";

/// The symbol shown beside a status's words.
fn validity_symbol(status: ValidityStatus) -> &'static str {
    match status {
        ValidityStatus::Valid => PASS,
        _ => FAIL,
    }
}

/// The width a chart's box had when last measured, one per chart (their boxes need not be
/// as wide): a chart drawn for a new input starts at it, so it is not drawn twice.
type LastWidth = std::thread::LocalKey<std::cell::Cell<i32>>;

thread_local! {
    static VALIDITY_WIDTH: std::cell::Cell<i32> = const { std::cell::Cell::new(640) };
    static GRAPH_WIDTH: std::cell::Cell<i32> = const { std::cell::Cell::new(640) };
}

/// The width of the box around a chart (the charts are laid out for it, text staying at its
/// size), told by a `ResizeObserver` once the browser has laid the page out, and whenever
/// it changes. Reading `clientWidth` right after drawing instead made the browser lay out
/// the whole page at once, inside the task that drew the answer (about 20 ms for a root
/// bundle's page). Whole pixels: a signal of `f64` would bring float printing into the
/// page's module.
fn track_width(holder: NodeRef<html::Div>, last: &'static LastWidth) -> ReadSignal<i32> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let (width, set_width) = signal(last.with(std::cell::Cell::get));
    // Called once the page is laid out, so reading the width forces nothing.
    let told = Closure::<dyn FnMut()>::new(move || {
        let Some(w) = holder
            .try_get_untracked()
            .flatten()
            .map(|div| div.client_width())
        else {
            return;
        };
        if w > 0 && width.try_get_untracked().is_some_and(|now| now != w) {
            last.with(|cell| cell.set(w));
            set_width.set(w);
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(told.as_ref().unchecked_ref()) else {
        return width;
    };
    let kept = StoredValue::new_local((observer, told));
    Effect::new(move |_| {
        if let Some(div) = holder.get() {
            kept.with_value(|(observer, _)| observer.observe(&div));
        }
    });
    on_cleanup(move || {
        kept.try_with_value(|(observer, _)| observer.disconnect());
    });
    width
}

/// The left edge and width of an element on screen.
fn left_and_width(element: &web_sys::Element) -> Option<(f64, f64)> {
    let rect = element.get_bounding_client_rect();
    (rect.width() > 0.0).then(|| (rect.left(), rect.width()))
}

/// One bar of the validity chart.
#[derive(Clone, Debug, PartialEq)]
struct Bar {
    index: usize,
    role: Key,
    name: String,
    from: i64,
    to: i64,
    status: ValidityStatus,
}

fn bars_of(parsed: &Parsed, report: &Report) -> Vec<Bar> {
    report
        .chain
        .iter()
        .enumerate()
        .filter_map(|(position, &index)| {
            let cert = parsed.certificates().get(index)?;
            Some(Bar {
                index,
                role: role(parsed, report, position),
                name: cert.short_name().to_owned(),
                from: cert.not_before.seconds(),
                to: cert.not_after.seconds(),
                status: report
                    .validity
                    .get(index)
                    .copied()
                    .unwrap_or(ValidityStatus::Valid),
            })
        })
        .collect()
}

/// The inside of the validity chart: title, description, hatching, bars, lines, axis.
fn validity_markup(nav: Nav, bars: &[Bar], g: &ValidityGeometry, at: i64, now: i64) -> String {
    let at_date = date_of(at);
    let mut m = Markup::default();
    m.element(
        "title",
        &[("id", "validity-title")],
        nav.t(k::cert::charts::validity_title),
    );
    let count = bars.len().to_string();
    let desc = nav.fill(
        k::cert::charts::validity_desc,
        &[
            ("n", &count),
            ("from", &date_of(g.scale.start)),
            ("to", &date_of(g.scale.end)),
            ("at", &at_date),
            ("today", &date_of(now)),
        ],
    );
    m.element("desc", &[("id", "validity-desc")], &desc);
    m.open("defs", &[]);
    m.open(
        "pattern",
        &[
            ("id", "cert-hatch"),
            ("width", "6"),
            ("height", "6"),
            ("patternUnits", "userSpaceOnUse"),
            ("patternTransform", "rotate(45)"),
        ],
    );
    m.leaf(
        "rect",
        &[("class", "hatch-ground"), ("width", "6"), ("height", "6")],
    );
    m.leaf("line", &[("class", "hatch-line"), ("y2", "6")]);
    m.close("pattern");
    m.close("defs");
    for (bar, place) in bars.iter().zip(&g.bars) {
        let (status_word, _) = status_key(bar.status);
        let (status_name, classes): (_, &[&str]) = match bar.status {
            ValidityStatus::Valid => ("valid", &["vrow"]),
            ValidityStatus::Expired => ("expired", &["vrow", "fail"]),
            ValidityStatus::NotYetValid => ("not-yet-valid", &["vrow", "fail"]),
        };
        let class = classes.join(" ");
        let status = format!("{} {}", validity_symbol(bar.status), nav.t(status_word));
        let room = g.width - 2.0 * geo::PAD - geo::text_width(&status) - 12.0;
        let label = nav.fill(
            k::cert::charts::bar_label,
            &[
                ("role", nav.t(bar.role)),
                ("name", &bar.name),
                ("from", &utc_text(crate::cert::UnixTime(bar.from))),
                ("to", &utc_text(crate::cert::UnixTime(bar.to))),
                ("at", &at_date),
                ("status", nav.t(status_word)),
            ],
        );
        let index = bar.index.to_string();
        m.open(
            "g",
            &[
                ("class", &class),
                ("data-cert", &index),
                ("data-status", status_name),
                ("tabindex", "0"),
                ("role", "img"),
                ("aria-label", &label),
            ],
        );
        let (left, right, y) = (n(geo::PAD), n(g.width - geo::PAD), n(place.label_y));
        m.element(
            "text",
            &[("class", "vname"), ("x", &left), ("y", &y)],
            &geo::fit(&bar.name, room),
        );
        m.element(
            "text",
            &[
                ("class", "vstatus"),
                ("x", &right),
                ("y", &y),
                ("text-anchor", "end"),
            ],
            &status,
        );
        m.leaf(
            "rect",
            &[
                ("class", "vbar"),
                ("x", &n(place.x)),
                ("y", &n(place.y)),
                ("width", &n(place.width.max(geo::MIN_BAR))),
                ("height", &n(geo::BAR)),
                ("rx", "3"),
            ],
        );
        m.close("g");
    }
    let line = |m: &mut Markup, class: &str, x1: f64, x2: f64, y1: f64, y2: f64| {
        m.leaf(
            "line",
            &[
                ("class", class),
                ("x1", &n(x1)),
                ("x2", &n(x2)),
                ("y1", &n(y1)),
                ("y2", &n(y2)),
            ],
        );
    };
    let anchor = |end: bool| if end { "end" } else { "start" };
    line(
        &mut m,
        "axis",
        g.scale.left,
        g.scale.right,
        g.axis_y,
        g.axis_y,
    );
    let tick_y = n(g.tick_label_y);
    for t in &g.ticks {
        line(&mut m, "tick", t.x, t.x, g.axis_y, g.axis_y + 5.0);
        let x = n(t.x);
        m.element(
            "text",
            &[
                ("class", "tick-label"),
                ("x", &x),
                ("y", &tick_y),
                ("text-anchor", "middle"),
            ],
            &t.label,
        );
    }
    line(
        &mut m,
        "now-line",
        g.now_x,
        g.now_x,
        g.lines_top,
        g.axis_y + 5.0,
    );
    let today = nav.fill(k::cert::charts::today_line, &[("date", &date_of(now))]);
    let (x, end) = geo::label_beside(g.now_x, geo::text_width(&today), g.width);
    m.element(
        "text",
        &[
            ("class", "now-label"),
            ("x", &n(x)),
            ("y", &n(g.today_label_y)),
            ("text-anchor", anchor(end)),
        ],
        &today,
    );
    m.open("g", &[("class", "at-mark"), ("aria-hidden", "true")]);
    line(
        &mut m,
        "at-line",
        g.at_x,
        g.at_x,
        g.lines_top - 8.0,
        g.axis_y,
    );
    let handle = list(&[
        g.at_x - 6.0,
        g.lines_top - 8.0,
        g.at_x + 6.0,
        g.lines_top - 8.0,
        g.at_x,
        g.lines_top,
    ]);
    m.leaf("polygon", &[("class", "at-handle"), ("points", &handle)]);
    let at_text = nav.fill(k::cert::charts::at_line, &[("date", &at_date)]);
    let (x, end) = geo::label_beside(g.at_x, geo::text_width(&at_text), g.width);
    m.element(
        "text",
        &[
            ("class", "at-label"),
            ("x", &n(x)),
            ("y", &n(g.at_label_y)),
            ("text-anchor", anchor(end)),
        ],
        &at_text,
    );
    m.close("g");
    m.finish()
}

/// The inside of a chart's table: a header row, then one row per mark, its first cell
/// the row's header.
fn table_markup(head: &[String; 4], rows: &[[String; 4]]) -> String {
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut m = Markup::default();
    m.table_body(&head, rows, true);
    m.finish()
}

/// The validity chart, with its table.
#[component]
pub fn ValidityChart() -> impl IntoView {
    let nav = use_nav();
    let state = use_cert();
    let holder = NodeRef::<html::Div>::new();
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let width = track_width(holder, &VALIDITY_WIDTH);
    // Recomputed where read (a few bars: cheaper in the page's module than memos).
    let bars = move || -> Vec<Bar> {
        let (Some(report), Some(parsed)) = (state.report.get(), state.parsed.get()) else {
            return Vec::new();
        };
        bars_of(&parsed, &report)
    };
    let geometry = move |bars: &[Bar]| {
        let spans: Vec<(i64, i64)> = bars.iter().map(|b| (b.from, b.to)).collect();
        geo::validity_geometry(&spans, state.at.get(), state.now, f64::from(width.get()))
    };

    // Dragging: the pointer's x is a time, rounded to a day, set as the slider sets it.
    let dragging = StoredValue::new(false);
    let move_to = move |ev: &ev::PointerEvent| {
        let Some(element) = svg.get_untracked() else {
            return;
        };
        let Some((left, shown)) = left_and_width(&element) else {
            return;
        };
        let g = untrack(|| geometry(&bars()));
        let x = (f64::from(ev.client_x()) - left) * g.width / shown;
        let day = (g.scale.time(x) + geo::DAY / 2).div_euclid(geo::DAY);
        state.set_query(AT, Some(&date_of(day * geo::DAY)));
    };
    let start = move |ev: ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        dragging.set_value(true);
        if let Some(element) = svg.get_untracked() {
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
        ev.prevent_default();
        move_to(&ev);
    };
    let drag = move |ev: ev::PointerEvent| {
        if dragging.get_value() {
            move_to(&ev);
        }
    };
    let stop = move |_| dragging.set_value(false);

    let markup = move || {
        let bars = bars();
        validity_markup(nav, &bars, &geometry(&bars), state.at.get(), state.now)
    };
    let table = move || {
        let at = date_of(state.at.get());
        let head = [
            nav.t(k::cert::charts::col_cert).to_owned(),
            nav.t(k::cert::charts::col_from).to_owned(),
            nav.t(k::cert::charts::col_to).to_owned(),
            nav.fill(k::cert::charts::col_status, &[("date", &at)]),
        ];
        let rows: Vec<[String; 4]> = {
            bars()
                .iter()
                .map(|bar| {
                    let (status, _) = status_key(bar.status);
                    [
                        [nav.t(bar.role), nav.t(k::punct::colon), &bar.name].concat(),
                        utc_text(crate::cert::UnixTime(bar.from)),
                        utc_text(crate::cert::UnixTime(bar.to)),
                        [validity_symbol(bar.status), " ", nav.t(status)].concat(),
                    ]
                })
                .collect()
        };
        table_markup(&head, &rows)
    };
    view! {
        <section class="cert-validity" aria-labelledby="cert-validity-h">
            <h2 id="cert-validity-h">{tr(k::cert::charts::validity_heading)}</h2>
            <p>{tr(k::cert::charts::validity_intro)}</p>
            <div class="chart-box" node_ref=holder>
                <svg
                    node_ref=svg
                    class="chart validity-chart"
                    role="group"
                    aria-labelledby="validity-title"
                    aria-describedby="validity-desc"
                    width=move || n(geometry(&bars()).width)
                    height=move || n(geometry(&bars()).height)
                    viewBox=move || {
                        let g = geometry(&bars());
                        list(&[0.0, 0.0, g.width, g.height])
                    }
                    on:pointerdown=start
                    on:pointermove=drag
                    on:pointerup=stop
                    on:pointercancel=stop
                    on:lostpointercapture=stop
                    inner_html=markup
                ></svg>
            </div>
            <details class="chart-table">
                <summary>{tr(k::cert::charts::as_table)}</summary>
                <table inner_html=table></table>
            </details>
        </section>
    }
    .into_any()
}

/// The common name's OID (2.5.4.3): the name a signer goes by on an arrow.
const COMMON_NAME: &str = "2.5.4.3";

/// One box of the graph: its lines of text (a symbol beside words where there is one).
struct Node {
    /// `plain`, `anchor` (the trust anchor), `gap` (a missing issuer) or `untrusted`.
    kind: &'static str,
    cert: Option<usize>,
    lines: Vec<String>,
    label: String,
}

/// One arrow: its two lines (result, algorithm), its words for a screen reader and a row
/// of the table.
struct Edge {
    /// `ok`, `bad`, `unknown` or `gap`.
    kind: &'static str,
    result: String,
    algorithm: String,
    label: String,
    child: String,
    issuer: String,
    /// Another certificate in the input that also signed the child (cross-signing): the
    /// second path, in words.
    also: Option<String>,
}

fn signature_words(status: SignatureStatus) -> (&'static str, Key, &'static str) {
    use k::cert::charts as c;
    match status {
        SignatureStatus::Valid => (PASS, c::sig_valid, "ok"),
        SignatureStatus::Invalid => (FAIL, c::sig_invalid, "bad"),
        SignatureStatus::Unsupported => ("?", c::sig_unsupported, "unknown"),
        SignatureStatus::NotChecked => ("?", c::sig_not_checked, "unknown"),
    }
}

/// The boxes and arrows of `report`'s chain, leaf first, in the reader's language.
fn graph_parts(nav: Nav, parsed: &Parsed, report: &Report) -> (Vec<Node>, Vec<Edge>) {
    use k::cert::charts as c;
    let certs = parsed.certificates();
    let name_of = |i: usize| {
        certs
            .get(i)
            .map(|c| c.short_name().to_owned())
            .unwrap_or_default()
    };
    let trust = &report.trust;
    let trust_words = match trust.source {
        Some(AnchorSource::Custom) => c::anchor_custom,
        _ => c::anchor_in,
    };
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let node = |kind, cert, role: &str, name: String, status: Vec<String>| {
        let label = nav.fill(
            c::node_label,
            &[
                ("role", role),
                ("name", &name),
                ("status", &status.join(" ")),
            ],
        );
        let mut lines = vec![role.to_owned(), name];
        lines.extend(status);
        Node {
            kind,
            cert,
            lines,
            label,
        }
    };
    let edge = |kind, child: String, issuer: String, result: String, algorithm: String| Edge {
        kind,
        label: nav.fill(
            c::edge_label,
            &[
                ("child", &child),
                ("issuer", &issuer),
                ("result", &result),
                ("alg", &algorithm),
            ],
        ),
        result,
        algorithm,
        child,
        issuer,
        also: None,
    };
    for (position, &index) in report.chain.iter().enumerate() {
        let status = report
            .validity
            .get(index)
            .copied()
            .unwrap_or(ValidityStatus::Valid);
        let mut lines = vec![format!(
            "{} {}",
            validity_symbol(status),
            nav.t(status_key(status).0)
        )];
        let is_anchor = trust.chain_position == Some(position) && trust.is_anchor_certificate;
        if is_anchor {
            lines.push(format!("{PASS} {}", nav.t(trust_words)));
        }
        let role = nav.t(role(parsed, report, position));
        let kind = if is_anchor { "anchor" } else { "plain" };
        nodes.push(node(kind, Some(index), role, name_of(index), lines));
        let algorithm = certs
            .get(index)
            .map(|c| c.signature_algorithm.clone())
            .unwrap_or_default();
        let last = position + 1 == report.chain.len();
        if let Some(link) = report.links.iter().find(|l| l.child == index) {
            let (symbol, words, kind) = signature_words(link.signature);
            let result = format!("{symbol} {}", nav.t(words));
            match &link.issuer {
                Issuer::Certificate(i) if !last => {
                    edges.push(edge(
                        kind,
                        name_of(index),
                        name_of(*i),
                        result,
                        algorithm.clone(),
                    ));
                }
                Issuer::Anchor { name } if last => {
                    edges.push(edge(
                        kind,
                        name_of(index),
                        name.clone(),
                        result,
                        algorithm.clone(),
                    ));
                    let mark = vec![format!("{PASS} {}", nav.t(trust_words))];
                    nodes.push(node(
                        "anchor",
                        None,
                        nav.t(c::anchor_node),
                        name.clone(),
                        mark,
                    ));
                }
                _ => {}
            }
        }
        if last && let Some(missing) = &report.missing_issuer {
            let child = certs.get(missing.child);
            let issuer = child.map(|c| c.issuer.clone()).unwrap_or_default();
            let result = format!("{FAIL} {}", nav.t(c::gap_edge));
            edges.push(edge(
                "gap",
                name_of(missing.child),
                issuer.clone(),
                result,
                algorithm,
            ));
            let urls = child.map(|c| c.ca_issuers_urls.clone()).unwrap_or_default();
            let where_from = match urls.first() {
                Some(url) => nav.fill(c::gap_url, &[("url", url)]),
                None => nav.t(c::gap_no_url).to_owned(),
            };
            nodes.push(node(
                "gap",
                None,
                nav.t(c::gap_role),
                issuer,
                vec![where_from],
            ));
        }
    }
    // Cross-signing: an issuer the engine did not choose also verifies a link. Its
    // certificate and who signed it are the second path, said on the arrow and in the table.
    for finding in &report.findings {
        let (FindingKind::CrossSignedAlternative { alternatives, .. }, Some(child)) =
            (&finding.kind, finding.certificate)
        else {
            continue;
        };
        let Some(position) = report.chain.iter().position(|&i| i == child) else {
            continue;
        };
        let names: Vec<String> = alternatives
            .iter()
            .map(|&a| {
                let signer = certs
                    .get(a)
                    .and_then(|c| c.issuer_attributes.iter().find(|x| x.oid == COMMON_NAME))
                    .map_or_else(
                        || certs.get(a).map(|c| c.issuer.clone()).unwrap_or_default(),
                        |cn| cn.value.clone(),
                    );
                nav.fill(
                    c::cross_signed_one,
                    &[("name", &name_of(a)), ("signer", &signer)],
                )
            })
            .collect();
        let also = nav.fill(
            c::cross_signed,
            &[("names", &names.join(nav.t(k::punct::list)))],
        );
        if let Some(edge) = edges.get_mut(position) {
            edge.label = format!("{} {also}", edge.label);
            edge.also = Some(also);
        }
    }
    // No anchor reached and no gap to blame: the top box says it is not trusted.
    if trust.anchor.is_none()
        && report.missing_issuer.is_none()
        && let Some(top) = nodes.last_mut()
    {
        let words = format!("{FAIL} {}", nav.t(c::anchor_out));
        top.label = format!("{} {words}", top.label);
        top.lines.push(words);
        top.kind = "untrusted";
    }
    (nodes, edges)
}

/// The graph placed, and the inside of its `<svg>`: title, description, boxes, arrows.
fn graph_markup(
    nodes: &[Node],
    edges: &[Edge],
    width: f64,
    desc: &str,
    title: &str,
) -> (GraphGeometry, String) {
    // The lines each box needs: a status or the address of a missing issuer may take two.
    // An arrow with a second path says so on a third line.
    let edge_lines = if edges.iter().any(|e| e.also.is_some()) {
        3
    } else {
        2
    };
    let room = geo::graph_geometry(&[1], edge_lines, width).node_text_width;
    let wrapped: Vec<Vec<String>> = nodes
        .iter()
        .map(|node| {
            node.lines
                .iter()
                .enumerate()
                .flat_map(|(i, line)| geo::wrap(line, room, if i < 2 { 1 } else { 2 }))
                .collect()
        })
        .collect();
    let counts: Vec<usize> = wrapped.iter().map(Vec::len).collect();
    let g = geo::graph_geometry(&counts, edge_lines, width);
    let mut m = Markup::default();
    m.element("title", &[("id", "graph-title")], title);
    m.element("desc", &[("id", "graph-desc")], desc);
    for ((node, place), lines) in nodes.iter().zip(&g.nodes).zip(wrapped) {
        let class = format!("node {}", node.kind);
        let cert = node.cert.map(|i| i.to_string()).unwrap_or_default();
        m.open(
            "g",
            &[
                ("class", &class),
                ("data-cert", &cert),
                ("tabindex", "0"),
                ("role", "img"),
                ("aria-label", &node.label),
            ],
        );
        m.leaf(
            "rect",
            &[
                ("x", &n(place.x)),
                ("y", &n(place.y)),
                ("width", &n(place.width)),
                ("height", &n(place.height)),
                ("rx", "8"),
            ],
        );
        let x = n(place.text_x);
        for (i, (line, y)) in lines.iter().zip(&place.baselines).enumerate() {
            let class = match i {
                0 => "node-role",
                1 => "node-name",
                _ => "node-status",
            };
            m.element("text", &[("class", class), ("x", &x), ("y", &n(*y))], line);
        }
        m.close("g");
    }
    for (edge, place) in edges.iter().zip(&g.edges) {
        let class = format!("edge {}", edge.kind);
        m.open(
            "g",
            &[
                ("class", &class),
                ("tabindex", "0"),
                ("role", "img"),
                ("aria-label", &edge.label),
            ],
        );
        let x = n(place.x);
        m.leaf(
            "line",
            &[
                ("x1", &x),
                ("x2", &x),
                ("y1", &n(place.y1)),
                ("y2", &n(place.y2 - 8.0)),
            ],
        );
        let head = list(&[
            place.x - 6.0,
            place.y2 - 9.0,
            place.x + 6.0,
            place.y2 - 9.0,
            place.x,
            place.y2,
        ]);
        m.leaf("polygon", &[("points", &head)]);
        let label_x = n(place.label_x);
        let mut texts = vec![("edge-result", &edge.result), ("edge-alg", &edge.algorithm)];
        if let Some(also) = &edge.also {
            texts.push(("edge-also", also));
        }
        for ((class, text), y) in texts.into_iter().zip(&place.baselines) {
            m.element(
                "text",
                &[("class", class), ("x", &label_x), ("y", &n(*y))],
                &geo::fit(text, g.edge_text_width),
            );
        }
        m.close("g");
    }
    (g, m.finish())
}

/// The chain graph (or, for a large input, a note that the cards below stand for it).
#[component]
pub fn ChainGraph() -> impl IntoView {
    let nav = use_nav();
    let state = use_cert();
    let holder = NodeRef::<html::Div>::new();
    let width = track_width(holder, &GRAPH_WIDTH);
    let too_many = move || {
        state.parsed.with(|p| {
            p.as_ref()
                .map(|p| p.certificates().len())
                .filter(|&count| count > GRAPH_LIMIT)
        })
    };
    let picture = move || {
        let report = state.report.get()?;
        let parsed = state.parsed.get()?;
        let (nodes, edges) = graph_parts(nav, &parsed, &report);
        let top = nodes
            .last()
            .and_then(|n| n.lines.get(1))
            .cloned()
            .unwrap_or_default();
        let count = nodes.len().to_string();
        let desc = nav.fill(k::cert::charts::graph_desc, &[("n", &count), ("top", &top)]);
        let title = nav.t(k::cert::charts::graph_title);
        let (g, markup) = graph_markup(&nodes, &edges, f64::from(width.get()), &desc, title);
        let head = [
            nav.t(k::cert::charts::col_child).to_owned(),
            nav.t(k::cert::charts::col_issuer).to_owned(),
            nav.t(k::cert::charts::col_alg).to_owned(),
            nav.t(k::cert::charts::col_result).to_owned(),
        ];
        let rows: Vec<[String; 4]> = edges
            .iter()
            .map(|e| {
                [
                    e.child.clone(),
                    e.issuer.clone(),
                    e.algorithm.clone(),
                    match &e.also {
                        Some(also) => format!("{} {also}", e.result),
                        None => e.result.clone(),
                    },
                ]
            })
            .collect();
        let table = table_markup(&head, &rows);
        Some(view! {
            <svg
                class="chart graph-chart"
                role="group"
                aria-labelledby="graph-title"
                aria-describedby="graph-desc"
                width=n(g.width)
                height=n(g.height)
                viewBox=list(&[0.0, 0.0, g.width, g.height])
                inner_html=markup
            ></svg>
            <details class="chart-table">
                <summary>{tr(k::cert::charts::as_table)}</summary>
                <table inner_html=table></table>
            </details>
        })
    };
    view! {
        <div class="chain-graph">
            <h3>{tr(k::cert::charts::graph_heading)}</h3>
            {move || match too_many() {
                Some(count) => {
                    let count = count.to_string();
                    view! {
                        <p class="hint graph-fallback">{move || nav.fill(k::cert::charts::too_many, &[("n", &count)])}</p>
                    }
                    .into_any()
                }
                None => view! {
                    <p>{tr(k::cert::charts::graph_intro)}</p>
                    <div class="chart-box" node_ref=holder>{picture}</div>
                }
                .into_any(),
            }}
        </div>
    }
    .into_any()
}
