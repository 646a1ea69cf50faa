//! A POP3 server session (RFC 1939; CAPA from RFC 2449 and SASL AUTH from RFC 5034 where
//! the flavour's server has them).
//!
//! States: AUTHORIZATION (USER, PASS, APOP, AUTH, CAPA, QUIT and what else the server
//! knows there) → TRANSACTION (STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, QUIT, …) →
//! UPDATE (only via QUIT from TRANSACTION: the messages marked deleted are removed then).
//! Which commands each state knows, how arguments are read, what a failed login does and
//! how long lines are handled follow the flavour's [`Pop3Rules`]; every line comes from
//! the flavour. A successful login from an IP records it in the allowlist when the policy
//! uses one; a failed login records nothing. A session works on a snapshot of the
//! maildrop taken at login (message numbers stay stable); mail arriving meanwhile is seen
//! at the next login.

use std::collections::BTreeSet;

use super::base64;
use super::event::{AuthDecoded, EventKind, Out, PopAuthMethod};
use super::flavour::{
    BadNumber, LineLimit, NumberParsing, NumberedCommand, Pop3Reply, Pop3Rules, printable,
};
use super::server::{ServerCore, StoredMessage};
use super::time::SimTime;
use super::{event::Event, md5};

#[derive(Clone, Debug)]
enum State {
    Authorization {
        user: Option<String>,
        /// Waiting for the SASL PLAIN response after `+ `.
        sasl: bool,
    },
    Transaction {
        user: String,
        messages: Vec<StoredMessage>,
        deleted: Vec<bool>,
        ever_deleted: bool,
        /// qmail-pop3d's `last`: the highest message number deleted.
        last: usize,
    },
}

/// One POP3 conversation. Created by [`MailServer::connect`](super::MailServer::connect).
#[derive(Clone, Debug)]
pub struct Pop3Session {
    conn: u32,
    client_ip: core::net::IpAddr,
    timestamp: String,
    state: State,
    /// Consecutive bad commands (Dovecot hangs up after a few).
    bad: u32,
    /// Inside TLS: since STLS, or from the start (port 995).
    tls: bool,
}

/// What a command did.
enum Outcome {
    /// Done; the command was good.
    Good,
    /// Done; the command failed (counts towards the bad-command limit).
    Bad,
    /// The connection is closed.
    Closed,
}

/// Decode a SASL PLAIN response into (authzid, user, password).
fn plain(b64: &str) -> Option<(String, String, String)> {
    let bytes = if b64 == "=" {
        Vec::new()
    } else {
        base64::decode(b64)?
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut parts = text.splitn(3, '\0');
    Some((
        parts.next().unwrap_or_default().to_owned(),
        parts.next().unwrap_or_default().to_owned(),
        parts.next().unwrap_or_default().to_owned(),
    ))
}

/// A message's size as this server counts it.
fn octets(m: &StoredMessage, rules: &Pop3Rules) -> usize {
    if rules.lf_octets {
        m.octets.saturating_sub(m.line_count)
    } else {
        m.octets
    }
}

/// The message number in `arg` as this server reads it (1-based), or why not.
fn message_number(
    arg: &str,
    parsing: NumberParsing,
    deleted: &[bool],
    then_space: bool,
) -> Result<(usize, String), BadNumber> {
    let digits: String = arg.chars().take_while(char::is_ascii_digit).collect();
    let rest = arg.get(digits.len()..).unwrap_or_default().to_owned();
    let value: u64 = match parsing {
        NumberParsing::Strict | NumberParsing::LeadingDigits if digits.is_empty() => {
            return Err(if arg.is_empty() {
                BadNumber::Missing
            } else {
                BadNumber::NotANumber(arg.to_owned())
            });
        }
        NumberParsing::Atoi if arg.trim().is_empty() => return Err(BadNumber::Missing),
        // `atoi` of something that is not a number is 0.
        NumberParsing::Atoi if digits.is_empty() => 0,
        _ => digits.parse().unwrap_or(u64::MAX),
    };
    if parsing == NumberParsing::Strict {
        let ok_rest = if then_space {
            rest.starts_with(' ')
        } else {
            rest.is_empty()
        };
        if !ok_rest {
            return Err(BadNumber::Noise(rest));
        }
    }
    if value == 0 {
        return Err(BadNumber::Zero);
    }
    let index = usize::try_from(value.saturating_sub(1)).unwrap_or(usize::MAX);
    match deleted.get(index) {
        None => Err(BadNumber::TooLarge(value)),
        Some(true) => Err(BadNumber::Deleted(value)),
        Some(false) => Ok((index, rest)),
    }
}

impl Pop3Session {
    pub(crate) fn open(core: &ServerCore, out: &mut Out<'_>, tls: bool) -> Pop3Session {
        let pid = out.conn.wrapping_mul(7919) % 30_000;
        let timestamp = format!(
            "<{}.{}@{}>",
            pid.saturating_add(1000),
            core.config.unix_time(out.now),
            core.config.hostname
        );
        let mut session = Pop3Session {
            conn: out.conn,
            client_ip: out.client_ip,
            timestamp: timestamp.clone(),
            state: State::Authorization {
                user: None,
                sasl: false,
            },
            bad: 0,
            tls,
        };
        session.say(core, out, &Pop3Reply::Greeting { timestamp });
        session
    }

    /// The flavour's line for `reply` (nothing if the server says nothing).
    fn say(&mut self, core: &ServerCore, out: &mut Out<'_>, reply: &Pop3Reply) {
        if let Some(line) = core.config.flavour.pop3(reply, &core.config.hostname) {
            out.pop_reply(line);
        }
    }

    /// Whether STLS would succeed now: the caller has a certificate (mail-lab), the
    /// session is not inside TLS yet, and the server's words for it are known.
    fn stls_available(&self, core: &ServerCore) -> bool {
        core.config.tls_ready && !self.tls && core.config.flavour.pop3_has_tls()
    }

    pub(crate) fn logged_in(&self) -> bool {
        matches!(self.state, State::Transaction { .. })
    }

    /// Handle one client line; returns whether the connection stays open.
    pub(crate) fn handle_line(
        &mut self,
        core: &mut ServerCore,
        events: &mut Vec<Event>,
        now: SimTime,
        line: &str,
    ) -> bool {
        let mut out = Out {
            events,
            now,
            conn: self.conn,
            kind: super::event::ConnKind::ClientPop3,
            client_ip: self.client_ip,
            tls: self.tls,
        };
        let rules = core.config.flavour.pop3_rules();
        let waiting_sasl = matches!(self.state, State::Authorization { sasl: true, .. });
        out.client(line, self.decode_for_view(line, waiting_sasl));
        let limit = if self.logged_in() {
            rules.line_limit_after_login
        } else {
            rules.line_limit_before_login
        };
        let line = match limit {
            LineLimit::Close(n) if line.len() > n => {
                let logged_in = self.logged_in();
                self.say(core, &mut out, &Pop3Reply::LineTooLong { logged_in });
                out.closed();
                return false;
            }
            LineLimit::Truncate(n) | LineLimit::Split(n) => {
                let mut end = n.min(line.len());
                while !line.is_char_boundary(end) {
                    end = end.saturating_sub(1);
                }
                line.get(..end).unwrap_or_default()
            }
            LineLimit::None | LineLimit::Close(_) => line,
        };
        // The servers read commands as C strings: a NUL ends the command.
        let line = line.split('\0').next().unwrap_or_default();
        if waiting_sasl {
            if let State::Authorization { sasl, .. } = &mut self.state {
                *sasl = false;
            }
            return !matches!(self.sasl_response(core, &mut out, line), Outcome::Closed);
        }
        let (verb_typed, args) = match line.split_once(' ') {
            Some((v, a)) => (v, a),
            None => (line, ""),
        };
        let verb = verb_typed.to_ascii_uppercase();
        let outcome = if self.logged_in() {
            self.transaction(core, &mut out, &rules, &verb, verb_typed, args)
        } else {
            self.authorization(core, &mut out, &rules, &verb, verb_typed, args)
        };
        match outcome {
            Outcome::Closed => false,
            Outcome::Good => {
                self.bad = 0;
                true
            }
            Outcome::Bad => {
                self.bad = self.bad.saturating_add(1);
                let logged_in = self.logged_in();
                // pop3-login: `++bad_counter >= 3`; pop3: `++bad_counter > 20`.
                let over = if logged_in {
                    rules.bad_commands_after_login.is_some_and(|n| self.bad > n)
                } else {
                    rules
                        .bad_commands_before_login
                        .is_some_and(|n| self.bad >= n)
                };
                if over {
                    self.say(core, &mut out, &Pop3Reply::TooManyBadCommands { logged_in });
                    out.closed();
                    return false;
                }
                true
            }
        }
    }

    /// The readable form of an AUTH line, for the view.
    fn decode_for_view(&self, line: &str, waiting_sasl: bool) -> Option<AuthDecoded> {
        let to_view = |b64: &str| match plain(b64) {
            Some((authzid, user, password)) => AuthDecoded::Plain {
                authzid,
                user,
                password,
            },
            None => AuthDecoded::NotBase64,
        };
        if waiting_sasl {
            return Some(if line == "*" {
                AuthDecoded::Cancelled
            } else {
                to_view(line)
            });
        }
        let mut words = line.split(' ');
        match (
            words.next().map(str::to_ascii_uppercase).as_deref(),
            words.next().map(str::to_ascii_uppercase).as_deref(),
            words.next(),
        ) {
            (Some("AUTH"), Some("PLAIN"), Some(i)) => Some(to_view(i)),
            _ => None,
        }
    }

    fn unknown(&mut self, core: &ServerCore, out: &mut Out<'_>, command: &str) -> Outcome {
        let logged_in = self.logged_in();
        self.say(
            core,
            out,
            &Pop3Reply::UnknownCommand {
                command: printable(command, 512),
                logged_in,
            },
        );
        Outcome::Bad
    }

    /// Whether Qpopper's state table accepts `count` arguments for the command (`min`..=
    /// `max`); if not, its reply has been sent.
    fn arguments_ok(
        &mut self,
        core: &ServerCore,
        out: &mut Out<'_>,
        rules: &Pop3Rules,
        verb_typed: &str,
        args: &str,
        (min, max): (usize, usize),
    ) -> bool {
        if !rules.counts_arguments {
            return true;
        }
        let count = args.split_whitespace().count();
        if count < min || count > max {
            self.say(
                core,
                out,
                &Pop3Reply::BadSyntax {
                    command: verb_typed.to_owned(),
                    too_many: count > max,
                },
            );
            return false;
        }
        true
    }

    fn quit(&mut self, core: &mut ServerCore, out: &mut Out<'_>) -> Outcome {
        let (logged_in, deleted) = match &self.state {
            State::Authorization { .. } => (false, false),
            State::Transaction {
                user,
                messages,
                deleted,
                ever_deleted,
                ..
            } => {
                // UPDATE: remove what was marked, by uid (the maildrop may have grown);
                // one pass over the maildrop with a set, not a search per message.
                // Inserted one by one, not collected: `collect` into a set sorts first
                // (kilobytes of code in the page's module for one sort).
                let mut gone = BTreeSet::new();
                for (message, _) in messages.iter().zip(deleted).filter(|(_, d)| **d) {
                    gone.insert(message.uid.as_str());
                }
                core.remove_messages(user, &gone);
                (true, *ever_deleted)
            }
        };
        self.say(core, out, &Pop3Reply::SigningOff { logged_in, deleted });
        out.closed();
        Outcome::Closed
    }

    #[allow(clippy::too_many_lines)] // one match over the AUTHORIZATION commands
    fn authorization(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        rules: &Pop3Rules,
        verb: &str,
        verb_typed: &str,
        args: &str,
    ) -> Outcome {
        let user_given = matches!(&self.state, State::Authorization { user: Some(_), .. });
        // Qpopper's `auth2`: after USER only PASS and QUIT.
        if rules.user_then_pass_only && user_given && !matches!(verb, "PASS" | "QUIT") {
            return self.unknown(core, out, verb_typed);
        }
        match verb {
            "QUIT" => self.quit(core, out),
            "CAPA" => match core
                .config
                .flavour
                .pop3_capabilities(false, self.stls_available(core))
            {
                Some(lines) => {
                    self.say(core, out, &Pop3Reply::CapabilityList);
                    for line in lines {
                        out.server(line);
                    }
                    Outcome::Good
                }
                None => self.unknown(core, out, verb_typed),
            },
            "USER" => {
                if !self.arguments_ok(core, out, rules, verb_typed, args, (1, 1)) {
                    return Outcome::Bad;
                }
                if rules.user_needs_argument && args.trim().is_empty() {
                    self.say(
                        core,
                        out,
                        &Pop3Reply::BadSyntax {
                            command: verb_typed.to_owned(),
                            too_many: false,
                        },
                    );
                    return Outcome::Bad;
                }
                let name = if rules.counts_arguments {
                    args.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                } else {
                    args.to_owned()
                };
                self.state = State::Authorization {
                    user: Some(name.clone()),
                    sasl: false,
                };
                self.say(core, out, &Pop3Reply::UserAccepted { user: name });
                Outcome::Good
            }
            "PASS" => {
                let user = match &mut self.state {
                    State::Authorization { user, .. } => user.take(),
                    State::Transaction { .. } => None,
                };
                let Some(name) = user else {
                    if rules.user_then_pass_only {
                        return self.unknown(core, out, verb_typed);
                    }
                    self.say(core, out, &Pop3Reply::UserFirst);
                    return Outcome::Bad;
                };
                if rules.user_needs_argument && args.is_empty() {
                    self.state = State::Authorization {
                        user: Some(name),
                        sasl: false,
                    };
                    self.say(
                        core,
                        out,
                        &Pop3Reply::BadSyntax {
                            command: verb_typed.to_owned(),
                            too_many: false,
                        },
                    );
                    return Outcome::Bad;
                }
                let ok = core
                    .config
                    .account(&name)
                    .is_some_and(|a| a.password == args);
                self.login(core, out, name, PopAuthMethod::UserPass, ok)
            }
            "APOP" => {
                if !rules.apop {
                    self.say(core, out, &Pop3Reply::ApopNotEnabled);
                    return Outcome::Good;
                }
                let Some((name, digest)) = args.split_once(' ') else {
                    self.say(
                        core,
                        out,
                        &Pop3Reply::BadSyntax {
                            command: verb_typed.to_owned(),
                            too_many: false,
                        },
                    );
                    return Outcome::Bad;
                };
                let digest = digest.trim().to_ascii_lowercase();
                let ok = core.config.account(name).is_some_and(|a| {
                    let input = format!("{}{}", self.timestamp, a.password);
                    md5::hex_digest(input.as_bytes()) == digest
                });
                self.login(core, out, name.to_owned(), PopAuthMethod::Apop, ok)
            }
            "AUTH" if rules.sasl_plain => {
                let mut words = args.split(' ').filter(|w| !w.is_empty());
                match (words.next(), words.next()) {
                    (None, _) => {
                        self.say(core, out, &Pop3Reply::SaslMechanismList);
                        out.server("PLAIN".to_owned());
                        out.server(".".to_owned());
                        Outcome::Good
                    }
                    (Some(mech), initial) if mech.eq_ignore_ascii_case("PLAIN") => match initial {
                        None => {
                            self.state = State::Authorization {
                                user: None,
                                sasl: true,
                            };
                            self.say(core, out, &Pop3Reply::SaslContinue);
                            Outcome::Good
                        }
                        Some(ir) => match plain(ir) {
                            Some(creds) => self.sasl_login(core, out, creds),
                            None => {
                                self.say(core, out, &Pop3Reply::SaslBadBase64 { initial: true });
                                Outcome::Good
                            }
                        },
                    },
                    _ => {
                        self.say(core, out, &Pop3Reply::SaslMechanismUnsupported);
                        Outcome::Good
                    }
                }
            }
            "STLS" if rules.stls => {
                if self.tls {
                    self.say(core, out, &Pop3Reply::StlsAlreadyActive);
                    Outcome::Good
                } else if self.stls_available(core) {
                    self.say(core, out, &Pop3Reply::StlsReady);
                    self.tls = true;
                    out.tls = true;
                    out.push(EventKind::TlsStarted { conn: self.conn });
                    Outcome::Good
                } else {
                    self.say(core, out, &Pop3Reply::StlsUnavailable);
                    Outcome::Good
                }
            }
            "NOOP"
                if core.config.flavour.pop3_server()
                    == super::flavour::Pop3Server::QmailPop3d103 =>
            {
                // qmail-popup answers NOOP before login (`okay`).
                self.say(core, out, &Pop3Reply::NoopOk);
                Outcome::Good
            }
            _ => self.unknown(core, out, verb_typed),
        }
    }

    /// The response line after `+ ` (SASL PLAIN without an initial response).
    fn sasl_response(&mut self, core: &mut ServerCore, out: &mut Out<'_>, line: &str) -> Outcome {
        if line == "*" {
            self.say(core, out, &Pop3Reply::SaslCancelled);
            return Outcome::Good;
        }
        match plain(line) {
            Some(creds) => self.sasl_login(core, out, creds),
            None => {
                self.say(core, out, &Pop3Reply::SaslBadBase64 { initial: false });
                Outcome::Good
            }
        }
    }

    fn sasl_login(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        (authzid, user, password): (String, String, String),
    ) -> Outcome {
        let ok = (authzid.is_empty() || authzid == user)
            && core
                .config
                .account(&user)
                .is_some_and(|a| a.password == password);
        self.login(core, out, user, PopAuthMethod::SaslPlain, ok)
    }

    fn login(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        name: String,
        method: PopAuthMethod,
        ok: bool,
    ) -> Outcome {
        out.push(EventKind::PopLogin {
            conn: self.conn,
            client_ip: self.client_ip,
            user: name.clone(),
            method,
            success: ok,
        });
        let rules = core.config.flavour.pop3_rules();
        if !ok {
            self.say(core, out, &Pop3Reply::AuthFailed { user: name });
            self.state = State::Authorization {
                user: None,
                sasl: false,
            };
            let closes = match method {
                PopAuthMethod::UserPass | PopAuthMethod::SaslPlain => rules.failed_pass_closes,
                PopAuthMethod::Apop => rules.failed_apop_closes,
            };
            if closes {
                out.closed();
                return Outcome::Closed;
            }
            return Outcome::Good;
        }
        // The snapshot shares each message's text with the maildrop: only the list is new.
        let messages = core.maildrops.get(&name).cloned().unwrap_or_default();
        let total = messages.iter().map(|m| octets(m, &rules)).sum();
        let reply = Pop3Reply::LoggedIn {
            user: name.clone(),
            count: messages.len(),
            octets: total,
        };
        self.say(core, out, &reply);
        if core.config.policy.uses_allowlist() {
            let (ip, window, lag) = (
                self.client_ip,
                core.config.window,
                core.config.allowlist_lag,
            );
            if lag == 0 {
                let (change, until) = core.allowlist.record_login(ip, &name, out.now, window);
                out.push(super::server::allowlist_event(
                    change,
                    ip,
                    name.clone(),
                    until,
                ));
            } else {
                // Seen by the log watcher later: MailServer reports it when it takes effect.
                core.allowlist
                    .schedule_login(ip, &name, out.now, lag, window);
            }
        }
        self.state = State::Transaction {
            user: name,
            deleted: vec![false; messages.len()],
            messages,
            ever_deleted: false,
            last: 0,
        };
        Outcome::Good
    }

    /// Send a message (or its first `body_lines` body lines), byte-stuffed, then the
    /// terminator.
    fn send_message(
        out: &mut Out<'_>,
        rules: &Pop3Rules,
        message: &StoredMessage,
        body_lines: Option<usize>,
    ) {
        let take = match body_lines {
            None => message.line_count,
            Some(k) => {
                let header_end = message
                    .lines()
                    .position(str::is_empty)
                    .unwrap_or(message.line_count);
                header_end
                    .saturating_add(1)
                    .saturating_add(k)
                    .min(message.line_count)
            }
        };
        for line in message.lines().take(take) {
            if line.starts_with('.') {
                out.server(format!(".{line}"));
            } else {
                out.server(line.to_owned());
            }
        }
        if rules.blank_line_before_dot {
            out.server(String::new());
        }
        out.server(".".to_owned());
    }

    #[allow(clippy::too_many_lines)] // one match over the TRANSACTION commands
    fn transaction(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        rules: &Pop3Rules,
        verb: &str,
        verb_typed: &str,
        args: &str,
    ) -> Outcome {
        if verb == "QUIT" {
            return self.quit(core, out);
        }
        if verb == "CAPA" {
            return match core.config.flavour.pop3_capabilities(true, false) {
                Some(lines) => {
                    self.say(core, out, &Pop3Reply::CapabilityList);
                    for line in lines {
                        out.server(line);
                    }
                    Outcome::Good
                }
                None => self.unknown(core, out, verb_typed),
            };
        }
        let arity = match verb {
            "STAT" | "NOOP" | "RSET" => (0, 0),
            "LIST" | "UIDL" => (0, 1),
            "RETR" | "DELE" => (1, 1),
            "TOP" => (2, 2),
            "LAST" if rules.last => (0, 0),
            _ => return self.unknown(core, out, verb_typed),
        };
        if !self.arguments_ok(core, out, rules, verb_typed, args, arity) {
            return Outcome::Bad;
        }
        let State::Transaction {
            messages,
            deleted,
            ever_deleted,
            last,
            ..
        } = &mut self.state
        else {
            return Outcome::Bad;
        };
        let flavour = core.config.flavour;
        let host = core.config.hostname.clone();
        let say = |out: &mut Out<'_>, reply: &Pop3Reply| {
            if let Some(line) = flavour.pop3(reply, &host) {
                out.pop_reply(line);
            }
        };
        let live = |messages: &[StoredMessage], deleted: &[bool]| {
            messages
                .iter()
                .zip(deleted)
                .filter(|(_, d)| !**d)
                .fold((0_usize, 0_usize), |(n, o), (m, _)| {
                    (n.saturating_add(1), o.saturating_add(octets(m, rules)))
                })
        };
        let count = messages.len();
        let numbered = |command, problem| Pop3Reply::BadNumber {
            command,
            problem,
            count,
        };
        // The argument as the server reads it (qmail keeps everything after the space).
        let arg = if rules.numbers == NumberParsing::Strict {
            args
        } else {
            args.trim_start()
        };
        match verb {
            "STAT" => {
                let (n, o) = live(messages, deleted);
                let n = if rules.stat_counts_deleted { count } else { n };
                say(
                    out,
                    &Pop3Reply::Stat {
                        count: n,
                        octets: o,
                    },
                );
                Outcome::Good
            }
            "NOOP" => {
                say(out, &Pop3Reply::NoopOk);
                Outcome::Good
            }
            "RSET" => {
                deleted.iter_mut().for_each(|d| *d = false);
                *last = 0;
                let (n, o) = live(messages, deleted);
                say(
                    out,
                    &Pop3Reply::ResetOk {
                        count: n,
                        octets: o,
                    },
                );
                Outcome::Good
            }
            "LAST" => {
                say(out, &Pop3Reply::Last { number: *last });
                Outcome::Good
            }
            "LIST" | "UIDL" if arg.is_empty() => {
                let (n, o) = live(messages, deleted);
                let uidl = verb == "UIDL";
                if uidl {
                    say(out, &Pop3Reply::UidlListing);
                } else {
                    say(
                        out,
                        &Pop3Reply::ScanListing {
                            count: n,
                            octets: o,
                        },
                    );
                }
                for (i, (m, d)) in messages.iter().zip(deleted.iter()).enumerate() {
                    if *d {
                        continue;
                    }
                    let number = i.saturating_add(1);
                    if uidl {
                        out.server(format!("{number} {}", m.uid));
                    } else {
                        out.server(format!("{number} {}", octets(m, rules)));
                    }
                }
                out.server(".".to_owned());
                Outcome::Good
            }
            "LIST" | "UIDL" | "RETR" | "DELE" | "TOP" => {
                let command = match verb {
                    "LIST" => NumberedCommand::List,
                    "UIDL" => NumberedCommand::Uidl,
                    "RETR" => NumberedCommand::Retr,
                    "DELE" => NumberedCommand::Dele,
                    _ => NumberedCommand::Top,
                };
                let (index, rest) = match message_number(
                    arg,
                    rules.numbers,
                    deleted,
                    command == NumberedCommand::Top,
                ) {
                    Ok(found) => found,
                    Err(problem) => {
                        say(out, &numbered(command, problem));
                        return Outcome::Bad;
                    }
                };
                let number = index.saturating_add(1);
                let Some(message) = messages.get(index) else {
                    return Outcome::Bad;
                };
                match command {
                    NumberedCommand::List => say(
                        out,
                        &Pop3Reply::ScanLine {
                            number,
                            octets: octets(message, rules),
                        },
                    ),
                    NumberedCommand::Uidl => say(
                        out,
                        &Pop3Reply::UidlLine {
                            number,
                            uid: message.uid.clone(),
                        },
                    ),
                    NumberedCommand::Dele => {
                        if let Some(d) = deleted.get_mut(index) {
                            *d = true;
                        }
                        *ever_deleted = true;
                        *last = (*last).max(number);
                        say(out, &Pop3Reply::Deleted { number });
                    }
                    NumberedCommand::Retr | NumberedCommand::Top => {
                        // qmail-pop3d: RETR is TOP, and a count after the number counts.
                        let count_text = rest.trim_start();
                        let body_lines = if command == NumberedCommand::Top
                            || rules.numbers == NumberParsing::LeadingDigits
                        {
                            let digits: String = count_text
                                .chars()
                                .take_while(char::is_ascii_digit)
                                .collect();
                            match rules.numbers {
                                NumberParsing::Strict => {
                                    let tail = count_text.get(digits.len()..).unwrap_or_default();
                                    if digits.is_empty() || !tail.is_empty() {
                                        say(
                                            out,
                                            &Pop3Reply::InvalidSize {
                                                arg: count_text.to_owned(),
                                            },
                                        );
                                        return Outcome::Bad;
                                    }
                                    Some(digits.parse().unwrap_or(usize::MAX))
                                }
                                // qmail: no count means the whole message.
                                NumberParsing::LeadingDigits if digits.is_empty() => None,
                                _ => Some(digits.parse().unwrap_or(0)),
                            }
                        } else {
                            None
                        };
                        if command == NumberedCommand::Top {
                            say(out, &Pop3Reply::TopFollows);
                        } else {
                            say(
                                out,
                                &Pop3Reply::RetrFollows {
                                    octets: octets(message, rules),
                                },
                            );
                        }
                        Self::send_message(out, rules, message, body_lines);
                    }
                }
                Outcome::Good
            }
            _ => Outcome::Bad,
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
    fn message_numbers_as_each_server_reads_them() {
        let deleted = [false, true];
        let strict = |a: &str| message_number(a, NumberParsing::Strict, &deleted, false);
        assert_eq!(strict("1"), Ok((0, String::new())));
        assert_eq!(strict("2"), Err(BadNumber::Deleted(2)));
        assert_eq!(strict("3"), Err(BadNumber::TooLarge(3)));
        assert_eq!(strict("0"), Err(BadNumber::Zero));
        assert_eq!(strict("x"), Err(BadNumber::NotANumber("x".into())));
        assert_eq!(strict("1x"), Err(BadNumber::Noise("x".into())));
        let lead = |a: &str| message_number(a, NumberParsing::LeadingDigits, &deleted, false);
        assert_eq!(lead("1x"), Ok((0, "x".into())));
        let atoi = |a: &str| message_number(a, NumberParsing::Atoi, &deleted, false);
        assert_eq!(atoi("x"), Err(BadNumber::Zero));
    }
}
