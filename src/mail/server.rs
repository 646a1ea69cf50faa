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
use std::sync::Arc;

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

/// [`ServerConfig::storage_limit`] unless set: 200 MB, four full maildrops.
pub const DEFAULT_STORAGE_LIMIT: usize = 200_000_000;

/// How much of a relayed message's body the events show (the page's sample mails are far
/// smaller); the simulated recipient server receives all of it.
pub const RELAY_ECHO_OCTETS: usize = 64 * 1024;

/// How many simulated recipient servers are kept; the least recently used one is freed
/// first (they are simulated: only what the page shows of them is lost).
pub const REMOTE_DOMAINS_KEPT: usize = 16;

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
    /// Most recipients per message (Postfix `smtpd_recipient_limit`, mail_params.h
    /// `DEF_SMTPD_RCPT_LIMIT 1000`).
    pub max_recipients: usize,
    /// Largest maildrop, in octets (Postfix local(8) `mailbox_size_limit`, mail_params.h
    /// `DEF_MAILBOX_LIMIT` = 5 × `DEF_MESSAGE_LIMIT` = 51200000). A delivery that would
    /// pass it fails and the message is not stored (a bounce on a real server).
    pub mailbox_size_limit: usize,
    /// Everything this server stores, all maildrops and the simulated recipient servers
    /// together, in octets: the room of its queue file system. No Postfix parameter: the
    /// disk decides; MAIL FROM is refused while less than 1.5 × `max_message_octets` is
    /// free (smtpd_check.c `smtpd_check_queue`, `smtpd_space_multf` 1.5).
    pub storage_limit: usize,
    /// Errors after which an SMTP session is ended, where the flavour's server has such
    /// a limit (Postfix `smtpd_hard_error_limit`); `None` keeps the flavour's default.
    pub hard_error_limit: Option<u32>,
    /// Unix time (seconds) that `SimTime::ZERO` stands for. Used only for the wall-clock
    /// texts real servers print (dates in greetings and `Received:` headers, queue ids,
    /// APOP timestamps). [`ServerConfig::example`] uses [`TODAY_UNIX`],
    /// [`ServerConfig::for_flavour`] the date of the flavour's era; the lab sets the real
    /// time.
    pub clock_origin: u64,
    /// UTC offset of the server's clock in minutes (default 540, Japan).
    pub utc_offset_minutes: i32,
    /// The server has a certificate and key (mail-lab with TLS): STARTTLS on port 25
    /// (RFC 3207) and POP3's STLS (RFC 2595) succeed where the flavour's server has them
    /// and its words for it are known; the caller then runs the TLS handshake. Without
    /// it they are refused as the flavour's server refuses them with no certificate set
    /// up; the page's submission service (port 587) still completes its STARTTLS step,
    /// simulated, as the master.cf template requires it.
    pub tls_ready: bool,
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
            mailbox_size_limit: 51_200_000,
            storage_limit: DEFAULT_STORAGE_LIMIT,
            hard_error_limit: None,
            clock_origin: TODAY_UNIX,
            utc_offset_minutes: 540,
            tls_ready: false,
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
    /// The text, dot-unstuffed, every line ended by CRLF; one copy shared by every
    /// maildrop it was delivered to and every POP3 session that lists it.
    #[serde(serialize_with = "serialize_text")]
    text: Arc<str>,
    /// Size as POP3 counts it: every line plus CRLF.
    pub octets: usize,
    /// Number of lines.
    pub line_count: usize,
}

fn serialize_text<S: serde::Serializer>(text: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(text)
}

impl StoredMessage {
    /// A message from its text (CRLF line ends, the last line ended too).
    pub(crate) fn new(uid: String, from: Option<Mailbox>, text: Arc<str>) -> StoredMessage {
        let line_count = text.matches("\r\n").count();
        StoredMessage {
            uid,
            from,
            octets: text.len(),
            text,
            line_count,
        }
    }

    /// The message as bytes with CRLF line ends.
    #[must_use]
    pub fn to_crlf_text(&self) -> String {
        self.text.to_string()
    }

    /// The lines, without CRLF.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text
            .strip_suffix("\r\n")
            .into_iter()
            .flat_map(|t| t.split("\r\n"))
    }

    /// Whether two messages share one stored text (no copy was made).
    #[must_use]
    pub fn shares_text_with(&self, other: &StoredMessage) -> bool {
        Arc::ptr_eq(&self.text, &other.text)
    }
}

/// `lines` as one text, each line ended by CRLF.
pub(crate) fn crlf_text<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    lines.into_iter().fold(String::new(), |mut s, line| {
        s.push_str(line);
        s.push_str("\r\n");
        s
    })
}

/// Why a message was not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StoreError {
    /// The maildrop would grow past `mailbox_size_limit`.
    MailboxFull,
    /// The server's storage would grow past `storage_limit`.
    StorageFull,
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
    /// Recipient domains, least recently used first.
    pub remote_order: Vec<String>,
    /// Octets in this server's own maildrops.
    pub stored_octets: usize,
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

    /// Octets stored here and in the simulated recipient servers.
    pub fn storage_used(&self) -> usize {
        self.remotes.values().fold(self.stored_octets, |sum, r| {
            sum.saturating_add(r.storage_used())
        })
    }

    /// Whether MAIL FROM must be refused for want of room: less than 1.5 times the
    /// message size limit is free (smtpd_check.c `smtpd_check_queue`,
    /// `smtpd_space_multf` 1.5).
    pub fn storage_low(&self) -> bool {
        let free = self
            .config
            .storage_limit
            .saturating_sub(self.storage_used());
        let need = self
            .config
            .max_message_octets
            .saturating_add(self.config.max_message_octets / 2);
        free < need
    }

    /// Octets in `user`'s maildrop.
    pub fn maildrop_octets(&self, user: &str) -> usize {
        self.maildrops.get(user).map_or(0, |drop| {
            drop.iter()
                .fold(0_usize, |sum, m| sum.saturating_add(m.octets))
        })
    }

    /// Room for `octets` more in the server's storage, freeing simulated recipient servers
    /// (least recently used first) if that makes room.
    pub fn make_room(&mut self, octets: usize) -> bool {
        loop {
            if self.storage_used().saturating_add(octets) <= self.config.storage_limit {
                return true;
            }
            if self.remote_order.is_empty() {
                return false;
            }
            let oldest = self.remote_order.remove(0);
            self.remotes.remove(&oldest);
        }
    }

    /// Store a message in `user`'s maildrop, unless the maildrop or the server is full.
    /// The text is shared, not copied: a message for many users is stored once (the
    /// server's storage counts it once per maildrop, as mailbox files would).
    pub fn store(
        &mut self,
        user: &str,
        uid: String,
        from: Option<Mailbox>,
        text: &Arc<str>,
    ) -> Result<(), StoreError> {
        let octets = text.len();
        if self.maildrop_octets(user).saturating_add(octets) > self.config.mailbox_size_limit {
            return Err(StoreError::MailboxFull);
        }
        if !self.make_room(octets) {
            return Err(StoreError::StorageFull);
        }
        self.stored_octets = self.stored_octets.saturating_add(octets);
        self.maildrops
            .entry(user.to_owned())
            .or_default()
            .push(StoredMessage::new(uid, from, Arc::clone(text)));
        Ok(())
    }

    /// Remove the messages whose uids are in `gone` from `user`'s maildrop.
    pub fn remove_messages(&mut self, user: &str, gone: &std::collections::BTreeSet<&str>) {
        if gone.is_empty() {
            return;
        }
        let Some(drop) = self.maildrops.get_mut(user) else {
            return;
        };
        let mut freed = 0_usize;
        drop.retain(|m| {
            let keep = !gone.contains(m.uid.as_str());
            if !keep {
                freed = freed.saturating_add(m.octets);
            }
            keep
        });
        self.stored_octets = self.stored_octets.saturating_sub(freed);
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
    pub text: &'a str,
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
    /// Connections in the middle of an over-long command line (see `handle_piece`).
    continued: std::collections::BTreeSet<ConnId>,
    latest: SimTime,
}

impl MailServer {
    /// A server with empty maildrops for the configured users.
    #[must_use]
    pub fn new(config: ServerConfig) -> MailServer {
        // Inserted one by one: `collect` into a map sorts first, and that sort was 4 KB of
        // the mail page's module for a handful of users.
        let mut maildrops = BTreeMap::new();
        for user in &config.users {
            maildrops.insert(user.name.clone(), Vec::new());
        }
        MailServer {
            core: ServerCore {
                config,
                maildrops,
                allowlist: Allowlist::new(),
                next_conn: 0,
                next_queue: 0,
                remotes: BTreeMap::new(),
                remote_order: Vec::new(),
                stored_octets: 0,
            },
            sessions: BTreeMap::new(),
            continued: std::collections::BTreeSet::new(),
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

    /// Octets stored in all maildrops, the simulated recipient servers' included.
    #[must_use]
    pub fn storage_used(&self) -> usize {
        self.core.storage_used()
    }

    /// The SMTP session's error count (what Postfix compares with its soft and hard error
    /// limits); 0 for POP3 or unknown connections.
    #[must_use]
    pub fn error_count(&self, conn: ConnId) -> u32 {
        match self.sessions.get(&conn) {
            Some(Session::Smtp(s)) => s.errors(),
            _ => 0,
        }
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
        let text: Arc<str> = Arc::from(crlf_text(lines.iter().map(String::as_str)));
        self.core.store(&user, uid, from, &text).is_ok()
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
        self.connect_over(now, service, client_ip, false)
    }

    /// A client connects to `service` over implicit TLS (RFC 8314: submission on port
    /// 465, POP3 on 995): the caller has completed the handshake, so the greeting and
    /// everything after it are inside TLS, and STARTTLS/STLS are not offered.
    pub fn connect_tls(
        &mut self,
        now: SimTime,
        service: Service,
        client_ip: IpAddr,
    ) -> (ConnId, Vec<Event>) {
        self.connect_over(now, service, client_ip, true)
    }

    fn connect_over(
        &mut self,
        now: SimTime,
        service: Service,
        client_ip: IpAddr,
        tls: bool,
    ) -> (ConnId, Vec<Event>) {
        let mut opened = self.open(now, service, client_ip);
        let mut out = opened.out();
        out.tls = tls;
        let session = match service {
            Service::Pop3 => Session::Pop3(Box::new(Pop3Session::open(&self.core, &mut out, tls))),
            Service::Smtp | Service::Submission => Session::Smtp(Box::new(SmtpSession::open(
                &self.core,
                &mut out,
                service == Service::Submission,
                tls,
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
        } else {
            self.continued.remove(&conn);
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

    /// Like [`handle_bytes`](Self::handle_bytes) for a line read in pieces, as real servers
    /// read it: `bytes` is at most what the caller reads at once (Postfix
    /// `line_length_limit`, 2048), `line_end` says whether it ends the line.
    ///
    /// - Message text (after 354): the pieces of a line are joined, so a long line is
    ///   stored whole, as Postfix does (smtpd.c `receive_data_message` reads with
    ///   `smtp_get(…, var_line_limit, …)` and writes the pieces as `REC_TYPE_CONT`
    ///   records); a message past the size limit keeps nothing and is refused at the dot.
    /// - Commands: the first piece is the command line, judged by the flavour's line
    ///   limit; the rest of the line is skipped (Postfix 3.11, smtpd_chat.c
    ///   `SMTP_GET_FLAG_SKIP`) or, where the server reads it as the next command
    ///   ([`LineLimit::Split`], Postfix of 2001), handled as such.
    ///
    /// [`LineLimit::Split`]: super::flavour::LineLimit::Split
    pub fn handle_piece(
        &mut self,
        conn: ConnId,
        now: SimTime,
        bytes: &[u8],
        line_end: bool,
    ) -> Vec<Event> {
        let continuing = self.continued.remove(&conn);
        let core = &self.core;
        let split = match self.sessions.get_mut(&conn) {
            None => return self.clock(now).1,
            Some(Session::Smtp(s)) if s.in_data() => {
                if !line_end {
                    s.data_piece(core, bytes);
                    return self.clock(now).1;
                }
                let line = s.take_line(bytes);
                return self.handle_bytes(conn, now, &line);
            }
            Some(Session::Smtp(_)) => matches!(
                core.config.flavour.smtp_rules().line_limit,
                super::flavour::LineLimit::Split(_)
            ),
            Some(Session::Pop3(s)) => {
                let rules = core.config.flavour.pop3_rules();
                let limit = if s.logged_in() {
                    rules.line_limit_after_login
                } else {
                    rules.line_limit_before_login
                };
                matches!(limit, super::flavour::LineLimit::Split(_))
            }
        };
        if !line_end {
            self.continued.insert(conn);
        }
        if continuing && !split {
            return self.clock(now).1;
        }
        self.handle_bytes(conn, now, bytes)
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
        self.continued.remove(&conn);
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
        self.continued.remove(&conn);
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
            text,
        } = *outbound;
        let key = domain.to_ascii_lowercase();
        let mx = format!("mx.{key}");
        let our_host = core.config.hostname.clone();
        let our_ip = core.config.server_ip;
        let our_era = core.config.flavour.era();
        let conn = core.allocate_conn();
        // The simulated recipient servers are kept in use order, and few.
        core.remote_order.retain(|d| *d != key);
        core.remote_order.push(key.clone());
        while core.remote_order.len() > REMOTE_DOMAINS_KEPT {
            let oldest = core.remote_order.remove(0);
            core.remotes.remove(&oldest);
        }
        // Room for the copy the recipient's server keeps, freeing older ones if need be.
        let _ = core.make_room(text.len());
        let storage_left = core
            .config
            .storage_limit
            .saturating_sub(core.storage_used());
        let mailbox_size_limit = core.config.mailbox_size_limit;
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
                mailbox_size_limit,
                storage_limit: 0,
                hard_error_limit: None,
                clock_origin: core.config.clock_origin,
                utc_offset_minutes: core.config.utc_offset_minutes,
                tls_ready: false,
            })
        });
        // What it may store: what is left of ours (its own use counts in ours).
        remote.core.config.storage_limit = remote.storage_used().saturating_add(storage_left);
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
            // The view gets the first RELAY_ECHO_OCTETS of the body; the recipient's
            // server gets all of it.
            let mut echoed = 0_usize;
            let body = text.strip_suffix("\r\n").unwrap_or(text);
            for line in body.split("\r\n").filter(|_| !text.is_empty()) {
                let stuffed = if line.starts_with('.') {
                    format!(".{line}")
                } else {
                    line.to_owned()
                };
                echoed = echoed.saturating_add(stuffed.len());
                if echoed <= RELAY_ECHO_OCTETS {
                    out.client(&stuffed, None);
                }
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
    use crate::mail::server_lines;

    const CLIENT: [u8; 4] = [203, 0, 113, 7];

    fn say(server: &mut MailServer, conn: ConnId, line: &str) -> Vec<String> {
        server_lines(&server.handle_line(conn, SimTime(0), line), conn)
    }

    fn smtp(server: &mut MailServer) -> ConnId {
        server
            .connect(SimTime(0), Service::Smtp, IpAddr::from(CLIENT))
            .0
    }

    fn users(n: usize) -> ServerConfig {
        let mut config = ServerConfig::example();
        config.users = (0..n)
            .map(|i| UserAccount::new(&format!("u{i}"), "pw"))
            .collect();
        config
    }

    #[test]
    fn a_message_for_many_users_is_stored_once_and_duplicates_are_merged() {
        let mut server = MailServer::new(users(3));
        let c = smtp(&mut server);
        say(&mut server, c, "HELO x");
        say(&mut server, c, "MAIL FROM:<a@b.example>");
        for rcpt in ["u0", "u1", "u2", "u0", "U0"] {
            // Duplicates are answered like the first (cleanup(8) merges them later).
            assert_eq!(
                say(&mut server, c, &format!("RCPT TO:<{rcpt}@example.net>")),
                ["250 2.1.5 Ok"]
            );
        }
        say(&mut server, c, "DATA");
        say(&mut server, c, "Subject: x");
        assert!(say(&mut server, c, ".")[0].starts_with("250 2.0.0 Ok: queued as "));
        assert_eq!(server.maildrop("u0").len(), 1);
        let first = &server.maildrop("u0")[0];
        for user in ["u1", "u2"] {
            assert!(first.shares_text_with(&server.maildrop(user)[0]));
        }
        assert_eq!(server.storage_used(), first.octets * 3);
        assert_eq!(first.lines().last(), Some("Subject: x"));
    }

    #[test]
    fn recipient_limit_answers_452_at_the_1001st() {
        let mut server = MailServer::new(ServerConfig::example());
        let c = smtp(&mut server);
        say(&mut server, c, "HELO x");
        say(&mut server, c, "MAIL FROM:<a@b.example>");
        for _ in 0..1000 {
            assert_eq!(
                say(&mut server, c, "RCPT TO:<hanako@example.net>"),
                ["250 2.1.5 Ok"]
            );
        }
        // postfix/src/smtpd/smtpd.c `rcpt_cmd`, smtpd_recipient_limit 1000.
        assert_eq!(
            say(&mut server, c, "RCPT TO:<hanako@example.net>"),
            ["452 4.5.3 Error: too many recipients"]
        );
    }

    #[test]
    fn full_storage_refuses_mail_and_full_mailboxes_fail_delivery() {
        let mut config = users(2);
        config.max_message_octets = 1000;
        config.mailbox_size_limit = 2500;
        config.storage_limit = 4000;
        let mut server = MailServer::new(config);
        let body = "x".repeat(700);
        let send = |server: &mut MailServer, to: &[&str]| -> (Vec<String>, Vec<Event>) {
            let c = smtp(server);
            say(server, c, "HELO x");
            let mail = say(server, c, "MAIL FROM:<a@b.example>");
            if !mail[0].starts_with("250") {
                return (mail, Vec::new());
            }
            for rcpt in to {
                say(server, c, &format!("RCPT TO:<{rcpt}@example.net>"));
            }
            say(server, c, "DATA");
            say(server, c, &body);
            (mail, server.handle_line(c, SimTime(0), "."))
        };
        // Three messages fill u0's maildrop (about 850 octets each, 2500 allowed).
        for _ in 0..2 {
            let (_, events) = send(&mut server, &["u0"]);
            assert!(
                events
                    .iter()
                    .any(|e| matches!(e.kind, EventKind::DeliveredLocally { .. }))
            );
        }
        let (_, events) = send(&mut server, &["u0", "u1"]);
        assert!(events.iter().any(|e| matches!(
            &e.kind,
            EventKind::DeliveryFailed { reason: crate::mail::DeliveryFailure::MailboxFull, rcpt, .. }
                if rcpt.local == "u0"
        )));
        assert_eq!(server.maildrop("u0").len(), 2);
        assert_eq!(server.maildrop("u1").len(), 1);
        // About 2550 of 4000 octets used: less than 1.5 × 1000 free, so MAIL is refused
        // (postfix/src/smtpd/smtpd_check.c `smtpd_check_queue`).
        let (mail, _) = send(&mut server, &["u1"]);
        assert_eq!(mail, ["452 4.3.1 Insufficient system storage"]);
    }

    #[test]
    fn pop3_quit_frees_what_it_deletes() {
        let mut server = MailServer::new(ServerConfig::example());
        for _ in 0..3 {
            assert!(server.seed_message("hanako", None, vec!["Subject: s".into()]));
        }
        let used = server.storage_used();
        let (c, _) = server.connect(SimTime(0), Service::Pop3, IpAddr::from(CLIENT));
        say(&mut server, c, "USER hanako");
        say(&mut server, c, "PASS s3cret");
        say(&mut server, c, "DELE 1");
        say(&mut server, c, "DELE 3");
        say(&mut server, c, "QUIT");
        assert_eq!(server.maildrop("hanako").len(), 1);
        assert_eq!(server.storage_used(), used / 3);
    }

    #[test]
    fn a_long_data_line_read_in_pieces_is_stored_whole() {
        let mut server = MailServer::new(ServerConfig::example());
        let c = smtp(&mut server);
        for line in [
            "HELO x",
            "MAIL FROM:<a@b.example>",
            "RCPT TO:<hanako@example.net>",
            "DATA",
        ] {
            server.handle_piece(c, SimTime(0), format!("{line}\r\n").as_bytes(), true);
        }
        let long = "y".repeat(5000);
        for piece in long.as_bytes().chunks(2048) {
            server.handle_piece(c, SimTime(0), piece, false);
        }
        server.handle_piece(c, SimTime(0), b"\r\n", true);
        let events = server.handle_piece(c, SimTime(0), b".\r\n", true);
        assert!(server_lines(&events, c)[0].starts_with("250 "));
        assert_eq!(
            server.maildrop("hanako")[0].lines().last(),
            Some(long.as_str())
        );
        // A command line is cut at the piece: the rest of the line is skipped.
        let mut command = b"VRFY ".to_vec();
        command.resize(3000, b'z');
        let events = server.handle_piece(c, SimTime(0), &command[..2048], false);
        assert!(server_lines(&events, c)[0].starts_with("252 2.0.0 zzz"));
        let events = server.handle_piece(c, SimTime(0), &command[2048..], true);
        assert!(server_lines(&events, c).is_empty());
        assert_eq!(
            server_lines(&server.handle_piece(c, SimTime(0), b"NOOP\r\n", true), c),
            ["250 2.0.0 Ok"]
        );
    }

    #[test]
    fn simulated_recipient_servers_are_few() {
        let mut config = ServerConfig::example();
        config.policy = RelayPolicy::OpenRelay;
        let mut server = MailServer::new(config);
        let c = smtp(&mut server);
        say(&mut server, c, "HELO x");
        for i in 0..(REMOTE_DOMAINS_KEPT + 5) {
            say(&mut server, c, "MAIL FROM:<a@b.example>");
            say(&mut server, c, &format!("RCPT TO:<t@d{i}.example>"));
            say(&mut server, c, "DATA");
            say(&mut server, c, "Subject: s");
            say(&mut server, c, ".");
        }
        assert_eq!(server.core.remotes.len(), REMOTE_DOMAINS_KEPT);
        assert!(server.recipient_server("d0.example").is_none());
        assert!(
            server
                .recipient_server(&format!("d{}.example", REMOTE_DOMAINS_KEPT + 4))
                .is_some()
        );
    }

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
