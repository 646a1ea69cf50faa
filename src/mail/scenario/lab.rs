//! Free play: a [`Lab`] holds a server, actors and a clock the page moves; [`Action`]s
//! go in, the engine's events come out. Scenarios run on a lab too.

use core::net::IpAddr;

use serde::Serialize;

use super::actors::{Actor, ActorId};
use crate::mail::client::{self, SendReceiveOrder, SendStyle};
use crate::mail::event::{ConnId, Event, Service};
use crate::mail::flavour::Flavour;
use crate::mail::letters::Language;
use crate::mail::policy::{AllowlistEntry, RelayPolicy};
use crate::mail::server::{MailServer, ServerConfig};
use crate::mail::time::{Millis, SECOND, SimTime};

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

impl Action {
    /// The actor the action is about, if it names one.
    #[must_use]
    pub fn actor(&self) -> Option<ActorId> {
        match self {
            Action::StartMailProgram { actor }
            | Action::QuitMailProgram { actor }
            | Action::Receive { actor }
            | Action::Send { actor, .. }
            | Action::SendAndReceive { actor, .. }
            | Action::ChangeIp { actor, .. } => Some(*actor),
            Action::AdvanceTime { .. }
            | Action::SetWindow { .. }
            | Action::SetPolicy { .. }
            | Action::SetFlavour { .. }
            | Action::Idle => None,
        }
    }
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
    language: Language,
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
            language: Language::English,
        }
    }

    /// The reader's provider in 2001 (Postfix-20010228 with Qpopper, the page's free
    /// play) with the reader, the spammer and the NAT neighbour.
    #[must_use]
    pub fn classic() -> Lab {
        Lab::with_classic_actors(ServerConfig::example().for_flavour(Flavour::Postfix2001))
    }

    /// A lab on `config` with the reader (its first user), the spammer and the NAT
    /// neighbour.
    #[must_use]
    pub fn with_classic_actors(config: ServerConfig) -> Lab {
        let actors = vec![
            Actor::reader(&config),
            Actor::spammer(),
            Actor::nat_neighbour(),
        ];
        Lab::new(config, actors)
    }

    /// The language the actors write their mail in (English until set).
    #[must_use]
    pub fn language(&self) -> Language {
        self.language
    }

    /// Let the actors write their next mails in `language` (the page sets the reader's).
    pub fn set_language(&mut self, language: Language) {
        self.language = language;
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
                        let behind = t.since(at).checked_div(ms).unwrap_or(0).saturating_add(1);
                        a.next_check = Some(at.plus(behind.saturating_mul(ms)));
                    }
                }
                break;
            }
            checks = checks.saturating_add(1);
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
            if let Some(state) = self.actors.get_mut(i) {
                let interval = state.actor.program.check_interval;
                state.next_check = interval.map(|ms| at.plus(ms.max(SECOND)));
            }
            events.extend(self.receive(i));
        }
        self.now = self.now.max(t);
        events.extend(self.server.poll(self.now));
        events
    }

    fn index(&self, id: ActorId) -> Option<usize> {
        self.actors.iter().position(|a| a.actor.id == id)
    }

    fn state_mut(&mut self, id: ActorId) -> Option<&mut ActorState> {
        self.actors.iter_mut().find(|a| a.actor.id == id)
    }

    fn receive(&mut self, i: usize) -> Vec<Event> {
        let Some(a) = self.actors.get(i).map(|s| &s.actor) else {
            return Vec::new();
        };
        client::receive(
            &mut self.server,
            self.now,
            a.ip,
            &a.program,
            a.account.as_ref(),
        )
    }

    fn send(&mut self, i: usize, to: &[String]) -> Vec<Event> {
        self.serial = self.serial.wrapping_add(1);
        let Some(a) = self.actors.get(i).map(|s| &s.actor) else {
            return Vec::new();
        };
        let to = if to.is_empty() {
            a.default_to.clone()
        } else {
            to.to_vec()
        };
        let era = self.server.config().flavour.era();
        let message = a.message(&to, self.serial, self.language, era);
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
                if let Some(i) = self.index(*actor)
                    && let Some(state) = self.actors.get_mut(i)
                {
                    let program = state.actor.program.clone();
                    state.next_check = program.check_interval.map(|ms| now.plus(ms));
                    if program.receive_on_start {
                        events.extend(self.receive(i));
                    }
                }
            }
            Action::QuitMailProgram { actor } => {
                if let Some(state) = self.state_mut(*actor) {
                    state.next_check = None;
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
                if let Some(i) = self.index(*actor)
                    && let Some(order) = self.actors.get(i).map(|s| s.actor.program.order)
                {
                    match order {
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
                if let Some(state) = self.state_mut(*actor) {
                    state.actor.ip = *ip;
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
        match self.state_mut(actor) {
            Some(state) => {
                state.actor.program.send_style = style;
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
