//! Server flavours: every reply line the POP3 and SMTP sessions send comes from here.
//!
//! A flavour is a server *and a version*: the SMTP server whose wording and habits the
//! engine reproduces and the POP3 server it is paired with, as a provider ran them with
//! their default settings (the few settings a provider had to choose are named beside the
//! flavour). A session decides *what* to answer ([`SmtpReply`], [`Pop3Reply`]); the flavour
//! decides *how* that server words it ([`Flavour::smtp`], [`Flavour::pop3`]) and how it
//! behaves where servers differ ([`Flavour::smtp_rules`], [`Flavour::pop3_rules`]).
//!
//! | flavour | SMTP | POP3 | era |
//! |---|---|---|---|
//! | [`Flavour::Postfix311`] | Postfix 3.11.6 | Dovecot 2.4.4 | today (mail-lab's default) |
//! | [`Flavour::Postfix2001`] | Postfix-20010228 patchlevel 08 | Qpopper 4.0 | 2001 (the page's old days) |
//! | [`Flavour::Sendmail811`] | sendmail 8.11.6 | Qpopper 4.0 | 2001 |
//! | [`Flavour::Qmail103`] | qmail 1.03 `qmail-smtpd` | qmail 1.03 `qmail-popup` + `qmail-pop3d` | 1998, still run in 2001 |
//! | [`Flavour::JapaneseIsp`] | qmail 1.03, patched relay refusal | qmail 1.03 | a Japanese ISP around 2001 |
//!
//! Every reply line in `flavour/*.rs` carries a comment naming the source file it was read
//! in; `docs/mail-sources.md` lists them with versions and commits. Where a server's text
//! for a situation was not found, the flavour uses that server's generic reply for the
//! situation (or leaves the behaviour out) and says so beside the line. Texts are ASCII
//! exactly as the servers send them; nothing here is localised.

mod dovecot;
mod postfix;
mod qmail;
mod qpopper;
mod sendmail;

use core::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::address::Mailbox;
use super::policy::RelayRefusal;
use super::reply::{PopReply, Reply};
use super::time::SimTime;

/// A server pair whose wording and behaviour the engine reproduces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flavour {
    /// Postfix 3.11.6 with Dovecot 2.4.4 (POP3, and SASL for Postfix's SMTP AUTH), as
    /// installed today. The default, and mail-lab's.
    #[default]
    Postfix311,
    /// Postfix-20010228 patchlevel 08 (15 November 2001) built with Cyrus SASL, and
    /// Qpopper 4.0 for POP3 (with DRAC, the usual POP-before-SMTP daemon for both).
    Postfix2001,
    /// sendmail 8.11.6 (20 August 2001) with Cyrus SASL and STARTTLS compiled in, and
    /// Qpopper 4.0 for POP3.
    Sendmail811,
    /// qmail 1.03 (June 1998, the last release by its author, still what most qmail sites
    /// ran in 2001): `qmail-smtpd`, and `qmail-popup` with `qmail-pop3d` for POP3.
    Qmail103,
    /// A Japanese ISP around 2001 (@nifty): qmail-based, with a relay refusal that names
    /// POP before SMTP. POP3 is qmail's.
    JapaneseIsp,
}

/// The era a flavour belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Era {
    /// Around 2001, the seed article's time.
    Y2001,
    /// Today.
    Today,
}

/// The SMTP server software of a flavour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum SmtpServer {
    /// Postfix 3.11.6.
    Postfix311,
    /// Postfix-20010228-pl08.
    Postfix2001,
    /// sendmail 8.11.6.
    Sendmail811,
    /// qmail 1.03 `qmail-smtpd`.
    Qmail103,
}

/// The POP3 server software of a flavour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Pop3Server {
    /// Dovecot 2.4.4.
    Dovecot244,
    /// Qpopper 4.0.
    Qpopper40,
    /// qmail 1.03 `qmail-popup` and `qmail-pop3d`.
    QmailPop3d103,
}

impl SmtpServer {
    /// Product and version, as the audit names it.
    #[must_use]
    pub fn product(self) -> &'static str {
        match self {
            SmtpServer::Postfix311 => "Postfix 3.11.6",
            SmtpServer::Postfix2001 => "Postfix-20010228-pl08",
            SmtpServer::Sendmail811 => "sendmail 8.11.6",
            SmtpServer::Qmail103 => "qmail 1.03 (qmail-smtpd)",
        }
    }
}

impl Pop3Server {
    /// Product and version, as the audit names it.
    #[must_use]
    pub fn product(self) -> &'static str {
        match self {
            Pop3Server::Dovecot244 => "Dovecot 2.4.4",
            Pop3Server::Qpopper40 => "Qpopper 4.0",
            Pop3Server::QmailPop3d103 => "qmail 1.03 (qmail-popup, qmail-pop3d)",
        }
    }
}

impl Flavour {
    /// All flavours.
    pub const ALL: [Flavour; 5] = [
        Flavour::Postfix311,
        Flavour::Postfix2001,
        Flavour::Sendmail811,
        Flavour::Qmail103,
        Flavour::JapaneseIsp,
    ];

    /// The SMTP server.
    #[must_use]
    pub fn smtp_server(self) -> SmtpServer {
        match self {
            Flavour::Postfix311 => SmtpServer::Postfix311,
            Flavour::Postfix2001 => SmtpServer::Postfix2001,
            Flavour::Sendmail811 => SmtpServer::Sendmail811,
            Flavour::Qmail103 | Flavour::JapaneseIsp => SmtpServer::Qmail103,
        }
    }

    /// The POP3 server paired with it.
    #[must_use]
    pub fn pop3_server(self) -> Pop3Server {
        match self {
            Flavour::Postfix311 => Pop3Server::Dovecot244,
            Flavour::Postfix2001 | Flavour::Sendmail811 => Pop3Server::Qpopper40,
            Flavour::Qmail103 | Flavour::JapaneseIsp => Pop3Server::QmailPop3d103,
        }
    }

    /// When the pair was in service.
    #[must_use]
    pub fn era(self) -> Era {
        match self {
            Flavour::Postfix311 => Era::Today,
            _ => Era::Y2001,
        }
    }

    /// The command-line spelling (`postfix`, `postfix-2001`, `sendmail`, `qmail`,
    /// `japanese-isp`).
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            Flavour::Postfix311 => "postfix",
            Flavour::Postfix2001 => "postfix-2001",
            Flavour::Sendmail811 => "sendmail",
            Flavour::Qmail103 => "qmail",
            Flavour::JapaneseIsp => "japanese-isp",
        }
    }

    /// Parse the command-line spelling.
    #[must_use]
    pub fn from_cli_name(name: &str) -> Option<Flavour> {
        Flavour::ALL.into_iter().find(|f| f.cli_name() == name)
    }

    /// `SMTP product + POP3 product`, for logs.
    #[must_use]
    pub fn describe(self) -> String {
        format!(
            "{} with {}",
            self.smtp_server().product(),
            self.pop3_server().product()
        )
    }

    /// A queue id in this server's style, made deterministically from a counter and the
    /// time (real servers use the clock, inode numbers and process ids).
    #[must_use]
    pub fn queue_id(self, counter: u64, now: SimTime, unix_time: u64) -> String {
        let mut x = counter.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ now.0.rotate_left(17);
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        match self.smtp_server() {
            SmtpServer::Postfix311 | SmtpServer::Postfix2001 => postfix::queue_id(x),
            SmtpServer::Sendmail811 => sendmail::queue_id(x, unix_time),
            SmtpServer::Qmail103 => qmail::queue_id(x, unix_time),
        }
    }

    /// How this SMTP server behaves where servers differ.
    #[must_use]
    pub fn smtp_rules(self) -> SmtpRules {
        match self.smtp_server() {
            SmtpServer::Postfix311 => postfix::RULES_311,
            SmtpServer::Postfix2001 => postfix::RULES_2001,
            SmtpServer::Sendmail811 => sendmail::RULES,
            SmtpServer::Qmail103 => qmail::SMTP_RULES,
        }
    }

    /// How this POP3 server behaves where servers differ.
    #[must_use]
    pub fn pop3_rules(self) -> Pop3Rules {
        match self.pop3_server() {
            Pop3Server::Dovecot244 => dovecot::RULES,
            Pop3Server::Qpopper40 => qpopper::RULES,
            Pop3Server::QmailPop3d103 => qmail::POP3_RULES,
        }
    }

    /// The SMTP reply for `reply` from server `host`, or `None` where this server sends
    /// nothing (it closes the connection without a word).
    #[must_use]
    pub fn smtp(self, reply: &SmtpReply, host: &str) -> Option<Reply> {
        match self {
            Flavour::Postfix311 => postfix::reply_311(reply, host),
            Flavour::Postfix2001 => postfix::reply_2001(reply, host),
            Flavour::Sendmail811 => sendmail::reply(reply, host),
            Flavour::Qmail103 => qmail::smtp_reply(reply, host),
            Flavour::JapaneseIsp => match reply {
                // The ISP's own text, on the wire at @nifty: its FAQ "セカンドメールのエラー
                // メッセージの意味を教えてほしい" (faq.support.nifty.com/?p=4076) lists it,
                // and an Outlook Express error quoted at mahoro-ba.net (2007) shows the 554.
                // The patch that produces it was not found; everything else is qmail-smtpd.
                SmtpReply::RelayDenied { .. } => Some(Reply::plain(
                    554,
                    "sorry, you must get POP/APOP authorization.",
                )),
                other => qmail::smtp_reply(other, host),
            },
        }
    }

    /// The POP3 status line for `reply` from server `host`, or `None` where this server
    /// sends nothing.
    #[must_use]
    pub fn pop3(self, reply: &Pop3Reply, host: &str) -> Option<PopReply> {
        match self.pop3_server() {
            Pop3Server::Dovecot244 => dovecot::reply(reply),
            Pop3Server::Qpopper40 => qpopper::reply(reply, host),
            Pop3Server::QmailPop3d103 => qmail::pop3_reply(reply, host),
        }
    }

    /// The SMTP server has STARTTLS and its words for going ahead are known, so with a
    /// certificate (mail-lab) it runs TLS. Servers of 2001 here had none.
    #[must_use]
    pub fn smtp_has_tls(self) -> bool {
        self.smtp_rules().starttls && self.smtp(&SmtpReply::ReadyToStartTls, "").is_some()
    }

    /// The POP3 server has STLS and its words for going ahead are known.
    #[must_use]
    pub fn pop3_has_tls(self) -> bool {
        self.pop3_rules().stls && self.pop3(&Pop3Reply::StlsReady, "").is_some()
    }

    /// The lines after the status line of a CAPA reply, the final `.` included, or `None`
    /// if this POP3 server has no CAPA command. `stls`: STLS would succeed now.
    #[must_use]
    pub fn pop3_capabilities(self, logged_in: bool, stls: bool) -> Option<Vec<String>> {
        match self.pop3_server() {
            Pop3Server::Dovecot244 => Some(dovecot::capabilities(logged_in, stls)),
            Pop3Server::Qpopper40 | Pop3Server::QmailPop3d103 => None,
        }
    }

    /// The `Received:` header lines (RFC 5321 section 4.4) this SMTP server writes at the
    /// top of a message it accepts, in its own format.
    #[must_use]
    pub fn received(self, stamp: &Stamp<'_>) -> Vec<String> {
        match self.smtp_server() {
            SmtpServer::Postfix311 => postfix::received_311(stamp),
            SmtpServer::Postfix2001 => postfix::received_2001(stamp),
            SmtpServer::Sendmail811 => sendmail::received(stamp),
            SmtpServer::Qmail103 => qmail::received(stamp),
        }
    }

    /// The date this SMTP server prints in its greeting (sendmail does), for Unix time
    /// `unix` at a UTC offset of `offset_minutes`.
    #[must_use]
    pub fn greeting_date(self, unix: u64, offset_minutes: i32) -> String {
        match self.smtp_server() {
            SmtpServer::Sendmail811 => super::time::sendmail_date(unix, offset_minutes),
            _ => super::time::postfix_date(unix, offset_minutes),
        }
    }
}

/// What a server does with a command line longer than it reads at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineLimit {
    /// No limit: the whole line is one command.
    None,
    /// The first `n` octets are the command; the rest of the line is read as the next
    /// command, and so on (Postfix of 2001).
    Split(usize),
    /// The first `n` octets are the command; the rest is thrown away.
    Truncate(usize),
    /// A longer line is answered with [`SmtpReply::LineTooLong`] / [`Pop3Reply::LineTooLong`]
    /// and the connection is closed.
    Close(usize),
}

/// Where SMTP servers behave differently (the wording aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SmtpRules {
    /// Long command lines.
    pub line_limit: LineLimit,
    /// HELO/EHLO without a name is refused (qmail accepts it).
    pub helo_needs_name: bool,
    /// A second HELO/EHLO is refused (sendmail).
    pub duplicate_helo_refused: bool,
    /// A second MAIL in a transaction is refused (qmail starts a new one).
    pub nested_mail_refused: bool,
    /// Most recipients per message.
    pub rcpt_limit: Option<usize>,
    /// RCPT TO an unknown user of the local domain is refused at once (otherwise it is
    /// accepted and the message bounces later; the simulation just drops it).
    pub unknown_local_user_refused: bool,
    /// DATA, RSET and NOOP with an argument are refused (Postfix).
    pub refuses_arguments: bool,
    /// DATA before MAIL is answered "need MAIL" (sendmail, qmail) rather than "need RCPT".
    pub data_needs_mail_first: bool,
    /// MAIL/RCPT parameters the server knows; any other is refused. `None`: parameters are
    /// not checked.
    pub mail_params: Option<&'static [&'static str]>,
    /// RCPT parameters the server knows (as `mail_params`).
    pub rcpt_params: Option<&'static [&'static str]>,
    /// Addresses are taken as qmail takes them: whatever is between `<` and `>`.
    pub lenient_addresses: bool,
    /// SMTP AUTH: `None` if the server has no AUTH command (qmail 1.03).
    pub auth: Option<AuthRules>,
    /// The server knows STARTTLS (and answers it even where no certificate is set up).
    pub starttls: bool,
    /// The submission service (port 587) runs the master.cf template: TLS required, AUTH
    /// required, refused at RCPT with "Access denied" (Postfix 3.11). Otherwise the
    /// submission port behaves like port 25.
    pub submission_template: bool,
    /// After this many error replies the server says goodbye (Postfix: `>= n` errors for
    /// 3.11, `> n` for 2001 — both stored here as the count that triggers it).
    pub error_limit: Option<u32>,
    /// Only unknown commands count towards the error limit (sendmail).
    pub error_limit_counts_unknown_only: bool,
    /// An unknown command that looks like a header or starts with a non-letter ends the
    /// session (Postfix 3.11's `smtpd_forbid_cmds`).
    pub forbids_non_smtp: bool,
    /// The server has a HELP command whose text is known.
    pub help: bool,
    /// Command lines must be valid UTF-8 (Postfix 3.11, `smtputf8_enable = yes`).
    pub checks_utf8: bool,
}

/// How a server runs SMTP AUTH.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthRules {
    /// The mechanisms offered, in the order EHLO lists them.
    pub mechanisms: &'static [&'static str],
    /// AUTH inside a mail transaction is refused.
    pub refused_in_transaction: bool,
    /// AUTH without a mechanism gets its own reply (otherwise it counts as an unknown
    /// mechanism).
    pub syntax_reply: bool,
}

/// Where POP3 servers behave differently (the wording aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pop3Rules {
    /// Long lines before login.
    pub line_limit_before_login: LineLimit,
    /// Long lines after login.
    pub line_limit_after_login: LineLimit,
    /// The greeting carries an APOP timestamp and APOP works.
    pub apop: bool,
    /// A failed USER/PASS login closes the connection (qmail-popup).
    pub failed_pass_closes: bool,
    /// A failed APOP closes the connection (Qpopper, qmail-popup).
    pub failed_apop_closes: bool,
    /// USER is refused without an argument (qmail-popup; Dovecot takes anything).
    pub user_needs_argument: bool,
    /// SASL AUTH (RFC 5034) with PLAIN.
    pub sasl_plain: bool,
    /// Consecutive unknown commands before login that end the session.
    pub bad_commands_before_login: Option<u32>,
    /// Consecutive failed commands after login that end the session (more than this).
    pub bad_commands_after_login: Option<u32>,
    /// STAT counts messages marked deleted (qmail-pop3d), though not their octets.
    pub stat_counts_deleted: bool,
    /// Octets are counted as stored with LF line ends (qmail's maildir files), not CRLF.
    pub lf_octets: bool,
    /// RETR and TOP end the message with an extra empty line (qmail-pop3d).
    pub blank_line_before_dot: bool,
    /// QUIT says whether messages were deleted (Dovecot), once any DELE happened.
    pub quit_mentions_deletion: bool,
    /// How message numbers are read.
    pub numbers: NumberParsing,
    /// The server has LAST (RFC 1460) with a known reply.
    pub last: bool,
    /// The server has STLS (RFC 2595) with a known reply.
    pub stls: bool,
    /// Commands are checked for their number of arguments (Qpopper's state table).
    pub counts_arguments: bool,
    /// USER moves to a state where only PASS and QUIT are valid (Qpopper's `auth2`).
    pub user_then_pass_only: bool,
}

/// How a POP3 server reads a message-number argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberParsing {
    /// Leading digits only, the rest ignored (qmail's `scan_ulong`).
    LeadingDigits,
    /// C's `atoi`: leading digits, anything else is 0 (Qpopper).
    Atoi,
    /// Digits, then nothing else (Dovecot's `get_msgnum`).
    Strict,
}

/// An ESMTP extension the session offers in its EHLO reply; the flavour adds the ones its
/// server always lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Extension {
    /// RFC 3207, where the session offers it.
    StartTls,
    /// RFC 4954, where the session offers it.
    Auth,
    /// RFC 8689, listed inside TLS by servers that have it (Postfix 3.11).
    RequireTls,
}

/// The client's HELO/EHLO, as the session records it for replies and `Received:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Protocol {
    /// After HELO (or none at all).
    Smtp,
    /// After EHLO.
    Esmtp,
}

/// What a `Received:` header records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp<'a> {
    /// The server's own name.
    pub host: &'a str,
    /// The name the client gave in HELO/EHLO, if any (printable ASCII).
    pub helo: Option<&'a str>,
    /// The IP address the connection came from (the one the allowlist judged).
    pub client_ip: IpAddr,
    /// HELO or EHLO.
    pub protocol: Protocol,
    /// STARTTLS was completed.
    pub tls: bool,
    /// The client authenticated with SMTP AUTH.
    pub authenticated: bool,
    /// The submission template hides the client (`smtpd_hide_client_session`).
    pub hide_client: bool,
    /// The queue id.
    pub queue_id: &'a str,
    /// The accepted recipients.
    pub recipients: &'a [Mailbox],
    /// The first recipient as the client typed it (sendmail's `$u`).
    pub first_rcpt_as_typed: &'a str,
    /// When the transaction started (Unix seconds).
    pub unix_time: u64,
    /// The server clock's UTC offset in minutes.
    pub utc_offset_minutes: i32,
}

/// A SASL prompt in a 334 challenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AuthPrompt {
    /// The empty challenge of PLAIN.
    Empty,
    /// `Username:` (LOGIN).
    Username,
    /// `Password:` (LOGIN).
    Password,
}

impl AuthPrompt {
    /// The prompt's text, before base64.
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            AuthPrompt::Empty => "",
            AuthPrompt::Username => "Username:",
            AuthPrompt::Password => "Password:",
        }
    }

    /// The base64 the server sends (`334 VXNlcm5hbWU6`).
    #[must_use]
    pub fn encoded(self) -> &'static str {
        match self {
            AuthPrompt::Empty => "",
            AuthPrompt::Username => "VXNlcm5hbWU6",
            AuthPrompt::Password => "UGFzc3dvcmQ6",
        }
    }
}

/// What an SMTP session answers, before wording. Texts a client sent are carried as typed
/// (the session has already made them printable ASCII).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmtpReply {
    /// 220 on connect.
    Greeting {
        /// The server's clock then, in the server's own date format (sendmail prints it).
        date: String,
    },
    /// 250 multi-line reply to EHLO.
    Ehlo {
        /// The client's address.
        client_ip: IpAddr,
        /// Extensions the session offers beyond the server's fixed list.
        offered: Vec<Extension>,
        /// The SIZE limit in octets.
        size_limit: usize,
    },
    /// 250 reply to HELO.
    Helo {
        /// The client's address.
        client_ip: IpAddr,
    },
    /// HELO/EHLO without a name.
    HeloSyntax {
        /// The verb as the client typed it.
        verb: String,
    },
    /// A second HELO/EHLO (sendmail refuses it).
    DuplicateHelo,
    /// MAIL FROM accepted.
    SenderOk {
        /// The path as typed (`<hanako@example.net>`).
        path: String,
    },
    /// RCPT TO accepted.
    RecipientOk {
        /// The path as typed.
        path: String,
    },
    /// Relaying refused at RCPT TO (or, on the submission template, any recipient of an
    /// unauthenticated client).
    RelayDenied {
        /// The recipient.
        rcpt: Mailbox,
        /// The path as typed.
        path: String,
        /// The policy reason.
        refusal: RelayRefusal,
    },
    /// No such user in the local domain.
    UnknownLocalUser {
        /// The recipient.
        rcpt: Mailbox,
        /// The path as typed.
        path: String,
    },
    /// Too many recipients.
    TooManyRecipients,
    /// 354 after DATA.
    StartMailInput,
    /// 250 after the final dot.
    Queued {
        /// The queue id.
        queue_id: String,
    },
    /// The message is larger than the server takes.
    MessageTooBig {
        /// Refused at MAIL because of `SIZE=` (otherwise after the final dot).
        declared: bool,
        /// The limit in octets.
        limit: usize,
    },
    /// MAIL refused: too little room left to queue a message.
    InsufficientStorage,
    /// After the final dot: the message could not be written to the queue (no room).
    QueueWriteError,
    /// 250 to RSET.
    ResetOk,
    /// 250 to NOOP.
    NoopOk,
    /// The reply to VRFY.
    Verify {
        /// The argument.
        arg: String,
    },
    /// VRFY without an argument.
    VerifySyntax,
    /// 221 to QUIT.
    Bye,
    /// A command that needs MAIL first.
    NeedMail {
        /// It was DATA (sendmail words that differently from RCPT).
        data: bool,
    },
    /// DATA before a successful RCPT.
    NeedRcpt,
    /// DATA when every RCPT was refused.
    NoValidRecipients,
    /// A second MAIL in a transaction.
    NestedMail,
    /// MAIL without `FROM:` where it belongs.
    MailSyntax {
        /// The word after MAIL, up to `:` or a space, as typed.
        word: String,
    },
    /// MAIL FROM with an address that does not parse.
    BadSender {
        /// The word after MAIL, as typed.
        word: String,
    },
    /// RCPT without `TO:` where it belongs.
    RcptSyntax {
        /// The word after RCPT, as typed.
        word: String,
    },
    /// RCPT TO with an address that does not parse.
    BadRecipient {
        /// The word after RCPT, as typed.
        word: String,
    },
    /// `RCPT TO:` with nothing after it.
    MissingRecipient,
    /// A MAIL or RCPT parameter the server does not know.
    UnsupportedOption {
        /// The parameter as typed.
        param: String,
    },
    /// A command that takes no argument got one.
    NoArgumentsAllowed {
        /// The verb, upper-cased.
        verb: String,
    },
    /// Unknown verb.
    UnknownCommand {
        /// The whole line as typed (printable ASCII).
        line: String,
    },
    /// An empty command line.
    EmptyLine,
    /// A command line that is not valid UTF-8 (Postfix 3.11 with `smtputf8_enable`).
    BadUtf8,
    /// A header-like or non-letter command (Postfix 3.11 hangs up).
    NonSmtpCommand,
    /// Too many errors in one session: the server hangs up.
    TooManyErrors,
    /// The qmail HELP text.
    Help,
    /// A command line longer than the server takes.
    LineTooLong {
        /// The client's address.
        client_ip: IpAddr,
    },
    /// AUTH where the session does not offer it.
    AuthNotEnabled,
    /// AUTH twice.
    AlreadyAuthenticated,
    /// AUTH during a mail transaction.
    AuthDuringTransaction,
    /// AUTH without a mechanism.
    AuthSyntax,
    /// A mechanism the server does not offer.
    AuthMechanismUnsupported {
        /// The mechanism as typed.
        mech: String,
    },
    /// `334` challenge.
    AuthChallenge {
        /// Which prompt.
        prompt: AuthPrompt,
    },
    /// Authentication succeeded.
    AuthSucceeded,
    /// Wrong user or password.
    AuthFailed,
    /// The client sent `*`.
    AuthCancelled,
    /// A response that is not base64.
    AuthBadBase64 {
        /// It was the initial response on the AUTH line (not a later continuation).
        initial: bool,
        /// The response as typed.
        input: String,
    },
    /// A command before STARTTLS where TLS is required.
    StartTlsRequired,
    /// 220 to STARTTLS.
    ReadyToStartTls,
    /// STARTTLS where the server has it but no TLS is set up on this service.
    StartTlsUnavailable,
    /// STARTTLS again inside TLS.
    TlsAlreadyActive,
    /// The client idled too long.
    Timeout {
        /// The client's address.
        client_ip: IpAddr,
    },
    /// The server has too many connections.
    TooManyConnections {
        /// The client's address.
        client_ip: IpAddr,
    },
}

/// A message-number argument that does not name a message to act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadNumber {
    /// Not a number at all (the argument as typed).
    NotANumber(String),
    /// Digits followed by something else (the rest as typed).
    Noise(String),
    /// Zero.
    Zero,
    /// Larger than the number of messages (the number).
    TooLarge(u64),
    /// Marked deleted (the number).
    Deleted(u64),
    /// No argument where one is required.
    Missing,
}

/// Which command a POP3 message-number problem came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberedCommand {
    /// LIST n.
    List,
    /// RETR n.
    Retr,
    /// TOP n m.
    Top,
    /// DELE n.
    Dele,
    /// UIDL n.
    Uidl,
}

/// What a POP3 session answers, before wording. Multi-line bodies are added by the
/// session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pop3Reply {
    /// The greeting.
    Greeting {
        /// `<pid.clock@host>`, the APOP timestamp (used where APOP is on).
        timestamp: String,
    },
    /// The status line of a CAPA reply.
    CapabilityList,
    /// USER accepted.
    UserAccepted {
        /// The name given.
        user: String,
    },
    /// Logged in.
    LoggedIn {
        /// The user.
        user: String,
        /// Messages in the maildrop.
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// A failed PASS/APOP/AUTH.
    AuthFailed {
        /// The user name tried.
        user: String,
    },
    /// PASS without USER.
    UserFirst,
    /// A command with a missing or malformed argument.
    BadSyntax {
        /// The command as typed.
        command: String,
        /// Too many arguments rather than too few.
        too_many: bool,
    },
    /// TOP with a line count that is not a number (Dovecot).
    InvalidSize {
        /// The rest of the argument as typed.
        arg: String,
    },
    /// APOP where it is not enabled.
    ApopNotEnabled,
    /// STLS where no TLS is set up for POP3 (Dovecot).
    StlsUnavailable,
    /// STLS accepted: the TLS handshake follows (RFC 2595 section 4).
    StlsReady,
    /// STLS inside TLS.
    StlsAlreadyActive,
    /// LAST (RFC 1460; Dovecot has it switched off, qmail-pop3d answers it).
    Last {
        /// The highest message number touched.
        number: usize,
    },
    /// The `+ ` continuation of SASL AUTH without an initial response.
    SaslContinue,
    /// AUTH with a mechanism the server does not offer.
    SaslMechanismUnsupported,
    /// A SASL response that is not base64.
    SaslBadBase64 {
        /// It was the initial response on the AUTH line.
        initial: bool,
    },
    /// The client cancelled SASL with `*`.
    SaslCancelled,
    /// The status line of AUTH without arguments (the mechanism list follows).
    SaslMechanismList,
    /// `+OK n m`.
    Stat {
        /// Messages (qmail-pop3d counts those marked deleted too).
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// The status line of LIST.
    ScanListing {
        /// Messages not marked deleted.
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// LIST n.
    ScanLine {
        /// Message number.
        number: usize,
        /// Size in octets.
        octets: usize,
    },
    /// The status line of RETR.
    RetrFollows {
        /// Size in octets.
        octets: usize,
    },
    /// The status line of TOP.
    TopFollows,
    /// The status line of UIDL.
    UidlListing,
    /// UIDL n.
    UidlLine {
        /// Message number.
        number: usize,
        /// Unique id.
        uid: String,
    },
    /// DELE accepted.
    Deleted {
        /// Message number.
        number: usize,
    },
    /// A bad message number.
    BadNumber {
        /// The command.
        command: NumberedCommand,
        /// What is wrong.
        problem: BadNumber,
        /// Messages in the maildrop (some servers name the range).
        count: usize,
    },
    /// NOOP.
    NoopOk,
    /// RSET.
    ResetOk {
        /// Messages after unmarking.
        count: usize,
        /// Their total size.
        octets: usize,
    },
    /// QUIT.
    SigningOff {
        /// QUIT came after login.
        logged_in: bool,
        /// Messages were marked deleted during the session.
        deleted: bool,
    },
    /// An unknown command (or one not valid in this state).
    UnknownCommand {
        /// The command word as typed.
        command: String,
        /// After login.
        logged_in: bool,
    },
    /// A line longer than the server takes.
    LineTooLong {
        /// After login.
        logged_in: bool,
    },
    /// Too many bad commands: the server hangs up.
    TooManyBadCommands {
        /// After login.
        logged_in: bool,
    },
    /// A connection over the server's limit.
    TooManyConnections,
}

/// Client-supplied text echoed in a reply: printable ASCII only (no CR/LF can be injected
/// into the wire), at most `max` characters.
#[must_use]
pub fn printable(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| (' '..='~').contains(c))
        .take(max)
        .collect()
}

/// `n thing` or `n things`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The address as servers print it in `[...]`: IPv6 with the `IPv6:` tag (RFC 5321 4.1.3).
fn address_literal(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("IPv6:{v6}"),
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
    fn every_flavour_names_its_products_and_round_trips_its_cli_name() {
        for f in Flavour::ALL {
            assert_eq!(Flavour::from_cli_name(f.cli_name()), Some(f));
            assert!(f.describe().contains(f.smtp_server().product()));
        }
        assert_eq!(Flavour::default(), Flavour::Postfix311);
        assert_eq!(Flavour::Postfix311.era(), Era::Today);
        assert_eq!(Flavour::Postfix2001.era(), Era::Y2001);
    }

    #[test]
    fn printable_strips_controls_and_bounds_length() {
        assert_eq!(printable("a\r\nb\u{7f}c", 10), "abc");
        assert_eq!(printable("abcdef", 3), "abc");
    }
}
