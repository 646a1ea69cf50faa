//! Server flavours: every reply line the POP3 and SMTP sessions send comes from here.
//!
//! A session decides *what* to answer ([`SmtpReply`], [`Pop3Reply`]); the [`Flavour`] decides
//! *how* a real server of that family words it, with or without enhanced status codes
//! (RFC 3463), as deployed servers did with their default settings:
//!
//! - [`Flavour::Postfix`] (the default): `554 5.7.1 <rcpt>: Relay access denied`.
//! - [`Flavour::Sendmail`]: `550 5.7.1 <rcpt>... Relaying denied` (`... Proper authentication
//!   required.` when AUTH is offered).
//! - [`Flavour::Qmail`]: `553 sorry, that domain isn't in my list of allowed rcpthosts
//!   (#5.7.1)`; no enhanced codes in the code position.
//! - [`Flavour::JapaneseIsp`]: a qmail-based ISP server whose refusal names POP before SMTP:
//!   `554 sorry, you must get POP/APOP authorization.` (quoted in DESIGN.md).
//!
//! Texts are ASCII exactly as the servers send them; nothing here is localised. The codes of
//! replies that RFC 5321, RFC 4954 and RFC 1939 fix (334, 235, 530, 535, `+OK`/`-ERR`) are
//! the same in every flavour.

use serde::Serialize;

use super::address::Mailbox;
use super::policy::RelayRefusal;
use super::time::SimTime;

/// A family of real mail servers whose wording the engine reproduces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Flavour {
    /// Postfix with default settings (POP3 by a Dovecot-like server).
    #[default]
    Postfix,
    /// Sendmail 8 (POP3 by a qpopper-like server).
    Sendmail,
    /// qmail (qmail-smtpd, qmail-pop3d).
    Qmail,
    /// A Japanese ISP around 2001: qmail-based, refusing relays with a hint at POP.
    JapaneseIsp,
}

impl Flavour {
    /// All flavours.
    pub const ALL: [Flavour; 4] = [
        Flavour::Postfix,
        Flavour::Sendmail,
        Flavour::Qmail,
        Flavour::JapaneseIsp,
    ];

    fn qmail_like(self) -> bool {
        matches!(self, Flavour::Qmail | Flavour::JapaneseIsp)
    }

    /// A queue id in this family's style, made deterministically from a counter and the
    /// time (real servers use the clock, inode numbers and pids; the look is what matters).
    #[must_use]
    pub fn queue_id(self, counter: u64, now: SimTime, unix_time: u64) -> String {
        let mut x = counter.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ now.0.rotate_left(17);
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        match self {
            Flavour::Postfix => format!("{:010X}", x & 0xFF_FFFF_FFFF),
            Flavour::Sendmail => {
                const DIGITS: &[u8] =
                    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXyzabcdefghijklmnopqrstuvwx";
                let mut id = String::from("o");
                let mut y = x;
                for _ in 0..6 {
                    id.push(char::from(DIGITS[(y % 60) as usize]));
                    y /= 60;
                }
                id.push_str(&format!("{:07}", y % 10_000_000));
                id
            }
            Flavour::Qmail | Flavour::JapaneseIsp => {
                format!("{unix_time} qp {}", 1000 + x % 30_000)
            }
        }
    }

    /// Whether EHLO advertises ENHANCEDSTATUSCODES (and replies carry them).
    #[must_use]
    pub fn enhanced_status_codes(self) -> bool {
        !self.qmail_like()
    }
}

/// An ESMTP extension the session supports and may advertise in its EHLO reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Extension {
    /// RFC 2920.
    Pipelining,
    /// RFC 1870, with the limit in octets.
    Size(usize),
    /// RFC 5321 VRFY.
    Vrfy,
    /// RFC 3207 (simulated on the submission service).
    StartTls,
    /// RFC 4954 with PLAIN and LOGIN.
    Auth,
    /// RFC 3463 / 2034.
    EnhancedStatusCodes,
    /// RFC 6152.
    EightBitMime,
}

/// What an SMTP session answers, before wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmtpReply {
    /// 220 on connect.
    Greeting {
        /// The server's wall-clock time then, RFC 5322 format (sendmail prints it).
        date: String,
    },
    /// 250 multi-line reply to EHLO.
    Ehlo {
        /// The name the client gave.
        client_name: String,
        /// The client's address as the server sees it.
        client_ip: String,
        /// Extensions to advertise.
        extensions: Vec<Extension>,
    },
    /// 250 reply to HELO.
    Helo {
        /// The name the client gave.
        client_name: String,
        /// The client's address.
        client_ip: String,
    },
    /// 501: HELO/EHLO without a name.
    HeloSyntax {
        /// `HELO` or `EHLO` as the client wrote it (upper-cased).
        verb: String,
    },
    /// 250 to MAIL FROM.
    SenderOk {
        /// The reverse-path, `None` for `<>`.
        from: Option<Mailbox>,
    },
    /// 250 to RCPT TO.
    RecipientOk {
        /// The recipient.
        rcpt: Mailbox,
    },
    /// Relaying refused at RCPT TO.
    RelayDenied {
        /// The recipient.
        rcpt: Mailbox,
        /// The policy reason (the wording depends on whether AUTH is offered).
        refusal: RelayRefusal,
    },
    /// 550: no such user in the local domain.
    UnknownLocalUser {
        /// The recipient.
        rcpt: Mailbox,
    },
    /// 452: too many recipients.
    TooManyRecipients,
    /// 354 after DATA.
    StartMailInput,
    /// 250 after the final dot.
    Queued {
        /// The queue id.
        queue_id: String,
    },
    /// 552: message too large.
    MessageTooBig,
    /// 250 to RSET.
    ResetOk,
    /// 250 to NOOP.
    NoopOk,
    /// 252 to VRFY.
    CannotVerify {
        /// The argument.
        arg: String,
    },
    /// 221 to QUIT.
    Bye,
    /// 503: RCPT before MAIL.
    NeedMail,
    /// 503: DATA before a successful RCPT.
    NeedRcpt,
    /// 554: DATA when every RCPT was refused (Postfix) — others answer [`SmtpReply::NeedRcpt`].
    NoValidRecipients,
    /// 503: second MAIL in a transaction.
    NestedMail,
    /// 501: bad MAIL FROM argument.
    MailSyntax,
    /// 501: bad RCPT TO argument.
    RcptSyntax,
    /// 501: a command that takes no argument got one (DATA x).
    NoArgumentsAllowed {
        /// The verb.
        verb: String,
    },
    /// 502/500: unknown verb.
    UnknownCommand {
        /// The verb as sent (printable ASCII, truncated).
        verb: String,
    },
    /// 500: the command line is longer than RFC 5321 allows.
    LineTooLong,
    /// 503: AUTH or STARTTLS before EHLO.
    NeedEhlo,
    /// 503: AUTH when the service does not offer it.
    AuthNotEnabled,
    /// 503: AUTH twice.
    AlreadyAuthenticated,
    /// 503: AUTH during a mail transaction.
    AuthDuringTransaction,
    /// 504: unknown SASL mechanism.
    AuthMechanismUnsupported,
    /// `334 ` (empty challenge) for PLAIN without an initial response.
    AuthPlainChallenge,
    /// `334 VXNlcm5hbWU6` (base64 of `Username:`).
    AuthLoginUsernameChallenge,
    /// `334 UGFzc3dvcmQ6` (base64 of `Password:`).
    AuthLoginPasswordChallenge,
    /// 235 2.7.0.
    AuthSucceeded,
    /// 535 5.7.8.
    AuthFailed,
    /// 501: the client sent `*` to cancel.
    AuthCancelled,
    /// 501: a response that is not base64.
    AuthBadBase64,
    /// 530 5.7.0: submission requires AUTH first.
    AuthRequired,
    /// 530 5.7.0: submission requires STARTTLS before AUTH or mail.
    StartTlsRequired,
    /// 220 2.0.0 after STARTTLS.
    ReadyToStartTls,
    /// 502/503: STARTTLS not offered here or already active.
    StartTlsUnavailable,
    /// 421 when the client idled too long.
    Timeout,
    /// 421 when the server has too many connections.
    TooManyConnections {
        /// The client's address.
        client_ip: String,
    },
}

/// What a POP3 session answers, before wording. Multi-line bodies are added by the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pop3Reply {
    /// `+OK` greeting with the APOP timestamp.
    Greeting {
        /// `<pid.clock@host>`.
        timestamp: String,
    },
    /// `+OK` to CAPA (the list follows).
    CapabilityList,
    /// `+OK` to USER.
    UserAccepted {
        /// The name given.
        user: String,
    },
    /// `+OK` after PASS/APOP.
    LoggedIn {
        /// The user.
        user: String,
        /// Messages in the maildrop.
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// `-ERR` after a failed PASS/APOP.
    AuthFailed,
    /// `-ERR`: PASS without USER.
    UserFirst,
    /// `-ERR`: APOP disabled for plain-password lookups (not used) / bad syntax.
    BadSyntax,
    /// `+OK n m`.
    Stat {
        /// Messages not marked deleted.
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// `+OK` header of a LIST scan listing.
    ScanListing {
        /// Messages not marked deleted.
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// `+OK n size` for LIST n.
    ScanLine {
        /// Message number.
        number: usize,
        /// Size in octets.
        octets: usize,
    },
    /// `+OK` header of RETR.
    RetrFollows {
        /// Size in octets.
        octets: usize,
    },
    /// `+OK` header of TOP.
    TopFollows,
    /// `+OK` header of UIDL listing.
    UidlListing,
    /// `+OK n uid` for UIDL n.
    UidlLine {
        /// Message number.
        number: usize,
        /// Unique id.
        uid: String,
    },
    /// `+OK` to DELE.
    Deleted {
        /// Message number.
        number: usize,
    },
    /// `-ERR`: no such message.
    NoSuchMessage,
    /// `-ERR`: message already marked deleted.
    AlreadyDeleted {
        /// Message number.
        number: usize,
    },
    /// `+OK` to NOOP.
    NoopOk,
    /// `+OK` to RSET.
    ResetOk {
        /// Messages after unmarking.
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// `+OK` to QUIT.
    SigningOff {
        /// Messages left after the update, if QUIT came in TRANSACTION.
        left: Option<usize>,
    },
    /// `-ERR`: unknown command.
    UnknownCommand,
    /// `-ERR`: command not valid in this state.
    WrongState,
    /// `-ERR`: line too long.
    LineTooLong,
    /// `-ERR` to a connection over the limit.
    TooManyConnections,
}

/// Client-supplied text echoed in a reply: printable ASCII only (no CR/LF can be injected
/// into the wire), at most 64 characters.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| (' '..='~').contains(c))
        .take(64)
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Flavour {
    /// The SMTP reply lines (several for EHLO) for `reply` from server `host`.
    #[must_use]
    pub fn smtp_lines(self, reply: &SmtpReply, host: &str) -> Vec<String> {
        use SmtpReply as R;
        let one = |s: String| vec![s];
        let q = self.qmail_like();
        let line = match reply {
            R::Ehlo {
                client_name,
                client_ip,
                extensions,
            } => return self.ehlo_lines(host, &printable(client_name), client_ip, extensions),
            R::Greeting { date } => match self {
                Flavour::Postfix => format!("220 {host} ESMTP Postfix"),
                Flavour::Sendmail => format!("220 {host} ESMTP Sendmail 8.12.11/8.12.11; {date}"),
                Flavour::Qmail | Flavour::JapaneseIsp => format!("220 {host} ESMTP"),
            },
            R::Helo {
                client_name,
                client_ip,
            } => match self {
                Flavour::Sendmail => format!(
                    "250 {host} Hello {} [{client_ip}], pleased to meet you",
                    printable(client_name)
                ),
                _ => format!("250 {host}"),
            },
            R::HeloSyntax { verb } => match self {
                Flavour::Postfix => format!("501 Syntax: {verb} hostname"),
                Flavour::Sendmail => format!("501 5.0.0 {verb} requires domain address"),
                _ => "555 syntax error (#5.5.4)".to_owned(),
            },
            R::SenderOk { from } => match self {
                Flavour::Postfix => "250 2.1.0 Ok".to_owned(),
                Flavour::Sendmail => format!(
                    "250 2.1.0 <{}>... Sender ok",
                    from.as_ref().map(ToString::to_string).unwrap_or_default()
                ),
                _ => "250 ok".to_owned(),
            },
            R::RecipientOk { rcpt } => match self {
                Flavour::Postfix => "250 2.1.5 Ok".to_owned(),
                Flavour::Sendmail => format!("250 2.1.5 <{rcpt}>... Recipient ok"),
                _ => "250 ok".to_owned(),
            },
            R::RelayDenied { rcpt, refusal } => match self {
                Flavour::Postfix => format!("554 5.7.1 <{rcpt}>: Relay access denied"),
                Flavour::Sendmail => match refusal {
                    RelayRefusal::NotAuthenticated
                    | RelayRefusal::NeitherAllowlistedNorAuthenticated
                    | RelayRefusal::AuthenticationRequired => format!(
                        "550 5.7.1 <{rcpt}>... Relaying denied. Proper authentication required."
                    ),
                    RelayRefusal::NotInAllowlist | RelayRefusal::AllowlistExpired => {
                        format!("550 5.7.1 <{rcpt}>... Relaying denied")
                    }
                },
                Flavour::Qmail => {
                    "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"
                        .to_owned()
                }
                Flavour::JapaneseIsp => {
                    "554 sorry, you must get POP/APOP authorization.".to_owned()
                }
            },
            R::UnknownLocalUser { rcpt } => match self {
                Flavour::Postfix => format!(
                    "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in local recipient table"
                ),
                Flavour::Sendmail => format!("550 5.1.1 <{rcpt}>... User unknown"),
                _ => "550 sorry, no mailbox here by that name. (#5.1.1)".to_owned(),
            },
            R::TooManyRecipients => match self {
                Flavour::Postfix => "452 4.5.3 Error: too many recipients".to_owned(),
                Flavour::Sendmail => "452 4.5.3 Too many recipients".to_owned(),
                _ => "452 sorry, too many recipients (#4.5.3)".to_owned(),
            },
            R::StartMailInput => match self {
                Flavour::Postfix => "354 End data with <CR><LF>.<CR><LF>".to_owned(),
                Flavour::Sendmail => {
                    "354 Enter mail, end with \".\" on a line by itself".to_owned()
                }
                _ => "354 go ahead".to_owned(),
            },
            R::Queued { queue_id } => match self {
                Flavour::Postfix => format!("250 2.0.0 Ok: queued as {queue_id}"),
                Flavour::Sendmail => format!("250 2.0.0 {queue_id} Message accepted for delivery"),
                _ => format!("250 ok {queue_id}"),
            },
            R::MessageTooBig => match self {
                Flavour::Postfix => "552 5.3.4 Message size exceeds fixed limit".to_owned(),
                Flavour::Sendmail => "552 5.2.3 Message exceeds maximum fixed size".to_owned(),
                _ => "552 sorry, that message size exceeds my databytes limit (#5.3.4)".to_owned(),
            },
            R::ResetOk => match self {
                Flavour::Postfix => "250 2.0.0 Ok".to_owned(),
                Flavour::Sendmail => "250 2.0.0 Reset state".to_owned(),
                _ => "250 flushed".to_owned(),
            },
            R::NoopOk => match self {
                Flavour::Postfix => "250 2.0.0 Ok".to_owned(),
                Flavour::Sendmail => "250 2.0.0 OK".to_owned(),
                _ => "250 ok".to_owned(),
            },
            R::CannotVerify { arg } => match self {
                Flavour::Postfix => format!("252 2.0.0 {}", printable(arg)),
                Flavour::Sendmail => {
                    "252 2.5.2 Cannot VRFY user; try RCPT to attempt delivery (or try finger)"
                        .to_owned()
                }
                _ => "252 send some mail, i'll try my best".to_owned(),
            },
            R::Bye => match self {
                Flavour::Postfix => "221 2.0.0 Bye".to_owned(),
                Flavour::Sendmail => format!("221 2.0.0 {host} closing connection"),
                _ => format!("221 {host}"),
            },
            R::NeedMail => match self {
                Flavour::Postfix => "503 5.5.1 Error: need MAIL command".to_owned(),
                Flavour::Sendmail => "503 5.0.0 Need MAIL before RCPT".to_owned(),
                _ => "503 MAIL first (#5.5.1)".to_owned(),
            },
            R::NeedRcpt => match self {
                Flavour::Postfix => "503 5.5.1 Error: need RCPT command".to_owned(),
                Flavour::Sendmail => "503 5.0.0 Need RCPT (recipient)".to_owned(),
                _ => "503 RCPT first (#5.5.1)".to_owned(),
            },
            R::NoValidRecipients => match self {
                Flavour::Postfix => "554 5.5.1 Error: no valid recipients".to_owned(),
                Flavour::Sendmail => "503 5.0.0 Need RCPT (recipient)".to_owned(),
                _ => "503 RCPT first (#5.5.1)".to_owned(),
            },
            R::NestedMail => match self {
                Flavour::Postfix => "503 5.5.1 Error: nested MAIL command".to_owned(),
                Flavour::Sendmail => "503 5.5.0 Sender already specified".to_owned(),
                _ => "503 nested MAIL command (#5.5.1)".to_owned(),
            },
            R::MailSyntax => match self {
                Flavour::Postfix => "501 5.5.4 Syntax: MAIL FROM:<address>".to_owned(),
                Flavour::Sendmail => {
                    "501 5.5.2 Syntax error in parameters scanning \"from\"".to_owned()
                }
                _ => "555 syntax error (#5.5.4)".to_owned(),
            },
            R::RcptSyntax => match self {
                Flavour::Postfix => "501 5.5.4 Syntax: RCPT TO:<address>".to_owned(),
                Flavour::Sendmail => {
                    "501 5.5.2 Syntax error in parameters scanning \"to\"".to_owned()
                }
                _ => "555 syntax error (#5.5.4)".to_owned(),
            },
            R::NoArgumentsAllowed { verb } => match self {
                Flavour::Postfix => format!("501 5.5.4 Syntax: {verb}"),
                Flavour::Sendmail => "501 5.5.4 Syntax error in parameters".to_owned(),
                _ => "555 syntax error (#5.5.4)".to_owned(),
            },
            R::UnknownCommand { verb } => match self {
                Flavour::Postfix => "502 5.5.2 Error: command not recognized".to_owned(),
                Flavour::Sendmail => {
                    format!("500 5.5.1 Command unrecognized: \"{}\"", printable(verb))
                }
                _ => "502 unimplemented (#5.5.1)".to_owned(),
            },
            R::LineTooLong => match self {
                Flavour::Postfix => "500 5.5.0 Error: line too long".to_owned(),
                Flavour::Sendmail => "500 5.5.0 Command line too long".to_owned(),
                _ => "500 line too long (#5.5.2)".to_owned(),
            },
            R::NeedEhlo => match self {
                Flavour::Postfix => "503 5.5.1 Error: send HELO/EHLO first".to_owned(),
                Flavour::Sendmail => "503 5.0.0 Polite people say HELO first".to_owned(),
                _ => "503 EHLO first (#5.5.1)".to_owned(),
            },
            R::AuthNotEnabled => match self {
                Flavour::Postfix => "503 5.5.1 Error: authentication not enabled".to_owned(),
                Flavour::Sendmail => "503 5.3.3 AUTH not available".to_owned(),
                _ => "502 unimplemented (#5.5.1)".to_owned(),
            },
            R::AlreadyAuthenticated => match self {
                Flavour::Postfix => "503 5.5.1 Error: already authenticated".to_owned(),
                Flavour::Sendmail => "503 5.5.0 Already Authenticated".to_owned(),
                _ => "503 you're already authenticated (#5.5.0)".to_owned(),
            },
            R::AuthDuringTransaction => match self {
                Flavour::Postfix => "503 5.5.1 Error: MAIL transaction in progress".to_owned(),
                Flavour::Sendmail => {
                    "503 5.5.0 AUTH not permitted during a mail transaction".to_owned()
                }
                _ => "503 no auth during mail transaction (#5.5.0)".to_owned(),
            },
            R::AuthMechanismUnsupported => match self {
                Flavour::Postfix => {
                    "535 5.7.8 Error: authentication failed: Invalid authentication mechanism"
                        .to_owned()
                }
                Flavour::Sendmail => "504 5.3.3 AUTH mechanism not available".to_owned(),
                _ => "504 auth type unimplemented (#5.5.1)".to_owned(),
            },
            R::AuthPlainChallenge => "334 ".to_owned(),
            R::AuthLoginUsernameChallenge => "334 VXNlcm5hbWU6".to_owned(),
            R::AuthLoginPasswordChallenge => "334 UGFzc3dvcmQ6".to_owned(),
            R::AuthSucceeded => match self {
                Flavour::Postfix => "235 2.7.0 Authentication successful".to_owned(),
                Flavour::Sendmail => "235 2.0.0 OK Authenticated".to_owned(),
                _ => "235 ok, go ahead (#2.0.0)".to_owned(),
            },
            R::AuthFailed => match self {
                Flavour::Postfix => {
                    "535 5.7.8 Error: authentication failed: authentication failure".to_owned()
                }
                Flavour::Sendmail => "535 5.7.0 authentication failed".to_owned(),
                _ => "535 authorization failed (#5.7.0)".to_owned(),
            },
            R::AuthCancelled => match self {
                Flavour::Postfix => "501 5.7.0 Authentication aborted".to_owned(),
                Flavour::Sendmail => "501 5.0.0 AUTH aborted".to_owned(),
                _ => "501 auth exchange cancelled (#5.0.0)".to_owned(),
            },
            R::AuthBadBase64 => match self {
                Flavour::Postfix => "501 5.5.2 Cannot decode response".to_owned(),
                Flavour::Sendmail => "501 5.5.4 cannot decode AUTH parameter".to_owned(),
                _ => "501 malformed auth input (#5.5.4)".to_owned(),
            },
            R::AuthRequired => {
                if q {
                    "530 authentication required (#5.7.1)".to_owned()
                } else {
                    "530 5.7.0 Authentication required".to_owned()
                }
            }
            R::StartTlsRequired => {
                if q {
                    "530 Must issue a STARTTLS command first (#5.7.0)".to_owned()
                } else {
                    "530 5.7.0 Must issue a STARTTLS command first".to_owned()
                }
            }
            R::ReadyToStartTls => match self {
                Flavour::Postfix => "220 2.0.0 Ready to start TLS".to_owned(),
                Flavour::Sendmail => "220 2.0.0 Ready to start TLS".to_owned(),
                _ => "220 ready for tls".to_owned(),
            },
            R::StartTlsUnavailable => match self {
                Flavour::Postfix => "502 5.5.1 Error: command not implemented".to_owned(),
                Flavour::Sendmail => {
                    "454 4.3.3 TLS not available: error generating SSL handle".to_owned()
                }
                _ => "454 TLS not available (#4.3.0)".to_owned(),
            },
            R::Timeout => match self {
                Flavour::Postfix => format!("421 4.4.2 {host} Error: timeout exceeded"),
                Flavour::Sendmail => format!("421 4.4.1 {host} Lost input channel"),
                _ => "451 timeout (#4.4.2)".to_owned(),
            },
            R::TooManyConnections { client_ip } => match self {
                Flavour::Postfix => {
                    format!("421 4.7.0 {host} Error: too many connections from {client_ip}")
                }
                Flavour::Sendmail => {
                    format!(
                        "421 4.3.2 {host} Too many concurrent SMTP connections; please try again later"
                    )
                }
                _ => "421 too many connections, try again later (#4.3.2)".to_owned(),
            },
        };
        one(line)
    }

    fn ehlo_lines(
        self,
        host: &str,
        client_name: &str,
        client_ip: &str,
        extensions: &[Extension],
    ) -> Vec<String> {
        let first = match self {
            Flavour::Sendmail => {
                format!("{host} Hello {client_name} [{client_ip}], pleased to meet you")
            }
            _ => host.to_owned(),
        };
        let mut items = vec![first];
        // Each family lists its keywords in its own order.
        let order: &[fn(&Extension) -> bool] = match self {
            Flavour::Sendmail => &[
                |e| matches!(e, Extension::EnhancedStatusCodes),
                |e| matches!(e, Extension::Pipelining),
                |e| matches!(e, Extension::EightBitMime),
                |e| matches!(e, Extension::Size(_)),
                |e| matches!(e, Extension::Auth),
                |e| matches!(e, Extension::StartTls),
                |e| matches!(e, Extension::Vrfy),
            ],
            _ => &[
                |e| matches!(e, Extension::Pipelining),
                |e| matches!(e, Extension::Size(_)),
                |e| matches!(e, Extension::Vrfy),
                |e| matches!(e, Extension::StartTls),
                |e| matches!(e, Extension::Auth),
                |e| matches!(e, Extension::EnhancedStatusCodes),
                |e| matches!(e, Extension::EightBitMime),
            ],
        };
        for wanted in order {
            for ext in extensions.iter().filter(|e| wanted(e)) {
                let keyword = match ext {
                    Extension::Pipelining => "PIPELINING".to_owned(),
                    Extension::Size(n) => format!("SIZE {n}"),
                    // Only Postfix lists VRFY; sendmail and qmail answer it unadvertised.
                    Extension::Vrfy if self != Flavour::Postfix => continue,
                    Extension::Vrfy => "VRFY".to_owned(),
                    Extension::StartTls => "STARTTLS".to_owned(),
                    Extension::Auth if self == Flavour::Sendmail => "AUTH LOGIN PLAIN".to_owned(),
                    Extension::Auth => "AUTH PLAIN LOGIN".to_owned(),
                    Extension::EnhancedStatusCodes => "ENHANCEDSTATUSCODES".to_owned(),
                    Extension::EightBitMime => "8BITMIME".to_owned(),
                };
                items.push(keyword);
            }
        }
        let last = items.len() - 1;
        items
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let sep = if i == last { ' ' } else { '-' };
                format!("250{sep}{text}")
            })
            .collect()
    }

    /// The POP3 status line for `reply` from server `host`.
    #[must_use]
    pub fn pop3_line(self, reply: &Pop3Reply, host: &str) -> String {
        use Pop3Reply as P;
        match reply {
            P::Greeting { timestamp } => match self {
                Flavour::Postfix | Flavour::JapaneseIsp => {
                    format!("+OK POP3 server ready {timestamp}")
                }
                Flavour::Sendmail => {
                    format!("+OK Qpopper (version 4.0.5) at {host} starting.  {timestamp}")
                }
                Flavour::Qmail => format!("+OK {timestamp}"),
            },
            P::CapabilityList => "+OK Capability list follows".to_owned(),
            P::UserAccepted { user } => match self {
                Flavour::Sendmail => format!("+OK Password required for {}.", printable(user)),
                _ => "+OK".to_owned(),
            },
            P::LoggedIn {
                user,
                count,
                octets,
            } => match self {
                Flavour::Sendmail => format!(
                    "+OK {user} has {} ({octets} octets).",
                    plural(*count, "visible message", "visible messages")
                ),
                Flavour::Qmail => "+OK".to_owned(),
                _ => format!(
                    "+OK {user}'s maildrop has {} ({octets} octets)",
                    plural(*count, "message", "messages")
                ),
            },
            P::AuthFailed => match self {
                Flavour::Sendmail => "-ERR [AUTH] Password supplied is incorrect.".to_owned(),
                Flavour::Qmail => "-ERR authorization failed".to_owned(),
                _ => "-ERR [AUTH] Authentication failed.".to_owned(),
            },
            P::UserFirst => "-ERR USER first".to_owned(),
            P::BadSyntax => "-ERR syntax error".to_owned(),
            P::Stat { count, octets } => format!("+OK {count} {octets}"),
            P::ScanListing { count, octets } => format!(
                "+OK {} ({octets} octets)",
                plural(*count, "message", "messages")
            ),
            P::ScanLine { number, octets } => format!("+OK {number} {octets}"),
            P::RetrFollows { octets } => format!("+OK {octets} octets"),
            P::TopFollows | P::UidlListing => "+OK".to_owned(),
            P::UidlLine { number, uid } => format!("+OK {number} {uid}"),
            P::Deleted { number } => format!("+OK message {number} deleted"),
            P::NoSuchMessage => "-ERR no such message".to_owned(),
            P::AlreadyDeleted { number } => format!("-ERR message {number} already deleted"),
            P::NoopOk => "+OK".to_owned(),
            P::ResetOk { count, octets } => format!(
                "+OK maildrop has {} ({octets} octets)",
                plural(*count, "message", "messages")
            ),
            P::SigningOff { left } => match left {
                None => "+OK POP3 server signing off".to_owned(),
                Some(0) => "+OK POP3 server signing off (maildrop empty)".to_owned(),
                Some(n) => format!(
                    "+OK POP3 server signing off ({} left)",
                    plural(*n, "message", "messages")
                ),
            },
            P::UnknownCommand => "-ERR unknown command".to_owned(),
            P::WrongState => "-ERR command not valid in this state".to_owned(),
            P::LineTooLong => "-ERR line too long".to_owned(),
            P::TooManyConnections => "-ERR [SYS/TEMP] too many connections".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rcpt() -> Mailbox {
        Mailbox::parse("taro@example.org").expect("address")
    }

    #[test]
    fn relay_refusals_as_real_servers_word_them() {
        let r = |f: Flavour, refusal| {
            f.smtp_lines(
                &SmtpReply::RelayDenied {
                    rcpt: rcpt(),
                    refusal,
                },
                "mail.example.net",
            )
        };
        let n = RelayRefusal::NotInAllowlist;
        assert_eq!(
            r(Flavour::Postfix, n),
            ["554 5.7.1 <taro@example.org>: Relay access denied"]
        );
        assert_eq!(
            r(Flavour::Sendmail, n),
            ["550 5.7.1 <taro@example.org>... Relaying denied"]
        );
        assert_eq!(
            r(Flavour::Sendmail, RelayRefusal::NotAuthenticated),
            ["550 5.7.1 <taro@example.org>... Relaying denied. Proper authentication required."]
        );
        assert_eq!(
            r(Flavour::Qmail, n),
            ["553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"]
        );
        assert_eq!(
            r(Flavour::JapaneseIsp, n),
            ["554 sorry, you must get POP/APOP authorization."]
        );
    }

    #[test]
    fn ehlo_is_multiline_with_a_final_space() {
        let lines = Flavour::Postfix.smtp_lines(
            &SmtpReply::Ehlo {
                client_name: "pc.example".into(),
                client_ip: "203.0.113.7".into(),
                extensions: vec![
                    Extension::Auth,
                    Extension::Pipelining,
                    Extension::EightBitMime,
                ],
            },
            "mail.example.net",
        );
        assert_eq!(
            lines,
            [
                "250-mail.example.net",
                "250-PIPELINING",
                "250-AUTH PLAIN LOGIN",
                "250 8BITMIME"
            ]
        );
    }
}
