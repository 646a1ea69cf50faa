//! An SMTP server session (RFC 5321) with SMTP AUTH (RFC 4954, PLAIN and LOGIN) and, where
//! the flavour's server has it, STARTTLS (RFC 3207). The engine has no cryptography: after
//! its `220` a `TlsStarted` event tells the caller to run the handshake (mail-lab does,
//! with a real certificate); on the page the lines after it are only marked `tls`.
//!
//! Contract:
//! - Commands: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, VRFY, QUIT, and AUTH,
//!   STARTTLS and HELP where the flavour's server knows them. Anything else, bad sequences
//!   and bad arguments get the flavour's reply; where servers behave differently (long
//!   lines, HELO without a name, a second MAIL, error limits) the flavour's
//!   [`SmtpRules`] decide. Nothing panics.
//! - RCPT TO for the server's own domain is accepted from anyone; any other domain is
//!   decided by [`relay_decision`] and produces a `RelayAllowed` or `RelayRefused` event.
//!   The reply that refuses carries the reason ([`ReplyInfo::refusal`]).
//! - Submission with the Postfix master.cf template: STARTTLS before anything but
//!   EHLO/HELO/NOOP/QUIT/HELP (530), AUTH offered only inside TLS, and every recipient of
//!   an unauthenticated client refused at RCPT ("Access denied"). For the other flavours
//!   the submission port behaves like port 25.
//! - STARTTLS on port 25 succeeds only where the caller has a certificate
//!   (`ServerConfig::tls_ready`), as Postfix with `smtpd_tls_security_level = may`; a
//!   session that began inside TLS (port 465) is not offered it.
//! - EHLO advertises only what this session will honour.
//! - DATA: dot-stuffing is undone; after the final dot the server puts its own
//!   `Received:` header on top (RFC 5321 4.4), then stores or relays the message and
//!   answers with a queue id.
//!
//! [`ReplyInfo::refusal`]: super::reply::ReplyInfo::refusal

use core::net::IpAddr;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::address::{
    EnvelopeError, Mailbox, keyword_as_typed, parse_envelope_detailed, qmail_addrparse,
    valid_domain,
};
use super::base64;
use super::event::{AuthDecoded, ConnKind, DeliveryFailure, Event, EventKind, Out};
use super::flavour::{
    AuthPrompt, Extension, LineLimit, Protocol, SmtpReply, SmtpRules, Stamp, printable,
};
use super::policy::{RelayDecision, RelayPermit, RelayRefusal, relay_decision};
use super::server::{MailServer, Outbound, ServerCore, StoreError, crlf_text};
use super::time::SimTime;

#[derive(Clone, Debug)]
struct Recipient {
    mailbox: Mailbox,
    /// As the client typed it (sendmail's `$u`).
    path: String,
    /// RCPT was accepted although the local user does not exist (the message bounces
    /// later on servers that check late; the simulation drops it).
    unknown_local: bool,
}

#[derive(Clone, Debug)]
struct Transaction {
    from: Option<Mailbox>,
    /// Each address once: a duplicate RCPT is answered like the first and not kept
    /// (Postfix's cleanup(8) drops duplicate recipients, `been_here`).
    accepted: Vec<Recipient>,
    /// The accepted addresses, lower-cased.
    seen: BTreeSet<String>,
    /// Accepted RCPTs, duplicates included: what `smtpd_recipient_limit` counts (smtpd.c
    /// `rcpt_cmd`, `state->rcpt_count`).
    rcpt_count: usize,
    started: SimTime,
}

#[derive(Clone, Debug)]
enum Mode {
    Command,
    Data {
        /// The message so far, dot-unstuffed, every line ended by CRLF.
        body: String,
        octets: usize,
        too_big: bool,
    },
    AuthPlain,
    AuthLoginUser,
    AuthLoginPassword {
        user: String,
    },
}

/// One SMTP conversation. Created by [`MailServer::connect`](super::MailServer::connect).
#[derive(Clone, Debug)]
pub struct SmtpSession {
    conn: u32,
    client_ip: IpAddr,
    submission: bool,
    helo: Option<String>,
    protocol: Protocol,
    tls: bool,
    auth_user: Option<String>,
    tx: Option<Transaction>,
    mode: Mode,
    errors: u32,
    /// The first pieces of a DATA line longer than the lab reads at once (see
    /// [`MailServer::handle_piece`](super::MailServer::handle_piece)).
    partial: Vec<u8>,
}

fn decode_text(b64: &str) -> Option<String> {
    base64::decode(b64).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// Decode a PLAIN response (`authzid \0 user \0 password`).
fn decode_plain(b64: &str) -> AuthDecoded {
    if b64 == "*" {
        return AuthDecoded::Cancelled;
    }
    // "=" is an empty initial response (RFC 4954 section 4).
    let bytes = if b64 == "=" {
        Some(Vec::new())
    } else {
        base64::decode(b64)
    };
    let Some(bytes) = bytes else {
        return AuthDecoded::NotBase64;
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut parts = text.splitn(3, '\0');
    let authzid = parts.next().unwrap_or_default().to_owned();
    let user = parts.next().unwrap_or_default().to_owned();
    let password = parts.next().unwrap_or_default().to_owned();
    AuthDecoded::Plain {
        authzid,
        user,
        password,
    }
}

/// The first `n` octets of `line`, cut at a character boundary.
fn prefix(line: &str, n: usize) -> &str {
    let mut end = n.min(line.len());
    while !line.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    line.get(..end).unwrap_or_default()
}

/// `line` in pieces of at most `n` octets (at least one piece).
fn pieces(line: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        let head = prefix(rest, n.max(1));
        let head = if head.is_empty() && !rest.is_empty() {
            // A single character longer than `n` octets: take it whole.
            rest.get(..rest.chars().next().map_or(0, char::len_utf8))
                .unwrap_or_default()
        } else {
            head
        };
        out.push(head);
        rest = rest.get(head.len()..).unwrap_or_default();
        if rest.is_empty() {
            return out;
        }
    }
}

/// Postfix's `is_header()`: a word of header-name characters ending in a colon.
fn looks_like_header(word: &str) -> bool {
    word.strip_suffix(':').is_some_and(|name| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':')
    })
}

/// Whether `param` is one of `known` (exact, or a `NAME=` prefix).
fn param_known(param: &str, known: &[&str]) -> bool {
    known.iter().any(|k| {
        if k.ends_with('=') {
            param
                .get(..k.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(k))
        } else {
            param.eq_ignore_ascii_case(k)
        }
    })
}

/// Commands the server has, beyond the ones every server here knows.
fn known_verb(rules: &SmtpRules, verb: &str) -> bool {
    match verb {
        "HELO" | "EHLO" | "MAIL" | "RCPT" | "DATA" | "RSET" | "NOOP" | "VRFY" | "QUIT" => true,
        "AUTH" => rules.auth.is_some(),
        "STARTTLS" => rules.starttls,
        "HELP" => rules.help,
        _ => false,
    }
}

/// Commands the Postfix submission template allows before STARTTLS (smtpd.c
/// `SMTPD_CMD_FLAG_PRE_TLS`).
fn allowed_before_tls(verb: &str) -> bool {
    matches!(
        verb,
        "HELO" | "EHLO" | "STARTTLS" | "NOOP" | "QUIT" | "HELP"
    )
}

impl SmtpSession {
    pub(crate) fn open(
        core: &ServerCore,
        out: &mut Out<'_>,
        submission: bool,
        tls: bool,
    ) -> SmtpSession {
        let mut session = SmtpSession {
            conn: out.conn,
            client_ip: out.client_ip,
            submission,
            helo: None,
            protocol: Protocol::Smtp,
            tls,
            auth_user: None,
            tx: None,
            mode: Mode::Command,
            errors: 0,
            partial: Vec::new(),
        };
        let date = core.config.flavour.greeting_date(
            core.config.unix_time(out.now),
            core.config.utc_offset_minutes,
        );
        session.reply(core, out, &SmtpReply::Greeting { date });
        session
    }

    /// Error replies so far.
    pub(crate) fn errors(&self) -> u32 {
        self.errors
    }

    /// Whether the session reads message text (after 354).
    pub(crate) fn in_data(&self) -> bool {
        matches!(self.mode, Mode::Data { .. })
    }

    /// A piece of a DATA line that goes on (no line end yet): kept until the line ends,
    /// unless the message is already over the size limit, which the final dot reports.
    pub(crate) fn data_piece(&mut self, core: &ServerCore, piece: &[u8]) {
        if let Mode::Data {
            body,
            octets,
            too_big,
        } = &mut self.mode
        {
            let so_far = octets
                .saturating_add(self.partial.len())
                .saturating_add(piece.len());
            if *too_big || so_far > core.config.max_message_octets {
                *too_big = true;
                *octets = so_far;
                *body = String::new();
                self.partial = Vec::new();
            } else {
                self.partial.extend_from_slice(piece);
            }
        }
    }

    /// The pieces kept so far with `last`, the end of the line.
    pub(crate) fn take_line(&mut self, last: &[u8]) -> Vec<u8> {
        let mut line = std::mem::take(&mut self.partial);
        line.extend_from_slice(last);
        line
    }

    fn kind(&self) -> ConnKind {
        if self.submission {
            ConnKind::ClientSubmission
        } else {
            ConnKind::ClientSmtp
        }
    }

    fn rules(core: &ServerCore) -> SmtpRules {
        core.config.flavour.smtp_rules()
    }

    /// The flavour's error limit, or the configured one where the server has a limit.
    fn error_limit(core: &ServerCore) -> Option<u32> {
        let flavour_limit = Self::rules(core).error_limit;
        match (flavour_limit, core.config.hard_error_limit) {
            (Some(_), Some(configured)) => Some(configured.max(1)),
            (limit, _) => limit,
        }
    }

    /// Whether this service runs the Postfix submission template.
    fn template(&self, core: &ServerCore) -> bool {
        self.submission && Self::rules(core).submission_template
    }

    /// Send the flavour's reply; count it if it is an error. `None` from the flavour
    /// means the server says nothing.
    fn reply(&mut self, core: &ServerCore, out: &mut Out<'_>, reply: &SmtpReply) {
        self.reply_marked(core, out, reply, None);
    }

    fn reply_marked(
        &mut self,
        core: &ServerCore,
        out: &mut Out<'_>,
        reply: &SmtpReply,
        refusal: Option<RelayRefusal>,
    ) {
        let Some(wire) = core.config.flavour.smtp(reply, &core.config.hostname) else {
            return;
        };
        if wire.code >= 400 && !Self::rules(core).error_limit_counts_unknown_only {
            self.errors = self.errors.saturating_add(1);
        }
        // The decoded prompt comes from what the session asked for, not from the text.
        let auth = match reply {
            SmtpReply::AuthChallenge { prompt } => Some(AuthDecoded::Challenge {
                prompt: prompt.text().to_owned(),
            }),
            _ => None,
        };
        out.smtp_reply(wire, refusal, auth);
    }

    /// After a command: has the server had enough? (Postfix's hard error limit.)
    fn error_limit_reached(&mut self, core: &ServerCore, out: &mut Out<'_>) -> bool {
        let rules = Self::rules(core);
        match Self::error_limit(core) {
            Some(limit) if !rules.error_limit_counts_unknown_only && self.errors >= limit => {
                self.reply(core, out, &SmtpReply::TooManyErrors);
                out.closed();
                true
            }
            _ => false,
        }
    }

    fn auth_offered(&self, core: &ServerCore) -> bool {
        if Self::rules(core).auth.is_none() {
            return false;
        }
        if self.template(core) {
            // `smtpd_tls_auth_only=yes`: SASL only inside TLS.
            self.tls
        } else {
            core.config.policy.offers_auth()
        }
    }

    pub(crate) fn timeout(&mut self, core: &ServerCore, events: &mut Vec<Event>, now: SimTime) {
        let mut out = Out {
            events,
            now,
            conn: self.conn,
            kind: self.kind(),
            client_ip: self.client_ip,
            tls: self.tls,
        };
        let client_ip = self.client_ip;
        self.reply(core, &mut out, &SmtpReply::Timeout { client_ip });
    }

    /// Handle one client line; returns whether the connection stays open. `valid_utf8`:
    /// the octets up to the first NUL were valid UTF-8.
    pub(crate) fn handle_line(
        &mut self,
        core: &mut ServerCore,
        events: &mut Vec<Event>,
        now: SimTime,
        line: &str,
        valid_utf8: bool,
    ) -> bool {
        let mut out = Out {
            events,
            now,
            conn: self.conn,
            kind: self.kind(),
            client_ip: self.client_ip,
            tls: self.tls,
        };
        match std::mem::replace(&mut self.mode, Mode::Command) {
            Mode::Data {
                body,
                octets,
                too_big,
            } => {
                out.client(line, None);
                self.data_line(core, &mut out, line, body, octets, too_big);
                true
            }
            Mode::AuthPlain => {
                let decoded = decode_plain(line);
                out.client(line, Some(decoded.clone()));
                self.finish_auth(core, &mut out, decoded, line, false);
                !self.error_limit_reached(core, &mut out)
            }
            Mode::AuthLoginUser => {
                let decoded = if line == "*" {
                    AuthDecoded::Cancelled
                } else {
                    decode_text(line).map_or(AuthDecoded::NotBase64, |user| {
                        AuthDecoded::LoginUser { user }
                    })
                };
                out.client(line, Some(decoded.clone()));
                match decoded {
                    AuthDecoded::LoginUser { user } => {
                        self.mode = Mode::AuthLoginPassword { user };
                        self.reply(
                            core,
                            &mut out,
                            &SmtpReply::AuthChallenge {
                                prompt: AuthPrompt::Password,
                            },
                        );
                    }
                    other => self.finish_auth(core, &mut out, other, line, false),
                }
                !self.error_limit_reached(core, &mut out)
            }
            Mode::AuthLoginPassword { user } => {
                let decoded = if line == "*" {
                    AuthDecoded::Cancelled
                } else {
                    decode_text(line).map_or(AuthDecoded::NotBase64, |password| {
                        AuthDecoded::LoginPassword { password }
                    })
                };
                out.client(line, Some(decoded.clone()));
                let combined = match decoded {
                    AuthDecoded::LoginPassword { password } => AuthDecoded::Plain {
                        authzid: String::new(),
                        user,
                        password,
                    },
                    other => other,
                };
                self.finish_auth(core, &mut out, combined, line, false);
                !self.error_limit_reached(core, &mut out)
            }
            Mode::Command => self.command_line(core, &mut out, line, valid_utf8),
        }
    }

    /// A command line as typed: echoed, cut as the server cuts it, then run.
    fn command_line(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        line: &str,
        valid_utf8: bool,
    ) -> bool {
        // An initial response on the AUTH line is decoded for the view like any other.
        let mut words = line.split(' ').filter(|w| !w.is_empty());
        let auth_echo = match (
            words.next().map(str::to_ascii_uppercase).as_deref(),
            words.next().map(str::to_ascii_uppercase).as_deref(),
            words.next(),
        ) {
            (Some("AUTH"), Some("PLAIN"), Some(i)) => Some(decode_plain(i)),
            (Some("AUTH"), Some("LOGIN"), Some(i)) => Some(
                decode_text(i).map_or(AuthDecoded::NotBase64, |user| AuthDecoded::LoginUser {
                    user,
                }),
            ),
            _ => None,
        };
        out.client(line, auth_echo);
        let rules = Self::rules(core);
        let parts = match rules.line_limit {
            LineLimit::None => vec![line],
            LineLimit::Truncate(n) => vec![prefix(line, n)],
            LineLimit::Split(n) => pieces(line, n),
            LineLimit::Close(n) if line.len() > n => {
                let client_ip = self.client_ip;
                self.reply(core, out, &SmtpReply::LineTooLong { client_ip });
                out.closed();
                return false;
            }
            LineLimit::Close(_) => vec![line],
        };
        for part in parts {
            // The servers read commands as C strings: a NUL ends the command.
            let command = part.split('\0').next().unwrap_or_default();
            if !self.command(core, out, command, valid_utf8) {
                return false;
            }
            if self.error_limit_reached(core, out) {
                return false;
            }
        }
        true
    }

    fn data_line(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        line: &str,
        mut body: String,
        mut octets: usize,
        mut too_big: bool,
    ) {
        if line != "." {
            let text = line.strip_prefix('.').unwrap_or(line);
            octets = octets.saturating_add(text.len()).saturating_add(2);
            if octets > core.config.max_message_octets {
                too_big = true;
                body = String::new();
            }
            if !too_big {
                body.push_str(text);
                body.push_str("\r\n");
            }
            self.mode = Mode::Data {
                body,
                octets,
                too_big,
            };
            return;
        }
        let Some(tx) = self.tx.take() else {
            return;
        };
        if too_big {
            let limit = core.config.max_message_octets;
            self.reply(
                core,
                out,
                &SmtpReply::MessageTooBig {
                    declared: false,
                    limit,
                },
            );
            return;
        }
        let queue_id = core.queue_id(out.now);
        // RFC 5321 4.4: the server's own trace header goes on top.
        let recipients: Vec<Mailbox> = tx.accepted.iter().map(|r| r.mailbox.clone()).collect();
        let first_path = tx
            .accepted
            .first()
            .map(|r| r.path.clone())
            .unwrap_or_default();
        let helo = self.helo.clone();
        let stamp_time = if matches!(
            core.config.flavour.smtp_server(),
            super::flavour::SmtpServer::Postfix311 | super::flavour::SmtpServer::Postfix2001
        ) {
            // Postfix dates the header with the time of MAIL FROM.
            tx.started
        } else {
            out.now
        };
        let stamp = Stamp {
            host: &core.config.hostname,
            helo: helo.as_deref(),
            client_ip: self.client_ip,
            protocol: self.protocol,
            tls: self.tls,
            authenticated: self.auth_user.is_some(),
            hide_client: self.template(core),
            queue_id: &queue_id,
            recipients: &recipients,
            first_rcpt_as_typed: &first_path,
            unix_time: core.config.unix_time(stamp_time),
            utc_offset_minutes: core.config.utc_offset_minutes,
        };
        let received = core.config.flavour.received(&stamp);
        let mut text = crlf_text(received.iter().map(String::as_str));
        text.push_str(&body);
        drop(body);
        // One copy of the message, shared by every maildrop it goes to.
        let message: Arc<str> = Arc::from(text);
        // The queue file must fit (cleanup(8) cannot write it otherwise).
        if !core.make_room(message.len()) {
            self.reply(core, out, &SmtpReply::QueueWriteError);
            return;
        }
        self.reply(
            core,
            out,
            &SmtpReply::Queued {
                queue_id: queue_id.clone(),
            },
        );
        let mut remote: BTreeMap<String, Vec<Mailbox>> = BTreeMap::new();
        let mut delivered: BTreeSet<String> = BTreeSet::new();
        for (i, rcpt) in tx.accepted.iter().enumerate() {
            let mailbox = &rcpt.mailbox;
            if core.is_local(mailbox) {
                if rcpt.unknown_local {
                    continue;
                }
                if let Some(user) = core.local_user(&mailbox.local) {
                    // Two addresses of one user get one copy (local(8) `been_here`).
                    if !delivered.insert(user.clone()) {
                        continue;
                    }
                    let uid = format!("{}.{i}", queue_id.replace(' ', ""));
                    match core.store(&user, uid, tx.from.clone(), &message) {
                        Ok(()) => out.push(EventKind::DeliveredLocally {
                            queue_id: queue_id.clone(),
                            rcpt: mailbox.clone(),
                            from: tx.from.clone(),
                        }),
                        Err(e) => out.push(EventKind::DeliveryFailed {
                            queue_id: queue_id.clone(),
                            rcpt: mailbox.clone(),
                            reason: match e {
                                StoreError::MailboxFull => DeliveryFailure::MailboxFull,
                                StoreError::StorageFull => DeliveryFailure::StorageFull,
                            },
                        }),
                    }
                }
            } else if !valid_domain(&mailbox.domain) {
                // Only qmail accepts such a recipient: addrparse (qmail-smtpd.c) takes
                // any text, a space or a CR inside the line included (commands.c removes
                // only the CR before LF). qmail-remote then finds no host by that name
                // and the message bounces ("Sorry, I couldn't find any host named ...",
                // perm_dns in qmail-remote.c). There is no server to simulate: the
                // simulation drops the copy, as it does for an unknown local user.
                continue;
            } else {
                remote
                    .entry(mailbox.domain.to_ascii_lowercase())
                    .or_default()
                    .push(mailbox.clone());
            }
        }
        for (domain, rcpts) in remote {
            let outbound = Outbound {
                queue_id: &queue_id,
                from: tx.from.as_ref(),
                domain: &domain,
                recipients: &rcpts,
                text: &message,
            };
            MailServer::relay_onward(core, out.events, out.now, &outbound);
        }
    }

    fn finish_auth(
        &mut self,
        core: &ServerCore,
        out: &mut Out<'_>,
        decoded: AuthDecoded,
        input: &str,
        initial: bool,
    ) {
        match decoded {
            AuthDecoded::Cancelled => self.reply(core, out, &SmtpReply::AuthCancelled),
            AuthDecoded::Plain {
                authzid,
                user,
                password,
            } => {
                let ok = (authzid.is_empty() || authzid == user)
                    && core
                        .config
                        .account(&user)
                        .is_some_and(|a| a.password == password);
                out.push(EventKind::SmtpAuth {
                    conn: self.conn,
                    client_ip: self.client_ip,
                    user: user.clone(),
                    success: ok,
                });
                if ok {
                    self.auth_user = Some(user);
                    self.reply(core, out, &SmtpReply::AuthSucceeded);
                } else {
                    self.reply(core, out, &SmtpReply::AuthFailed);
                }
            }
            _ => self.reply(
                core,
                out,
                &SmtpReply::AuthBadBase64 {
                    initial,
                    input: printable(input, 256),
                },
            ),
        }
    }

    /// Whether STARTTLS would succeed: the submission template's simulated step, or a
    /// real one where the caller has a certificate (`tls_ready`, mail-lab) and the
    /// flavour's server has STARTTLS with known words for it.
    fn starttls_available(&self, core: &ServerCore) -> bool {
        self.template(core) || (core.config.tls_ready && core.config.flavour.smtp_has_tls())
    }

    fn offered(&self, core: &ServerCore) -> Vec<Extension> {
        let mut offered = Vec::new();
        if self.starttls_available(core) && !self.tls {
            offered.push(Extension::StartTls);
        }
        if self.auth_offered(core) {
            offered.push(Extension::Auth);
        }
        if self.tls {
            offered.push(Extension::RequireTls);
        }
        offered
    }

    /// One command; returns whether the connection stays open.
    #[allow(clippy::too_many_lines)] // one match over the verbs, read top to bottom
    fn command(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        line: &str,
        valid_utf8: bool,
    ) -> bool {
        let rules = Self::rules(core);
        if rules.checks_utf8 && !valid_utf8 {
            self.reply(core, out, &SmtpReply::BadUtf8);
            return true;
        }
        let (verb_typed, args) = match line.split_once(' ') {
            Some((v, a)) => (v, a),
            None => (line, ""),
        };
        let verb = verb_typed.to_ascii_uppercase();
        if verb.is_empty() {
            self.reply(core, out, &SmtpReply::EmptyLine);
            return true;
        }
        let known = known_verb(&rules, &verb);
        if !known {
            let starts_with_letter = verb.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
            if rules.forbids_non_smtp && (looks_like_header(verb_typed) || !starts_with_letter) {
                self.reply(core, out, &SmtpReply::NonSmtpCommand);
                out.closed();
                return false;
            }
            if rules.error_limit_counts_unknown_only
                && let Some(limit) = Self::error_limit(core)
            {
                self.errors = self.errors.saturating_add(1);
                if self.errors >= limit {
                    self.reply(core, out, &SmtpReply::TooManyErrors);
                    out.closed();
                    return false;
                }
            }
            self.reply(
                core,
                out,
                &SmtpReply::UnknownCommand {
                    line: printable(line, 10_000),
                },
            );
            return true;
        }
        if self.template(core) && !self.tls && !allowed_before_tls(&verb) {
            self.reply(core, out, &SmtpReply::StartTlsRequired);
            return true;
        }
        let args_trimmed = args.trim();
        let reply = match verb.as_str() {
            "EHLO" | "HELO" => {
                if args_trimmed.is_empty() && rules.helo_needs_name {
                    SmtpReply::HeloSyntax {
                        verb: printable(verb_typed, 16),
                    }
                } else if rules.duplicate_helo_refused && self.helo.is_some() {
                    SmtpReply::DuplicateHelo
                } else {
                    self.helo = Some(printable(args_trimmed, 255));
                    self.tx = None;
                    let client_ip = self.client_ip;
                    if verb == "EHLO" {
                        self.protocol = Protocol::Esmtp;
                        SmtpReply::Ehlo {
                            client_ip,
                            offered: self.offered(core),
                            size_limit: core.config.max_message_octets,
                        }
                    } else {
                        self.protocol = Protocol::Smtp;
                        SmtpReply::Helo { client_ip }
                    }
                }
            }
            "MAIL" => self.mail(core, out, args),
            "RCPT" => match self.rcpt(core, out, args) {
                Some((reply, refusal)) => {
                    self.reply_marked(core, out, &reply, refusal);
                    return true;
                }
                None => return true,
            },
            "DATA" => match &self.tx {
                None if rules.data_needs_mail_first => SmtpReply::NeedMail { data: true },
                None => SmtpReply::NeedRcpt,
                Some(tx) if tx.accepted.is_empty() => SmtpReply::NoValidRecipients,
                Some(_) if rules.refuses_arguments && !args_trimmed.is_empty() => {
                    SmtpReply::NoArgumentsAllowed { verb }
                }
                Some(_) => {
                    self.mode = Mode::Data {
                        body: String::new(),
                        octets: 0,
                        too_big: false,
                    };
                    SmtpReply::StartMailInput
                }
            },
            "RSET" | "NOOP" if rules.refuses_arguments && !args_trimmed.is_empty() => {
                SmtpReply::NoArgumentsAllowed { verb }
            }
            "RSET" => {
                self.tx = None;
                SmtpReply::ResetOk
            }
            "NOOP" => SmtpReply::NoopOk,
            "VRFY" if args_trimmed.is_empty() => SmtpReply::VerifySyntax,
            "VRFY" => SmtpReply::Verify {
                arg: printable(args_trimmed, 256),
            },
            "HELP" => SmtpReply::Help,
            "QUIT" => {
                self.reply(core, out, &SmtpReply::Bye);
                out.closed();
                return false;
            }
            "AUTH" => match self.auth(core, args) {
                Ok(reply) => reply,
                Err((response, input)) => {
                    self.finish_auth(core, out, response, &input, true);
                    return true;
                }
            },
            "STARTTLS" => {
                if rules.refuses_arguments && !args_trimmed.is_empty() {
                    SmtpReply::NoArgumentsAllowed { verb }
                } else if self.tls {
                    SmtpReply::TlsAlreadyActive
                } else if self.starttls_available(core) {
                    self.reply(core, out, &SmtpReply::ReadyToStartTls);
                    self.tls = true;
                    out.tls = true;
                    out.push(EventKind::TlsStarted { conn: self.conn });
                    // RFC 3207 section 4.2: forget everything learned before TLS.
                    self.helo = None;
                    self.protocol = Protocol::Smtp;
                    self.tx = None;
                    return true;
                } else {
                    SmtpReply::StartTlsUnavailable
                }
            }
            _ => SmtpReply::UnknownCommand {
                line: printable(line, 10_000),
            },
        };
        self.reply(core, out, &reply);
        true
    }

    /// Start an AUTH exchange: `Ok(reply)` to send (a challenge or an error), or
    /// `Err((response, input))` when an initial response completes it at once.
    fn auth(&mut self, core: &ServerCore, args: &str) -> Result<SmtpReply, (AuthDecoded, String)> {
        let Some(rules) = Self::rules(core).auth else {
            return Ok(SmtpReply::AuthNotEnabled);
        };
        if !self.auth_offered(core) {
            return Ok(SmtpReply::AuthNotEnabled);
        }
        let sendmail_order = !rules.syntax_reply;
        if !sendmail_order && rules.refused_in_transaction && self.tx.is_some() {
            return Ok(SmtpReply::AuthDuringTransaction);
        }
        if self.auth_user.is_some() {
            return Ok(SmtpReply::AlreadyAuthenticated);
        }
        if sendmail_order && rules.refused_in_transaction && self.tx.is_some() {
            return Ok(SmtpReply::AuthDuringTransaction);
        }
        let mut words = args.split(' ').filter(|w| !w.is_empty());
        let mech_typed = words.next().unwrap_or_default();
        let initial = words.next();
        if mech_typed.is_empty() && rules.syntax_reply {
            return Ok(SmtpReply::AuthSyntax);
        }
        if words.next().is_some() && rules.syntax_reply {
            return Ok(SmtpReply::AuthSyntax);
        }
        let mech = mech_typed.to_ascii_uppercase();
        if !rules.mechanisms.contains(&mech.as_str()) {
            return Ok(SmtpReply::AuthMechanismUnsupported {
                mech: printable(mech_typed, 64),
            });
        }
        match (mech.as_str(), initial) {
            ("PLAIN", None) => {
                self.mode = Mode::AuthPlain;
                Ok(SmtpReply::AuthChallenge {
                    prompt: AuthPrompt::Empty,
                })
            }
            ("LOGIN", None) => {
                self.mode = Mode::AuthLoginUser;
                Ok(SmtpReply::AuthChallenge {
                    prompt: AuthPrompt::Username,
                })
            }
            ("LOGIN", Some(i)) => match decode_text(i) {
                Some(user) => {
                    self.mode = Mode::AuthLoginPassword { user };
                    Ok(SmtpReply::AuthChallenge {
                        prompt: AuthPrompt::Password,
                    })
                }
                None => Err((AuthDecoded::NotBase64, i.to_owned())),
            },
            (_, Some(i)) => Err((decode_plain(i), i.to_owned())),
            (_, None) => Ok(SmtpReply::AuthMechanismUnsupported {
                mech: printable(mech_typed, 64),
            }),
        }
    }

    fn mail(&mut self, core: &ServerCore, out: &mut Out<'_>, args: &str) -> SmtpReply {
        let rules = Self::rules(core);
        if self.tx.is_some() && rules.nested_mail_refused {
            return SmtpReply::NestedMail;
        }
        let (from, path, params) = if rules.lenient_addresses {
            match qmail_addrparse(args, &core.config.domain) {
                Some(from) => (from, String::new(), Vec::new()),
                None => {
                    return SmtpReply::MailSyntax {
                        word: keyword_as_typed(args),
                    };
                }
            }
        } else {
            match parse_envelope_detailed(args, "FROM", true) {
                Ok(arg) => (arg.mailbox, arg.path, arg.params),
                Err(EnvelopeError::Keyword | EnvelopeError::Missing) => {
                    return SmtpReply::MailSyntax {
                        word: printable(&keyword_as_typed(args), 64),
                    };
                }
                Err(EnvelopeError::Address) => {
                    return SmtpReply::BadSender {
                        word: printable(&keyword_as_typed(args), 64),
                    };
                }
            }
        };
        // REQUIRETLS (RFC 8689) is a MAIL parameter only inside TLS (Postfix 3.11 smtpd.c
        // `mail_cmd`: `state->tls_context != 0`); outside it is unknown like any other.
        let outside_tls = |p: &str| !self.tls && p.eq_ignore_ascii_case("REQUIRETLS");
        if let Some(known) = rules.mail_params
            && let Some(bad) = params
                .iter()
                .find(|p| !param_known(p, known) || outside_tls(p))
        {
            return SmtpReply::UnsupportedOption {
                param: printable(bad, 100),
            };
        }
        let declared_size = params.iter().find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.eq_ignore_ascii_case("SIZE")
                .then(|| v.parse::<usize>().ok())
                .flatten()
        });
        if declared_size.is_some_and(|n| n > core.config.max_message_octets) {
            return SmtpReply::MessageTooBig {
                declared: true,
                limit: core.config.max_message_octets,
            };
        }
        // smtpd.c `mail_cmd` calls smtpd_check.c `smtpd_check_queue` before it accepts.
        // Servers without such a check (qmail) find out at the final dot.
        if core.storage_low()
            && core
                .config
                .flavour
                .smtp(&SmtpReply::InsufficientStorage, &core.config.hostname)
                .is_some()
        {
            return SmtpReply::InsufficientStorage;
        }
        self.tx = Some(Transaction {
            from,
            accepted: Vec::new(),
            seen: BTreeSet::new(),
            rcpt_count: 0,
            started: out.now,
        });
        SmtpReply::SenderOk {
            path: printable(&path, 256),
        }
    }

    /// The RCPT reply and, for a relay refusal, its reason; `None` if nothing is said.
    fn rcpt(
        &mut self,
        core: &ServerCore,
        out: &mut Out<'_>,
        args: &str,
    ) -> Option<(SmtpReply, Option<RelayRefusal>)> {
        let rules = Self::rules(core);
        let authenticated = self.auth_user.is_some();
        let template = self.template(core);
        let conn = self.conn;
        let client_ip = self.client_ip;
        let Some(tx) = self.tx.as_mut() else {
            return Some((SmtpReply::NeedMail { data: false }, None));
        };
        let (rcpt, path) = if rules.lenient_addresses {
            match qmail_addrparse(args, &core.config.domain) {
                Some(Some(m)) => (m, String::new()),
                // qmail accepts an empty recipient too (no `@`: `envnoathost`), and the
                // delivery fails later; the simulation drops it.
                Some(None) => {
                    return Some((
                        SmtpReply::RecipientOk {
                            path: String::new(),
                        },
                        None,
                    ));
                }
                None => {
                    return Some((
                        SmtpReply::RcptSyntax {
                            word: keyword_as_typed(args),
                        },
                        None,
                    ));
                }
            }
        } else {
            match parse_envelope_detailed(args, "TO", false) {
                Ok(arg) => {
                    if let Some(known) = rules.rcpt_params
                        && let Some(bad) = arg.params.iter().find(|p| !param_known(p, known))
                    {
                        return Some((
                            SmtpReply::UnsupportedOption {
                                param: printable(bad, 100),
                            },
                            None,
                        ));
                    }
                    match arg.mailbox {
                        Some(m) => (m, printable(&arg.path, 256)),
                        None => {
                            return Some((
                                SmtpReply::BadRecipient {
                                    word: keyword_as_typed(args),
                                },
                                None,
                            ));
                        }
                    }
                }
                Err(EnvelopeError::Keyword) => {
                    return Some((
                        SmtpReply::RcptSyntax {
                            word: printable(&keyword_as_typed(args), 64),
                        },
                        None,
                    ));
                }
                Err(EnvelopeError::Missing) => return Some((SmtpReply::MissingRecipient, None)),
                Err(EnvelopeError::Address) => {
                    return Some((
                        SmtpReply::BadRecipient {
                            word: printable(&keyword_as_typed(args), 64),
                        },
                        None,
                    ));
                }
            }
        };
        // `max_recipients` (Postfix `smtpd_recipient_limit`, sendmail
        // `MaxRecipientsPerMessage`) holds for every flavour: the server's own reply where
        // it has one; qmail-smtpd has no limit and no such reply, so past it the recipient
        // is answered as qmail answers every recipient and not kept (the lab's bound).
        let at_limit = tx.rcpt_count >= core.config.max_recipients;
        let limit_has_reply = rules.rcpt_limit.is_some()
            || core
                .config
                .flavour
                .smtp(&SmtpReply::TooManyRecipients, &core.config.hostname)
                .is_some();
        if at_limit && limit_has_reply {
            return Some((SmtpReply::TooManyRecipients, None));
        }
        if at_limit {
            tx.rcpt_count = tx.rcpt_count.saturating_add(1);
            return Some((SmtpReply::RecipientOk { path }, None));
        }
        let accept = |tx: &mut Transaction, unknown_local: bool| {
            tx.rcpt_count = tx.rcpt_count.saturating_add(1);
            if tx.seen.insert(rcpt.to_string().to_ascii_lowercase()) {
                tx.accepted.push(Recipient {
                    mailbox: rcpt.clone(),
                    path: path.clone(),
                    unknown_local,
                });
            }
            Some((SmtpReply::RecipientOk { path: path.clone() }, None))
        };
        // The submission template refuses every recipient of a client that has not
        // authenticated (`permit_sasl_authenticated, reject`).
        if template && !authenticated {
            let refusal = RelayRefusal::AuthenticationRequired;
            out.push(EventKind::RelayRefused {
                conn,
                client_ip,
                rcpt: Some(rcpt.clone()),
                refusal,
            });
            return Some((
                SmtpReply::RelayDenied {
                    rcpt,
                    path,
                    refusal,
                },
                Some(refusal),
            ));
        }
        if core.is_local(&rcpt) {
            if core.local_user(&rcpt.local).is_some() {
                return accept(tx, false);
            }
            if rules.unknown_local_user_refused {
                return Some((SmtpReply::UnknownLocalUser { rcpt, path }, None));
            }
            return accept(tx, true);
        }
        let decision = if template {
            RelayDecision::Allow(RelayPermit::Authenticated)
        } else {
            relay_decision(
                core.config.policy,
                &core.allowlist,
                client_ip,
                authenticated,
                out.now,
            )
        };
        match decision {
            RelayDecision::Allow(permit) => {
                out.push(EventKind::RelayAllowed {
                    conn,
                    client_ip,
                    rcpt: rcpt.clone(),
                    permit,
                });
                accept(tx, false)
            }
            RelayDecision::Refuse(refusal) => {
                out.push(EventKind::RelayRefused {
                    conn,
                    client_ip,
                    rcpt: Some(rcpt.clone()),
                    refusal,
                });
                Some((
                    SmtpReply::RelayDenied {
                        rcpt,
                        path,
                        refusal,
                    },
                    Some(refusal),
                ))
            }
        }
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
    fn long_lines_are_cut_at_character_boundaries() {
        assert_eq!(prefix("abcdef", 3), "abc");
        assert_eq!(prefix("aé", 2), "a");
        assert_eq!(pieces("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(pieces("", 3), [""]);
        assert_eq!(pieces("é", 1), ["é"]);
        assert!(looks_like_header("Subject:"));
        assert!(!looks_like_header("MAIL"));
        assert!(param_known("size=10", &["SIZE="]));
        assert!(!param_known("FOO=1", &["SIZE="]));
    }
}
