//! The reader's mail program (and the spammer's tool), as SMTP and POP3 *clients*.
//!
//! These drivers say what a 2001-era mail program said and react to the server's reply
//! codes the way such programs did: stop at the first refusal of AUTH or MAIL, send DATA
//! only when at least one recipient was accepted, QUIT at the end. Every server line they
//! see comes from the real [`MailServer`] sessions. They act on the code of the last line
//! of each reply, as the session typed it ([`last_reply`]), never on its text; only what a
//! real client reads from the text (the APOP timestamp, STAT's count) is read from it.

use core::net::IpAddr;

use serde::Serialize;

use super::base64;
use super::event::{ConnId, Event, Service, last_reply, server_lines};
use super::md5;
use super::reply::ReplyCode;
use super::server::{MailServer, UserAccount};
use super::time::{Millis, SimTime};

/// Which way round "send and receive" works.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum SendReceiveOrder {
    /// Receive first (the allowlist is fresh when sending): most programs.
    #[default]
    ReceiveThenSend,
    /// Send first (Outlook Express): the first send after a long pause is refused.
    SendThenReceive,
}

/// How the program logs in to POP3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum PopLogin {
    /// USER and PASS (password in the clear).
    #[default]
    UserPass,
    /// APOP (an MD5 digest of the greeting's timestamp and the password).
    Apop,
}

/// How the program sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum SendStyle {
    /// Port 25 without authentication (POP before SMTP era).
    #[default]
    Plain,
    /// Port 25 with AUTH PLAIN.
    AuthPlain,
    /// Port 25 with AUTH LOGIN (what Outlook Express used).
    AuthLogin,
    /// Port 587: STARTTLS, then AUTH PLAIN (today's way, as Thunderbird does it: MAIL FROM
    /// declares `BODY=8BITMIME` and `SIZE=` when the server offers them).
    Submission,
    /// Port 587 without AUTH (a spammer trying the submission port).
    SubmissionNoAuth,
}

/// A mail program's habits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MailProgram {
    /// Check for mail when started.
    pub receive_on_start: bool,
    /// Check for mail every so often while running (`None`: only when asked).
    pub check_interval: Option<Millis>,
    /// The order of "send and receive".
    pub order: SendReceiveOrder,
    /// Keep messages on the server after downloading (no DELE).
    pub leave_on_server: bool,
    /// POP3 login style.
    pub pop_login: PopLogin,
    /// SMTP style.
    pub send_style: SendStyle,
    /// The name it gives in EHLO.
    pub helo_name: String,
}

impl MailProgram {
    /// A typical program of the time: receives at start, no periodic check, receive before
    /// send, downloads and deletes, USER/PASS, plain port 25.
    #[must_use]
    pub fn typical(helo_name: &str) -> MailProgram {
        MailProgram {
            receive_on_start: true,
            check_interval: None,
            order: SendReceiveOrder::ReceiveThenSend,
            leave_on_server: false,
            pop_login: PopLogin::UserPass,
            send_style: SendStyle::Plain,
            helo_name: helo_name.to_owned(),
        }
    }
}

/// What the program waits for after a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    /// A positive reply (SMTP 2xx, POP3 `+OK`).
    Yes,
    /// An intermediate reply (SMTP 354 or 334).
    More,
}

/// One client connection being driven: collects all events.
struct Dialogue {
    conn: ConnId,
    now: SimTime,
    events: Vec<Event>,
    last: Option<ReplyCode>,
    /// The server's latest lines (the greeting, for the APOP timestamp; STAT's line).
    lines: Vec<String>,
}

impl Dialogue {
    fn open(server: &mut MailServer, now: SimTime, service: Service, ip: IpAddr) -> Dialogue {
        let (conn, events) = server.connect(now, service, ip);
        Dialogue {
            conn,
            now,
            last: last_reply(&events, conn),
            lines: server_lines(&events, conn),
            events,
        }
    }

    /// Send a line; whether the reply is what the program wants.
    fn say(&mut self, server: &mut MailServer, line: &str, want: Want) -> bool {
        let events = server.handle_line(self.conn, self.now, line);
        self.last = last_reply(&events, self.conn);
        self.lines = server_lines(&events, self.conn);
        self.events.extend(events);
        self.got(want)
    }

    fn got(&self, want: Want) -> bool {
        self.last.is_some_and(|code| match want {
            Want::Yes => code.is_positive(),
            Want::More => code.is_intermediate(),
        })
    }

    fn quit(mut self, server: &mut MailServer) -> Vec<Event> {
        if server.is_open(self.conn) {
            let _ = self.say(server, "QUIT", Want::Yes);
        }
        self.events
    }
}

/// Receive mail over POP3: log in, STAT, RETR (and DELE unless leaving on server), QUIT.
pub(crate) fn receive(
    server: &mut MailServer,
    now: SimTime,
    ip: IpAddr,
    program: &MailProgram,
    account: Option<&UserAccount>,
) -> Vec<Event> {
    let mut d = Dialogue::open(server, now, Service::Pop3, ip);
    let Some(account) = account else {
        return d.quit(server);
    };
    let logged_in = match program.pop_login {
        PopLogin::UserPass => {
            d.say(server, &format!("USER {}", account.name), Want::Yes)
                && d.say(server, &format!("PASS {}", account.password), Want::Yes)
        }
        PopLogin::Apop => {
            let greeting = d.lines.first().cloned().unwrap_or_default();
            let timestamp = greeting
                .find('<')
                .and_then(|start| {
                    let rest = greeting.get(start..).unwrap_or_default();
                    rest.find('>').and_then(|end| rest.get(..=end))
                })
                .unwrap_or_default()
                .to_owned();
            let digest = md5::hex_digest(format!("{timestamp}{}", account.password).as_bytes());
            d.say(
                server,
                &format!("APOP {} {digest}", account.name),
                Want::Yes,
            )
        }
    };
    if logged_in && d.say(server, "STAT", Want::Yes) {
        let count: usize = d
            .lines
            .first()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        for n in 1..=count {
            if d.say(server, &format!("RETR {n}"), Want::Yes) && !program.leave_on_server {
                let _ = d.say(server, &format!("DELE {n}"), Want::Yes);
            }
        }
    }
    d.quit(server)
}

/// Send one message over SMTP (or submission) the way `program` does.
#[allow(clippy::too_many_arguments)] // one call site per action; a struct would only rename them
pub(crate) fn send(
    server: &mut MailServer,
    now: SimTime,
    ip: IpAddr,
    program: &MailProgram,
    account: Option<&UserAccount>,
    from: &str,
    to: &[String],
    message: &[String],
) -> Vec<Event> {
    let service = match program.send_style {
        SendStyle::Submission | SendStyle::SubmissionNoAuth => Service::Submission,
        _ => Service::Smtp,
    };
    let mut d = Dialogue::open(server, now, service, ip);
    let ehlo = format!("EHLO {}", program.helo_name);
    if !d.got(Want::Yes) || !d.say(server, &ehlo, Want::Yes) {
        return d.quit(server);
    }
    if service == Service::Submission
        && !(d.say(server, "STARTTLS", Want::Yes) && d.say(server, &ehlo, Want::Yes))
    {
        return d.quit(server);
    }
    // Thunderbird (comm-central `SmtpClient.sys.mjs`, `useEnvelope`) adds ` BODY=8BITMIME`
    // when the EHLO reply lists 8BITMIME (and `mail.strictly_mime` is off, its default) and
    // ` SIZE=` with the message's size when it lists SIZE, whatever the message holds.
    let mut envelope = String::new();
    if program.send_style == SendStyle::Submission {
        let offers = |keyword: &str| {
            d.lines.iter().any(|l| {
                l.get(4..)
                    .and_then(|k| k.split(' ').next())
                    .is_some_and(|k| k.eq_ignore_ascii_case(keyword))
            })
        };
        if offers("8BITMIME") {
            envelope.push_str(" BODY=8BITMIME");
        }
        if offers("SIZE") {
            let size = message
                .iter()
                .fold(0_usize, |n, l| n.saturating_add(l.len()).saturating_add(2));
            envelope.push_str(&format!(" SIZE={size}"));
        }
    }
    let authenticated = match (program.send_style, account) {
        (SendStyle::AuthPlain | SendStyle::Submission, Some(a)) => {
            let token = base64::encode(format!("\0{}\0{}", a.name, a.password).as_bytes());
            d.say(server, &format!("AUTH PLAIN {token}"), Want::Yes)
        }
        (SendStyle::AuthLogin, Some(a)) => {
            d.say(server, "AUTH LOGIN", Want::More)
                && d.say(server, &base64::encode(a.name.as_bytes()), Want::More)
                && d.say(server, &base64::encode(a.password.as_bytes()), Want::Yes)
        }
        _ => true,
    };
    if !authenticated || !d.say(server, &format!("MAIL FROM:<{from}>{envelope}"), Want::Yes) {
        return d.quit(server);
    }
    let mut accepted = false;
    for rcpt in to {
        if d.say(server, &format!("RCPT TO:<{rcpt}>"), Want::Yes) {
            accepted = true;
        }
    }
    if accepted && d.say(server, "DATA", Want::More) {
        for line in message {
            let stuffed = if line.starts_with('.') {
                format!(".{line}")
            } else {
                line.clone()
            };
            let _ = d.say(server, &stuffed, Want::Yes);
        }
        let _ = d.say(server, ".", Want::Yes);
    }
    d.quit(server)
}
