//! Actors, the free-play [`Lab`] and the scripted [`Scenario`]s with steppable [`Timeline`]s.
//!
//! Scenario data holds actors (IP addresses, mail-program habits, credentials) and
//! actions at times — never reply text: every server line comes from running the real
//! sessions in a [`MailServer`]. Running a scenario is deterministic, so the page can
//! precompute its [`Timeline`], step forward and back, deep-link to step N and jump to any
//! time ([`Timeline::step_at`], [`Timeline::allowlist_at`]).
//!
//! Step ids (`own_case.receive_on_start`, …) and [`ScenarioId`]s are codes: the view maps
//! them to English or Japanese text.

use core::net::IpAddr;

use serde::Serialize;

use super::client;
pub use super::client::{MailProgram, PopLogin, SendReceiveOrder, SendStyle};
use super::event::{ConnId, Event, Service};
use super::flavour::Flavour;
use super::policy::{AllowlistEntry, RelayPolicy};
use super::server::{MailServer, ServerConfig, UserAccount};
use super::time::{MINUTE, Millis, SECOND, SimTime};

/// Who acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ActorId {
    /// The reader (hanako), at home: 203.0.113.7.
    Reader,
    /// A spammer elsewhere: 198.51.100.66.
    Spammer,
    /// Someone behind the same NAT router as the reader: same public IP.
    NatNeighbour,
    /// Another customer who is given the reader's old IP after an address change.
    NextHolder,
    /// A spammer who tries to guess the reader's password for SMTP AUTH: 198.51.100.67.
    PasswordGuesser,
}

/// An actor: where it is and how its mail program behaves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Which actor.
    pub id: ActorId,
    /// The public IP the server sees.
    pub ip: IpAddr,
    /// The private address behind NAT, if any (for the picture only).
    pub private_ip: Option<IpAddr>,
    /// Credentials the actor uses (`None`: it has none; may be wrong on purpose).
    pub account: Option<UserAccount>,
    /// The envelope sender and `From:` it uses.
    pub from: String,
    /// Where it sends when a scenario does not say.
    pub default_to: Vec<String>,
    /// `Subject:` of its messages (ASCII, as on the wire).
    pub subject: String,
    /// Its mail program.
    pub program: MailProgram,
}

fn ip(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::from([a, b, c, d])
}

impl Actor {
    /// The reader: 203.0.113.7, hanako / s3cret, a typical mail program.
    #[must_use]
    pub fn reader() -> Actor {
        Actor {
            id: ActorId::Reader,
            ip: ip(203, 0, 113, 7),
            private_ip: Some(ip(192, 168, 1, 10)),
            account: Some(UserAccount::new("hanako", "s3cret")),
            from: "hanako@example.net".to_owned(),
            default_to: vec!["taro@example.org".to_owned()],
            subject: "Lunch on Friday?".to_owned(),
            program: MailProgram::typical("pc.example"),
        }
    }

    /// The spammer: 198.51.100.66, no account, sends to several domains.
    #[must_use]
    pub fn spammer() -> Actor {
        Actor {
            id: ActorId::Spammer,
            ip: ip(198, 51, 100, 66),
            private_ip: None,
            account: None,
            from: "winner@lottery.example".to_owned(),
            default_to: vec![
                "taro@example.org".to_owned(),
                "jiro@example.com".to_owned(),
                "saburo@example.edu".to_owned(),
            ],
            subject: "You have won!!!".to_owned(),
            program: MailProgram {
                receive_on_start: false,
                helo_name: "bulk-mailer.example".to_owned(),
                ..MailProgram::typical("bulk-mailer.example")
            },
        }
    }

    /// The NAT neighbour: a different PC behind the reader's router, same public IP.
    #[must_use]
    pub fn nat_neighbour() -> Actor {
        Actor {
            id: ActorId::NatNeighbour,
            ip: ip(203, 0, 113, 7),
            private_ip: Some(ip(192, 168, 1, 23)),
            account: None,
            from: "neighbour@example.com".to_owned(),
            default_to: vec!["someone@example.org".to_owned()],
            subject: "Cheap watches".to_owned(),
            program: MailProgram {
                receive_on_start: false,
                ..MailProgram::typical("laptop.example")
            },
        }
    }

    /// A spammer guessing the reader's password with AUTH LOGIN.
    #[must_use]
    pub fn password_guesser() -> Actor {
        let mut actor = Actor::spammer();
        actor.id = ActorId::PasswordGuesser;
        actor.ip = ip(198, 51, 100, 67);
        actor.account = Some(UserAccount::new("hanako", "123456"));
        actor.program.send_style = SendStyle::AuthLogin;
        actor
    }

    /// Another customer of the reader's ISP, not yet on the reader's old address.
    #[must_use]
    pub fn next_holder() -> Actor {
        Actor {
            id: ActorId::NextHolder,
            ip: ip(203, 0, 113, 99),
            private_ip: None,
            account: None,
            from: "stranger@example.com".to_owned(),
            default_to: vec!["someone@example.org".to_owned()],
            subject: "Hello".to_owned(),
            program: MailProgram {
                receive_on_start: false,
                ..MailProgram::typical("other.example")
            },
        }
    }

    fn message(&self, to: &[String], serial: u32) -> Vec<String> {
        let domain = self.program.helo_name.clone();
        vec![
            format!("From: {}", self.from),
            format!("To: {}", to.join(", ")),
            format!("Subject: {}", self.subject),
            format!("Message-ID: <{serial}.{}@{domain}>", self.id.code()),
            String::new(),
            match self.id {
                ActorId::Reader => "Shall we meet at noon? -- Hanako".to_owned(),
                ActorId::Spammer => "Click here to claim your prize.".to_owned(),
                ActorId::NatNeighbour => "Best prices, today only.".to_owned(),
                ActorId::NextHolder => "Just saying hello.".to_owned(),
                ActorId::PasswordGuesser => "Click here to claim your prize.".to_owned(),
            },
        ]
    }
}

impl ActorId {
    /// A stable lowercase code (`reader`, `spammer`, `nat_neighbour`, `next_holder`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ActorId::Reader => "reader",
            ActorId::Spammer => "spammer",
            ActorId::NatNeighbour => "nat_neighbour",
            ActorId::NextHolder => "next_holder",
            ActorId::PasswordGuesser => "password_guesser",
        }
    }
}

/// Something an actor (or the teacher) does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Action {
    /// Start the mail program: receives at once if that is its habit, then every
    /// `check_interval` while running.
    StartMailProgram {
        /// Who.
        actor: ActorId,
    },
    /// Close the mail program (stops periodic checks).
    QuitMailProgram {
        /// Who.
        actor: ActorId,
    },
    /// Check for mail (POP3).
    Receive {
        /// Who.
        actor: ActorId,
    },
    /// Send one message to `to` (the actor's default recipients if empty).
    Send {
        /// Who.
        actor: ActorId,
        /// Recipients as typed.
        to: Vec<String>,
    },
    /// Press "send and receive": both, in the program's order.
    SendAndReceive {
        /// Who.
        actor: ActorId,
        /// Recipients (defaults if empty).
        to: Vec<String>,
    },
    /// The actor's public IP changes (dynamic address).
    ChangeIp {
        /// Who.
        actor: ActorId,
        /// The new address.
        ip: IpAddr,
    },
    /// Let time pass (free play; scenarios give steps absolute times instead).
    AdvanceTime {
        /// Milliseconds.
        ms: Millis,
    },
    /// Set the POP-before-SMTP window for later logins.
    SetWindow {
        /// Milliseconds.
        ms: Millis,
    },
    /// Set the relay policy.
    SetPolicy {
        /// The policy.
        policy: RelayPolicy,
    },
    /// Set the server flavour.
    SetFlavour {
        /// The flavour.
        flavour: Flavour,
    },
    /// Nothing: a step that only shows time passing (e.g. the window running out).
    Idle,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct ActorState {
    actor: Actor,
    next_check: Option<SimTime>,
}

/// Free play: a server, actors and a clock the page moves. Scenarios run on it too.
#[derive(Clone, Debug)]
pub struct Lab {
    server: MailServer,
    actors: Vec<ActorState>,
    now: SimTime,
    serial: u32,
}

impl Lab {
    /// Most periodic mail checks one [`Lab::advance_to`] call runs.
    pub const MAX_CHECKS_PER_ADVANCE: usize = 1000;

    /// A lab with this server and these actors, at time zero.
    #[must_use]
    pub fn new(config: ServerConfig, actors: Vec<Actor>) -> Lab {
        Lab {
            server: MailServer::new(config),
            actors: actors
                .into_iter()
                .map(|actor| ActorState {
                    actor,
                    next_check: None,
                })
                .collect(),
            now: SimTime::ZERO,
            serial: 0,
        }
    }

    /// The reader's provider with the reader, the spammer and the NAT neighbour.
    #[must_use]
    pub fn classic() -> Lab {
        Lab::new(
            ServerConfig::example(),
            vec![Actor::reader(), Actor::spammer(), Actor::nat_neighbour()],
        )
    }

    /// The current time.
    #[must_use]
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The server (maildrops, configuration).
    #[must_use]
    pub fn server(&self) -> &MailServer {
        &self.server
    }

    /// The server, to seed mail or change settings directly.
    pub fn server_mut(&mut self) -> &mut MailServer {
        &mut self.server
    }

    /// An actor.
    #[must_use]
    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors
            .iter()
            .find(|a| a.actor.id == id)
            .map(|a| &a.actor)
    }

    /// All actors.
    #[must_use]
    pub fn actors(&self) -> Vec<Actor> {
        self.actors.iter().map(|a| a.actor.clone()).collect()
    }

    /// Live allowlist entries now, with remaining time.
    #[must_use]
    pub fn allowlist(&self) -> Vec<AllowlistEntry> {
        self.server.allowlist_at(self.now)
    }

    /// Move the clock to `t` (never backwards), running periodic mail checks that fall due
    /// and reporting expiries, in time order. At most [`Lab::MAX_CHECKS_PER_ADVANCE`] checks
    /// run per call; checks beyond that are skipped (a huge jump does not replay days).
    pub fn advance_to(&mut self, t: SimTime) -> Vec<Event> {
        let mut events = Vec::new();
        let mut checks = 0;
        loop {
            if checks == Lab::MAX_CHECKS_PER_ADVANCE {
                for a in &mut self.actors {
                    if let (Some(at), Some(ms)) = (a.next_check, a.actor.program.check_interval)
                        && at <= t
                    {
                        let ms = ms.max(SECOND);
                        let behind = t.since(at) / ms + 1;
                        a.next_check = Some(at.plus(behind.saturating_mul(ms)));
                    }
                }
                break;
            }
            checks += 1;
            let due = self
                .actors
                .iter()
                .enumerate()
                .filter_map(|(i, a)| a.next_check.map(|at| (at, i)))
                .filter(|(at, _)| *at <= t)
                .min();
            let Some((at, i)) = due else { break };
            self.now = self.now.max(at);
            events.extend(self.server.poll(self.now));
            let interval = self.actors[i].actor.program.check_interval;
            self.actors[i].next_check = interval.map(|ms| at.plus(ms.max(SECOND)));
            events.extend(self.receive(i));
        }
        self.now = self.now.max(t);
        events.extend(self.server.poll(self.now));
        events
    }

    fn index(&self, id: ActorId) -> Option<usize> {
        self.actors.iter().position(|a| a.actor.id == id)
    }

    fn receive(&mut self, i: usize) -> Vec<Event> {
        let a = &self.actors[i].actor;
        client::receive(
            &mut self.server,
            self.now,
            a.ip,
            &a.program,
            a.account.as_ref(),
        )
    }

    fn send(&mut self, i: usize, to: &[String]) -> Vec<Event> {
        self.serial += 1;
        let a = &self.actors[i].actor;
        let to = if to.is_empty() {
            a.default_to.clone()
        } else {
            to.to_vec()
        };
        let message = a.message(&to, self.serial);
        client::send(
            &mut self.server,
            self.now,
            a.ip,
            &a.program,
            a.account.as_ref(),
            &a.from,
            &to,
            &message,
        )
    }

    /// Do `action` now; returns the events it caused.
    pub fn apply(&mut self, action: &Action) -> Vec<Event> {
        let mut events = self.server.poll(self.now);
        let now = self.now;
        match action {
            Action::StartMailProgram { actor } => {
                if let Some(i) = self.index(*actor) {
                    let program = self.actors[i].actor.program.clone();
                    self.actors[i].next_check = program.check_interval.map(|ms| now.plus(ms));
                    if program.receive_on_start {
                        events.extend(self.receive(i));
                    }
                }
            }
            Action::QuitMailProgram { actor } => {
                if let Some(i) = self.index(*actor) {
                    self.actors[i].next_check = None;
                }
            }
            Action::Receive { actor } => {
                if let Some(i) = self.index(*actor) {
                    events.extend(self.receive(i));
                }
            }
            Action::Send { actor, to } => {
                if let Some(i) = self.index(*actor) {
                    events.extend(self.send(i, to));
                }
            }
            Action::SendAndReceive { actor, to } => {
                if let Some(i) = self.index(*actor) {
                    match self.actors[i].actor.program.order {
                        SendReceiveOrder::ReceiveThenSend => {
                            events.extend(self.receive(i));
                            events.extend(self.send(i, to));
                        }
                        SendReceiveOrder::SendThenReceive => {
                            events.extend(self.send(i, to));
                            events.extend(self.receive(i));
                        }
                    }
                }
            }
            Action::ChangeIp { actor, ip } => {
                if let Some(i) = self.index(*actor) {
                    self.actors[i].actor.ip = *ip;
                }
            }
            Action::AdvanceTime { ms } => events.extend(self.advance_to(now.plus(*ms))),
            Action::SetWindow { ms } => self.server.set_window(*ms),
            Action::SetPolicy { policy } => self.server.set_policy(*policy),
            Action::SetFlavour { flavour } => self.server.set_flavour(*flavour),
            Action::Idle => {}
        }
        events
    }

    /// Change how `actor`'s mail program sends (free play: the reader's program logs in
    /// with SMTP AUTH when the server asks for it). Returns false for an unknown actor.
    pub fn set_send_style(&mut self, actor: ActorId, style: SendStyle) -> bool {
        match self.index(actor) {
            Some(i) => {
                self.actors[i].actor.program.send_style = style;
                true
            }
            None => false,
        }
    }

    /// Check mail as the reader.
    pub fn receive_as_reader(&mut self) -> Vec<Event> {
        self.apply(&Action::Receive {
            actor: ActorId::Reader,
        })
    }

    /// Send as the reader to the default recipient.
    pub fn send_as_reader(&mut self) -> Vec<Event> {
        self.apply(&Action::Send {
            actor: ActorId::Reader,
            to: Vec::new(),
        })
    }

    /// Send as the spammer to its default recipients.
    pub fn send_as_spammer(&mut self) -> Vec<Event> {
        self.apply(&Action::Send {
            actor: ActorId::Spammer,
            to: Vec::new(),
        })
    }

    /// Let `ms` pass.
    pub fn advance(&mut self, ms: Millis) -> Vec<Event> {
        self.apply(&Action::AdvanceTime { ms })
    }

    /// Open a console connection as `actor` to `service` (typed-line mode).
    pub fn open_console(
        &mut self,
        actor: ActorId,
        service: Service,
    ) -> Option<(ConnId, Vec<Event>)> {
        let ip = self.actor(actor)?.ip;
        Some(self.server.connect(self.now, service, ip))
    }

    /// A line the reader typed into the console (no panic on any input; lines longer than
    /// the protocol allows are answered with an error).
    pub fn type_line(&mut self, conn: ConnId, line: &str) -> Vec<Event> {
        self.server.handle_line(conn, self.now, line)
    }

    /// Close a console connection abruptly.
    pub fn close_console(&mut self, conn: ConnId) -> Vec<Event> {
        self.server.disconnect(conn, self.now)
    }
}

/// The scripted scenarios.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ScenarioId {
    /// The reader's question: start → receive → send ok → idle → refused → receive → ok.
    OwnCase,
    /// A spammer elsewhere is refused; mail *to* the domain is still accepted from it.
    SpammerRefused,
    /// The old days: an open relay forwards the spammer's mail everywhere.
    OpenRelayAbused,
    /// The neighbour behind the same NAT relays inside the reader's window.
    NatNeighbour,
    /// Outlook Express order: send first, so the first send is refused.
    SendBeforeReceive,
    /// The reader's IP changes; the old IP's window goes to its next holder.
    IpChange,
    /// SMTP AUTH: the SMTP server checks the password itself; no window.
    SmtpAuthInstead,
    /// Today: submission on port 587 with STARTTLS and AUTH.
    SubmissionToday,
    /// A log-watching daemon notices the login a few seconds late: "receive, then send"
    /// at once is refused.
    LogWatcherLag,
}

impl ScenarioId {
    /// All scenarios, in teaching order.
    pub const ALL: [ScenarioId; 9] = [
        ScenarioId::OwnCase,
        ScenarioId::SpammerRefused,
        ScenarioId::OpenRelayAbused,
        ScenarioId::NatNeighbour,
        ScenarioId::SendBeforeReceive,
        ScenarioId::IpChange,
        ScenarioId::SmtpAuthInstead,
        ScenarioId::SubmissionToday,
        ScenarioId::LogWatcherLag,
    ];

    /// The code used in step ids and deep links (`own_case`, …).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ScenarioId::OwnCase => "own_case",
            ScenarioId::SpammerRefused => "spammer_refused",
            ScenarioId::OpenRelayAbused => "open_relay_abused",
            ScenarioId::NatNeighbour => "nat_neighbour",
            ScenarioId::SendBeforeReceive => "send_before_receive",
            ScenarioId::IpChange => "ip_change",
            ScenarioId::SmtpAuthInstead => "smtp_auth_instead",
            ScenarioId::SubmissionToday => "submission_today",
            ScenarioId::LogWatcherLag => "log_watcher_lag",
        }
    }

    /// Parse a code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<ScenarioId> {
        ScenarioId::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One scripted step: at `at`, the actors do `actions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScriptStep {
    /// `scenario.step` code.
    pub id: String,
    /// When.
    pub at: SimTime,
    /// What happens.
    pub actions: Vec<Action>,
}

/// A scenario: server set-up, actors, mail waiting in the maildrop, and a script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    /// Which.
    pub id: ScenarioId,
    /// The server.
    pub config: ServerConfig,
    /// The actors.
    pub actors: Vec<Actor>,
    /// Messages waiting in the reader's maildrop at the start: (sender, subject).
    pub waiting_mail: Vec<(String, String)>,
    /// The steps.
    pub script: Vec<ScriptStep>,
}

/// One step of a run: what happened and the allowlist after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Position in the timeline.
    pub index: usize,
    /// `scenario.step` code for the view's text.
    pub id: String,
    /// When the step happens.
    pub at: SimTime,
    /// What was done.
    pub actions: Vec<Action>,
    /// The events (expiries since the previous step first, stamped with their own time).
    pub events: Vec<Event>,
    /// All allowlist entries live at `at`, after the step.
    pub allowlist: Vec<AllowlistEntry>,
}

/// A scenario's run: steps in time order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// Which scenario.
    pub scenario: ScenarioId,
    /// The server set-up it ran with.
    pub config: ServerConfig,
    /// The actors at the start.
    pub actors: Vec<Actor>,
    /// The steps.
    pub steps: Vec<Step>,
    /// Time of the last step (the page may play a little past it).
    pub duration: Millis,
}

impl Timeline {
    /// The index of the last step at or before `t` (`None` before the first).
    #[must_use]
    pub fn step_at(&self, t: SimTime) -> Option<usize> {
        self.steps.iter().rposition(|s| s.at <= t)
    }

    /// Every event up to and including time `t`.
    #[must_use]
    pub fn events_until(&self, t: SimTime) -> Vec<Event> {
        self.steps
            .iter()
            .flat_map(|s| s.events.iter())
            .filter(|e| e.at <= t)
            .cloned()
            .collect()
    }

    /// The allowlist as it stands at `t`, with remaining time at `t`.
    #[must_use]
    pub fn allowlist_at(&self, t: SimTime) -> Vec<AllowlistEntry> {
        let Some(i) = self.step_at(t) else {
            return Vec::new();
        };
        self.steps[i]
            .allowlist
            .iter()
            .filter(|e| e.until > t)
            .map(|e| AllowlistEntry {
                remaining: e.until.since(t),
                ..e.clone()
            })
            .collect()
    }

    /// The protocol lines as `C:`/`S:` text, for tests and logs.
    #[must_use]
    pub fn transcript(&self) -> Vec<String> {
        self.steps
            .iter()
            .flat_map(|s| s.events.iter())
            .filter_map(Event::line)
            .map(|l| {
                let who = match l.speaker {
                    super::event::Speaker::Client => "C",
                    super::event::Speaker::Server => "S",
                };
                format!("{who}: {}", l.text)
            })
            .collect()
    }
}

fn step(scenario: ScenarioId, name: &str, at: Millis, actions: Vec<Action>) -> ScriptStep {
    ScriptStep {
        id: format!("{}.{name}", scenario.code()),
        at: SimTime(at),
        actions,
    }
}

fn send(actor: ActorId) -> Action {
    Action::Send {
        actor,
        to: Vec::new(),
    }
}

fn receive(actor: ActorId) -> Action {
    Action::Receive { actor }
}

impl Scenario {
    /// The scenario `id` with its default server (POP before SMTP, 10 minutes, Postfix).
    #[must_use]
    pub fn get(id: ScenarioId) -> Scenario {
        Scenario::build(id, ServerConfig::example())
    }

    /// The scenario `id` on a server set up like `base` (window, flavour, users); the
    /// scenario still sets the policy it is about. Steps written relative to the window
    /// (its expiry, the refusal after it) move with it.
    #[must_use]
    #[allow(clippy::too_many_lines)] // one table of scripts, read top to bottom
    pub fn build(id: ScenarioId, base: ServerConfig) -> Scenario {
        use ActorId::{NatNeighbour, NextHolder, PasswordGuesser, Reader, Spammer};
        let mut config = base;
        let mut actors = vec![Actor::reader(), Actor::spammer()];
        let w = config.window;
        let s = |name: &str, at: Millis, actions: Vec<Action>| step(id, name, at, actions);
        let start = Action::StartMailProgram { actor: Reader };
        let script = match id {
            ScenarioId::OwnCase => vec![
                s("receive_on_start", 0, vec![start]),
                s("send_ok", 2 * MINUTE, vec![send(Reader)]),
                s("window_expires", w, vec![Action::Idle]),
                s("send_refused", w + 15 * MINUTE, vec![send(Reader)]),
                s("receive_again", w + 16 * MINUTE, vec![receive(Reader)]),
                s("send_ok_again", w + 17 * MINUTE, vec![send(Reader)]),
            ],
            ScenarioId::SpammerRefused => vec![
                s("reader_receives", 0, vec![start]),
                s("spammer_relays", MINUTE, vec![send(Spammer)]),
                s("reader_sends", 2 * MINUTE, vec![send(Reader)]),
                s(
                    "spammer_mails_local_user",
                    3 * MINUTE,
                    vec![Action::Send {
                        actor: Spammer,
                        to: vec!["hanako@example.net".to_owned()],
                    }],
                ),
            ],
            ScenarioId::OpenRelayAbused => {
                config.policy = RelayPolicy::OpenRelay;
                vec![
                    s("spammer_relays", 0, vec![send(Spammer)]),
                    s("reader_sends_without_login", MINUTE, vec![send(Reader)]),
                ]
            }
            ScenarioId::NatNeighbour => {
                actors.push(Actor::nat_neighbour());
                vec![
                    s("reader_receives", 0, vec![start]),
                    s("neighbour_relays", 3 * MINUTE, vec![send(NatNeighbour)]),
                    s("window_expires", w, vec![Action::Idle]),
                    s(
                        "neighbour_refused",
                        w + 2 * MINUTE,
                        vec![send(NatNeighbour)],
                    ),
                ]
            }
            ScenarioId::SendBeforeReceive => {
                actors[0].program.order = SendReceiveOrder::SendThenReceive;
                actors[0].program.receive_on_start = false;
                let both = || Action::SendAndReceive {
                    actor: Reader,
                    to: Vec::new(),
                };
                vec![
                    s("send_and_receive", 0, vec![both()]),
                    s("send_and_receive_again", MINUTE, vec![both()]),
                ]
            }
            ScenarioId::IpChange => {
                actors.push(Actor::next_holder());
                vec![
                    s("reader_receives", 0, vec![start]),
                    s(
                        "address_changes",
                        4 * MINUTE,
                        vec![
                            Action::ChangeIp {
                                actor: Reader,
                                ip: ip(203, 0, 113, 58),
                            },
                            Action::ChangeIp {
                                actor: NextHolder,
                                ip: ip(203, 0, 113, 7),
                            },
                        ],
                    ),
                    s("send_refused", 5 * MINUTE, vec![send(Reader)]),
                    s("next_holder_relays", 6 * MINUTE, vec![send(NextHolder)]),
                    s("receive_again", 7 * MINUTE, vec![receive(Reader)]),
                    s("send_ok", 8 * MINUTE, vec![send(Reader)]),
                ]
            }
            ScenarioId::SmtpAuthInstead => {
                config.policy = RelayPolicy::SmtpAuth;
                actors[0].program.send_style = SendStyle::AuthPlain;
                actors[0].program.receive_on_start = false;
                actors.push(Actor::password_guesser());
                vec![
                    s("send_with_auth", 0, vec![send(Reader)]),
                    s("send_much_later", 30 * MINUTE, vec![send(Reader)]),
                    s("spammer_without_auth", 31 * MINUTE, vec![send(Spammer)]),
                    s(
                        "spammer_guesses_password",
                        32 * MINUTE,
                        vec![send(PasswordGuesser)],
                    ),
                ]
            }
            ScenarioId::SubmissionToday => {
                config.policy = RelayPolicy::SmtpAuth;
                actors[0].program.send_style = SendStyle::Submission;
                actors[0].program.receive_on_start = false;
                actors[1].program.send_style = SendStyle::SubmissionNoAuth;
                vec![
                    s("submit_with_starttls_and_auth", 0, vec![send(Reader)]),
                    s("spammer_on_587", MINUTE, vec![send(Spammer)]),
                ]
            }
            ScenarioId::LogWatcherLag => {
                config.allowlist_lag = 5 * SECOND;
                actors[0].program.receive_on_start = false;
                let both = || Action::SendAndReceive {
                    actor: Reader,
                    to: Vec::new(),
                };
                vec![
                    s("receive_then_send", 0, vec![both()]),
                    s("entry_appears", 5 * SECOND, vec![Action::Idle]),
                    s("send_again", MINUTE, vec![send(Reader)]),
                ]
            }
        };
        Scenario {
            id,
            config,
            actors,
            waiting_mail: vec![
                ("taro@example.org".to_owned(), "Re: the meeting".to_owned()),
                ("news@example.net".to_owned(), "November news".to_owned()),
            ],
            script,
        }
    }

    /// All scenarios with their defaults.
    #[must_use]
    pub fn all() -> Vec<Scenario> {
        ScenarioId::ALL.into_iter().map(Scenario::get).collect()
    }

    /// The same scenario with another window.
    #[must_use]
    pub fn with_window(id: ScenarioId, window: Millis) -> Scenario {
        let mut config = ServerConfig::example();
        config.window = window;
        Scenario::build(id, config)
    }

    /// The same scenario with another server flavour.
    #[must_use]
    pub fn with_flavour(mut self, flavour: Flavour) -> Scenario {
        self.config.flavour = flavour;
        self
    }

    /// Run the script on a fresh [`Lab`].
    #[must_use]
    pub fn run(&self) -> Timeline {
        let mut lab = Lab::new(self.config.clone(), self.actors.clone());
        for (i, (from, subject)) in self.waiting_mail.iter().enumerate() {
            let lines = vec![
                format!("From: {from}"),
                "To: hanako@example.net".to_owned(),
                format!("Subject: {subject}"),
                format!("Message-ID: <waiting{i}@example.net>"),
                String::new(),
                "Hello.".to_owned(),
            ];
            let from = super::address::Mailbox::parse(from);
            lab.server_mut().seed_message("hanako", from, lines);
        }
        let mut steps = Vec::new();
        for (index, scripted) in self.script.iter().enumerate() {
            let mut events = lab.advance_to(scripted.at);
            for action in &scripted.actions {
                events.extend(lab.apply(action));
            }
            steps.push(Step {
                index,
                id: scripted.id.clone(),
                at: scripted.at,
                actions: scripted.actions.clone(),
                events,
                allowlist: lab.allowlist(),
            });
        }
        Timeline {
            scenario: self.id,
            config: self.config.clone(),
            actors: self.actors.clone(),
            duration: steps.last().map_or(0, |s: &Step| s.at.0),
            steps,
        }
    }
}
