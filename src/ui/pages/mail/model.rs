//! The player's pure model: what the page shows at a cursor position in a scenario's
//! [`Timeline`], how playing moves the cursor, and how engine events become labelled lines
//! and outcomes. No protocol decisions are made here; everything is read from the engine's
//! events. Tested natively.

use core::net::IpAddr;

use crate::mail::{
    ActorId, AllowlistEntry, AuthDecoded, ConnId, ConnKind, Event, EventKind, Language,
    RelayPermit, RelayRefusal, Scenario, ScenarioId, SimTime, Speaker, StepId, Timeline,
    recording::Recording,
};
use crate::ui::i18n::{Key, Lang, k};

use super::chart::geometry::Group;

/// The language the people of the scenarios write their mail in: the reader's.
pub fn mail_language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::English,
        Lang::Ja => Language::Japanese,
    }
}

/// Which wire of the diagram a line travels on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wire {
    /// The reader's PC ↔ POP3.
    HomePop3,
    /// The reader's PC ↔ SMTP (or submission).
    HomeSmtp,
    /// The neighbour behind the same router ↔ SMTP.
    NeighbourSmtp,
    /// Someone on the Internet (spammer, other customer) ↔ SMTP.
    NetSmtp,
    /// Someone on the Internet ↔ POP3 (console only).
    NetPop3,
    /// The provider's server → the recipient's server.
    Onward,
}

/// One protocol line, ready for the transcript and the diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineView {
    /// Unique among the lines one transcript shows (its key in the keyed list).
    pub key: u64,
    /// Client or server.
    pub speaker: Speaker,
    /// Exactly as the engine produced it.
    pub text: String,
    /// The engine's decoding of an AUTH line.
    pub auth: Option<AuthDecoded>,
    /// The text of an encoded line of a sample mail, as its reader sees it.
    pub decoded: Option<&'static str>,
    /// Where it travels.
    pub wire: Wire,
    /// The connection.
    pub conn: ConnId,
    /// Whether this reply refuses a relay (the engine marks the line).
    pub refusal: bool,
}

impl LineView {
    /// `C: …` or `S: …`, as in a transcript; see [`LineView::visible`].
    pub fn prefixed(&self) -> String {
        let who = match self.speaker {
            Speaker::Client => 'C',
            Speaker::Server => 'S',
        };
        format!("{who}: {}", self.visible())
    }

    /// The text with ISO-2022-JP's invisible escape character (0x1B) shown as ⟨ESC⟩, so
    /// that what is on the wire can be seen. (Its Unicode control picture ␛ is missing
    /// from common fonts.) No other control character reaches a transcript: the console
    /// drops them from typed lines, and the engine writes none but TAB.
    pub fn visible(&self) -> String {
        self.text.replace('\x1b', "⟨ESC⟩")
    }

    /// A short label for the travelling packet: the command word or the reply code.
    pub fn token(&self) -> String {
        let text = self.visible();
        let first = text.split([' ', ':']).next().unwrap_or_default();
        let first = if first.is_empty() { "·" } else { first };
        let mut token: String = first.chars().take(10).collect();
        if self.text.starts_with("MAIL FROM") || self.text.starts_with("RCPT TO") {
            token = self.text.chars().take(7).collect();
        }
        token
    }

    /// Whether the line moves from client to server.
    pub fn to_server(&self) -> bool {
        self.speaker == Speaker::Client
    }
}

/// Where an actor sits in the picture.
pub fn side_of(actor: ActorId) -> Side {
    match actor {
        ActorId::Reader => Side::Home,
        ActorId::NatNeighbour => Side::Neighbour,
        ActorId::Spammer | ActorId::NextHolder | ActorId::PasswordGuesser => Side::Net,
    }
}

/// The three places a client can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The reader's PC.
    Home,
    /// Behind the same router.
    Neighbour,
    /// Elsewhere on the Internet.
    Net,
}

fn wire_for(kind: &ConnKind, side: Side) -> Wire {
    match (kind, side) {
        (ConnKind::ServerToRecipient { .. }, _) => Wire::Onward,
        (ConnKind::ClientPop3, Side::Net) => Wire::NetPop3,
        (ConnKind::ClientPop3, _) => Wire::HomePop3,
        (_, Side::Home) => Wire::HomeSmtp,
        (_, Side::Neighbour) => Wire::NeighbourSmtp,
        (_, Side::Net) => Wire::NetSmtp,
    }
}

/// The protocol lines among `events`, placed on wires as if `actor` made every client
/// connection (a scenario step or a free-play action has one actor), keyed from
/// `first_key` on.
pub fn lines_of(events: &[Event], actor: ActorId, first_key: u64) -> Vec<LineView> {
    let side = side_of(actor);
    events
        .iter()
        .filter_map(Event::line)
        .zip(first_key..)
        .map(|(line, key)| LineView {
            key,
            speaker: line.speaker,
            text: line.text.clone(),
            auth: line.auth.clone(),
            decoded: line.decoded,
            wire: wire_for(&line.kind, side),
            conn: line.conn,
            refusal: line.reply.is_some_and(|r| r.refusal.is_some()),
        })
        .collect()
}

/// What a step or an action decided, for the outcome list (icon and words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Relayed onward, and why.
    Relayed {
        /// The recipient.
        rcpt: String,
        /// Why.
        permit: RelayPermit,
    },
    /// Refused, and why.
    Refused {
        /// The recipient, if the refusal came at RCPT TO.
        rcpt: Option<String>,
        /// Why.
        refusal: RelayRefusal,
    },
    /// Mail for the server's own domain, delivered.
    Delivered {
        /// The recipient.
        rcpt: String,
    },
    /// A POP3 login succeeded.
    Received,
}

impl Decision {
    /// Whether this outcome is a refusal.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Decision::Refused { .. })
    }
}

/// The decisions among `events`, in order.
pub fn decisions_of(events: &[Event]) -> Vec<Decision> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::RelayAllowed { rcpt, permit, .. } => Some(Decision::Relayed {
                rcpt: rcpt.to_string(),
                permit: *permit,
            }),
            EventKind::RelayRefused { rcpt, refusal, .. } => Some(Decision::Refused {
                rcpt: rcpt.as_ref().map(ToString::to_string),
                refusal: *refusal,
            }),
            EventKind::DeliveredLocally { rcpt, .. } => Some(Decision::Delivered {
                rcpt: rcpt.to_string(),
            }),
            EventKind::PopLogin { success: true, .. } => Some(Decision::Received),
            _ => None,
        })
        .collect()
}

/// The key named `name` in a module's `ENTRIES` (`own_case.send_ok` in
/// `k::mail::step::ENTRIES`), if it exists.
pub fn key_in(entries: &[(&str, Key)], name: &str) -> Option<Key> {
    entries
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| entries[i].1)
}

/// The explanation of a step.
pub fn step_key(id: StepId) -> Key {
    use StepId as S;
    use k::mail::step as t;
    match id {
        S::OwnCaseReceiveOnStart => t::own_case::receive_on_start,
        S::OwnCaseSendOk => t::own_case::send_ok,
        S::OwnCaseWindowExpires => t::own_case::window_expires,
        S::OwnCaseSendRefused => t::own_case::send_refused,
        S::OwnCaseReceiveAgain => t::own_case::receive_again,
        S::OwnCaseSendOkAgain => t::own_case::send_ok_again,
        S::SpammerRefusedReaderReceives => t::spammer_refused::reader_receives,
        S::SpammerRefusedSpammerRelays => t::spammer_refused::spammer_relays,
        S::SpammerRefusedReaderSends => t::spammer_refused::reader_sends,
        S::SpammerRefusedSpammerMailsLocalUser => t::spammer_refused::spammer_mails_local_user,
        S::OpenRelayAbusedSpammerRelays => t::open_relay_abused::spammer_relays,
        S::OpenRelayAbusedReaderSendsWithoutLogin => {
            t::open_relay_abused::reader_sends_without_login
        }
        S::NatNeighbourReaderReceives => t::nat_neighbour::reader_receives,
        S::NatNeighbourNeighbourRelays => t::nat_neighbour::neighbour_relays,
        S::NatNeighbourWindowExpires => t::nat_neighbour::window_expires,
        S::NatNeighbourNeighbourRefused => t::nat_neighbour::neighbour_refused,
        S::SendBeforeReceiveSendAndReceive => t::send_before_receive::send_and_receive,
        S::SendBeforeReceiveSendAndReceiveAgain => t::send_before_receive::send_and_receive_again,
        S::IpChangeReaderReceives => t::ip_change::reader_receives,
        S::IpChangeAddressChanges => t::ip_change::address_changes,
        S::IpChangeSendRefused => t::ip_change::send_refused,
        S::IpChangeNextHolderRelays => t::ip_change::next_holder_relays,
        S::IpChangeReceiveAgain => t::ip_change::receive_again,
        S::IpChangeSendOk => t::ip_change::send_ok,
        S::SmtpAuthInsteadSendWithAuth => t::smtp_auth_instead::send_with_auth,
        S::SmtpAuthInsteadSendMuchLater => t::smtp_auth_instead::send_much_later,
        S::SmtpAuthInsteadSpammerWithoutAuth => t::smtp_auth_instead::spammer_without_auth,
        S::SmtpAuthInsteadSpammerGuessesPassword => t::smtp_auth_instead::spammer_guesses_password,
        S::SubmissionTodaySubmitWithStarttlsAndAuth => {
            t::submission_today::submit_with_starttls_and_auth
        }
        S::SubmissionTodaySpammerOn587 => t::submission_today::spammer_on_587,
        S::LogWatcherLagReceiveThenSend => t::log_watcher_lag::receive_then_send,
        S::LogWatcherLagEntryAppears => t::log_watcher_lag::entry_appears,
        S::LogWatcherLagSendAgain => t::log_watcher_lag::send_again,
    }
}

/// The values a step's text may name: `{user}` (the reader's login name) and
/// `{address}` (the reader's mail address), taken from the scenario's configuration.
pub fn reader_values(timeline: &Timeline) -> [(&'static str, String); 2] {
    let reader = timeline.actors.iter().find(|a| a.id == ActorId::Reader);
    let user = reader
        .and_then(|a| a.account.as_ref())
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let address = reader.map(|a| a.from.clone()).unwrap_or_default();
    [("user", user), ("address", address)]
}

/// A scenario's title.
pub fn scenario_key(id: ScenarioId) -> Option<Key> {
    key_in(k::mail::scenario::ENTRIES, id.code())
}

/// A scenario's introduction.
pub fn scenario_intro_key(id: ScenarioId) -> Option<Key> {
    key_in(k::mail::scenario_intro::ENTRIES, id.code())
}

/// An actor's name.
pub fn actor_key(id: ActorId) -> Option<Key> {
    key_in(k::mail::actor::ENTRIES, id.code())
}

/// The scenarios the page offers, in teaching order (the reader's own case first).
pub const SCENARIOS: [ScenarioId; 9] = ScenarioId::ALL;

/// Playback speeds (simulated seconds per real second).
pub const SPEEDS: [u64; 3] = [1, 10, 60];

/// The default speed.
pub const DEFAULT_SPEED: u64 = 10;

/// Free play draws its last this many actions in its transcript and time chart, and
/// leaves the earlier ones out (saying so); a saved recording still holds them all. Each
/// action adds a dozen lines to the transcript and its arrows to the chart, and a click's
/// layout and the chart's redrawing grow with what is drawn: after 300 actions, the next
/// click's frames took 225 and 278 ms with the CPU slowed 4× (one of 647 ms in another
/// run; issue #15, "fast at any size").
pub const FREE_PLAY_SHOWN: usize = 50;

/// Keeps the last `keep` groups of free play's `history`; returns how many earlier ones
/// went. An allowlist window opened (or last renewed) in a group that goes, and still open
/// when the groups kept begin, keeps its band in the time chart: that event moves to the
/// front of the first group kept (it is no transcript line, so no line's key changes), and
/// the relays it allowed are drawn over it. A window that had closed by then goes with its
/// group.
pub fn trim_history(history: &mut Vec<Group>, keep: usize) -> usize {
    let over = history.len().saturating_sub(keep);
    if over == 0 {
        return 0;
    }
    let gone: Vec<Group> = history.drain(..over).collect();
    let Some(first) = history.first_mut() else {
        return over;
    };
    let begins = first.events.first().map_or(SimTime(0), |e| e.at);
    // Each address's last allowlist change among the groups that went.
    let mut last: Vec<(IpAddr, &Event)> = Vec::new();
    for event in gone.iter().flat_map(|g| &g.events) {
        let ip = match &event.kind {
            EventKind::AllowlistAdded { ip, .. }
            | EventKind::AllowlistRefreshed { ip, .. }
            | EventKind::AllowlistExpired { ip, .. } => *ip,
            _ => continue,
        };
        match last.iter_mut().find(|(known, _)| *known == ip) {
            Some(slot) => slot.1 = event,
            None => last.push((ip, event)),
        }
    }
    let mut events: Vec<Event> = last
        .into_iter()
        .filter(|(_, e)| match &e.kind {
            EventKind::AllowlistAdded { until, .. }
            | EventKind::AllowlistRefreshed { until, .. } => *until > begins,
            _ => false,
        })
        .map(|(_, e)| e.clone())
        .collect();
    events.append(&mut first.events);
    first.events = events;
    over
}

/// The keys of recordings' lines start here (scenarios' keys stay below).
const RECORDING_KEYS: u64 = 0x8000;

/// A scenario, run once and prepared for showing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Show {
    /// The engine's run.
    pub timeline: Timeline,
    /// Each step's lines.
    pub lines: Vec<Vec<LineView>>,
    /// Each step's decisions.
    pub decisions: Vec<Vec<Decision>>,
    /// Where playing stops: the last step, or the last allowlist expiry after it.
    pub end: u64,
}

impl Show {
    /// Runs scenario `id`, its mails written in `language`.
    pub fn new(id: ScenarioId, language: Language) -> Show {
        let timeline = Scenario::get(id).in_language(language).run();
        // Keys unique across scenarios, languages and steps, so a keyed list never mixes
        // them up.
        let scenario = SCENARIOS.iter().position(|s| *s == id).unwrap_or(0) as u64
            | u64::from(language == Language::Japanese) << 8;
        Show::of(timeline, scenario)
    }

    /// A recording's sessions, the `serial`th recording opened on this page (its lines'
    /// keys differ from every scenario's and every other recording's).
    pub fn recorded(recording: &Recording, serial: u64) -> Show {
        Show::of(recording.timeline(), RECORDING_KEYS | (serial & 0xFF))
    }

    /// `timeline` prepared for showing, its lines keyed from `base << 40` on.
    fn of(timeline: Timeline, base: u64) -> Show {
        let scenario = base;
        let lines = timeline
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let first = (scenario << 40) | ((i as u64) << 20);
                lines_of(&s.events, s.actor.unwrap_or(ActorId::Reader), first)
            })
            .collect();
        let decisions = timeline
            .steps
            .iter()
            .map(|s| decisions_of(&s.events))
            .collect();
        let end = timeline.end().0;
        Show {
            timeline,
            lines,
            decisions,
            end,
        }
    }

    /// Who acts in step `i` (the reader when nobody does).
    pub fn actor(&self, i: usize) -> ActorId {
        self.timeline
            .steps
            .get(i)
            .and_then(|s| s.actor)
            .unwrap_or(ActorId::Reader)
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.timeline.steps.len()
    }

    /// Whether the scenario has no steps.
    pub fn is_empty(&self) -> bool {
        self.timeline.steps.is_empty()
    }

    /// Whether step `i` contains a relay decision (a moment worth predicting).
    pub fn has_relay_decision(&self, i: usize) -> bool {
        self.decisions.get(i).is_some_and(|d| {
            d.iter()
                .any(|d| matches!(d, Decision::Relayed { .. } | Decision::Refused { .. }))
        })
    }

    /// The first relay decision of step `i`: (relayed?, recipient).
    pub fn first_relay(&self, i: usize) -> Option<(bool, Option<String>)> {
        self.decisions.get(i)?.iter().find_map(|d| match d {
            Decision::Relayed { rcpt, .. } => Some((true, Some(rcpt.clone()))),
            Decision::Refused { rcpt, .. } => Some((false, rcpt.clone())),
            _ => None,
        })
    }

    /// The steps worth predicting (each holds a relay decision), in order: what the
    /// player pauses on and what the quiz (#/quiz) asks.
    pub fn questions(&self) -> impl Iterator<Item = Question> + '_ {
        (0..self.len()).filter_map(|i| self.question(i))
    }

    /// The question before step `i`, if it holds a relay decision: who sends to whom,
    /// when, and what the server will decide.
    pub fn question(&self, i: usize) -> Option<Question> {
        let (relayed, rcpt) = self.first_relay(i)?;
        let who = self.actor(i);
        let rcpt = rcpt
            .or_else(|| {
                self.timeline
                    .actors
                    .iter()
                    .find(|a| a.id == who)
                    .and_then(|a| a.default_to.first().cloned())
            })
            .unwrap_or_default();
        let at = self.timeline.steps.get(i)?.at.0;
        Some(Question {
            step: i,
            who,
            rcpt,
            at,
            relayed,
        })
    }

    /// The allowlist just before step `i` happens, at its time: what the server will look
    /// up when the step's mail arrives.
    pub fn allowlist_before(&self, i: usize) -> Vec<AllowlistEntry> {
        let at = self.timeline.steps.get(i).map_or(self.end, |s| s.at.0);
        self.timeline.allowlist_after(i, SimTime(at))
    }

    /// The public IP of `actor` after the first `pos` steps (it changes in one scenario).
    pub fn ip_of(&self, actor: ActorId, pos: usize) -> Option<IpAddr> {
        self.timeline
            .actors_after(pos)
            .iter()
            .find(|a| a.id == actor)
            .map(|a| a.ip)
    }

    /// Whether `actor` takes part.
    pub fn has_actor(&self, actor: ActorId) -> bool {
        self.timeline.actors.iter().any(|a| a.id == actor)
    }
}

/// A prediction to ask for before a relay decision: who sends to whom, when, and (the
/// answer) whether the server relays it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The step the decision happens in (0-based).
    pub step: usize,
    /// Who sends.
    pub who: ActorId,
    /// To whom.
    pub rcpt: String,
    /// Simulated ms.
    pub at: u64,
    /// The answer: the server relays the mail.
    pub relayed: bool,
}

/// Shows every line of the current step.
pub const ALL_LINES: usize = usize::MAX;

/// Where the player is: `pos` steps have happened, simulated time is `t` ms, and `shown`
/// lines of the current step are on screen (they appear one by one while playing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Steps that have happened (0: none yet).
    pub pos: usize,
    /// Simulated time, ms.
    pub t: u64,
    /// Lines of step `pos - 1` shown.
    pub shown: usize,
    /// Real ms waiting towards the next line.
    acc: u64,
}

/// What a tick did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tick {
    /// Still going.
    Running,
    /// Stopped before step `i` so the reader can predict it.
    Ask(usize),
    /// Reached the end.
    Ended,
}

/// Real milliseconds between two lines while playing at `speed`.
pub fn line_interval(speed: u64) -> u64 {
    match speed {
        0..=1 => 700,
        2..=10 => 300,
        _ => 120,
    }
}

impl Cursor {
    /// Before anything has happened.
    pub const START: Cursor = Cursor {
        pos: 0,
        t: 0,
        shown: ALL_LINES,
        acc: 0,
    };

    /// Just after step `k` (1-based count of steps; 0 is the start), all its lines shown.
    pub fn at_step(show: &Show, k: usize) -> Cursor {
        let k = k.min(show.len());
        if k == 0 {
            return Cursor::START;
        }
        Cursor {
            pos: k,
            t: show.timeline.steps[k - 1].at.0,
            shown: ALL_LINES,
            acc: 0,
        }
    }

    /// At simulated time `t`: every step due by then has happened.
    pub fn at_time(show: &Show, t: u64) -> Cursor {
        let t = t.min(show.end);
        let pos = show.timeline.steps.iter().filter(|s| s.at.0 <= t).count();
        Cursor {
            pos,
            t,
            shown: ALL_LINES,
            acc: 0,
        }
    }

    /// Lines of the current step.
    pub fn current_lines<'a>(&self, show: &'a Show) -> &'a [LineView] {
        match self.pos.checked_sub(1).and_then(|i| show.lines.get(i)) {
            Some(lines) => &lines[..self.shown.min(lines.len())],
            None => &[],
        }
    }

    /// Whether the current step's lines are all on screen.
    pub fn step_complete(&self, show: &Show) -> bool {
        match self.pos.checked_sub(1).and_then(|i| show.lines.get(i)) {
            Some(lines) => self.shown >= lines.len(),
            None => true,
        }
    }

    /// Whether nothing more will happen.
    pub fn at_end(&self, show: &Show) -> bool {
        self.pos >= show.len() && self.t >= show.end && self.step_complete(show)
    }

    /// Advances by `real_ms` of real time at `speed`. `ask(i)` says whether to stop before
    /// revealing step `i`.
    pub fn tick(
        &mut self,
        show: &Show,
        real_ms: u64,
        speed: u64,
        ask: impl Fn(usize) -> bool,
    ) -> Tick {
        if !self.step_complete(show) {
            self.acc += real_ms;
            let per = line_interval(speed);
            let total = show.lines[self.pos - 1].len();
            while self.acc >= per && self.shown < total {
                self.shown += 1;
                self.acc -= per;
            }
            if self.shown >= total {
                self.acc = 0;
            }
            return Tick::Running;
        }
        let next_t = self
            .t
            .saturating_add(real_ms.saturating_mul(speed.max(1)))
            .min(show.end);
        if let Some(step) = show.timeline.steps.get(self.pos)
            && step.at.0 <= next_t
        {
            if ask(self.pos) {
                self.t = step.at.0;
                return Tick::Ask(self.pos);
            }
            self.reveal(show);
            return Tick::Running;
        }
        self.t = next_t;
        if self.at_end(show) {
            Tick::Ended
        } else {
            Tick::Running
        }
    }

    /// Reveals the next step, its lines to be shown one by one.
    pub fn reveal(&mut self, show: &Show) {
        if let Some(step) = show.timeline.steps.get(self.pos) {
            self.t = self.t.max(step.at.0);
            self.pos += 1;
            self.shown = usize::from(!show.lines[self.pos - 1].is_empty());
            self.acc = 0;
        }
    }

    /// Next step (or the rest of the current one first).
    pub fn forward(&mut self, show: &Show) {
        if self.step_complete(show) {
            *self = Cursor::at_step(show, self.pos + 1);
        } else {
            self.shown = ALL_LINES;
        }
    }

    /// Previous step.
    pub fn back(&mut self, show: &Show) {
        *self = Cursor::at_step(show, self.pos.saturating_sub(1));
    }

    /// The allowlist on screen: the engine's entries after the current step, at `t`.
    pub fn allowlist(&self, show: &Show) -> Vec<AllowlistEntry> {
        show.timeline.allowlist_after(self.pos, SimTime(self.t))
    }

    /// When the earliest live allowlist entry runs out, if any.
    pub fn next_expiry(&self, show: &Show) -> Option<u64> {
        self.allowlist(show).iter().map(|e| e.until.0).min()
    }
}

/// `mm:ss` for a duration, rounded up (a countdown reaches 00:00 only when it is over).
pub fn countdown(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// `mm:ss` for a point in time, rounded down.
pub fn clock(ms: u64) -> String {
    let secs = ms / 1000;
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// A moment worth announcing to screen-reader users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Milestone {
    /// A new entry, with its window in whole minutes.
    Added(IpAddr, u64),
    /// An entry has a minute or less left.
    LastMinute(IpAddr),
    /// An entry is gone.
    Expired(IpAddr),
}

/// Each live entry's IP and whether it is in its last minute.
pub type Phases = Vec<(IpAddr, bool)>;

/// The phases of `entries`.
pub fn phases(entries: &[AllowlistEntry]) -> Phases {
    entries
        .iter()
        .map(|e| (e.ip, e.remaining <= 60_000))
        .collect()
}

/// The milestones between two moments' phases.
pub fn milestones(before: &Phases, after: &Phases, entries: &[AllowlistEntry]) -> Vec<Milestone> {
    let mut out = Vec::new();
    for (ip, last) in after {
        match before.iter().find(|(b, _)| b == ip) {
            None => {
                let minutes = entries
                    .iter()
                    .find(|e| e.ip == *ip)
                    .map_or(0, |e| e.remaining.div_ceil(60_000));
                out.push(Milestone::Added(*ip, minutes));
            }
            Some((_, was_last)) if *last && !was_last => out.push(Milestone::LastMinute(*ip)),
            _ => {}
        }
    }
    for (ip, _) in before {
        if !after.iter().any(|(a, _)| a == ip) {
            out.push(Milestone::Expired(*ip));
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::mail::MINUTE;

    #[test]
    fn free_play_keeps_its_last_actions_and_the_windows_still_open() {
        use super::super::chart::geometry::Chart;
        use super::super::free_play::new_lab;
        use crate::mail::{Flavour, Lab, RelayPolicy, SECOND};
        /// One of free play's buttons.
        type Act = fn(&mut Lab) -> Vec<Event>;
        // Free play as the page records it: each action a group, keyed on from the last.
        fn play(lab: &mut Lab, actions: &[Act], step: u64) -> (Vec<Group>, usize) {
            let (mut history, mut next_key, mut gone) = (Vec::new(), 0_u64, 0);
            for action in actions {
                let events = action(lab);
                lab.advance(step);
                let first_key = next_key;
                next_key += events.iter().filter(|e| e.line().is_some()).count() as u64;
                history.push(Group {
                    actor: ActorId::Reader,
                    events,
                    first_key,
                });
                gone += trim_history(&mut history, FREE_PLAY_SHOWN);
            }
            (history, gone)
        }
        let lab = || new_lab(10, RelayPolicy::PopBeforeSmtp, Flavour::Postfix2001);

        // Receive and send in turn, a minute apart: the last 50 stay, keys run on.
        let (receive, send): (Act, Act) = (Lab::receive_as_reader, Lab::send_as_reader);
        let turns: Vec<Act> = (0..FREE_PLAY_SHOWN + 7)
            .map(|i| if i % 2 == 0 { receive } else { send })
            .collect();
        let mut l = lab();
        let (history, gone) = play(&mut l, &turns, MINUTE);
        assert_eq!((history.len(), gone), (FREE_PLAY_SHOWN, 7));
        let keys: Vec<u64> = history
            .iter()
            .flat_map(|g| lines_of(&g.events, g.actor, g.first_key))
            .map(|l| l.key)
            .collect();
        assert!(keys.windows(2).all(|w| w[0] + 1 == w[1]), "keys run on");
        assert!(keys[0] > 0, "the earliest lines are gone");
        assert!(Chart::build(&history, l.now().0).height() > 0.0);

        // One login, then 55 sends a second apart: the login's group goes, its window
        // (still open) keeps its band behind the sends that are left.
        let mut sends = vec![receive];
        sends.extend([send; FREE_PLAY_SHOWN + 5]);
        let mut l = lab();
        let (history, gone) = play(&mut l, &sends, SECOND);
        assert_eq!(gone, 6);
        let chart = Chart::build(&history, l.now().0);
        let bands = chart.bands(usize::MAX, usize::MAX);
        assert_eq!(bands.len(), 1, "{bands:?}");
        let first_kept = history[0]
            .events
            .iter()
            .find(|e| e.line().is_some())
            .unwrap()
            .at;
        assert!(bands[0].from < first_kept.0 && bands[0].until > l.now().0);
        // The carried change is no line: the transcript starts with the kept send.
        assert_eq!(
            lines_of(&history[0].events, ActorId::Reader, history[0].first_key)[0].key,
            history[0].first_key
        );

        // A window closed before the groups kept begin is not carried.
        let mut late = vec![receive];
        late.extend([send; FREE_PLAY_SHOWN]);
        let mut l = lab();
        let (history, _) = play(&mut l, &late, 11 * MINUTE);
        let chart = Chart::build(&history, l.now().0);
        assert!(chart.bands(usize::MAX, usize::MAX).is_empty());
    }

    #[test]
    fn every_step_scenario_and_actor_has_text() {
        for id in SCENARIOS {
            assert!(scenario_key(id).is_some(), "{id:?}");
            assert!(scenario_intro_key(id).is_some(), "{id:?}");
            let show = Show::new(id, Language::English);
            for step in &show.timeline.steps {
                let step = step.id().expect("scripted");
                assert_eq!(step.scenario(), id, "{step:?}");
                assert!(step_key(step).name().ends_with(step.name()));
            }
            for actor in &show.timeline.actors {
                assert!(actor_key(actor.id).is_some(), "{:?}", actor.id);
            }
        }
    }

    #[test]
    fn japanese_mail_shows_its_wire_form_and_its_text() {
        let show = Show::new(ScenarioId::OwnCase, Language::Japanese);
        let english = Show::new(ScenarioId::OwnCase, Language::English);
        let body = show.lines[1]
            .iter()
            .find(|l| l.decoded == Some("お昼に会いませんか。"))
            .expect("the reader's mail");
        assert!(body.prefixed().starts_with("C: ⟨ESC⟩$B"));
        assert!(body.prefixed().ends_with("⟨ESC⟩(B"));
        assert!(
            show.lines[0]
                .iter()
                .any(|l| l.decoded == Some("Subject: Re: 打ち合わせの件"))
        );
        // Same steps, other keys: a keyed list rebuilds its rows on a language switch.
        assert_eq!(show.len(), english.len());
        assert!(
            show.lines[0]
                .iter()
                .all(|l| english.lines[0].iter().all(|e| e.key != l.key))
        );
        assert!(english.lines.iter().flatten().all(|l| l.decoded.is_none()));
        assert_eq!(mail_language(Lang::Ja), Language::Japanese);
    }

    #[test]
    fn own_case_plays_to_refusal_and_success() {
        let show = Show::new(ScenarioId::OwnCase, Language::English);
        let mut c = Cursor::START;
        let mut refused_seen = false;
        let mut ticks = 0;
        while c.tick(&show, 100, 60, |_| false) != Tick::Ended {
            ticks += 1;
            assert!(ticks < 100_000);
            if c.current_lines(&show).iter().any(|l| l.refusal) {
                refused_seen = true;
            }
        }
        assert!(refused_seen);
        assert_eq!(c.pos, show.len());
        assert_eq!(c.t, show.end);
        assert_eq!(show.end, 36 * MINUTE);
    }

    #[test]
    fn playing_reveals_lines_one_by_one_and_asks_before_relays() {
        let show = Show::new(ScenarioId::OwnCase, Language::English);
        let mut c = Cursor::START;
        assert_eq!(c.tick(&show, 100, 10, |_| false), Tick::Running);
        assert_eq!((c.pos, c.t, c.shown), (1, 0, 1));
        c.tick(&show, 300, 10, |_| false);
        assert_eq!(c.shown, 2);
        c.forward(&show);
        assert!(c.step_complete(&show));
        let asked = loop {
            match c.tick(&show, 1000, 60, |i| show.has_relay_decision(i)) {
                Tick::Ask(i) => break i,
                Tick::Ended => panic!("never asked"),
                Tick::Running => {}
            }
        };
        assert_eq!(asked, 1);
        assert_eq!(c.t, 2 * MINUTE);
        assert_eq!(
            show.first_relay(1),
            Some((true, Some("taro@example.org".into())))
        );
        assert_eq!(show.first_relay(3).map(|r| r.0), Some(false));
    }

    #[test]
    fn steps_times_and_countdown() {
        let show = Show::new(ScenarioId::OwnCase, Language::English);
        let c = Cursor::at_step(&show, 2);
        assert_eq!(c.t, 2 * MINUTE);
        let list = c.allowlist(&show);
        assert_eq!(list.len(), 1);
        assert_eq!(countdown(list[0].remaining), "08:00");
        assert_eq!(c.next_expiry(&show), Some(10 * MINUTE));
        let c = Cursor::at_time(&show, 10 * MINUTE);
        assert_eq!(c.pos, 3);
        assert!(c.allowlist(&show).is_empty());
        assert_eq!(Cursor::at_step(&show, 99).pos, show.len());
        let mut c = Cursor::at_step(&show, 4);
        assert!(
            c.current_lines(&show)
                .iter()
                .any(|l| l.refusal && l.text.starts_with("554"))
        );
        c.back(&show);
        assert_eq!(c.pos, 3);
        assert_eq!(countdown(59_001), "01:00");
        assert_eq!(countdown(0), "00:00");
        assert_eq!(clock(61_999), "01:01");
    }

    #[test]
    fn wires_follow_actors_and_connections() {
        let show = Show::new(ScenarioId::NatNeighbour, Language::English);
        assert!(show.lines[0].iter().all(|l| l.wire == Wire::HomePop3));
        assert!(show.lines[1].iter().any(|l| l.wire == Wire::NeighbourSmtp));
        assert!(show.lines[1].iter().any(|l| l.wire == Wire::Onward));
        let show = Show::new(ScenarioId::SpammerRefused, Language::English);
        assert!(show.lines[1].iter().all(|l| l.wire == Wire::NetSmtp));
        assert_eq!(show.lines[1].iter().filter(|l| l.refusal).count(), 3);
        let show = Show::new(ScenarioId::IpChange, Language::English);
        assert_eq!(
            show.ip_of(ActorId::Reader, 0).map(|i| i.to_string()),
            Some("203.0.113.7".into())
        );
        assert_eq!(
            show.ip_of(ActorId::Reader, 2).map(|i| i.to_string()),
            Some("203.0.113.58".into())
        );
    }

    #[test]
    fn milestones_at_add_last_minute_and_expiry() {
        let show = Show::new(ScenarioId::OwnCase, Language::English);
        let a = Cursor::at_step(&show, 1).allowlist(&show);
        let b = Cursor::at_time(&show, 9 * MINUTE + 30_000).allowlist(&show);
        let c = Cursor::at_time(&show, 10 * MINUTE).allowlist(&show);
        let ip = a[0].ip;
        assert_eq!(
            milestones(&Vec::new(), &phases(&a), &a),
            [Milestone::Added(ip, 10)]
        );
        assert_eq!(milestones(&phases(&a), &phases(&a), &a), []);
        assert_eq!(
            milestones(&phases(&a), &phases(&b), &b),
            [Milestone::LastMinute(ip)]
        );
        assert_eq!(
            milestones(&phases(&b), &phases(&c), &c),
            [Milestone::Expired(ip)]
        );
    }
}
