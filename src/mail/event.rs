//! What the engine tells the view: protocol lines and what they caused.
//!
//! Every call into a [`MailServer`](super::server::MailServer) returns the [`Event`]s it
//! produced, in order, stamped with the `now` of the call. Protocol lines are the text
//! exactly as on the wire, without the CRLF. Client lines are echoed too, so a transcript is
//! complete from the events alone.

use core::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::address::Mailbox;
use super::policy::{RelayPermit, RelayRefusal};
use super::reply::{PopReply, Reply, ReplyCode, ReplyInfo};
use super::time::SimTime;

/// A connection's number, unique within one server (and its simulated recipient servers).
pub type ConnId = u32;

/// A service the server offers to clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Service {
    /// POP3, port 110 (RFC 1939).
    Pop3,
    /// SMTP, port 25 (RFC 5321): local delivery for anyone, relaying per policy.
    Smtp,
    /// Message submission, port 587 (RFC 6409): STARTTLS then AUTH required.
    Submission,
}

impl Service {
    /// The well-known port, for the view's labels.
    #[must_use]
    pub fn port(self) -> u16 {
        match self {
            Service::Pop3 => 110,
            Service::Smtp => 25,
            Service::Submission => 587,
        }
    }
}

/// Which conversation a line belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConnKind {
    /// A client talking to the POP3 service.
    ClientPop3,
    /// A client talking to the SMTP service (port 25).
    ClientSmtp,
    /// A client talking to the submission service (port 587).
    ClientSubmission,
    /// The server relaying onward: it is the *client* here, talking to the recipient
    /// domain's mail exchanger `mx`.
    ServerToRecipient {
        /// Host name of the recipient's server.
        mx: String,
    },
}

impl From<Service> for ConnKind {
    fn from(service: Service) -> ConnKind {
        match service {
            Service::Pop3 => ConnKind::ClientPop3,
            Service::Smtp => ConnKind::ClientSmtp,
            Service::Submission => ConnKind::ClientSubmission,
        }
    }
}

/// Who sent a line. On a [`ConnKind::ServerToRecipient`] connection the client is our
/// server and the server is the recipient's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Speaker {
    /// The side that opened the connection.
    Client,
    /// The side that accepted it.
    Server,
}

/// The readable form of an AUTH line: base64 undone, so the view never decodes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuthDecoded {
    /// AUTH PLAIN: `authzid \0 user \0 password`.
    Plain {
        /// Authorisation identity (usually empty).
        authzid: String,
        /// User name.
        user: String,
        /// Password, in the clear.
        password: String,
    },
    /// AUTH LOGIN: the user name.
    LoginUser {
        /// User name.
        user: String,
    },
    /// AUTH LOGIN: the password.
    LoginPassword {
        /// Password, in the clear.
        password: String,
    },
    /// A server `334` challenge (`Username:`, `Password:` or empty for PLAIN).
    Challenge {
        /// The decoded prompt.
        prompt: String,
    },
    /// The client cancelled with `*`.
    Cancelled,
    /// Not valid base64 (the server answers 501).
    NotBase64,
}

/// One protocol line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProtocolLine {
    /// The connection.
    pub conn: ConnId,
    /// What kind of connection.
    pub kind: ConnKind,
    /// Who sent it.
    pub speaker: Speaker,
    /// Exactly as on the wire, without CRLF.
    pub text: String,
    /// The decoded form of AUTH exchanges.
    pub auth: Option<AuthDecoded>,
    /// The text as its reader sees it, when the line is an encoded line of a sample mail
    /// (an RFC 2047 Subject, an ISO-2022-JP body line: [`crate::mail::letters`]). Read
    /// from the engine's own table, so a recording's copy is not trusted: reading a line
    /// back derives it again from the text (`StoredLine`).
    pub decoded: Option<&'static str>,
    /// Whether the (simulated) TLS layer protects this line.
    pub tls: bool,
    /// On a server's reply line: its code, whether it ends the reply, and whether it
    /// refused a relay. `None` on client lines and on the body lines of a multi-line POP3
    /// reply (message text, listings, the final `.`).
    pub reply: Option<ReplyInfo>,
}

/// A [`ProtocolLine`] as read back from a recording ([`crate::mail::recording`]): the
/// same fields in the same order, with the stored `decoded` text ignored and looked up
/// again in the engine's own table.
#[derive(Deserialize)]
struct StoredLine {
    conn: ConnId,
    kind: ConnKind,
    speaker: Speaker,
    text: String,
    auth: Option<AuthDecoded>,
    #[allow(dead_code)]
    decoded: Option<String>,
    tls: bool,
    reply: Option<ReplyInfo>,
}

// By hand: a derive would ask the input to outlive 'static, for `decoded`'s sake.
impl<'de> Deserialize<'de> for ProtocolLine {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        StoredLine::deserialize(deserializer).map(ProtocolLine::from)
    }
}

impl From<StoredLine> for ProtocolLine {
    fn from(line: StoredLine) -> ProtocolLine {
        ProtocolLine {
            decoded: super::letters::decoded(&line.text),
            conn: line.conn,
            kind: line.kind,
            speaker: line.speaker,
            text: line.text,
            auth: line.auth,
            tls: line.tls,
            reply: line.reply,
        }
    }
}

/// How a POP3 login was attempted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PopAuthMethod {
    /// USER then PASS.
    UserPass,
    /// APOP name digest.
    Apop,
    /// SASL AUTH PLAIN (RFC 5034).
    SaslPlain,
}

/// Something that happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// A client connected.
    ConnectionOpened {
        /// The connection.
        conn: ConnId,
        /// Its kind.
        kind: ConnKind,
        /// The client's IP as the server sees it.
        client_ip: IpAddr,
    },
    /// A protocol line.
    Line(ProtocolLine),
    /// STARTTLS completed (simulated: no real cryptography).
    TlsStarted {
        /// The connection.
        conn: ConnId,
    },
    /// The connection ended (QUIT, timeout, refusal or the client vanishing).
    ConnectionClosed {
        /// The connection.
        conn: ConnId,
    },
    /// A POP3 login attempt.
    PopLogin {
        /// The connection.
        conn: ConnId,
        /// The client's IP.
        client_ip: IpAddr,
        /// The user name tried.
        user: String,
        /// USER/PASS or APOP.
        method: PopAuthMethod,
        /// Whether it succeeded.
        success: bool,
    },
    /// An SMTP AUTH attempt.
    SmtpAuth {
        /// The connection.
        conn: ConnId,
        /// The client's IP.
        client_ip: IpAddr,
        /// The user name tried.
        user: String,
        /// Whether it succeeded.
        success: bool,
    },
    /// A new allowlist entry.
    AllowlistAdded {
        /// The IP.
        ip: IpAddr,
        /// Who logged in.
        user: String,
        /// Expiry.
        until: SimTime,
    },
    /// A live entry got a new expiry.
    AllowlistRefreshed {
        /// The IP.
        ip: IpAddr,
        /// Who logged in.
        user: String,
        /// New expiry.
        until: SimTime,
    },
    /// An entry ran out (stamped with its expiry time, which may be before the call's `now`).
    AllowlistExpired {
        /// The IP.
        ip: IpAddr,
        /// Who had logged in.
        user: String,
    },
    /// Relaying to a recipient was allowed at RCPT TO.
    RelayAllowed {
        /// The connection.
        conn: ConnId,
        /// The client's IP.
        client_ip: IpAddr,
        /// The recipient.
        rcpt: Mailbox,
        /// Why.
        permit: RelayPermit,
    },
    /// Relaying was refused: at RCPT TO (with the recipient) or, on the submission service,
    /// at MAIL FROM (no recipient yet).
    RelayRefused {
        /// The connection.
        conn: ConnId,
        /// The client's IP.
        client_ip: IpAddr,
        /// The recipient, if the refusal came at RCPT TO.
        rcpt: Option<Mailbox>,
        /// Why.
        refusal: RelayRefusal,
    },
    /// A message was stored in a local maildrop.
    DeliveredLocally {
        /// The server's queue id.
        queue_id: String,
        /// The recipient.
        rcpt: Mailbox,
        /// The envelope sender.
        from: Option<Mailbox>,
    },
    /// A message accepted for a local user could not be put into the maildrop (a real
    /// server bounces it or tries again later).
    DeliveryFailed {
        /// The server's queue id.
        queue_id: String,
        /// The recipient.
        rcpt: Mailbox,
        /// Why.
        reason: DeliveryFailure,
    },
    /// A message was handed to the recipient domain's server.
    RelayedOnward {
        /// The server's queue id.
        queue_id: String,
        /// The connection to the recipient's server (its lines are in the log).
        conn: ConnId,
        /// Recipient's server.
        mx: String,
        /// Recipients in that domain.
        recipients: Vec<Mailbox>,
        /// Whether the recipient's server accepted it.
        accepted: bool,
    },
}

/// Why a local delivery failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryFailure {
    /// The maildrop is at its size limit (Postfix `mailbox_size_limit`: local/mailbox.c
    /// "cannot update mailbox %s for user %s. " with global/mail_copy.c "error writing
    /// message: %m", EFBIG, which global/mbox_open.c `mbox_dsn` makes 5.2.2).
    MailboxFull,
    /// The server's storage is full.
    StorageFull,
}

/// An [`EventKind`] at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When.
    pub at: SimTime,
    /// What.
    pub kind: EventKind,
}

impl Event {
    /// The protocol line, if this event is one.
    #[must_use]
    pub fn line(&self) -> Option<&ProtocolLine> {
        match &self.kind {
            EventKind::Line(line) => Some(line),
            _ => None,
        }
    }
}

/// The server's reply lines on connection `conn` among `events` (what a console prints).
#[must_use]
pub fn server_lines(events: &[Event], conn: ConnId) -> Vec<String> {
    events
        .iter()
        .filter_map(Event::line)
        .filter(|l| l.conn == conn && l.speaker == Speaker::Server)
        .map(|l| l.text.clone())
        .collect()
}

/// The code of the last complete reply the server sent on `conn` among `events`: what a
/// client acts on (the line that ends an SMTP multi-line reply; a POP3 status line).
#[must_use]
pub fn last_reply(events: &[Event], conn: ConnId) -> Option<ReplyCode> {
    events
        .iter()
        .rev()
        .filter_map(Event::line)
        .filter(|l| l.conn == conn && l.speaker == Speaker::Server)
        .filter_map(|l| l.reply)
        .find(|r| r.last)
        .map(|r| r.code)
}

/// Whether `events` include the closing of `conn`.
#[must_use]
pub fn closes(events: &[Event], conn: ConnId) -> bool {
    events
        .iter()
        .any(|e| matches!(e.kind, EventKind::ConnectionClosed { conn: c } if c == conn))
}

/// Collects events for one connection during one call.
pub(crate) struct Out<'a> {
    pub events: &'a mut Vec<Event>,
    pub now: SimTime,
    pub conn: ConnId,
    pub kind: ConnKind,
    pub client_ip: IpAddr,
    pub tls: bool,
}

impl Out<'_> {
    pub fn push(&mut self, kind: EventKind) {
        self.events.push(Event { at: self.now, kind });
    }

    pub fn line(
        &mut self,
        speaker: Speaker,
        text: String,
        auth: Option<AuthDecoded>,
        reply: Option<ReplyInfo>,
    ) {
        let decoded = super::letters::decoded(&text);
        let line = ProtocolLine {
            conn: self.conn,
            kind: self.kind.clone(),
            speaker,
            text,
            auth,
            decoded,
            tls: self.tls,
            reply,
        };
        self.push(EventKind::Line(line));
    }

    /// A body line of a multi-line reply (no reply code of its own).
    pub fn server(&mut self, text: String) {
        self.line(Speaker::Server, text, None, None);
    }

    /// Every line of an SMTP reply, each carrying its code; `refusal` marks a relay
    /// refusal, `auth` decodes a 334 challenge.
    pub fn smtp_reply(
        &mut self,
        reply: Reply,
        refusal: Option<RelayRefusal>,
        auth: Option<AuthDecoded>,
    ) {
        let code = ReplyCode::Smtp {
            code: reply.code,
            enhanced: reply.enhanced,
        };
        let count = reply.lines.len();
        for (i, text) in reply.lines.into_iter().enumerate() {
            let last = i.saturating_add(1) == count;
            let info = ReplyInfo {
                code,
                last,
                refusal: if last { refusal } else { None },
            };
            self.line(Speaker::Server, text, auth.clone(), Some(info));
        }
    }

    /// A POP3 status line with its code.
    pub fn pop_reply(&mut self, reply: PopReply) {
        let info = ReplyInfo {
            code: reply.code,
            last: true,
            refusal: None,
        };
        self.line(Speaker::Server, reply.line, None, Some(info));
    }

    pub fn client(&mut self, text: &str, auth: Option<AuthDecoded>) {
        self.line(Speaker::Client, text.to_owned(), auth, None);
    }

    pub fn closed(&mut self) {
        let conn = self.conn;
        self.push(EventKind::ConnectionClosed { conn });
    }
}
