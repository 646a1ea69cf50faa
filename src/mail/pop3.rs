//! A POP3 server session (RFC 1939, with CAPA from RFC 2449).
//!
//! States: AUTHORIZATION (USER, PASS, APOP, CAPA, QUIT) → TRANSACTION (STAT, LIST, RETR,
//! DELE, NOOP, RSET, TOP, UIDL, CAPA, QUIT) → UPDATE (only via QUIT from TRANSACTION: the
//! messages marked deleted are removed then). The greeting carries an APOP timestamp. A
//! successful login from an IP records it in the allowlist when the policy uses one; a
//! failed login records nothing. A session works on a snapshot of the maildrop taken at
//! login (message numbers stay stable); mail arriving meanwhile is seen at the next login.
//! Commands longer than 255 octets including CRLF (RFC 2449) are answered `-ERR`.

use super::event::{EventKind, Out, PopAuthMethod};
use super::flavour::Pop3Reply;
use super::server::{ServerCore, StoredMessage};
use super::time::SimTime;
use super::{event::Event, md5};

/// Longest command line, without CRLF (RFC 2449: 255 octets with it).
pub const MAX_COMMAND_LINE: usize = 253;

/// The capabilities CAPA lists.
pub const CAPABILITIES: [&str; 6] = [
    "TOP",
    "USER",
    "UIDL",
    "RESP-CODES",
    "AUTH-RESP-CODE",
    "PIPELINING",
];

#[derive(Clone, Debug)]
enum State {
    Authorization {
        user: Option<String>,
    },
    Transaction {
        user: String,
        messages: Vec<StoredMessage>,
        deleted: Vec<bool>,
    },
}

/// One POP3 conversation. Created by [`MailServer::connect`](super::MailServer::connect).
#[derive(Clone, Debug)]
pub struct Pop3Session {
    conn: u32,
    client_ip: core::net::IpAddr,
    timestamp: String,
    state: State,
}

impl Pop3Session {
    pub(crate) fn open(core: &ServerCore, out: &mut Out<'_>) -> Pop3Session {
        let pid = 1000 + (out.conn.wrapping_mul(7919) % 30_000);
        let timestamp = format!(
            "<{pid}.{}@{}>",
            core.config.unix_time(out.now),
            core.config.hostname
        );
        let reply = Pop3Reply::Greeting {
            timestamp: timestamp.clone(),
        };
        out.server(core.config.flavour.pop3_line(&reply, &core.config.hostname));
        Pop3Session {
            conn: out.conn,
            client_ip: out.client_ip,
            timestamp,
            state: State::Authorization { user: None },
        }
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
            tls: false,
        };
        out.client(line, None);
        let flavour = core.config.flavour;
        let host = core.config.hostname.clone();
        let reply = |out: &mut Out<'_>, r: Pop3Reply| out.server(flavour.pop3_line(&r, &host));
        if line.len() > MAX_COMMAND_LINE {
            reply(&mut out, Pop3Reply::LineTooLong);
            return true;
        }
        let (verb, args) = match line.split_once(' ') {
            Some((v, a)) => (v, a),
            None => (line, ""),
        };
        let verb = verb.to_ascii_uppercase();
        let numbers: Vec<&str> = args.split_whitespace().collect();

        if verb == "CAPA" {
            reply(&mut out, Pop3Reply::CapabilityList);
            for cap in CAPABILITIES {
                out.server(cap.to_owned());
            }
            out.server(".".to_owned());
            return true;
        }
        if verb == "QUIT" {
            let left = match &self.state {
                State::Authorization { .. } => None,
                State::Transaction {
                    user,
                    messages,
                    deleted,
                } => {
                    // UPDATE: remove what was marked, by uid (the maildrop may have grown).
                    let gone: Vec<&str> = messages
                        .iter()
                        .zip(deleted)
                        .filter(|(_, d)| **d)
                        .map(|(m, _)| m.uid.as_str())
                        .collect();
                    let drop = core.maildrops.entry(user.clone()).or_default();
                    drop.retain(|m| !gone.contains(&m.uid.as_str()));
                    Some(drop.len())
                }
            };
            reply(&mut out, Pop3Reply::SigningOff { left });
            out.closed();
            return false;
        }

        match &mut self.state {
            State::Authorization { user } => match verb.as_str() {
                "USER" if numbers.len() == 1 => {
                    *user = Some(numbers[0].to_owned());
                    reply(
                        &mut out,
                        Pop3Reply::UserAccepted {
                            user: numbers[0].to_owned(),
                        },
                    );
                }
                "USER" => reply(&mut out, Pop3Reply::BadSyntax),
                "PASS" => match user.take() {
                    None => reply(&mut out, Pop3Reply::UserFirst),
                    Some(name) => {
                        let ok = core
                            .config
                            .account(&name)
                            .is_some_and(|a| a.password == args);
                        self.login(core, &mut out, name, PopAuthMethod::UserPass, ok);
                    }
                },
                "APOP" if numbers.len() == 2 => {
                    let name = numbers[0].to_owned();
                    let digest = numbers[1].to_ascii_lowercase();
                    let ok = core.config.account(&name).is_some_and(|a| {
                        let input = format!("{}{}", self.timestamp, a.password);
                        md5::hex_digest(input.as_bytes()) == digest
                    });
                    self.login(core, &mut out, name, PopAuthMethod::Apop, ok);
                }
                "APOP" => reply(&mut out, Pop3Reply::BadSyntax),
                "STAT" | "LIST" | "RETR" | "DELE" | "NOOP" | "RSET" | "TOP" | "UIDL" => {
                    reply(&mut out, Pop3Reply::WrongState);
                }
                _ => reply(&mut out, Pop3Reply::UnknownCommand),
            },
            State::Transaction {
                messages, deleted, ..
            } => {
                let live = |messages: &[StoredMessage], deleted: &[bool]| {
                    messages
                        .iter()
                        .zip(deleted)
                        .filter(|(_, d)| !**d)
                        .fold((0, 0), |(n, o), (m, _)| (n + 1, o + m.octets))
                };
                // A message number that exists and is not marked deleted.
                let pick = |arg: &str, deleted: &[bool]| -> Result<usize, Pop3Reply> {
                    let n: usize = arg
                        .parse()
                        .ok()
                        .filter(|_| arg.bytes().all(|b| b.is_ascii_digit()))
                        .ok_or(Pop3Reply::NoSuchMessage)?;
                    match deleted.get(n.wrapping_sub(1)) {
                        Some(false) => Ok(n),
                        Some(true) => Err(Pop3Reply::AlreadyDeleted { number: n }),
                        None => Err(Pop3Reply::NoSuchMessage),
                    }
                };
                match (verb.as_str(), numbers.as_slice()) {
                    ("STAT", []) => {
                        let (count, octets) = live(messages, deleted);
                        reply(&mut out, Pop3Reply::Stat { count, octets });
                    }
                    ("LIST", []) => {
                        let (count, octets) = live(messages, deleted);
                        reply(&mut out, Pop3Reply::ScanListing { count, octets });
                        for (i, m) in messages.iter().enumerate().filter(|(i, _)| !deleted[*i]) {
                            out.server(format!("{} {}", i + 1, m.octets));
                        }
                        out.server(".".to_owned());
                    }
                    ("LIST", [n]) => match pick(n, deleted) {
                        Ok(n) => reply(
                            &mut out,
                            Pop3Reply::ScanLine {
                                number: n,
                                octets: messages[n - 1].octets,
                            },
                        ),
                        Err(_) => reply(&mut out, Pop3Reply::NoSuchMessage),
                    },
                    ("UIDL", []) => {
                        reply(&mut out, Pop3Reply::UidlListing);
                        for (i, m) in messages.iter().enumerate().filter(|(i, _)| !deleted[*i]) {
                            out.server(format!("{} {}", i + 1, m.uid));
                        }
                        out.server(".".to_owned());
                    }
                    ("UIDL", [n]) => match pick(n, deleted) {
                        Ok(n) => reply(
                            &mut out,
                            Pop3Reply::UidlLine {
                                number: n,
                                uid: messages[n - 1].uid.clone(),
                            },
                        ),
                        Err(_) => reply(&mut out, Pop3Reply::NoSuchMessage),
                    },
                    ("RETR", [n]) => match pick(n, deleted) {
                        Ok(n) => {
                            let m = &messages[n - 1];
                            reply(&mut out, Pop3Reply::RetrFollows { octets: m.octets });
                            send_stuffed(&mut out, m.lines.iter());
                        }
                        Err(_) => reply(&mut out, Pop3Reply::NoSuchMessage),
                    },
                    ("TOP", [n, count]) => {
                        let body_lines = count
                            .parse::<usize>()
                            .ok()
                            .filter(|_| count.bytes().all(|b| b.is_ascii_digit()));
                        match (pick(n, deleted), body_lines) {
                            (Ok(n), Some(k)) => {
                                let m = &messages[n - 1];
                                reply(&mut out, Pop3Reply::TopFollows);
                                let header_end = m
                                    .lines
                                    .iter()
                                    .position(String::is_empty)
                                    .unwrap_or(m.lines.len());
                                let take = (header_end + 1).saturating_add(k).min(m.lines.len());
                                send_stuffed(&mut out, m.lines[..take].iter());
                            }
                            (Err(_), _) => reply(&mut out, Pop3Reply::NoSuchMessage),
                            (Ok(_), None) => reply(&mut out, Pop3Reply::BadSyntax),
                        }
                    }
                    ("DELE", [n]) => match pick(n, deleted) {
                        Ok(n) => {
                            deleted[n - 1] = true;
                            reply(&mut out, Pop3Reply::Deleted { number: n });
                        }
                        Err(e) => reply(&mut out, e),
                    },
                    ("NOOP", []) => reply(&mut out, Pop3Reply::NoopOk),
                    ("RSET", []) => {
                        deleted.iter_mut().for_each(|d| *d = false);
                        let (count, octets) = live(messages, deleted);
                        reply(&mut out, Pop3Reply::ResetOk { count, octets });
                    }
                    ("STAT" | "LIST" | "UIDL" | "RETR" | "TOP" | "DELE" | "NOOP" | "RSET", _) => {
                        reply(&mut out, Pop3Reply::BadSyntax);
                    }
                    ("USER" | "PASS" | "APOP", _) => reply(&mut out, Pop3Reply::WrongState),
                    _ => reply(&mut out, Pop3Reply::UnknownCommand),
                }
            }
        }
        true
    }

    fn login(
        &mut self,
        core: &mut ServerCore,
        out: &mut Out<'_>,
        name: String,
        method: PopAuthMethod,
        ok: bool,
    ) {
        out.push(EventKind::PopLogin {
            conn: self.conn,
            client_ip: self.client_ip,
            user: name.clone(),
            method,
            success: ok,
        });
        let flavour = core.config.flavour;
        let host = core.config.hostname.clone();
        if !ok {
            out.server(flavour.pop3_line(&Pop3Reply::AuthFailed, &host));
            self.state = State::Authorization { user: None };
            return;
        }
        let messages = core.maildrops.get(&name).cloned().unwrap_or_default();
        let octets = messages.iter().map(|m| m.octets).sum();
        let reply = Pop3Reply::LoggedIn {
            user: name.clone(),
            count: messages.len(),
            octets,
        };
        out.server(flavour.pop3_line(&reply, &host));
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
        };
    }
}

/// Send lines of a multi-line reply, byte-stuffing leading dots, then the terminator.
fn send_stuffed<'a>(out: &mut Out<'_>, lines: impl Iterator<Item = &'a String>) {
    for line in lines {
        if line.starts_with('.') {
            out.server(format!(".{line}"));
        } else {
            out.server(line.clone());
        }
    }
    out.server(".".to_owned());
}
