//! Where the padlock page's two charts put things: plain numbers from plain numbers, no
//! DOM, tested natively below. The view (`charts.rs`) draws what this module computes.
//!
//! All lengths are SVG user units, drawn 1:1 as CSS pixels at the chart's measured width
//! (the SVG scales down with its box when printed or squeezed). Text widths are estimated
//! from the characters (half-width 0.62 em, everything else 1 em), generously, so that
//! labels placed by these numbers never overlap.

use crate::civil;

/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// The font size the charts' CSS sets for their text (px).
pub const FONT: f64 = 13.0;
/// Space at the left and right edges of a chart.
pub const PAD: f64 = 8.0;
/// Height of one line of text.
pub const LINE: f64 = 18.0;
/// The narrowest width drawn (a 360 px phone leaves about 330).
pub const MIN_WIDTH: f64 = 280.0;
/// The widest: a longer axis does not read better.
pub const MAX_WIDTH: f64 = 960.0;

/// The estimated width of `text` at [`FONT`] px.
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if u32::from(c) < 0x2000 { 0.62 } else { 1.0 })
        .sum::<f64>()
        * FONT
}

/// `text` cut to fit `width`, ending with an ellipsis when cut.
pub fn fit(text: &str, width: f64) -> String {
    if text_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = FONT; // the ellipsis, a full-width character
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` broken into lines no wider than `width` (anywhere: addresses have no spaces),
/// at most `max` lines, the last one cut with [`fit`].
pub fn wrap(text: &str, width: f64, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut rest: &str = text;
    while !rest.is_empty() && lines.len() + 1 < max {
        let mut used = 0.0;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            used += text_width(c.encode_utf8(&mut [0; 4]));
            if used > width {
                end = i;
                break;
            }
        }
        if end == rest.len() {
            break;
        }
        // At least one character a line, however narrow the room.
        let end = if end == 0 {
            rest.chars().next().map_or(rest.len(), char::len_utf8)
        } else {
            end
        };
        lines.push(rest[..end].to_owned());
        rest = &rest[end..];
    }
    if !rest.is_empty() || lines.is_empty() {
        lines.push(fit(rest, width));
    }
    lines
}

/// A linear time scale: `start..end` (seconds) onto `left..right` (units).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub start: i64,
    pub end: i64,
    pub left: f64,
    pub right: f64,
}

impl Scale {
    /// The x of time `t` (times outside the scale land outside `left..right`).
    pub fn x(&self, t: i64) -> f64 {
        let span = (self.end - self.start).max(1) as f64;
        self.left + (t - self.start) as f64 / span * (self.right - self.left)
    }

    /// The time at `x`, held within the scale (a pointer dragged past the ends).
    pub fn time(&self, x: f64) -> i64 {
        let width = (self.right - self.left).max(1.0);
        let share = ((x - self.left) / width).clamp(0.0, 1.0);
        self.start + (share * (self.end - self.start) as f64).round() as i64
    }

    /// `x` held within the scale's ends.
    pub fn clamp(&self, x: f64) -> f64 {
        x.clamp(self.left, self.right)
    }
}

/// A labelled mark on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// Tick steps, finest first: months, then years.
const STEPS: &[(bool, i64)] = &[
    (true, 1),
    (true, 2),
    (true, 3),
    (true, 6),
    (false, 1),
    (false, 2),
    (false, 5),
    (false, 10),
    (false, 20),
    (false, 50),
    (false, 100),
];
/// Least room between two tick labels.
const TICK_GAP: f64 = 10.0;

/// The ticks of one step: first days of months (`months`) or of years, every `step`.
fn ticks_of(scale: &Scale, width: f64, months: bool, step: i64) -> Vec<Tick> {
    let (first_year, _, _) = civil::civil_from_days(scale.start.div_euclid(DAY));
    let (last_year, _, _) = civil::civil_from_days(scale.end.div_euclid(DAY));
    let mut out = Vec::new();
    for year in first_year..=last_year {
        let months_here: &[i64] = if months {
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        } else {
            &[1]
        };
        for &month in months_here {
            let on_step = if months {
                (month - 1) % step == 0
            } else {
                year.rem_euclid(step) == 0
            };
            let t = civil::days_from_civil(year, month, 1) * DAY;
            if !on_step || t < scale.start || t > scale.end {
                continue;
            }
            let label = if months {
                format!("{year:04}-{month:02}")
            } else {
                format!("{year}")
            };
            let x = scale.x(t);
            let half = text_width(&label) / 2.0;
            // A label that would stick out of the chart is left off, not cut.
            if x - half >= 0.0 && x + half <= width {
                out.push(Tick { x, label });
            }
        }
    }
    out
}

/// Whether no two labels of `ticks` (centred on their x) come closer than the gap.
pub fn ticks_apart(ticks: &[Tick]) -> bool {
    ticks.windows(2).all(|pair| match pair {
        [a, b] => {
            let room = (text_width(&a.label) + text_width(&b.label)) / 2.0 + TICK_GAP;
            b.x - a.x >= room
        }
        _ => true,
    })
}

/// The axis's ticks: the finest step whose labels fit apart. Months only for spans under
/// three years (a longer axis reads by years).
pub fn ticks(scale: &Scale, width: f64) -> Vec<Tick> {
    let long = scale.end - scale.start > 3 * 365 * DAY;
    STEPS
        .iter()
        .filter(|(months, _)| !(*months && long))
        .map(|&(months, step)| ticks_of(scale, width, months, step))
        .find(|t| ticks_apart(t))
        .unwrap_or_default()
}

/// One certificate's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct BarGeometry {
    /// Left end (not before), within the chart.
    pub x: f64,
    /// Up to the right end (not after), within the chart.
    pub width: f64,
    /// Top of the bar.
    pub y: f64,
    /// Baseline of the bar's label line, above it.
    pub label_y: f64,
    /// Whether the "as of" line crosses it (the date is within the validity).
    pub crosses: bool,
}

/// Everything the validity chart draws, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidityGeometry {
    pub width: f64,
    pub height: f64,
    pub scale: Scale,
    pub bars: Vec<BarGeometry>,
    /// The "as of" line (held within the axis when the date lies beyond it).
    pub at_x: f64,
    /// Today's line.
    pub now_x: f64,
    /// Top and bottom of the vertical lines.
    pub lines_top: f64,
    pub axis_y: f64,
    pub ticks: Vec<Tick>,
    /// Baseline of the tick labels, and of the line naming today.
    pub tick_label_y: f64,
    pub today_label_y: f64,
    /// Baseline of the "as of" label, above the bars.
    pub at_label_y: f64,
}

/// Height of one bar.
pub const BAR: f64 = 16.0;
/// The least width a bar is drawn with: a certificate valid for days, on an axis of
/// decades, still shows (its exact width is [`BarGeometry::width`]).
pub const MIN_BAR: f64 = 3.0;
/// One certificate's row: its label line, then its bar.
const ROW: f64 = LINE + BAR + 12.0;
/// Dates beyond this many years from today are held at the edge (a notAfter in 9999).
const FAR: i64 = 60 * 365 * DAY;

/// Places validity bars (`(not_before, not_after)`, seconds) on one time axis with the
/// "as of" date `at` and today `now`, in a chart `width` wide.
pub fn validity_geometry(spans: &[(i64, i64)], at: i64, now: i64, width: f64) -> ValidityGeometry {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let mut low = now;
    let mut high = now;
    for &(from, to) in spans {
        low = low.min(from);
        high = high.max(to);
    }
    let low = low.max(now - FAR);
    let high = high.min(now + FAR).max(low + DAY);
    let margin = ((high - low) / 25).max(15 * DAY);
    // The date widens the axis only when it lies beyond the margin: dragging the line
    // within the axis never moves the axis under the pointer.
    let held = at.clamp(now - FAR, now + FAR);
    let start = if held < low - margin {
        held - margin
    } else {
        low - margin
    };
    let end = if held > high + margin {
        held + margin
    } else {
        high + margin
    };
    let scale = Scale {
        start,
        end,
        left: PAD,
        right: width - PAD,
    };
    let lines_top = LINE + 6.0;
    let bars = spans
        .iter()
        .enumerate()
        .map(|(i, &(from, to))| {
            let top = lines_top + 4.0 + i as f64 * ROW;
            let x = scale.clamp(scale.x(from));
            let right = scale.clamp(scale.x(to));
            BarGeometry {
                x,
                width: right - x,
                y: top + LINE,
                label_y: top + LINE - 5.0,
                crosses: from <= at && at <= to,
            }
        })
        .collect();
    let axis_y = lines_top + 4.0 + spans.len() as f64 * ROW;
    ValidityGeometry {
        width,
        height: axis_y + 2.0 * LINE + 10.0,
        scale,
        bars,
        at_x: scale.clamp(scale.x(at)),
        now_x: scale.clamp(scale.x(now)),
        lines_top,
        axis_y,
        ticks: ticks(&scale, width),
        tick_label_y: axis_y + LINE,
        today_label_y: axis_y + 2.0 * LINE + 4.0,
        at_label_y: LINE - 2.0,
    }
}

/// Where a label `text_w` wide sits beside a vertical line at `x`: to its right, or to its
/// left when it would stick out; `(x of the text's start, anchored at its end?)`.
pub fn label_beside(x: f64, text_w: f64, width: f64) -> (f64, bool) {
    if x + 5.0 + text_w <= width - 2.0 {
        (x + 5.0, false)
    } else {
        ((x - 5.0).max(text_w + 2.0), true)
    }
}

/// One box of the chain graph.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeGeometry {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Baselines of its lines of text, and where they start.
    pub text_x: f64,
    pub baselines: Vec<f64>,
}

/// One arrow, straight down from a box to the next (its issuer).
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeGeometry {
    pub x: f64,
    pub y1: f64,
    pub y2: f64,
    /// Where its label starts, and the baselines of the label's lines.
    pub label_x: f64,
    pub baselines: Vec<f64>,
}

/// The chain graph placed.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphGeometry {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeGeometry>,
    pub edges: Vec<EdgeGeometry>,
    /// Room for a line of text inside a box, and beside an arrow.
    pub node_text_width: f64,
    pub edge_text_width: f64,
}

/// The widest box: a wide screen need not stretch it.
const NODE_MAX: f64 = 560.0;
/// Space inside a box around its text.
const INSET: f64 = 10.0;

/// Places a chain as boxes one below the other (`lines[i]` lines of text in box `i`), each
/// joined to the next by an arrow with `edge_lines` lines of label, in a chart `width` wide.
pub fn graph_geometry(lines: &[usize], edge_lines: usize, width: f64) -> GraphGeometry {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let node_width = (width - 2.0 * PAD).min(NODE_MAX);
    let edge_height = edge_lines.max(1) as f64 * LINE + 16.0;
    let arrow_x = PAD + 28.0;
    let label_x = arrow_x + 14.0;
    let mut y = PAD;
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for (i, &n) in lines.iter().enumerate() {
        if i > 0 {
            let y1 = y;
            let y2 = y + edge_height;
            let first = y1 + (edge_height - edge_lines as f64 * LINE) / 2.0 + LINE - 5.0;
            edges.push(EdgeGeometry {
                x: arrow_x,
                y1,
                y2,
                label_x,
                baselines: (0..edge_lines).map(|l| first + l as f64 * LINE).collect(),
            });
            y = y2;
        }
        let height = n.max(1) as f64 * LINE + 2.0 * INSET - 4.0;
        let first = y + INSET + LINE - 6.0;
        nodes.push(NodeGeometry {
            x: PAD,
            y,
            width: node_width,
            height,
            text_x: PAD + INSET,
            baselines: (0..n).map(|l| first + l as f64 * LINE).collect(),
        });
        y += height;
    }
    GraphGeometry {
        width,
        height: y + PAD,
        nodes,
        edges,
        node_text_width: node_width - 2.0 * INSET,
        edge_text_width: width - label_x - PAD,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn day(y: i64, m: i64, d: i64) -> i64 {
        civil::days_from_civil(y, m, d) * DAY
    }

    /// The expired sample's chain: leaf 2015-04-09..04-12, intermediate 2014..2029, a
    /// cross-signed root 2000..2020; judged 2015-05-01, "today" 2026-06-15.
    fn expired_chain() -> Vec<(i64, i64)> {
        vec![
            (day(2015, 4, 9), day(2015, 4, 12) + DAY - 1),
            (day(2014, 2, 12), day(2029, 2, 11) + DAY - 1),
            (day(2000, 5, 30), day(2020, 5, 30)),
        ]
    }

    #[test]
    fn a_bar_spans_exactly_not_before_to_not_after_at_the_charts_scale() {
        let spans = expired_chain();
        for width in [320.0, 600.0, 960.0] {
            let g = validity_geometry(&spans, day(2015, 5, 1), day(2026, 6, 15), width);
            let per_second = (g.scale.right - g.scale.left) / (g.scale.end - g.scale.start) as f64;
            for (bar, &(from, to)) in g.bars.iter().zip(&spans) {
                assert!((bar.x - g.scale.x(from)).abs() < 1e-9);
                assert!((bar.x + bar.width - g.scale.x(to)).abs() < 1e-9);
                assert!((bar.width - (to - from) as f64 * per_second).abs() < 1e-6);
                assert!(bar.x >= g.scale.left && bar.x + bar.width <= g.scale.right);
            }
            // Bars sit one below the other, above the axis.
            for pair in g.bars.windows(2) {
                assert!(pair[1].label_y - LINE + 5.0 > pair[0].y + BAR);
            }
            assert!(g.bars.last().unwrap().y + BAR < g.axis_y);
        }
    }

    #[test]
    fn the_as_of_line_sits_at_its_date_and_crosses_only_valid_bars() {
        let spans = expired_chain();
        let at = day(2015, 5, 1);
        let now = day(2026, 6, 15);
        let g = validity_geometry(&spans, at, now, 700.0);
        assert!((g.at_x - g.scale.x(at)).abs() < 1e-9);
        assert!((g.now_x - g.scale.x(now)).abs() < 1e-9);
        // The leaf expired before the date; the intermediate and root were valid.
        let crosses: Vec<bool> = g.bars.iter().map(|b| b.crosses).collect();
        assert_eq!(crosses, [false, true, true]);
        // Dragging back: the x of a date gives that date again (to within a unit's time).
        let back = g.scale.time(g.at_x);
        let unit = (g.scale.end - g.scale.start) / 600;
        assert!((back - at).abs() <= unit, "{back} vs {at}");
        // Past the ends, the pointer is held at the axis's ends.
        assert_eq!(g.scale.time(-50.0), g.scale.start);
        assert_eq!(g.scale.time(g.width + 50.0), g.scale.end);
    }

    #[test]
    fn the_axis_holds_every_bar_today_and_the_date_but_not_a_far_future() {
        let now = day(2026, 6, 15);
        let g = validity_geometry(&[(day(2020, 1, 1), day(9999, 12, 31))], now, now, 500.0);
        assert!(g.scale.start < day(2020, 1, 1));
        assert!(g.scale.end <= now + FAR + 2 * FAR / 25);
        // The bar runs to the edge, not past it.
        let bar = &g.bars[0];
        assert!((bar.x + bar.width - g.scale.right).abs() < 1e-9);
        // A date before every bar widens the axis to show it.
        let g = validity_geometry(&expired_chain(), day(1999, 1, 1), now, 500.0);
        assert!(g.scale.start < day(1999, 1, 1));
        assert!(g.bars.iter().all(|b| !b.crosses));
        // A date within the margin leaves the axis where it was (the line is dragged there).
        let chain = expired_chain();
        let still = validity_geometry(&chain, now, now, 500.0);
        let edge = still.scale.time(still.scale.left + 1.0);
        assert_eq!(
            validity_geometry(&chain, edge, now, 500.0).scale,
            still.scale
        );
    }

    #[test]
    fn tick_labels_never_overlap_and_stay_inside_at_any_width_and_span() {
        let now = day(2026, 6, 15);
        let spans = [
            20 * DAY,
            90 * DAY,
            400 * DAY,
            3 * 365 * DAY,
            8 * 365 * DAY,
            25 * 365 * DAY,
            60 * 365 * DAY,
            120 * 365 * DAY,
        ];
        for span in spans {
            for width in [280.0, 330.0, 400.0, 640.0, 960.0] {
                let g = validity_geometry(&[(now - span, now)], now, now, width);
                assert!(
                    ticks_apart(&g.ticks),
                    "span {span} width {width}: {:?}",
                    g.ticks
                );
                for t in &g.ticks {
                    let half = text_width(&t.label) / 2.0;
                    assert!(t.x - half >= 0.0 && t.x + half <= g.width, "{t:?}");
                }
                // Long spans read by years; every span of a month or more gets a tick.
                if span > 3 * 365 * DAY {
                    assert!(g.ticks.iter().all(|t| t.label.len() == 4), "{:?}", g.ticks);
                }
                if span >= 180 * DAY {
                    assert!(
                        g.ticks.len() >= 2,
                        "span {span} width {width}: {:?}",
                        g.ticks
                    );
                }
            }
        }
        // Short spans are told in months.
        let g = validity_geometry(&[(now - 200 * DAY, now)], now, now, 960.0);
        assert!(g.ticks.iter().any(|t| t.label.len() == 7), "{:?}", g.ticks);
    }

    #[test]
    fn labels_beside_a_line_stay_inside_the_chart() {
        assert_eq!(label_beside(100.0, 80.0, 400.0), (105.0, false));
        let (x, end) = label_beside(390.0, 80.0, 400.0);
        assert!(end && x - 80.0 >= 0.0 && x <= 400.0);
        let (x, end) = label_beside(20.0, 380.0, 400.0);
        assert!(!end || x - 380.0 >= 0.0);
    }

    #[test]
    fn text_is_cut_or_wrapped_to_its_room() {
        assert_eq!(fit("short", 200.0), "short");
        let cut = fit("DigiCert SHA2 Secure Server CA, a long name indeed", 120.0);
        assert!(cut.ends_with('…') && text_width(&cut) <= 120.0, "{cut}");
        let url = "http://cacerts.digicert.com/DigiCertSHA2SecureServerCA.crt";
        let lines = wrap(url, 150.0, 3);
        assert!(lines.len() <= 3 && lines.iter().all(|l| text_width(l) <= 150.0));
        assert_eq!(wrap(url, 1000.0, 2), [url]);
        assert_eq!(wrap(url, 300.0, 2).concat(), url);
        // Japanese counts as full width.
        assert!(text_width("中間証明書") > text_width("abcde"));
    }

    #[test]
    fn graph_arrows_join_each_box_to_the_next_and_labels_sit_between() {
        let g = graph_geometry(&[3, 3, 3, 2], 2, 330.0);
        assert_eq!(g.nodes.len(), 4);
        assert_eq!(g.edges.len(), 3);
        for (i, e) in g.edges.iter().enumerate() {
            let child = &g.nodes[i];
            let issuer = &g.nodes[i + 1];
            assert!((e.y1 - (child.y + child.height)).abs() < 1e-9);
            assert!((e.y2 - issuer.y).abs() < 1e-9);
            assert!(e.x > child.x && e.x < child.x + child.width);
            // The label's lines fit between the boxes.
            assert!(e.baselines[0] - LINE + 4.0 > e.y1);
            assert!(*e.baselines.last().unwrap() + 4.0 < e.y2);
        }
        for n in &g.nodes {
            assert!(n.x + n.width <= g.width - PAD + 1e-9);
            assert!(*n.baselines.last().unwrap() + 4.0 < n.y + n.height);
        }
        assert!(g.height > g.nodes.last().unwrap().y + g.nodes.last().unwrap().height);
        assert!(g.edge_text_width > 200.0 && g.node_text_width > 250.0);
    }
}
