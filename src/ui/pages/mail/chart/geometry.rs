//! The time chart's pure model: which lanes, which arrows, which allowlist bands, and where
//! each sits on the page. Everything is read from the engine's events (the same ones the
//! transcript shows); nothing here decides anything about mail. Tested natively.
//!
//! Time runs down. The scale is a monotone map from simulated milliseconds to pixels:
//! proportional to time (with a floor, so two moments' axis labels never touch, and a
//! ceiling, so a long pause does not push the rest off the screen: such a pause is drawn
//! shortened, with a break on the axis). Several exchanges at one moment are stacked in a
//! block of rows that belongs to that moment; a band that ends at a moment ends at the top
//! of its block, because an address whose entry runs out at `t` may no longer relay at `t`
//! (the allowlist allows while `now < until`, `src/mail/policy.rs`).

use core::net::IpAddr;

use crate::mail::{ActorId, ConnId, ConnKind, Event, EventKind, PopAuthMethod, Speaker};

/// Height of one exchange's row.
pub const ROW: f64 = 20.0;
/// The least room between two moments (an axis label is 12 px high).
pub const MIN_GAP: f64 = 22.0;
/// Pixels per simulated minute between moments.
pub const PX_PER_MINUTE: f64 = 12.0;
/// The most room a pause takes; a longer one is drawn shortened, with a break.
pub const MAX_GAP: f64 = 150.0;
/// Room on the left for the time labels.
pub const AXIS: f64 = 52.0;
/// Room at the top for the lane names (two lines).
pub const HEAD: f64 = 40.0;
/// Room at the bottom.
pub const FOOT: f64 = 16.0;
/// Width of a party's lane.
pub const LANE: f64 = 92.0;
/// Width of one allowlist column.
pub const BAND: f64 = 22.0;
/// How close (px) a dragged playhead must come to a moment to land on it.
pub const SNAP: f64 = 5.0;

/// One column of the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lane {
    /// A client: the reader's PC, the neighbour, someone on the Internet.
    Client(ActorId),
    /// The provider's POP3 service.
    Pop3,
    /// The allowlist windows of one IP (index into [`Chart::ips`]).
    Allowlist(usize),
    /// The provider's SMTP (or submission) service.
    Smtp,
    /// The recipient's server.
    Recipient,
}

/// What one arrow is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exchange {
    /// A POP3 login.
    PopLogin {
        /// Whether it succeeded.
        ok: bool,
        /// USER/PASS, APOP or AUTH.
        method: PopAuthMethod,
    },
    /// An SMTP AUTH.
    SmtpAuth {
        /// Whether it succeeded.
        ok: bool,
    },
    /// RCPT TO for another domain, accepted for relaying.
    Relayed {
        /// The recipient.
        rcpt: String,
    },
    /// Relaying refused: at RCPT TO (with the recipient) or at MAIL FROM.
    Refused {
        /// The recipient, if the refusal came at RCPT TO.
        rcpt: Option<String>,
    },
    /// A message for the server's own domain, stored.
    Delivered {
        /// The recipient.
        rcpt: String,
    },
    /// The provider's server handed a message to the recipient's server.
    Onward {
        /// Whether the recipient's server took it.
        ok: bool,
    },
}

impl Exchange {
    /// Whether the exchange was refused (drawn as a blocked arrow).
    pub fn refused(&self) -> bool {
        match self {
            Exchange::PopLogin { ok, .. } | Exchange::SmtpAuth { ok } | Exchange::Onward { ok } => {
                !ok
            }
            Exchange::Refused { .. } => true,
            Exchange::Relayed { .. } | Exchange::Delivered { .. } => false,
        }
    }

    /// The command the arrow stands for, as on the wire.
    pub fn command(&self) -> &'static str {
        match self {
            Exchange::PopLogin { method, .. } => match method {
                PopAuthMethod::UserPass => "PASS",
                PopAuthMethod::Apop => "APOP",
                PopAuthMethod::SaslPlain => "AUTH",
            },
            Exchange::SmtpAuth { .. } => "AUTH",
            Exchange::Relayed { .. } => "RCPT",
            Exchange::Refused { rcpt: Some(_) } => "RCPT",
            Exchange::Refused { rcpt: None } => "MAIL",
            Exchange::Delivered { .. } | Exchange::Onward { .. } => "DATA",
        }
    }
}

/// When an item becomes visible: in group `group`, once line `line` of that group is shown
/// (`None`: the group has no lines, so as soon as the group has happened).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The group (a scenario step, a free-play action).
    pub group: usize,
    /// The line of the group that shows it.
    pub line: Option<usize>,
}

impl Seen {
    /// Whether it is visible when `done` groups have begun and `shown` lines of the last of
    /// them are on screen (the player's cursor `pos` and `shown`).
    pub fn visible(self, done: usize, shown: usize) -> bool {
        let current = self.group + 1;
        current < done || (current == done && self.line.is_none_or(|l| l < shown))
    }
}

/// One arrow.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Simulated time, ms.
    pub at: u64,
    /// From which lane.
    pub from: Lane,
    /// To which lane.
    pub to: Lane,
    /// What it was.
    pub exchange: Exchange,
    /// The reply's code as on the wire (`250`, `554`, `+OK`, `-ERR`).
    pub code: String,
    /// The client's IP.
    pub ip: Option<IpAddr>,
    /// The key of the transcript line that carries the answer.
    pub line_key: Option<u64>,
    /// When it appears.
    pub seen: Seen,
    /// Its row within its moment's block (0: the first).
    pub slot: usize,
}

impl Mark {
    /// The short label drawn on the arrow: command and reply code.
    pub fn label(&self) -> String {
        format!("{} {}", self.exchange.command(), self.code)
    }
}

/// A change to the allowlist, as the chart needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BandEvent {
    Added { until: u64 },
    Refreshed { until: u64 },
    Expired,
}

/// One window during which an IP may relay: from a login to the expiry of the last login
/// that refreshed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    /// Index into [`Chart::ips`].
    pub ip: usize,
    /// The login that put the IP on the list, ms.
    pub from: u64,
    /// When the entry runs out, ms.
    pub until: u64,
    /// The later logins that moved the expiry, ms.
    pub refreshed: Vec<u64>,
}

/// A group of events: one scenario step or one free-play action, made by one actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Who made the client connections.
    pub actor: ActorId,
    /// The engine's events.
    pub events: Vec<Event>,
    /// The transcript key of the group's first line (lines are keyed in order from it).
    pub first_key: u64,
}

/// One moment on the time axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Knot {
    /// Simulated time, ms.
    pub t: u64,
    /// Top of the moment's block.
    pub y: f64,
    /// Height of its block (rows of exchanges at this moment).
    pub h: f64,
    /// Whether the pause before it is drawn shortened.
    pub broken: bool,
}

/// The chart: lanes, scale, arrows and the allowlist changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// The columns, left to right.
    pub lanes: Vec<Lane>,
    /// The IPs that have allowlist columns, in order of first login.
    pub ips: Vec<IpAddr>,
    /// Each client's IP at its first connection.
    pub client_ips: Vec<(ActorId, IpAddr)>,
    /// The moments, top to bottom (the start and the end included).
    pub knots: Vec<Knot>,
    /// Every arrow.
    pub marks: Vec<Mark>,
    band_events: Vec<(usize, u64, BandEvent, Seen)>,
    /// The end of the chart, ms.
    pub end: u64,
}

/// The client side of an actor's connection.
fn client_lane(actor: ActorId) -> Lane {
    Lane::Client(actor)
}

/// Client lanes in the order the picture has them: the reader, the neighbour, then the
/// Internet, each once.
fn client_order(actor: ActorId) -> u8 {
    match actor {
        ActorId::Reader => 0,
        ActorId::NatNeighbour => 1,
        ActorId::Spammer | ActorId::NextHolder | ActorId::PasswordGuesser => 2,
    }
}

impl Chart {
    /// Builds the chart of `groups`, its axis running from 0 to at least `end` ms.
    pub fn build(groups: &[Group], end: u64) -> Chart {
        let mut marks = Vec::new();
        let mut band_events = Vec::new();
        let mut ips: Vec<IpAddr> = Vec::new();
        let mut clients: Vec<ActorId> = vec![ActorId::Reader];
        let mut client_ips: Vec<(ActorId, IpAddr)> = Vec::new();
        let mut recipient = false;
        for (g, group) in groups.iter().enumerate() {
            // Line index of each event: the number of lines before it in the group.
            let lines: Vec<(usize, &Event)> = {
                let mut n = 0;
                group
                    .events
                    .iter()
                    .map(|e| {
                        let here = n;
                        if e.line().is_some() {
                            n += 1;
                        }
                        (here, e)
                    })
                    .collect()
            };
            let n_lines = group.events.iter().filter(|e| e.line().is_some()).count();
            // The reply that answered an exchange: for a decision taken at a command (login,
            // AUTH, RCPT) the next final reply from the server on that connection; for one
            // reported once a message was taken (a local delivery, a hand-over) the reply to
            // the "." that ended its text.
            let reply_after = |from: usize, conn: ConnId| {
                lines
                    .iter()
                    .skip(from + 1)
                    .find_map(|(i, e)| reply_of(e, conn, *i))
            };
            let reply_before = |from: usize, conn: ConnId| {
                lines
                    .iter()
                    .take(from)
                    .rev()
                    .find_map(|(i, e)| reply_of(e, conn, *i))
            };
            // The reply to the last "." before event `from` on `conn` (the end of a message).
            let reply_to_dot = |from: usize, conn: ConnId| {
                let mut dot = false;
                let mut found = None;
                for (i, e) in lines.iter().take(from) {
                    let Some(l) = e.line().filter(|l| l.conn == conn) else {
                        continue;
                    };
                    if l.speaker == Speaker::Client {
                        dot = l.text == ".";
                    } else if dot && let Some(reply) = reply_of(e, conn, *i) {
                        found = Some(reply);
                        dot = false;
                    }
                }
                found
            };
            let answer = |from: usize, conn: ConnId, after: bool| {
                if after {
                    reply_after(from, conn).or_else(|| reply_before(from, conn))
                } else {
                    reply_to_dot(from, conn).or_else(|| reply_before(from, conn))
                }
            };
            let seen_for = |line: Option<usize>| Seen {
                group: g,
                line: line
                    .map(|l| l.min(n_lines.saturating_sub(1)))
                    .filter(|_| n_lines > 0),
            };
            let actor = group.actor;
            for (idx, (next_line, event)) in lines.iter().enumerate() {
                let at = event.at.0;
                let mut push = |from: Lane, to: Lane, exchange: Exchange, conn: ConnId, ip| {
                    let after = !matches!(
                        exchange,
                        Exchange::Delivered { .. } | Exchange::Onward { .. }
                    );
                    let (line, code) = answer(idx, conn, after).unzip();
                    let line = line.or(Some(*next_line));
                    marks.push(Mark {
                        at,
                        from,
                        to,
                        exchange,
                        code: code.unwrap_or_default(),
                        ip,
                        line_key: line.map(|l| group.first_key + l as u64),
                        seen: seen_for(line),
                        slot: 0,
                    });
                };
                match &event.kind {
                    EventKind::ConnectionOpened {
                        kind,
                        client_ip: ip,
                        ..
                    } if !matches!(kind, ConnKind::ServerToRecipient { .. }) => {
                        if !clients.contains(&actor) {
                            clients.push(actor);
                        }
                        if !client_ips.iter().any(|(a, _)| *a == actor) {
                            client_ips.push((actor, *ip));
                        }
                    }
                    EventKind::PopLogin {
                        conn,
                        client_ip: ip,
                        success,
                        method,
                        ..
                    } => push(
                        client_lane(actor),
                        Lane::Pop3,
                        Exchange::PopLogin {
                            ok: *success,
                            method: *method,
                        },
                        *conn,
                        Some(*ip),
                    ),
                    EventKind::SmtpAuth {
                        conn,
                        client_ip: ip,
                        success,
                        ..
                    } => push(
                        client_lane(actor),
                        Lane::Smtp,
                        Exchange::SmtpAuth { ok: *success },
                        *conn,
                        Some(*ip),
                    ),
                    EventKind::RelayAllowed {
                        conn,
                        client_ip,
                        rcpt,
                        ..
                    } => push(
                        client_lane(actor),
                        Lane::Smtp,
                        Exchange::Relayed {
                            rcpt: rcpt.to_string(),
                        },
                        *conn,
                        Some(*client_ip),
                    ),
                    EventKind::RelayRefused {
                        conn,
                        client_ip,
                        rcpt,
                        ..
                    } => push(
                        client_lane(actor),
                        Lane::Smtp,
                        Exchange::Refused {
                            rcpt: rcpt.as_ref().map(ToString::to_string),
                        },
                        *conn,
                        Some(*client_ip),
                    ),
                    EventKind::RelayedOnward { conn, accepted, .. } => {
                        recipient = true;
                        push(
                            Lane::Smtp,
                            Lane::Recipient,
                            Exchange::Onward { ok: *accepted },
                            *conn,
                            None,
                        );
                    }
                    EventKind::DeliveredLocally { rcpt, .. } => {
                        // The message's own connection: the last client connection opened
                        // in this group before it.
                        let conn = lines
                            .iter()
                            .take(idx)
                            .rev()
                            .find_map(|(_, e)| match &e.kind {
                                EventKind::ConnectionOpened { conn, kind, .. }
                                    if !matches!(kind, ConnKind::ServerToRecipient { .. }) =>
                                {
                                    Some(*conn)
                                }
                                _ => None,
                            });
                        let ip = client_ips
                            .iter()
                            .find(|(a, _)| *a == actor)
                            .map(|(_, ip)| *ip);
                        if let Some(conn) = conn {
                            push(
                                client_lane(actor),
                                Lane::Smtp,
                                Exchange::Delivered {
                                    rcpt: rcpt.to_string(),
                                },
                                conn,
                                ip,
                            );
                        }
                    }
                    EventKind::AllowlistAdded { ip, .. }
                    | EventKind::AllowlistRefreshed { ip, .. }
                    | EventKind::AllowlistExpired { ip, .. } => {
                        let i = match ips.iter().position(|x| x == ip) {
                            Some(i) => i,
                            None => {
                                ips.push(*ip);
                                ips.len() - 1
                            }
                        };
                        let change = match &event.kind {
                            EventKind::AllowlistAdded { until, .. } => {
                                BandEvent::Added { until: until.0 }
                            }
                            EventKind::AllowlistRefreshed { until, .. } => {
                                BandEvent::Refreshed { until: until.0 }
                            }
                            _ => BandEvent::Expired,
                        };
                        // The server writes the entry once it has answered the login: the
                        // change shows with that answer, the line before it.
                        band_events.push((i, at, change, seen_for(next_line.checked_sub(1))));
                    }
                    _ => {}
                }
            }
        }
        // In the picture's order (a stable pass per place: no sort code for three places).
        let mut lanes: Vec<Lane> = (0..=2)
            .flat_map(|place| clients.iter().filter(move |a| client_order(**a) == place))
            .map(|a| Lane::Client(*a))
            .collect();
        lanes.push(Lane::Pop3);
        lanes.extend((0..ips.len()).map(Lane::Allowlist));
        lanes.push(Lane::Smtp);
        if recipient {
            lanes.push(Lane::Recipient);
        }

        // Slots: marks at one moment stack in the order they happened.
        let mut counts: Vec<(u64, usize)> = Vec::new();
        for m in &mut marks {
            match counts.iter_mut().find(|(t, _)| *t == m.at) {
                Some((_, n)) => {
                    m.slot = *n;
                    *n += 1;
                }
                None => counts.push((m.at, 1)),
            }
        }
        let band_end = band_events
            .iter()
            .map(|(_, at, e, _)| match e {
                BandEvent::Added { until } | BandEvent::Refreshed { until } => (*until).max(*at),
                BandEvent::Expired => *at,
            })
            .max()
            .unwrap_or(0);
        let end = end
            .max(band_end)
            .max(marks.iter().map(|m| m.at).max().unwrap_or(0));
        // The moments in order, each once (kept sorted as they come: a sort would add
        // kilobytes of code to the page's module for a list of a few dozen).
        let mut moments: Vec<u64> = Vec::new();
        let mut add = |t: u64| {
            if let Err(i) = moments.binary_search(&t) {
                moments.insert(i, t);
            }
        };
        add(0);
        add(end);
        marks.iter().for_each(|m| add(m.at));
        for (_, at, e, _) in &band_events {
            add(*at);
            if let BandEvent::Added { until } | BandEvent::Refreshed { until } = e {
                add(*until);
            }
        }
        let mut knots = Vec::with_capacity(moments.len());
        let mut y = HEAD;
        let mut prev: Option<(u64, f64)> = None;
        for t in moments {
            let mut broken = false;
            if let Some((pt, bottom)) = prev {
                #[allow(clippy::cast_precision_loss)]
                let natural = (t - pt) as f64 / 60_000.0 * PX_PER_MINUTE;
                broken = natural > MAX_GAP;
                y = bottom + natural.clamp(MIN_GAP, MAX_GAP);
            }
            let rows = counts.iter().find(|(c, _)| *c == t).map_or(0, |(_, n)| *n);
            #[allow(clippy::cast_precision_loss)]
            let h = rows as f64 * ROW;
            knots.push(Knot { t, y, h, broken });
            prev = Some((t, y + h));
        }
        Chart {
            lanes,
            ips,
            client_ips,
            knots,
            marks,
            band_events,
            end,
        }
    }

    /// The chart's width.
    pub fn width(&self) -> f64 {
        self.lanes.iter().map(|l| lane_width(*l)).sum::<f64>() + AXIS + 8.0
    }

    /// The chart's height.
    pub fn height(&self) -> f64 {
        self.knots.last().map_or(HEAD, |k| k.y + k.h) + FOOT
    }

    /// The centre of a lane.
    pub fn x(&self, lane: Lane) -> f64 {
        let mut x = AXIS;
        for l in &self.lanes {
            let w = lane_width(*l);
            if *l == lane {
                return x + w / 2.0;
            }
            x += w;
        }
        x
    }

    /// The left edge and width of a lane.
    pub fn lane_span(&self, lane: Lane) -> (f64, f64) {
        let w = lane_width(lane);
        (self.x(lane) - w / 2.0, w)
    }

    /// Where moment `t` begins: the top of its block when it is one of the chart's moments,
    /// else proportionally between its neighbours.
    pub fn y(&self, t: u64) -> f64 {
        let Some(first) = self.knots.first() else {
            return HEAD;
        };
        if t <= first.t {
            return first.y;
        }
        for pair in self.knots.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if t == a.t {
                return a.y;
            }
            if t < b.t {
                #[allow(clippy::cast_precision_loss)]
                let f = (t - a.t) as f64 / (b.t - a.t) as f64;
                return a.y + a.h + f * (b.y - a.y - a.h);
            }
        }
        self.knots.last().map_or(HEAD, |k| k.y)
    }

    /// The bottom of moment `t`'s block (below its exchanges).
    pub fn y_after(&self, t: u64) -> f64 {
        self.y(t) + self.knots.iter().find(|k| k.t == t).map_or(0.0, |k| k.h)
    }

    /// The moment at height `y` (the inverse of [`Chart::y`]; a block is its moment),
    /// rounded to the second.
    pub fn t_at(&self, y: f64) -> u64 {
        let Some(first) = self.knots.first() else {
            return 0;
        };
        if y <= first.y {
            return first.t;
        }
        for pair in self.knots.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if y <= a.y + a.h {
                return a.t;
            }
            if y < b.y {
                let f = (y - a.y - a.h) / (b.y - a.y - a.h);
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    clippy::cast_precision_loss
                )]
                let t = a.t + (f * (b.t - a.t) as f64) as u64;
                return (t / 1000 * 1000).clamp(a.t, b.t);
            }
        }
        self.end
    }

    /// The moment under a pointer at height `y`: a moment's own time when the pointer is
    /// within [`SNAP`] pixels of its line, so a drag lands on 10:00, not 10:04.
    pub fn t_near(&self, y: f64) -> u64 {
        self.knots
            .iter()
            .find(|k| (y - k.y).abs() <= SNAP)
            .map_or_else(|| self.t_at(y), |k| k.t)
    }

    /// The centre line of a mark's row.
    pub fn mark_y(&self, mark: &Mark) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let slot = mark.slot as f64;
        self.y(mark.at) + slot * ROW + ROW / 2.0
    }

    /// The allowlist windows as they stand when `done` groups have begun and `shown` lines
    /// of the last are on screen: a refresh not yet seen has not moved the expiry.
    pub fn bands(&self, done: usize, shown: usize) -> Vec<Band> {
        let mut out: Vec<Band> = Vec::new();
        let mut open: Vec<Option<usize>> = vec![None; self.ips.len()];
        for (ip, at, change, seen) in &self.band_events {
            if !seen.visible(done, shown) {
                continue;
            }
            let slot = &mut open[*ip];
            match (change, *slot) {
                (BandEvent::Added { until }, _) | (BandEvent::Refreshed { until }, None) => {
                    out.push(Band {
                        ip: *ip,
                        from: *at,
                        until: *until,
                        refreshed: Vec::new(),
                    });
                    *slot = Some(out.len() - 1);
                }
                (BandEvent::Refreshed { until }, Some(b)) => {
                    out[b].until = *until;
                    out[b].refreshed.push(*at);
                }
                (BandEvent::Expired, Some(b)) => {
                    out[b].until = out[b].until.min(*at);
                    *slot = None;
                }
                (BandEvent::Expired, None) => {}
            }
        }
        out
    }

    /// Where the playhead stands at `t`: below the moment's exchanges once they have
    /// happened (`after`), else at its top.
    pub fn playhead_y(&self, t: u64, after: bool) -> f64 {
        if after { self.y_after(t) } else { self.y(t) }
    }

    /// The moments the keyboard steps through.
    pub fn moments(&self) -> impl Iterator<Item = u64> + '_ {
        self.knots.iter().map(|k| k.t)
    }
}

fn lane_width(lane: Lane) -> f64 {
    match lane {
        Lane::Allowlist(_) => BAND,
        _ => LANE,
    }
}

/// The line index and code of `event` when it is a final reply from the server on `conn`:
/// the code as the line begins with it (`250`, `554`, `+OK`, `-ERR`).
fn reply_of(event: &Event, conn: ConnId, index: usize) -> Option<(usize, String)> {
    let line = event.line()?;
    let reply = line.reply.as_ref()?;
    let code = line.text.split(' ').next().unwrap_or_default();
    (line.conn == conn && line.speaker == Speaker::Server && reply.last)
        .then(|| (index, code.to_owned()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::mail::{Language, MINUTE, ScenarioId};
    use crate::ui::pages::mail::model::Show;

    fn chart_of(id: ScenarioId) -> (Show, Chart) {
        let show = Show::new(id, Language::English);
        let chart = Chart::build(&groups_of(&show), show.end);
        (show, chart)
    }

    fn groups_of(show: &Show) -> Vec<Group> {
        super::super::groups_of_show(show)
    }

    const ALL: (usize, usize) = (usize::MAX, usize::MAX);

    #[test]
    fn a_band_spans_exactly_login_to_expiry() {
        let (show, chart) = chart_of(ScenarioId::OwnCase);
        let bands = chart.bands(ALL.0, ALL.1);
        let entry = &show.timeline.steps[0].allowlist[0];
        let first = &bands[0];
        assert_eq!(chart.ips[first.ip], entry.ip);
        assert_eq!(first.from, entry.added_at.0);
        assert_eq!(first.until, entry.until.0);
        assert_eq!(first.until, 10 * MINUTE);
        // On the page: from the top of the login's moment to the top of the expiry's.
        assert_eq!(chart.y(first.from), chart.knots[0].y);
        let expiry = chart.knots.iter().find(|k| k.t == 10 * MINUTE).unwrap();
        assert_eq!(chart.y(first.until), expiry.y);
        // The refused send lies below the band's end; the accepted one inside it.
        let refused = chart.marks.iter().find(|m| m.exchange.refused()).unwrap();
        assert!(chart.mark_y(refused) > chart.y(first.until));
        let relayed = chart
            .marks
            .iter()
            .find(|m| matches!(m.exchange, Exchange::Relayed { .. }))
            .unwrap();
        let y = chart.mark_y(relayed);
        assert!(y > chart.y(first.from) && y < chart.y(first.until));
    }

    #[test]
    fn a_refresh_moves_the_expiry_only_once_seen() {
        // Send before receive: the login at 00:00, then another at 01:00 inside the window.
        let (show, chart) = chart_of(ScenarioId::SendBeforeReceive);
        let whole = Band {
            ip: 0,
            from: 0,
            until: 11 * MINUTE,
            refreshed: vec![MINUTE],
        };
        assert_eq!(chart.bands(ALL.0, ALL.1), [whole]);
        // After the first step only the first login is known: the band ends at 10:00.
        let first = Band {
            ip: 0,
            from: 0,
            until: 10 * MINUTE,
            refreshed: Vec::new(),
        };
        assert_eq!(chart.bands(1, usize::MAX), core::slice::from_ref(&first));
        // During the second step, until the +OK of its login is shown, still the same.
        let login = chart.marks.iter().rfind(|m| {
            m.exchange
                == Exchange::PopLogin {
                    ok: true,
                    method: PopAuthMethod::UserPass,
                }
        });
        let line = login.and_then(|m| m.seen.line).unwrap();
        assert_eq!(chart.bands(2, line), [first]);
        assert_eq!(chart.bands(2, line + 1)[0].until, 11 * MINUTE);
        // Before anything has happened there is no band.
        assert!(chart.bands(0, 0).is_empty());
        assert_eq!(show.len(), 2);
    }

    #[test]
    fn arrows_keep_their_time_order_and_never_share_a_row() {
        for id in ScenarioId::ALL {
            let (_, chart) = chart_of(id);
            let ys: Vec<f64> = chart.marks.iter().map(|m| chart.mark_y(m)).collect();
            for pair in ys.windows(2) {
                assert!(pair[1] - pair[0] >= ROW - 1e-9, "{id:?}: {ys:?}");
            }
            for pair in chart.knots.windows(2) {
                assert!(
                    pair[1].y - (pair[0].y + pair[0].h) >= MIN_GAP - 1e-9,
                    "{id:?}"
                );
                assert!(pair[1].t > pair[0].t);
            }
            assert!(chart.height() > HEAD);
        }
    }

    #[test]
    fn the_scale_inverts_and_is_monotone() {
        let (show, chart) = chart_of(ScenarioId::OwnCase);
        for k in &chart.knots {
            assert_eq!(chart.t_at(chart.y(k.t)), k.t);
            assert_eq!(chart.t_at(chart.y(k.t) + k.h / 2.0), k.t);
        }
        let mut last = -1.0;
        for s in 0..=show.end / 1000 {
            let y = chart.y(s * 1000);
            assert!(y >= last);
            last = y;
            let back = chart.t_at(y);
            // Off the moments, the inverse lands within a second of the time.
            if chart.knots.iter().all(|k| k.t != s * 1000) {
                assert!(back.abs_diff(s * 1000) <= 1000, "{s}: {back}");
            }
        }
        assert_eq!(chart.t_at(chart.height() + 100.0), chart.end);
        let expiry = chart.y(10 * MINUTE);
        assert_eq!(chart.t_near(expiry + SNAP), 10 * MINUTE);
        assert_eq!(chart.t_near(expiry - SNAP), 10 * MINUTE);
        assert!(chart.t_near(expiry + SNAP + 3.0) > 10 * MINUTE);
        assert_eq!(chart.t_at(0.0), 0);
    }

    #[test]
    fn the_neighbours_send_falls_in_the_readers_band() {
        let (_, chart) = chart_of(ScenarioId::NatNeighbour);
        assert!(chart.lanes.contains(&Lane::Client(ActorId::NatNeighbour)));
        let band = &chart.bands(ALL.0, ALL.1)[0];
        let send = chart
            .marks
            .iter()
            .find(|m| m.from == Lane::Client(ActorId::NatNeighbour) && !m.exchange.refused())
            .unwrap();
        assert_eq!(send.ip, Some(chart.ips[band.ip]));
        assert!(send.at >= band.from && send.at < band.until);
        let refused = chart
            .marks
            .iter()
            .find(|m| m.from == Lane::Client(ActorId::NatNeighbour) && m.exchange.refused())
            .unwrap();
        assert!(refused.at >= band.until);
        assert_eq!(refused.code, "554");
    }

    #[test]
    fn lanes_hold_the_parties_in_the_pictures_order() {
        let (_, chart) = chart_of(ScenarioId::SpammerRefused);
        assert_eq!(chart.lanes[0], Lane::Client(ActorId::Reader));
        assert!(chart.lanes.contains(&Lane::Client(ActorId::Spammer)));
        let pop = chart.lanes.iter().position(|l| *l == Lane::Pop3).unwrap();
        let smtp = chart.lanes.iter().position(|l| *l == Lane::Smtp).unwrap();
        assert!(matches!(chart.lanes[pop + 1], Lane::Allowlist(0)));
        assert!(pop < smtp);
        let xs: Vec<f64> = chart.lanes.iter().map(|l| chart.x(*l)).collect();
        assert!(xs.windows(2).all(|p| p[1] > p[0]));
        assert!((chart.width() - (AXIS + 8.0 + xs.len() as f64 * LANE)).abs() <= LANE * 2.0);
        // Every arrow points at its answer in the transcript.
        assert!(chart.marks.iter().all(|m| m.line_key.is_some()));
    }

    #[test]
    fn marks_appear_with_their_answer_line() {
        let (show, chart) = chart_of(ScenarioId::OwnCase);
        let login = &chart.marks[0];
        assert_eq!(
            login.exchange,
            Exchange::PopLogin {
                ok: true,
                method: PopAuthMethod::UserPass
            }
        );
        assert_eq!(login.code, "+OK");
        let line = login.seen.line.unwrap();
        assert!(show.lines[0][line].text.starts_with("+OK"));
        assert_eq!(Some(show.lines[0][line].key), login.line_key);
        assert!(!login.seen.visible(1, line));
        assert!(login.seen.visible(1, line + 1));
        assert!(login.seen.visible(2, 0));
        assert!(!login.seen.visible(0, usize::MAX));
    }

    #[test]
    fn a_message_taken_points_at_the_reply_to_its_end_of_data() {
        let (show, chart) = chart_of(ScenarioId::SpammerRefused);
        let labels: Vec<String> = chart.marks.iter().map(Mark::label).collect();
        assert_eq!(
            labels,
            [
                "PASS +OK", "RCPT 554", "RCPT 554", "RCPT 554", "RCPT 250", "DATA 250", "DATA 250"
            ]
        );
        let local = chart.marks.last().unwrap();
        assert!(matches!(local.exchange, Exchange::Delivered { .. }));
        let group = local.seen.group;
        let line = &show.lines[group][local.seen.line.unwrap()];
        assert!(line.text.starts_with("250"), "{}", line.text);
        assert_eq!(local.from, Lane::Client(ActorId::Spammer));
        let onward = &chart.marks[5];
        assert_eq!(onward.exchange, Exchange::Onward { ok: true });
        assert_eq!((onward.from, onward.to), (Lane::Smtp, Lane::Recipient));
    }
}
