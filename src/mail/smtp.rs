//! An SMTP server session (RFC 5321) with SMTP AUTH (RFC 4954, PLAIN and LOGIN) and, on the
//! submission service, a simulated STARTTLS step (RFC 3207; no cryptography: the lines after
//! it are only marked `tls`).
//!
//! Contract:
//! - Commands: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, VRFY, QUIT, AUTH, STARTTLS.
//!   Anything else, over-long lines (more than 512 octets with CRLF), bad sequences and bad
//!   arguments get the flavour's 5xx line; nothing panics.
//! - RCPT TO for the server's own domain is accepted from anyone (if the user exists);
//!   any other domain is decided by [`relay_decision`] and
//!   produces a `RelayAllowed` or `RelayRefused` event.
//! - Submission: STARTTLS first (530 otherwise), then AUTH before MAIL (530 otherwise).
//! - EHLO advertises only what this session will honour (AUTH only where the policy uses
//!   it, STARTTLS only on submission before TLS).
//! - DATA: dot-stuffing is undone; the message is stored or relayed after the final dot and
//!   answered with a queue id.

use core::net::IpAddr;
use std::collections::BTreeMap;

use super::address::{Mailbox, parse_envelope};
use super::base64;
use super::event::{AuthDecoded, ConnKind, Event, EventKind, Out};
use super::flavour::{Extension, SmtpReply};
use super::policy::{RelayDecision, RelayRefusal, relay_decision};
use super::server::{MailServer, Outbound, ServerCore};
use super::time::SimTime;

/// Longest command line, without CRLF (RFC 5321 4.5.3.1.4: 512 octets with it).
pub const MAX_COMMAND_LINE: usize = 510;

#[derive(Clone, Debug)]
struct Transaction {
    from: Option<Mailbox>,
    accepted: Vec<Mailbox>,
    refused: usize,
}

#[derive(Clone, Debug)]
enum Mode {
    Command,
    Data {
        lines: Vec<String>,
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
    tls: bool,
    auth_user: Option<String>,
    tx: Option<Transaction>,
    mode: Mode,
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

impl SmtpSession {
    pub(crate) fn open(core: &ServerCore, out: &mut Out<'_>, submission: bool) -> SmtpSession {
        let session = SmtpSession {
            conn: out.conn,
            client_ip: out.client_ip,
            submission,
            helo: None,
            tls: false,
            auth_user: None,
            tx: None,
            mode: Mode::Command,
        };
        let date = super::time::rfc5322_date(
            core.config.unix_time(out.now),
            core.config.utc_offset_minutes,
        );
        session.reply(core, out, &SmtpReply::Greeting { date });
        session
    }

    fn kind(&self) -> ConnKind {
        if self.submission {
            ConnKind::ClientSubmission
        } else {
            ConnKind::ClientSmtp
        }
    }

    fn reply(&self, core: &ServerCore, out: &mut Out<'_>, reply: &SmtpReply) {
        for text in core.config.flavour.smtp_lines(reply, &core.config.hostname) {
            let auth = text.strip_prefix("334 ").map(|b64| AuthDecoded::Challenge {
                prompt: decode_text(b64).unwrap_or_default(),
            });
            out.line(super::event::Speaker::Server, text, auth);
        }
    }

    fn auth_offered(&self, core: &ServerCore) -> bool {
        if self.submission {
            self.tls
        } else {
            core.config.policy.offers_auth()
        }
    }

    pub(crate) fn timeout(&self, core: &ServerCore, events: &mut Vec<Event>, now: SimTime) {
        let mut out = Out {
            events,
            now,
            conn: self.conn,
            kind: self.kind(),
            client_ip: self.client_ip,
            tls: self.tls,
        };
        self.reply(core, &mut out, &SmtpReply::Timeout);
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
            kind: self.kind(),
            client_ip: self.client_ip,
            tls: self.tls,
        };
        match std::mem::replace(&mut self.mode, Mode::Command) {
            Mode::Data {
                lines,
                octets,
                too_big,
            } => {
                out.client(line, None);
                self.data_line(core, &mut out, line, lines, octets, too_big);
                true
            }
            Mode::AuthPlain => {
                let decoded = decode_plain(line);
                out.client(line, Some(decoded.clone()));
                self.finish_auth(core, &mut out, decoded);
                true
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
                        self.reply(core, &mut out, &SmtpReply::AuthLoginPasswordChallenge);
                    }
                    other => self.finish_auth(core, &mut out, other),
                }
                true
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
                self.finish_auth(core, &mut out, combined);
                true
            }
            Mode::Command => self.command(core, &mut out, line),
        }
    }

    fn data_line(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        line: &str,
        mut lines: Vec<String>,
        mut octets: usize,
        mut too_big: bool,
    ) {
        if line != "." {
            let text = line.strip_prefix('.').unwrap_or(line);
            octets = octets.saturating_add(text.len() + 2);
            if octets > core.config.max_message_octets {
                too_big = true;
                lines = Vec::new();
            }
            if !too_big {
                lines.push(text.to_owned());
            }
            self.mode = Mode::Data {
                lines,
                octets,
                too_big,
            };
            return;
        }
        let Some(tx) = self.tx.take() else {
            return;
        };
        if too_big {
            self.reply(core, out, &SmtpReply::MessageTooBig);
            return;
        }
        let queue_id = core.queue_id(out.now);
        self.reply(
            core,
            out,
            &SmtpReply::Queued {
                queue_id: queue_id.clone(),
            },
        );
        let mut remote: BTreeMap<String, Vec<Mailbox>> = BTreeMap::new();
        for (i, rcpt) in tx.accepted.iter().enumerate() {
            if core.is_local(rcpt) {
                if let Some(user) = core.local_user(&rcpt.local) {
                    let uid = format!("{}.{i}", queue_id.replace(' ', ""));
                    core.store(&user, uid, tx.from.clone(), lines.clone());
                    out.push(EventKind::DeliveredLocally {
                        queue_id: queue_id.clone(),
                        rcpt: rcpt.clone(),
                        from: tx.from.clone(),
                    });
                }
            } else {
                remote
                    .entry(rcpt.domain.to_ascii_lowercase())
                    .or_default()
                    .push(rcpt.clone());
            }
        }
        for (domain, rcpts) in remote {
            let outbound = Outbound {
                queue_id: &queue_id,
                from: tx.from.as_ref(),
                domain: &domain,
                recipients: &rcpts,
                lines: &lines,
            };
            MailServer::relay_onward(core, out.events, out.now, &outbound);
        }
    }

    fn finish_auth(&mut self, core: &ServerCore, out: &mut Out<'_>, decoded: AuthDecoded) {
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
            _ => self.reply(core, out, &SmtpReply::AuthBadBase64),
        }
    }

    fn extensions(&self, core: &ServerCore) -> Vec<Extension> {
        let mut ext = vec![
            Extension::Pipelining,
            Extension::Size(core.config.max_message_octets),
            Extension::Vrfy,
        ];
        if self.submission && !self.tls {
            ext.push(Extension::StartTls);
        }
        if self.auth_offered(core) {
            ext.push(Extension::Auth);
        }
        if core.config.flavour.enhanced_status_codes() {
            ext.push(Extension::EnhancedStatusCodes);
        }
        ext.push(Extension::EightBitMime);
        ext
    }

    fn command(&mut self, core: &mut ServerCore, out: &mut Out<'_>, line: &str) -> bool {
        let (verb, args) = match line.split_once(' ') {
            Some((v, a)) => (v, a.trim()),
            None => (line, ""),
        };
        let verb = verb.to_ascii_uppercase();
        let (mech, initial) = match args.split_once(' ') {
            Some((m, i)) => (m.to_ascii_uppercase(), Some(i.trim())),
            None => (args.to_ascii_uppercase(), None),
        };
        // An initial response on the AUTH line is decoded for the view like any other.
        let auth_echo = match (verb.as_str(), mech.as_str(), initial) {
            ("AUTH", "PLAIN", Some(i)) => Some(decode_plain(i)),
            ("AUTH", "LOGIN", Some(i)) => Some(
                decode_text(i).map_or(AuthDecoded::NotBase64, |user| AuthDecoded::LoginUser {
                    user,
                }),
            ),
            _ => None,
        };
        out.client(line, auth_echo.clone());
        if line.len() > MAX_COMMAND_LINE {
            self.reply(core, out, &SmtpReply::LineTooLong);
            return true;
        }
        let reply = match verb.as_str() {
            "EHLO" | "HELO" if args.is_empty() => SmtpReply::HeloSyntax { verb },
            "EHLO" | "HELO" => {
                self.helo = Some(args.to_owned());
                self.tx = None;
                let client_name = args.to_owned();
                let client_ip = self.client_ip.to_string();
                if verb == "EHLO" {
                    SmtpReply::Ehlo {
                        client_name,
                        client_ip,
                        extensions: self.extensions(core),
                    }
                } else {
                    SmtpReply::Helo {
                        client_name,
                        client_ip,
                    }
                }
            }
            "MAIL" => self.mail(core, out, args),
            "RCPT" => self.rcpt(core, out, args),
            "DATA" if !args.is_empty() => SmtpReply::NoArgumentsAllowed { verb },
            "DATA" => match &self.tx {
                Some(tx) if !tx.accepted.is_empty() => {
                    self.mode = Mode::Data {
                        lines: Vec::new(),
                        octets: 0,
                        too_big: false,
                    };
                    SmtpReply::StartMailInput
                }
                Some(tx) if tx.refused > 0 => SmtpReply::NoValidRecipients,
                _ => SmtpReply::NeedRcpt,
            },
            "RSET" if !args.is_empty() => SmtpReply::NoArgumentsAllowed { verb },
            "RSET" => {
                self.tx = None;
                SmtpReply::ResetOk
            }
            "NOOP" => SmtpReply::NoopOk,
            "VRFY" => SmtpReply::CannotVerify {
                arg: args.to_owned(),
            },
            "QUIT" => {
                self.reply(core, out, &SmtpReply::Bye);
                out.closed();
                return false;
            }
            "AUTH" => match self.auth(core, &mech, initial, auth_echo) {
                Ok(reply) => reply,
                Err(response) => {
                    self.finish_auth(core, out, response);
                    return true;
                }
            },
            "STARTTLS" if self.submission && !self.tls => {
                if args.is_empty() {
                    self.reply(core, out, &SmtpReply::ReadyToStartTls);
                    self.tls = true;
                    out.tls = true;
                    out.push(EventKind::TlsStarted { conn: self.conn });
                    // RFC 3207 section 4.2: forget everything learned before TLS.
                    self.helo = None;
                    self.tx = None;
                    return true;
                }
                SmtpReply::NoArgumentsAllowed { verb }
            }
            "STARTTLS" => SmtpReply::StartTlsUnavailable,
            _ => SmtpReply::UnknownCommand {
                verb: verb
                    .chars()
                    .filter(char::is_ascii_graphic)
                    .take(32)
                    .collect(),
            },
        };
        self.reply(core, out, &reply);
        true
    }

    /// Start an AUTH exchange: `Ok(reply)` to send (a challenge or an error), or
    /// `Err(response)` when an initial response completes it at once.
    fn auth(
        &mut self,
        core: &ServerCore,
        mech: &str,
        initial: Option<&str>,
        decoded: Option<AuthDecoded>,
    ) -> Result<SmtpReply, AuthDecoded> {
        if !self.auth_offered(core) {
            return Ok(if self.submission {
                SmtpReply::StartTlsRequired
            } else {
                SmtpReply::AuthNotEnabled
            });
        }
        if self.helo.is_none() {
            return Ok(SmtpReply::NeedEhlo);
        }
        if self.auth_user.is_some() {
            return Ok(SmtpReply::AlreadyAuthenticated);
        }
        if self.tx.is_some() {
            return Ok(SmtpReply::AuthDuringTransaction);
        }
        match (mech, initial, decoded) {
            ("PLAIN", None, _) => {
                self.mode = Mode::AuthPlain;
                Ok(SmtpReply::AuthPlainChallenge)
            }
            ("LOGIN", None, _) => {
                self.mode = Mode::AuthLoginUser;
                Ok(SmtpReply::AuthLoginUsernameChallenge)
            }
            ("LOGIN", Some(_), Some(AuthDecoded::LoginUser { user })) => {
                self.mode = Mode::AuthLoginPassword { user };
                Ok(SmtpReply::AuthLoginPasswordChallenge)
            }
            ("PLAIN", Some(_), Some(response)) => Err(response),
            ("PLAIN" | "LOGIN", Some(_), _) => Ok(SmtpReply::AuthBadBase64),
            _ => Ok(SmtpReply::AuthMechanismUnsupported),
        }
    }

    fn mail(&mut self, core: &ServerCore, out: &mut Out<'_>, args: &str) -> SmtpReply {
        if self.submission && !self.tls {
            return SmtpReply::StartTlsRequired;
        }
        if self.submission && self.auth_user.is_none() {
            out.push(EventKind::RelayRefused {
                conn: self.conn,
                client_ip: self.client_ip,
                rcpt: None,
                refusal: RelayRefusal::AuthenticationRequired,
            });
            return SmtpReply::AuthRequired;
        }
        if self.tx.is_some() {
            return SmtpReply::NestedMail;
        }
        let Some(arg) = parse_envelope(args, "FROM", true) else {
            return SmtpReply::MailSyntax;
        };
        let declared_size = arg.params.iter().find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.eq_ignore_ascii_case("SIZE")
                .then(|| v.parse::<usize>().ok())
                .flatten()
        });
        if declared_size.is_some_and(|n| n > core.config.max_message_octets) {
            return SmtpReply::MessageTooBig;
        }
        self.tx = Some(Transaction {
            from: arg.mailbox.clone(),
            accepted: Vec::new(),
            refused: 0,
        });
        SmtpReply::SenderOk { from: arg.mailbox }
    }

    fn rcpt(&mut self, core: &ServerCore, out: &mut Out<'_>, args: &str) -> SmtpReply {
        let authenticated = self.auth_user.is_some();
        let Some(tx) = self.tx.as_mut() else {
            return SmtpReply::NeedMail;
        };
        let Some(rcpt) = parse_envelope(args, "TO", false).and_then(|a| a.mailbox) else {
            return SmtpReply::RcptSyntax;
        };
        if tx.accepted.len() >= core.config.max_recipients {
            return SmtpReply::TooManyRecipients;
        }
        if core.is_local(&rcpt) {
            if core.local_user(&rcpt.local).is_some() {
                tx.accepted.push(rcpt.clone());
                return SmtpReply::RecipientOk { rcpt };
            }
            tx.refused += 1;
            return SmtpReply::UnknownLocalUser { rcpt };
        }
        let decision = if self.submission {
            // Submission reached RCPT only after AUTH.
            RelayDecision::Allow(super::policy::RelayPermit::Authenticated)
        } else {
            relay_decision(
                core.config.policy,
                &core.allowlist,
                self.client_ip,
                authenticated,
                out.now,
            )
        };
        match decision {
            RelayDecision::Allow(permit) => {
                out.push(EventKind::RelayAllowed {
                    conn: self.conn,
                    client_ip: self.client_ip,
                    rcpt: rcpt.clone(),
                    permit,
                });
                tx.accepted.push(rcpt.clone());
                SmtpReply::RecipientOk { rcpt }
            }
            RelayDecision::Refuse(refusal) => {
                out.push(EventKind::RelayRefused {
                    conn: self.conn,
                    client_ip: self.client_ip,
                    rcpt: Some(rcpt.clone()),
                    refusal,
                });
                tx.refused += 1;
                SmtpReply::RelayDenied { rcpt, refusal }
            }
        }
    }
}
