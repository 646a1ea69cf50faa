//! Recordings: what real clients did, kept as the engine's own [`Event`]s so the page can
//! play them like a scenario.
//!
//! mail-lab's `--record FILE` writes one as it runs (a class watches what Thunderbird or
//! Outlook did a minute ago); free play on the page exports one. Both write the same
//! format, and both mask passwords first ([`mask_password`]) unless told otherwise.
//!
//! # The file
//!
//! ```text
//! imasara mail recording 1\n       the magic line, with the format's version
//! Header                            postcard (https://postcard.jamesmunns.com/wire-format)
//! Event Event Event …               postcard, one after another, as they happened
//! ```
//!
//! postcard values delimit themselves, so a writer appends each event as it happens and a
//! recording cut short by a crash still reads up to its last whole event. The page already
//! speaks postcard to its certificate worker, so reading recordings costs it no new
//! decoder.
//!
//! [`Recording::read`] takes any bytes: a foreign or damaged file is a [`ReadError`],
//! never a panic. [`Recording::timeline`] turns the events into a [`Timeline`] with one
//! step per connection ([`StepKind::Session`]), named by the client's `EHLO` and its mail
//! program's `User-Agent:`/`X-Mailer:` header when it sent one.

use std::collections::BTreeMap;

use core::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::base64;
use super::event::{AuthDecoded, ConnId, ConnKind, Event, EventKind, ProtocolLine, Speaker};
use super::flavour::Flavour;
use super::policy::{AllowlistEntry, RelayPolicy};
use super::scenario::{Actor, ActorId, Session, Step, StepKind, Timeline};
use super::server::ServerConfig;
use super::time::Millis;

/// The first line of every recording: what it is, and the format's version.
pub const MAGIC: &[u8] = b"imasara mail recording 1\n";

/// The first bytes shared by every version's magic line (to tell "another version" from
/// "not a recording").
const MAGIC_STEM: &[u8] = b"imasara mail recording ";

/// The largest recording the page opens: an hour of a class's mail programs is far less.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// The file name free play saves under.
pub const FREE_PLAY_NAME: &str = "free-play.mailrec";

/// What a masked password reads as (the same whatever its length, which it would betray).
pub const MASK: &str = "********";

/// Who recorded, and the server the clients talked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Who wrote the recording.
    pub source: Source,
    /// The server's host name.
    pub hostname: String,
    /// Its mail domain.
    pub domain: String,
    /// Whose software it answered as.
    pub flavour: Flavour,
    /// Its relay policy.
    pub policy: RelayPolicy,
    /// Its POP-before-SMTP window, ms.
    pub window: Millis,
    /// Unix time (seconds) that the events' time 0 stands for: when recording began.
    pub clock_origin: u64,
    /// Whether passwords were masked ([`mask_password`]).
    pub passwords_masked: bool,
    /// Who is at which address, where the recorder knows it (free play's actors); a
    /// client not named here is shown as the reader's mail program.
    pub actors: Vec<(IpAddr, ActorId)>,
}

/// Who wrote a recording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// mail-lab, from real clients over TCP.
    MailLab,
    /// The page's free play.
    FreePlay,
}

impl Header {
    /// The header for a server set up as `config`.
    #[must_use]
    pub fn for_server(config: &ServerConfig, source: Source, passwords_masked: bool) -> Header {
        Header {
            source,
            hostname: config.hostname.clone(),
            domain: config.domain.clone(),
            flavour: config.flavour,
            policy: config.policy,
            window: config.window,
            clock_origin: config.clock_origin,
            passwords_masked,
            actors: Vec::new(),
        }
    }

    /// The magic line and the header: a recording's first bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        // Serialising into a Vec cannot fail (postcard fails only on a full buffer).
        if let Ok(bytes) = postcard::to_allocvec(self) {
            out.extend(bytes);
        }
        out
    }
}

/// One event as a recording stores it (append these after [`Header::to_bytes`]).
#[must_use]
pub fn event_bytes(event: &Event) -> Vec<u8> {
    postcard::to_allocvec(event).unwrap_or_default()
}

/// A whole recording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recording {
    /// Who recorded, and the server.
    pub header: Header,
    /// What happened, in the order it happened.
    pub events: Vec<Event>,
    /// Whether the file ended in the middle of an event (the recorder stopped while
    /// writing): the events before it are kept.
    pub cut_short: bool,
}

/// Why a file is not a recording the page can play.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing in it.
    Empty,
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Some other kind of file.
    NotARecording,
    /// A recording, but of another version of the format.
    OtherVersion,
    /// The magic line is right, the header is not.
    Damaged,
    /// A recording with no connection in it.
    NoSessions,
}

impl Recording {
    /// A recording of `events` by a server set up as `header` says.
    #[must_use]
    pub fn new(header: Header, events: Vec<Event>) -> Recording {
        Recording {
            header,
            events,
            cut_short: false,
        }
    }

    /// The file: the header, then every event.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.header.to_bytes();
        for event in &self.events {
            out.extend(event_bytes(event));
        }
        out
    }

    /// Reads a recording from a file's bytes.
    ///
    /// # Errors
    ///
    /// A [`ReadError`] for an empty, over-large, foreign, other-version or damaged file,
    /// or one without a single connection.
    pub fn read(bytes: &[u8]) -> Result<Recording, ReadError> {
        if bytes.is_empty() {
            return Err(ReadError::Empty);
        }
        if bytes.len() > MAX_BYTES {
            return Err(ReadError::TooLarge);
        }
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return Err(if bytes.starts_with(MAGIC_STEM) {
                ReadError::OtherVersion
            } else {
                ReadError::NotARecording
            });
        };
        let (header, mut rest) =
            postcard::take_from_bytes::<Header>(rest).map_err(|_| ReadError::Damaged)?;
        let mut events = Vec::new();
        let mut cut_short = false;
        while !rest.is_empty() {
            match postcard::take_from_bytes::<Event>(rest) {
                Ok((event, more)) => {
                    events.push(event);
                    rest = more;
                }
                Err(_) => {
                    cut_short = true;
                    break;
                }
            }
        }
        if !events
            .iter()
            .any(|e| matches!(e.kind, EventKind::ConnectionOpened { .. }))
        {
            return Err(ReadError::NoSessions);
        }
        Ok(Recording {
            header,
            events,
            cut_short,
        })
    }

    /// The server set-up the events came from, as far as the recording says (no accounts).
    #[must_use]
    pub fn config(&self) -> ServerConfig {
        let h = &self.header;
        let mut config = ServerConfig::example().for_flavour(h.flavour);
        config.hostname.clone_from(&h.hostname);
        config.domain.clone_from(&h.domain);
        config.policy = h.policy;
        config.window = h.window;
        config.clock_origin = h.clock_origin;
        config.users = Vec::new();
        config
    }

    /// Who a client at `ip` is: as the header names it, else the reader's mail program.
    fn actor_at(&self, ip: IpAddr) -> ActorId {
        self.header
            .actors
            .iter()
            .find(|(a, _)| *a == ip)
            .map_or(ActorId::Reader, |(_, id)| *id)
    }

    /// The recording as a timeline: a step for each connection, from its opening and
    /// with every event of it (and of the server's onward delivery it caused), and a step
    /// for allowlist entries running out; in time order, each with the allowlist as the
    /// recorded events left it.
    #[must_use]
    pub fn timeline(&self) -> Timeline {
        let config = self.config();
        let reader = Actor::reader(&config);
        // Steps as they open, with the index of their latest event.
        let mut steps: Vec<(Step, usize)> = Vec::new();
        // Which step each connection's events go to (onward deliveries: their cause's).
        let mut step_of: BTreeMap<ConnId, usize> = BTreeMap::new();
        let mut current: Option<usize> = None;
        let mut actors: BTreeMap<ActorId, Actor> = BTreeMap::new();
        for (n, event) in self.events.iter().enumerate() {
            let target = match &event.kind {
                EventKind::ConnectionOpened {
                    conn,
                    kind:
                        kind
                        @ (ConnKind::ClientPop3 | ConnKind::ClientSmtp | ConnKind::ClientSubmission),
                    client_ip,
                } => {
                    let id = self.actor_at(*client_ip);
                    let actor = actors.entry(id).or_insert_with(|| Actor {
                        id,
                        ..reader.clone()
                    });
                    actor.ip = *client_ip;
                    actor.private_ip = None;
                    let session = Session {
                        conn: *conn,
                        kind: kind.clone(),
                        client_ip: *client_ip,
                        implicit_tls: false,
                        helo: None,
                        agent: None,
                    };
                    steps.push((
                        Step {
                            index: 0,
                            what: StepKind::Session(session),
                            at: event.at,
                            actor: Some(id),
                            actions: Vec::new(),
                            events: Vec::new(),
                            actors: actors.values().cloned().collect(),
                            allowlist: Vec::new(),
                        },
                        n,
                    ));
                    let i = steps.len().saturating_sub(1);
                    step_of.insert(*conn, i);
                    Some(i)
                }
                EventKind::ConnectionOpened { conn, .. } => {
                    if let Some(i) = current {
                        step_of.insert(*conn, i);
                    }
                    current
                }
                EventKind::AllowlistExpired { .. } => {
                    let same = steps
                        .last()
                        .is_some_and(|(s, _)| s.what == StepKind::Expiry && s.at == event.at);
                    if !same {
                        steps.push((
                            Step {
                                index: 0,
                                what: StepKind::Expiry,
                                at: event.at,
                                actor: None,
                                actions: Vec::new(),
                                events: Vec::new(),
                                actors: actors.values().cloned().collect(),
                                allowlist: Vec::new(),
                            },
                            n,
                        ));
                    }
                    // An expiry belongs to no connection: what follows finds its own step.
                    let i = steps.len().saturating_sub(1);
                    if let Some((step, last)) = steps.get_mut(i) {
                        step.events.push(event.clone());
                        *last = n;
                    }
                    current = None;
                    continue;
                }
                other => conn_of(other)
                    .and_then(|c| step_of.get(&c).copied())
                    .or(current),
            };
            let Some(i) = target else { continue };
            current = Some(i);
            if let Some((step, last)) = steps.get_mut(i) {
                if let (StepKind::Session(session), Some(line)) = (&mut step.what, event.line()) {
                    // The server's greeting, already inside TLS: implicit TLS.
                    if line.conn == session.conn && !step.events.iter().any(|e| e.line().is_some())
                    {
                        session.implicit_tls = line.tls;
                    }
                    name_client(session, line);
                }
                step.events.push(event.clone());
                *last = n;
            }
        }
        // A session refused before DATA never shows its program's header: a session from
        // the same address that greeted with the same name is the same program.
        let known: Vec<(IpAddr, Option<String>, String)> = steps
            .iter()
            .filter_map(|(s, _)| match &s.what {
                StepKind::Session(s) => s
                    .agent
                    .clone()
                    .map(|agent| (s.client_ip, s.helo.clone(), agent)),
                _ => None,
            })
            .collect();
        for (step, _) in &mut steps {
            if let StepKind::Session(s) = &mut step.what
                && s.agent.is_none()
                && s.helo.is_some()
            {
                s.agent = known
                    .iter()
                    .find(|(ip, helo, _)| *ip == s.client_ip && *helo == s.helo)
                    .map(|(_, _, agent)| agent.clone());
            }
        }
        // Time order (a stable sort keeps connections opened at the same ms in order),
        // then each step's allowlist: every allowlist event up to the latest one any step
        // so far has shown.
        steps.sort_by_key(|(s, _)| s.at);
        let mut list: BTreeMap<IpAddr, AllowlistEntry> = BTreeMap::new();
        let mut applied = 0_usize;
        let mut seen = 0_usize;
        let mut out = Vec::with_capacity(steps.len());
        for (index, (mut step, last)) in steps.into_iter().enumerate() {
            seen = seen.max(last.saturating_add(1));
            for event in self.events.get(applied..seen).unwrap_or_default() {
                apply_allowlist(&mut list, event);
            }
            applied = applied.max(seen);
            step.index = index;
            step.allowlist = list.values().cloned().collect();
            out.push(step);
        }
        let duration = self.events.iter().map(|e| e.at.0).max().unwrap_or(0);
        Timeline {
            scenario: None,
            config,
            actors: actors.into_values().collect(),
            steps: out,
            duration,
        }
    }
}

/// The connection an event belongs to, if it names one.
fn conn_of(kind: &EventKind) -> Option<ConnId> {
    match kind {
        EventKind::ConnectionOpened { conn, .. }
        | EventKind::TlsStarted { conn }
        | EventKind::ConnectionClosed { conn }
        | EventKind::PopLogin { conn, .. }
        | EventKind::SmtpAuth { conn, .. }
        | EventKind::RelayAllowed { conn, .. }
        | EventKind::RelayRefused { conn, .. }
        | EventKind::RelayedOnward { conn, .. } => Some(*conn),
        EventKind::Line(line) => Some(line.conn),
        EventKind::AllowlistAdded { .. }
        | EventKind::AllowlistRefreshed { .. }
        | EventKind::AllowlistExpired { .. }
        | EventKind::DeliveredLocally { .. }
        | EventKind::DeliveryFailed { .. } => None,
    }
}

/// Longest client name kept (a header may be long; a name is a label).
const NAME_CHARS: usize = 80;

/// Notes the client's `EHLO`/`HELO` name and its mail program's header, from its lines.
fn name_client(session: &mut Session, line: &ProtocolLine) {
    if line.speaker != Speaker::Client || line.kind != session.kind {
        return;
    }
    let text = line.text.as_str();
    let (word, rest) = text.split_once(' ').unwrap_or((text, ""));
    let named = |s: &str| -> Option<String> {
        let s = s.trim();
        (!s.is_empty()).then(|| s.chars().take(NAME_CHARS).collect())
    };
    if matches!(line.kind, ConnKind::ClientSmtp | ConnKind::ClientSubmission) {
        if word.eq_ignore_ascii_case("EHLO") || word.eq_ignore_ascii_case("HELO") {
            session.helo = named(rest).or(session.helo.take());
        } else if session.agent.is_none()
            && let Some((name, value)) = text.split_once(':')
            && (name.eq_ignore_ascii_case("User-Agent") || name.eq_ignore_ascii_case("X-Mailer"))
        {
            session.agent = named(value);
        }
    }
}

/// The allowlist after `event`.
fn apply_allowlist(list: &mut BTreeMap<IpAddr, AllowlistEntry>, event: &Event) {
    match &event.kind {
        EventKind::AllowlistAdded { ip, user, until } => {
            list.insert(
                *ip,
                AllowlistEntry {
                    ip: *ip,
                    user: user.clone(),
                    added_at: event.at,
                    refreshed_at: event.at,
                    until: *until,
                    remaining: until.since(event.at),
                },
            );
        }
        EventKind::AllowlistRefreshed { ip, user, until } => {
            let entry = list.entry(*ip).or_insert_with(|| AllowlistEntry {
                ip: *ip,
                user: user.clone(),
                added_at: event.at,
                refreshed_at: event.at,
                until: *until,
                remaining: 0,
            });
            entry.user.clone_from(user);
            entry.refreshed_at = event.at;
            entry.until = *until;
            entry.remaining = until.since(event.at);
        }
        EventKind::AllowlistExpired { ip, .. } => {
            list.remove(ip);
        }
        _ => {}
    }
}

/// Masks the password a client line carries, keeping the line's shape: POP3 `PASS` and
/// `APOP`'s digest become [`MASK`]; an AUTH PLAIN or AUTH LOGIN line stays base64 of the
/// same form, with [`MASK`] for the password, and its decoded form says the same. Every
/// other event is left as it was.
pub fn mask_password(event: &mut Event) {
    let EventKind::Line(line) = &mut event.kind else {
        return;
    };
    if line.speaker != Speaker::Client {
        return;
    }
    // The prefix before the credential (`AUTH PLAIN ` on an initial response).
    let prefix_of = |text: &str| -> String {
        text.rsplit_once(' ')
            .map(|(p, _)| format!("{p} "))
            .unwrap_or_default()
    };
    match &mut line.auth {
        Some(AuthDecoded::Plain {
            authzid,
            user,
            password,
        }) => {
            let plain = format!("{authzid}\0{user}\0{MASK}");
            line.text = format!(
                "{}{}",
                prefix_of(&line.text),
                base64::encode(plain.as_bytes())
            );
            MASK.clone_into(password);
        }
        Some(AuthDecoded::LoginPassword { password }) => {
            line.text = format!(
                "{}{}",
                prefix_of(&line.text),
                base64::encode(MASK.as_bytes())
            );
            MASK.clone_into(password);
        }
        _ if line.kind == ConnKind::ClientPop3 => {
            let (word, rest) = line.text.split_once(' ').unwrap_or((&line.text, ""));
            if word.eq_ignore_ascii_case("PASS") {
                line.text = format!("{word} {MASK}");
            } else if word.eq_ignore_ascii_case("APOP") {
                let name = rest.split(' ').next().unwrap_or_default();
                line.text = format!("{word} {name} {MASK}");
            }
        }
        _ => {}
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
mod tests {
    use super::*;
    use crate::mail::scenario::Lab;
    use crate::mail::{MINUTE, Service, SimTime};

    /// Free play's three moves, recorded: receive, send, wait past the window, send.
    fn recorded() -> Recording {
        let mut lab = Lab::classic();
        let mut events = lab.receive_as_reader();
        events.extend(lab.send_as_reader());
        events.extend(lab.advance(11 * MINUTE));
        events.extend(lab.send_as_reader());
        events.extend(lab.send_as_spammer());
        let mut header = Header::for_server(lab.server().config(), Source::FreePlay, true);
        header.actors = vec![
            (lab.actor(ActorId::Reader).unwrap().ip, ActorId::Reader),
            (lab.actor(ActorId::Spammer).unwrap().ip, ActorId::Spammer),
        ];
        events.iter_mut().for_each(mask_password);
        Recording::new(header, events)
    }

    #[test]
    fn a_recording_reads_back_as_written() {
        let recording = recorded();
        let read = Recording::read(&recording.to_bytes()).expect("reads");
        assert_eq!(read, recording);
    }

    #[test]
    fn sessions_become_steps_with_the_allowlist_they_left() {
        let timeline = recorded().timeline();
        let kinds: Vec<&str> = timeline
            .steps
            .iter()
            .map(|s| match &s.what {
                StepKind::Session(s) if s.kind == ConnKind::ClientPop3 => "pop3",
                StepKind::Session(_) => "smtp",
                StepKind::Expiry => "expiry",
                StepKind::Scripted(_) => "scripted",
            })
            .collect();
        assert_eq!(kinds, ["pop3", "smtp", "expiry", "smtp", "smtp"]);
        assert_eq!(
            timeline.steps[0].allowlist.len(),
            1,
            "the login lists the reader"
        );
        assert_eq!(
            timeline.steps[2].allowlist.len(),
            0,
            "then the entry runs out"
        );
        assert!(
            timeline.steps[1]
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::RelayAllowed { .. }))
        );
        assert!(
            timeline.steps[3]
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::RelayRefused { .. }))
        );
        assert_eq!(timeline.steps[4].actor, Some(ActorId::Spammer));
        assert!(timeline.steps.windows(2).all(|w| w[0].at <= w[1].at));
        // The onward delivery's lines are in the step of the send that caused it.
        assert!(timeline.steps[1].events.iter().any(|e| {
            e.line()
                .is_some_and(|l| matches!(l.kind, ConnKind::ServerToRecipient { .. }))
        }));
        let StepKind::Session(session) = &timeline.steps[1].what else {
            panic!("a session");
        };
        assert_eq!(session.helo.as_deref(), Some("pc.example"));
    }

    #[test]
    fn the_client_names_itself_in_its_ehlo_and_its_mail_header() {
        let mut lab = Lab::classic();
        let (conn, mut events) = lab.open_console(ActorId::Reader, Service::Smtp).unwrap();
        for line in [
            "EHLO [192.168.1.5]",
            "MAIL FROM:<hanako@example.net>",
            "RCPT TO:<hanako@example.net>",
            "DATA",
            "Subject: hi",
            "User-Agent: Mozilla Thunderbird",
            "",
            "hello",
            ".",
            "QUIT",
        ] {
            events.extend(lab.type_line(conn, line));
        }
        let header = Header::for_server(lab.server().config(), Source::MailLab, true);
        let timeline = Recording::new(header, events).timeline();
        let StepKind::Session(session) = &timeline.steps[0].what else {
            panic!("a session");
        };
        assert_eq!(session.helo.as_deref(), Some("[192.168.1.5]"));
        assert_eq!(session.agent.as_deref(), Some("Mozilla Thunderbird"));
        assert_eq!(timeline.steps[0].actor, Some(ActorId::Reader));
    }

    #[test]
    fn tls_from_the_first_byte_is_told_from_a_plain_start() {
        use crate::mail::MailServer;
        let mut config = ServerConfig::example();
        config.tls_ready = true;
        let mut server = MailServer::new(config.clone());
        let ip = IpAddr::from([192, 0, 2, 9]);
        let (tls, mut events) = server.connect_tls(SimTime(0), Service::Submission, ip);
        events.extend(server.handle_line(tls, SimTime(10), "QUIT"));
        let (plain, more) = server.connect(SimTime(20), Service::Pop3, ip);
        events.extend(more);
        events.extend(server.handle_line(plain, SimTime(30), "QUIT"));
        let header = Header::for_server(&config, Source::MailLab, true);
        let implicit: Vec<bool> = Recording::new(header, events)
            .timeline()
            .steps
            .iter()
            .filter_map(|s| match &s.what {
                StepKind::Session(s) => Some(s.implicit_tls),
                _ => None,
            })
            .collect();
        assert_eq!(implicit, [true, false]);
    }

    fn client_line(kind: ConnKind, text: &str, auth: Option<AuthDecoded>) -> Event {
        Event {
            at: SimTime(0),
            kind: EventKind::Line(ProtocolLine {
                conn: 1,
                kind,
                speaker: Speaker::Client,
                text: text.to_owned(),
                auth,
                decoded: None,
                tls: false,
                reply: None,
            }),
        }
    }

    fn masked(mut event: Event) -> ProtocolLine {
        mask_password(&mut event);
        event.line().unwrap().clone()
    }

    #[test]
    fn passwords_are_masked_and_lines_keep_their_shape() {
        let pass = masked(client_line(ConnKind::ClientPop3, "PASS s3cret", None));
        assert_eq!(pass.text, "PASS ********");
        let apop = masked(client_line(
            ConnKind::ClientPop3,
            "APOP hanako c4c9334bac560ecc979e58001b3e22fb",
            None,
        ));
        assert_eq!(apop.text, "APOP hanako ********");
        let plain = AuthDecoded::Plain {
            authzid: String::new(),
            user: "hanako".into(),
            password: "s3cret".into(),
        };
        let line = masked(client_line(
            ConnKind::ClientSubmission,
            &format!("AUTH PLAIN {}", base64::encode(b"\0hanako\0s3cret")),
            Some(plain),
        ));
        assert_eq!(
            line.text,
            format!("AUTH PLAIN {}", base64::encode(b"\0hanako\0********"))
        );
        assert!(
            matches!(line.auth, Some(AuthDecoded::Plain { ref password, ref user, .. }) if password == MASK && user == "hanako")
        );
        let login = masked(client_line(
            ConnKind::ClientSmtp,
            &base64::encode(b"s3cret"),
            Some(AuthDecoded::LoginPassword {
                password: "s3cret".into(),
            }),
        ));
        assert_eq!(login.text, base64::encode(MASK.as_bytes()));
        // A user name is no secret; nor is anything a server says.
        let user = masked(client_line(ConnKind::ClientPop3, "USER hanako", None));
        assert_eq!(user.text, "USER hanako");
    }

    #[test]
    fn foreign_and_damaged_files_are_told_apart() {
        let bytes = recorded().to_bytes();
        assert_eq!(Recording::read(b""), Err(ReadError::Empty));
        assert_eq!(
            Recording::read(b"-----BEGIN CERTIFICATE-----\nMIIB\n"),
            Err(ReadError::NotARecording)
        );
        assert_eq!(
            Recording::read(b"imasara mail recording 2\n\x00"),
            Err(ReadError::OtherVersion)
        );
        assert_eq!(Recording::read(MAGIC), Err(ReadError::Damaged));
        assert_eq!(
            Recording::read(
                &Header::for_server(&ServerConfig::example(), Source::MailLab, true).to_bytes()
            ),
            Err(ReadError::NoSessions)
        );
        assert_eq!(
            Recording::read(&vec![b'a'; MAX_BYTES + 1]),
            Err(ReadError::TooLarge)
        );
        // Cut in the middle of its last event: what came before is kept.
        let cut = Recording::read(&bytes[..bytes.len() - 3]).expect("reads");
        assert!(cut.cut_short);
        assert_eq!(cut.events.len(), recorded().events.len() - 1);
    }

    // proptest is a native dev-dependency (the wasm component tests compile this too).
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;

        proptest::proptest! {
                #[test]
                fn any_bytes_read_without_panicking(tail in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
                    let _ = Recording::read(&tail);
                    let mut bytes = MAGIC.to_vec();
                    bytes.extend(&tail);
                    if let Ok(recording) = Recording::read(&bytes) {
                        let _ = recording.timeline();
                    }
                }

                #[test]
                fn any_cut_of_a_recording_reads_or_says_why(cut in 0_usize..4000, flip in 0_usize..4000, bit in 0_u8..8) {
                    let mut bytes = recorded().to_bytes();
                    let len = bytes.len();
                    if let Some(b) = bytes.get_mut(flip % len) {
                        *b ^= 1 << bit;
                    }
                    bytes.truncate(cut % (len + 1));
                    if let Ok(recording) = Recording::read(&bytes) {
                        let timeline = recording.timeline();
                        proptest::prop_assert!(timeline.steps.windows(2).all(|w| w[0].at <= w[1].at));
                    }
                }

        }
    }
}
