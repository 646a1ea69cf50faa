//! The provider's mail server: configuration, maildrops, the allowlist and open sessions.
//!
//! [`MailServer`] is the one entry point for protocol traffic, in the sans-IO manner of
//! quinn-proto's `Endpoint`: the caller owns sockets and clocks and feeds it
//! [`connect`](MailServer::connect), [`handle_line`](MailServer::handle_line),
//! [`disconnect`](MailServer::disconnect), [`timeout`](MailServer::timeout) and
//! [`poll`](MailServer::poll), each with `now`; every call returns the [`Event`]s it caused.
//! POP3 and SMTP share the maildrops (SMTP local delivery appends, POP3 reads and deletes)
//! and the allowlist (POP3 writes it, SMTP reads it).
//!
//! Contract:
//! - Never panics on any input line; lines are judged without their CRLF.
//! - `now` should not go backwards; if it does, the server keeps its latest time.
//! - Expired allowlist entries are reported (once) by the first call at or after their
//!   expiry, before anything else that call produces.
//! - Relaying onward is simulated by a second `MailServer` per recipient domain (Postfix
//!   flavour, accepting any local user), driven by this server as its SMTP client: the
//!   lines of that conversation are real session output too.
//! - Every message the SMTP service accepts gets the flavour's own `Received:` header on
//!   top (RFC 5321 4.4); below it the message is stored exactly as sent (after
//!   dot-unstuffing), so what a client sends comes back byte for byte over POP3 after
//!   that header.

use core::net::{IpAddr, Ipv4Addr};
use std::collections::BTreeMap;

use serde::Serialize;

use super::address::Mailbox;
use super::event::last_reply;
use super::event::{ConnId, ConnKind, Event, EventKind, Out, Service, Speaker};
use super::flavour::{Era, Flavour};
use super::policy::{Allowlist, AllowlistChange, AllowlistEntry, DEFAULT_WINDOW, RelayPolicy};
use super::pop3::Pop3Session;
use super::smtp::SmtpSession;
use super::time::{Millis, SEED_ERA_UNIX, SimTime, TODAY_UNIX};

/// A POP3 account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UserAccount {
    /// Login name, also the local part of the address.
    pub name: String,
    /// Password.
    pub password: String,
}

impl UserAccount {
    /// An account.
    #[must_use]
    pub fn new(name: &str, password: &str) -> UserAccount {
        UserAccount {
            name: name.to_owned(),
            password: password.to_owned(),
        }
    }
}

/// How the server is set up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerConfig {
    /// The server's host name (greetings, EHLO).
    pub hostname: String,
    /// The local mail domain: mail to it is delivered here, from anyone.
    pub domain: String,
    /// The server's own IP (its client address when relaying onward).
    pub server_ip: IpAddr,
    /// Accounts (one maildrop each).
    pub users: Vec<UserAccount>,
    /// The relay policy of the SMTP service (port 25).
    pub policy: RelayPolicy,
    /// POP-before-SMTP window in ms.
    pub window: Millis,
    /// How long after a POP3 login its allowlist entry appears, in ms. 0 (the default) for
    /// servers that record it at once; a few seconds for daemons that watch the POP
    /// server's log (pop-before-smtp, poprelayd), so a send right after receiving fails.
    pub allowlist_lag: Millis,
    /// Whose wording the replies use.
    pub flavour: Flavour,
    /// Deliver to any local part of the domain, creating maildrops on the fly (used by the
    /// simulated recipient servers).
    pub accept_any_local_user: bool,
    /// Largest message accepted (SIZE), in octets.
    pub max_message_octets: usize,
    /// Most recipients per message.
    pub max_recipients: usize,
    /// Unix time (seconds) that `SimTime::ZERO` stands for. Used only for the wall-clock
    /// texts real servers print (dates in greetings and `Received:` headers, queue ids,
    /// APOP timestamps). [`ServerConfig::example`] uses [`TODAY_UNIX`],
    /// [`ServerConfig::for_flavour`] the date of the flavour's era; the lab sets the real
    /// time.
    pub clock_origin: u64,
    /// UTC offset of the server's clock in minutes (default 540, Japan).
    pub utc_offset_minutes: i32,
}

impl ServerConfig {
    /// The reader's provider today: `mail.example.net` at 192.0.2.25, user `hanako` /
    /// `s3cret`, POP before SMTP with a 10-minute window, Postfix 3.11 with Dovecot 2.4.
    #[must_use]
    pub fn example() -> ServerConfig {
        ServerConfig {
            hostname: "mail.example.net".to_owned(),
            domain: "example.net".to_owned(),
            server_ip: IpAddr::V4(Ipv4Addr::new(192, 0, 2, 25)),
            users: vec![UserAccount::new("hanako", "s3cret")],
            policy: RelayPolicy::PopBeforeSmtp,
            window: DEFAULT_WINDOW,
            allowlist_lag: 0,
            flavour: Flavour::Postfix311,
            accept_any_local_user: false,
            max_message_octets: 10_240_000,
            max_recipients: 1000,
            clock_origin: TODAY_UNIX,
            utc_offset_minutes: 540,
        }
    }

    /// The same server with `flavour`'s software, its clock set to that flavour's era
    /// ([`SEED_ERA_UNIX`] for 2001, [`TODAY_UNIX`] for today).
    #[must_use]
    pub fn for_flavour(mut self, flavour: Flavour) -> ServerConfig {
        self.flavour = flavour;
        self.clock_origin = match flavour.era() {
            Era::Y2001 => SEED_ERA_UNIX,
            Era::Today => TODAY_UNIX,
        };
        self
    }

    /// The server's wall-clock time at `now`, in Unix seconds.
    #[must_use]
    pub fn unix_time(&self, now: SimTime) -> u64 {
        self.clock_origin.saturating_add(now.as_secs())
    }

    /// The account with this exact login name.
    #[must_use]
    pub fn account(&self, name: &str) -> Option<&UserAccount> {
        self.users.iter().find(|u| u.name == name)
    }
}

/// A message in a maildrop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredMessage {
    /// Unique id (POP3 UIDL).
    pub uid: String,
    /// Envelope sender.
    pub from: Option<Mailbox>,
    /// Lines without CRLF, dot-unstuffed.
    pub lines: Vec<String>,
    /// Size as POP3 counts it: every line plus CRLF.
    pub octets: usize,
}

impl StoredMessage {
    /// The message as bytes with CRLF line ends.
    #[must_use]
    pub fn to_crlf_text(&self) -> String {
        self.lines.iter().fold(String::new(), |mut s, line| {
            s.push_str(line);
            s.push_str("\r\n");
            s
        })
    }
}

/// Everything but the sessions: what sessions read and change.
#[derive(Clone, Debug)]
pub(crate) struct ServerCore {
    pub config: ServerConfig,
    pub maildrops: BTreeMap<String, Vec<StoredMessage>>,
    pub allowlist: Allowlist,
    pub next_conn: ConnId,
    pub next_queue: u64,
    pub remotes: BTreeMap<String, MailServer>,
}

impl ServerCore {
    /// The maildrop key for a local part, if it names an account (or any, if catch-all).
    pub fn local_user(&self, local: &str) -> Option<String> {
        if let Some(user) = self
            .config
            .users
            .iter()
            .find(|u| u.name.eq_ignore_ascii_case(local))
        {
            return Some(user.name.clone());
        }
        self.config
            .accept_any_local_user
            .then(|| local.to_ascii_lowercase())
    }

    /// Whether `rcpt` is for this server's own domain (or its host name).
    pub fn is_local(&self, rcpt: &Mailbox) -> bool {
        rcpt.domain_is(&self.config.domain) || rcpt.domain_is(&self.config.hostname)
    }

    pub fn allocate_conn(&mut self) -> ConnId {
        self.next_conn = self.next_conn.wrapping_add(1);
        self.next_conn
    }

    /// A fresh queue id in the flavour's style, deterministic.
    pub fn queue_id(&mut self, now: SimTime) -> String {
        self.next_queue = self.next_queue.wrapping_add(1);
        self.config
            .flavour
            .queue_id(self.next_queue, now, self.config.unix_time(now))
    }

    pub fn store(&mut self, user: &str, uid: String, from: Option<Mailbox>, lines: Vec<String>) {
        let octets = lines.iter().fold(0_usize, |sum, l| {
            sum.saturating_add(l.len()).saturating_add(2)
        });
        self.maildrops
            .entry(user.to_owned())
            .or_default()
            .push(StoredMessage {
                uid,
                from,
                lines,
                octets,
            });
    }
}

/// The event for an allowlist change.
pub(crate) fn allowlist_event(
    change: AllowlistChange,
    ip: IpAddr,
    user: String,
    until: SimTime,
) -> EventKind {
    match change {
        AllowlistChange::Added => EventKind::AllowlistAdded { ip, user, until },
        AllowlistChange::Refreshed => EventKind::AllowlistRefreshed { ip, user, until },
    }
}

/// A message leaving for one recipient domain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Outbound<'a> {
    pub queue_id: &'a str,
    pub from: Option<&'a Mailbox>,
    pub domain: &'a str,
    pub recipients: &'a [Mailbox],
    pub lines: &'a [String],
}

/// A connection just opened (see `MailServer::open`): its events so far, and what its
/// first reply needs.
struct Opened {
    now: SimTime,
    conn: ConnId,
    kind: ConnKind,
    client_ip: IpAddr,
    events: Vec<Event>,
}

impl Opened {
    /// Where the connection's first lines go.
    fn out(&mut self) -> Out<'_> {
        Out {
            events: &mut self.events,
            now: self.now,
            conn: self.conn,
            kind: self.kind.clone(),
            client_ip: self.client_ip,
            tls: false,
        }
    }
}

#[derive(Clone, Debug)]
enum Session {
    Pop3(Box<Pop3Session>),
    Smtp(Box<SmtpSession>),
}

/// A mail server: POP3, SMTP and submission services over shared maildrops.
#[derive(Clone, Debug)]
pub struct MailServer {
    core: ServerCore,
    sessions: BTreeMap<ConnId, Session>,
    latest: SimTime,
}

impl MailServer {
    /// A server with empty maildrops for the configured users.
    #[must_use]
    pub fn new(config: ServerConfig) -> MailServer {
        let maildrops = config
            .users
            .iter()
            .map(|u| (u.name.clone(), Vec::new()))
            .collect();
        MailServer {
            core: ServerCore {
                config,
                maildrops,
                allowlist: Allowlist::new(),
                next_conn: 0,
                next_queue: 0,
                remotes: BTreeMap::new(),
            },
            sessions: BTreeMap::new(),
            latest: SimTime::ZERO,
        }
    }

    /// The configuration.
    #[must_use]
    pub fn config(&self) -> &ServerConfig {
        &self.core.config
    }

    /// Change the relay policy (affects later decisions).
    pub fn set_policy(&mut self, policy: RelayPolicy) {
        self.core.config.policy = policy;
    }

    /// Change the window for later logins (live entries keep their expiry).
    pub fn set_window(&mut self, window: Millis) {
        self.core.config.window = window;
    }

    /// Change the wording of later replies.
    pub fn set_flavour(&mut self, flavour: Flavour) {
        self.core.config.flavour = flavour;
    }

    fn expiries(&mut self, upto: SimTime) -> impl Iterator<Item = Event> + use<> {
        self.core
            .allowlist
            .take_expired(upto)
            .into_iter()
            .map(|(ip, user, until)| Event {
                at: until,
                kind: EventKind::AllowlistExpired { ip, user },
            })
    }

    /// Advance the server's time to `now`: scheduled logins take effect and entries expire,
    /// reported in time order.
    fn clock(&mut self, now: SimTime) -> (SimTime, Vec<Event>) {
        let now = now.max(self.latest);
        self.latest = now;
        let mut events = Vec::new();
        while let Some(due) = self.core.allowlist.next_due(now) {
            events.extend(self.expiries(due));
            if let Some(applied) = self.core.allowlist.apply_next_due(due) {
                events.push(Event {
                    at: applied.at,
                    kind: allowlist_event(applied.change, applied.ip, applied.user, applied.until),
                });
            }
        }
        events.extend(self.expiries(now));
        (now, events)
    }

    /// Report allowlist changes (expiries, delayed logins taking effect) up to `now`.
    pub fn poll(&mut self, now: SimTime) -> Vec<Event> {
        self.clock(now).1
    }

    /// The next time something happens by itself (an allowlist expiry, or a delayed login
    /// taking effect), for a player that jumps ahead the way quinn-proto's tests do.
    #[must_use]
    pub fn next_timer(&self) -> Option<SimTime> {
        self.core.allowlist.next_change(self.latest)
    }

    /// The live allowlist entries at `now`, with remaining time (delayed logins due by
    /// `now` included, even if no call has reached `now` yet).
    #[must_use]
    pub fn allowlist_at(&self, now: SimTime) -> Vec<AllowlistEntry> {
        if self.core.allowlist.next_due(now).is_none() {
            return self.core.allowlist.entries_at(now);
        }
        let mut list = self.core.allowlist.clone();
        while list.apply_next_due(now).is_some() {}
        list.entries_at(now)
    }

    /// A user's maildrop (empty if unknown).
    #[must_use]
    pub fn maildrop(&self, user: &str) -> &[StoredMessage] {
        self.core.maildrops.get(user).map_or(&[], Vec::as_slice)
    }

    /// The simulated server of a recipient domain, once mail was relayed there.
    #[must_use]
    pub fn recipient_server(&self, domain: &str) -> Option<&MailServer> {
        self.core.remotes.get(&domain.to_ascii_lowercase())
    }

    /// Put a message into a local maildrop directly (scenario set-up: mail that arrived
    /// earlier). Returns false if `user` has no maildrop here.
    pub fn seed_message(&mut self, user: &str, from: Option<Mailbox>, lines: Vec<String>) -> bool {
        let Some(user) = self.core.local_user(user) else {
            return false;
        };
        let uid = format!("seed{}", self.core.next_queue);
        self.core.next_queue = self.core.next_queue.wrapping_add(1);
        self.core.store(&user, uid, from, lines);
        true
    }

    /// Whether `conn` is still open.
    #[must_use]
    pub fn is_open(&self, conn: ConnId) -> bool {
        self.sessions.contains_key(&conn)
    }

    /// Number of open client connections.
    #[must_use]
    pub fn open_connections(&self) -> usize {
        self.sessions.len()
    }

    /// A client at `client_ip` connects to `service`: the greeting.
    pub fn connect(
        &mut self,
        now: SimTime,
        service: Service,
        client_ip: IpAddr,
    ) -> (ConnId, Vec<Event>) {
        let mut opened = self.open(now, service, client_ip);
        let mut out = opened.out();
        let session = match service {
            Service::Pop3 => Session::Pop3(Box::new(Pop3Session::open(&self.core, &mut out))),
            Service::Smtp | Service::Submission => Session::Smtp(Box::new(SmtpSession::open(
                &self.core,
                &mut out,
                service == Service::Submission,
            ))),
        };
        self.sessions.insert(opened.conn, session);
        (opened.conn, opened.events)
    }

    /// Refuse a connection over the caller's limit: one reply line, then closed.
    pub fn refuse_connection(
        &mut self,
        now: SimTime,
        service: Service,
        client_ip: IpAddr,
    ) -> Vec<Event> {
        let mut opened = self.open(now, service, client_ip);
        let flavour = self.core.config.flavour;
        let host = self.core.config.hostname.clone();
        let mut out = opened.out();
        match service {
            Service::Pop3 => {
                if let Some(reply) =
                    flavour.pop3(&super::flavour::Pop3Reply::TooManyConnections, &host)
                {
                    out.pop_reply(reply);
                }
            }
            Service::Smtp | Service::Submission => {
                if let Some(reply) = flavour.smtp(
                    &super::flavour::SmtpReply::TooManyConnections { client_ip },
                    &host,
                ) {
                    out.smtp_reply(reply, None, None);
                }
            }
        }
        out.closed();
        opened.events
    }

    /// Starts a connection: the clock catches up, an id is allocated and
    /// `ConnectionOpened` recorded. The caller answers through [`Opened::out`].
    fn open(&mut self, now: SimTime, service: Service, client_ip: IpAddr) -> Opened {
        let (now, mut events) = self.clock(now);
        let conn = self.core.allocate_conn();
        let kind = ConnKind::from(service);
        events.push(Event {
            at: now,
            kind: EventKind::ConnectionOpened {
                conn,
                kind: kind.clone(),
                client_ip,
            },
        });
        Opened {
            now,
            conn,
            kind,
            client_ip,
            events,
        }
    }

    /// The client sent one line (without CRLF) on `conn`. Unknown or closed connections
    /// produce no events.
    pub fn handle_line(&mut self, conn: ConnId, now: SimTime, line: &str) -> Vec<Event> {
        self.handle_input(conn, now, line, true)
    }

    fn handle_input(
        &mut self,
        conn: ConnId,
        now: SimTime,
        line: &str,
        valid_utf8: bool,
    ) -> Vec<Event> {
        let (now, mut events) = self.clock(now);
        let Some(mut session) = self.sessions.remove(&conn) else {
            return events;
        };
        let open = match &mut session {
            Session::Pop3(s) => s.handle_line(&mut self.core, &mut events, now, line),
            Session::Smtp(s) => s.handle_line(&mut self.core, &mut events, now, line, valid_utf8),
        };
        if open {
            self.sessions.insert(conn, session);
        }
        events
    }

    /// Like [`handle_line`](Self::handle_line) for raw bytes from a socket: a trailing
    /// CRLF or LF is removed and invalid UTF-8 becomes U+FFFD (the session is told, as a
    /// server that checks UTF-8 would notice; only the octets before a NUL count, as C
    /// servers read them).
    pub fn handle_bytes(&mut self, conn: ConnId, now: SimTime, bytes: &[u8]) -> Vec<Event> {
        let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let before_nul = bytes.split(|b| *b == 0).next().unwrap_or_default();
        let valid_utf8 = core::str::from_utf8(before_nul).is_ok();
        let text = String::from_utf8_lossy(bytes);
        self.handle_input(conn, now, &text, valid_utf8)
    }

    /// Deliver a message to a local user over SMTP from another server (`helo` at `ip`),
    /// as mail arriving before a scenario starts: the session's own `Received:` header is
    /// put on top. The protocol lines are not reported. Returns whether it was accepted.
    pub fn deliver_from(
        &mut self,
        now: SimTime,
        ip: IpAddr,
        helo: &str,
        from: &str,
        rcpt: &str,
        lines: &[String],
    ) -> bool {
        let (conn, _) = self.connect(now, Service::Smtp, ip);
        let say = |server: &mut MailServer, line: &str| {
            let events = server.handle_line(conn, now, line);
            last_reply(&events, conn)
        };
        let mut ok = say(self, &format!("EHLO {helo}")).is_some_and(|r| r.is_positive())
            && say(self, &format!("MAIL FROM:<{from}>")).is_some_and(|r| r.is_positive())
            && say(self, &format!("RCPT TO:<{rcpt}>")).is_some_and(|r| r.is_positive())
            && say(self, "DATA").is_some_and(|r| r.is_intermediate());
        if ok {
            for line in lines {
                let stuffed = if line.starts_with('.') {
                    format!(".{line}")
                } else {
                    line.clone()
                };
                let _ = say(self, &stuffed);
            }
            ok = say(self, ".").is_some_and(|r| r.is_positive());
        }
        let _ = say(self, "QUIT");
        let _ = self.disconnect(conn, now);
        ok
    }

    /// The client vanished (connection reset, EOF). POP3 deletions are not applied (RFC
    /// 1939: only QUIT enters UPDATE).
    pub fn disconnect(&mut self, conn: ConnId, now: SimTime) -> Vec<Event> {
        let (now, mut events) = self.clock(now);
        if self.sessions.remove(&conn).is_some() {
            events.push(Event {
                at: now,
                kind: EventKind::ConnectionClosed { conn },
            });
        }
        events
    }

    /// The client idled too long: SMTP says 421 and closes; POP3 closes without a reply and
    /// without applying deletions (RFC 1939 section 3, autologout).
    pub fn timeout(&mut self, conn: ConnId, now: SimTime) -> Vec<Event> {
        let (now, mut events) = self.clock(now);
        let Some(session) = self.sessions.remove(&conn) else {
            return events;
        };
        if let Session::Smtp(mut s) = session {
            s.timeout(&self.core, &mut events, now);
        }
        events.push(Event {
            at: now,
            kind: EventKind::ConnectionClosed { conn },
        });
        events
    }

    /// Deliver `lines` from this server (as SMTP client at `server_ip`) to the simulated
    /// server of `domain`; the conversation's lines go into `events` under a new connection.
    pub(crate) fn relay_onward(
        core: &mut ServerCore,
        events: &mut Vec<Event>,
        now: SimTime,
        outbound: &Outbound<'_>,
    ) {
        let Outbound {
            queue_id,
            from,
            domain,
            recipients,
            lines,
        } = *outbound;
        let key = domain.to_ascii_lowercase();
        let mx = format!("mx.{key}");
        let our_host = core.config.hostname.clone();
        let our_ip = core.config.server_ip;
        let our_era = core.config.flavour.era();
        let conn = core.allocate_conn();
        let remote = core.remotes.entry(key.clone()).or_insert_with(|| {
            MailServer::new(ServerConfig {
                hostname: mx.clone(),
                domain: key.clone(),
                server_ip: IpAddr::V4(Ipv4Addr::new(192, 0, 2, 80)),
                users: Vec::new(),
                policy: RelayPolicy::PopBeforeSmtp,
                window: DEFAULT_WINDOW,
                allowlist_lag: 0,
                // A Postfix of the same era as ours.
                flavour: match our_era {
                    Era::Y2001 => Flavour::Postfix2001,
                    Era::Today => Flavour::Postfix311,
                },
                accept_any_local_user: true,
                max_message_octets: 10_240_000,
                max_recipients: 1000,
                clock_origin: core.config.clock_origin,
                utc_offset_minutes: core.config.utc_offset_minutes,
            })
        });
        let kind = ConnKind::ServerToRecipient { mx: mx.clone() };
        let mut out = Out {
            events,
            now,
            conn,
            kind: kind.clone(),
            client_ip: our_ip,
            tls: false,
        };
        out.push(EventKind::ConnectionOpened {
            conn,
            kind,
            client_ip: our_ip,
        });
        let (rconn, greeting) = remote.connect(now, Service::Smtp, our_ip);
        let relay = |out: &mut Out<'_>, client_line: Option<&str>, replies: Vec<Event>| {
            if let Some(text) = client_line {
                out.client(text, None);
            }
            // The remote's lines, with their reply codes, on our connection.
            for line in replies.iter().filter_map(Event::line) {
                if line.conn == rconn && line.speaker == Speaker::Server {
                    out.line(Speaker::Server, line.text.clone(), None, line.reply);
                }
            }
            last_reply(&replies, rconn).is_some_and(|r| r.is_positive() || r.is_intermediate())
        };
        let mut ok = relay(&mut out, None, greeting);
        let say = |out: &mut Out<'_>, remote: &mut MailServer, text: &str| {
            let replies = remote.handle_line(rconn, now, text);
            relay(out, Some(text), replies)
        };
        ok = ok && say(&mut out, remote, &format!("EHLO {our_host}"));
        let from_text = from.map(ToString::to_string).unwrap_or_default();
        ok = ok && say(&mut out, remote, &format!("MAIL FROM:<{from_text}>"));
        if ok {
            let mut any = false;
            for rcpt in recipients {
                any |= say(&mut out, remote, &format!("RCPT TO:<{rcpt}>"));
            }
            ok = any && say(&mut out, remote, "DATA");
        }
        if ok {
            for line in lines {
                let stuffed = if line.starts_with('.') {
                    format!(".{line}")
                } else {
                    line.clone()
                };
                out.client(&stuffed, None);
                let _ = remote.handle_line(rconn, now, &stuffed);
            }
            ok = say(&mut out, remote, ".");
        }
        let _ = say(&mut out, remote, "QUIT");
        let _ = remote.disconnect(rconn, now);
        out.closed();
        out.push(EventKind::RelayedOnward {
            queue_id: queue_id.to_owned(),
            conn,
            mx,
            recipients: recipients.to_vec(),
            accepted: ok,
        });
    }
}

#[cfg(test)]
#[allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a test may panic: that is how it fails"
)]
mod tests {
    use super::*;

    #[test]
    fn unknown_connection_and_garbage_are_harmless() {
        let mut server = MailServer::new(ServerConfig::example());
        assert!(server.handle_line(42, SimTime(0), "QUIT").is_empty());
        assert!(server.disconnect(42, SimTime(0)).is_empty());
        let (conn, _) = server.connect(SimTime(0), Service::Pop3, IpAddr::from([203, 0, 113, 7]));
        let events = server.handle_bytes(conn, SimTime(1), b"\xff\xfe\r\n");
        assert!(!events.is_empty());
        assert!(server.is_open(conn));
    }
}
