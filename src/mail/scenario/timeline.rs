//! A scenario's run: each step with its events, who acted, and the actors and the
//! allowlist as they stood after it. The view reads these; it never replays actions or
//! recomputes the allowlist. A recording of real sessions (mail-lab's `--record`, free
//! play's export) becomes a timeline too ([`crate::mail::recording`]), one step per
//! session.

use core::net::IpAddr;

use serde::Serialize;

use super::actors::{Actor, ActorId};
use super::lab::Action;
use super::script::{ScenarioId, StepId};
use crate::mail::event::{ConnId, ConnKind, Event, Speaker};
use crate::mail::policy::AllowlistEntry;
use crate::mail::server::ServerConfig;
use crate::mail::time::{Millis, SimTime};

/// One step of a run: what happened and the state after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Position in the timeline.
    pub index: usize,
    /// What the step is (the view words it).
    pub what: StepKind,
    /// When the step happens.
    pub at: SimTime,
    /// Who acts (the first action that names an actor), if anyone.
    pub actor: Option<ActorId>,
    /// What was done.
    pub actions: Vec<Action>,
    /// The events (expiries since the previous step first, stamped with their own time).
    pub events: Vec<Event>,
    /// The actors after the step (an address may have changed).
    pub actors: Vec<Actor>,
    /// All allowlist entries live at `at`, after the step.
    pub allowlist: Vec<AllowlistEntry>,
}

impl Step {
    /// The scripted step's id (`None` on a recorded step).
    #[must_use]
    pub fn id(&self) -> Option<StepId> {
        match self.what {
            StepKind::Scripted(id) => Some(id),
            StepKind::Session(_) | StepKind::Expiry => None,
        }
    }
}

/// What a step is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum StepKind {
    /// A step of a scripted scenario.
    Scripted(StepId),
    /// One connection of a recording: everything that happened on it, from its opening.
    Session(Session),
    /// In a recording: allowlist entries ran out, with no client involved.
    Expiry,
}

/// A recorded connection, as the view names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Session {
    /// The connection.
    pub conn: ConnId,
    /// Which service it used.
    pub kind: ConnKind,
    /// The client's address.
    pub client_ip: IpAddr,
    /// Whether TLS began before the first byte (RFC 8314: submission as on port 465,
    /// POP3 as on 995), rather than with STARTTLS or STLS or not at all.
    pub implicit_tls: bool,
    /// The name the client gave in `EHLO`/`HELO` (SMTP only).
    pub helo: Option<String>,
    /// The mail program's own name, from the `User-Agent:` or `X-Mailer:` header of a
    /// message it sent (SMTP only; POP3 has no such greeting), or of one sent in another
    /// session from the same address with the same `EHLO` name.
    pub agent: Option<String>,
}

/// A run: steps in time order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// Which scenario (`None`: a recording).
    pub scenario: Option<ScenarioId>,
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

    /// The allowlist after the first `done` steps, as it stands at `t` (entries that have
    /// run out by `t` are gone; the others carry their remaining time at `t`).
    #[must_use]
    pub fn allowlist_after(&self, done: usize, t: SimTime) -> Vec<AllowlistEntry> {
        let Some(step) = done.checked_sub(1).and_then(|i| self.steps.get(i)) else {
            return Vec::new();
        };
        step.allowlist
            .iter()
            .filter(|e| e.until > t)
            .map(|e| AllowlistEntry {
                remaining: e.until.since(t),
                ..e.clone()
            })
            .collect()
    }

    /// The allowlist as it stands at `t`, with remaining time at `t`.
    #[must_use]
    pub fn allowlist_at(&self, t: SimTime) -> Vec<AllowlistEntry> {
        match self.step_at(t) {
            Some(i) => self.allowlist_after(i.saturating_add(1), t),
            None => Vec::new(),
        }
    }

    /// The actors after the first `done` steps (at the start: as the scenario set them).
    #[must_use]
    pub fn actors_after(&self, done: usize) -> &[Actor] {
        match done.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(step) => &step.actors,
            None => &self.actors,
        }
    }

    /// Where playing stops: the last step, or the last allowlist expiry after it.
    #[must_use]
    pub fn end(&self) -> SimTime {
        let last_until = self
            .steps
            .iter()
            .flat_map(|s| s.allowlist.iter().map(|e| e.until))
            .max()
            .unwrap_or(SimTime::ZERO);
        SimTime(self.duration).max(last_until)
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
                    Speaker::Client => "C",
                    Speaker::Server => "S",
                };
                format!("{who}: {}", l.text)
            })
            .collect()
    }

    /// The step with id `id`, if the scenario has it.
    #[must_use]
    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.steps.iter().find(|s| s.id() == Some(id))
    }
}
