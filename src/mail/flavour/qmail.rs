//! qmail 1.03's wording: `qmail-smtpd`, `qmail-popup` and `qmail-pop3d`.
//!
//! Read in the pristine qmail 1.03 tarball as imported by notqmail (`notqmail/notqmail`
//! tag `qmail-1.03`, `f5df10d17375…`): `qmail-smtpd.c`, `qmail-popup.c`, `qmail-pop3d.c`,
//! `received.c`, `date822fmt.c`, `commands.c`. qmail 1.03 has no SIZE, AUTH, STARTTLS or
//! CAPA: those came later, by patch (and in netqmail/notqmail). Set-up as "Life with
//! qmail" describes it: `tcpserver -R -l "$(head -1 control/me)"`, so `TCPLOCALHOST` is the
//! server's name and there is no ident lookup; POP3 logins go through a
//! checkpassword-compatible program that also accepts APOP (vpopmail's `vchkpw`; DJB's own
//! checkpassword does not).

use super::{
    BadNumber, LineLimit, NumberParsing, Pop3Reply, Pop3Rules, SmtpReply, SmtpRules, Stamp,
};
use crate::mail::reply::{PopReply, Reply};
use crate::mail::time::qmail_date;

/// `code text`.
fn p(code: u16, text: impl Into<String>) -> Reply {
    Reply::plain(code, text)
}

/// qmail-smtpd 1.03.
pub(super) const SMTP_RULES: SmtpRules = SmtpRules {
    // commands.c has no length limit.
    line_limit: LineLimit::None,
    // qmail-smtpd.c `smtp_helo`/`smtp_ehlo`: `dohelo(arg)` with any argument, even none.
    helo_needs_name: false,
    duplicate_helo_refused: false,
    // `smtp_mail` starts a new transaction whenever it is called.
    nested_mail_refused: false,
    rcpt_limit: None,
    // RCPT is accepted; qmail-local bounces "Sorry, no mailbox here by that name.".
    unknown_local_user_refused: false,
    // commands.c hands the rest of the line to the command, which ignores it.
    refuses_arguments: false,
    data_needs_mail_first: true,
    mail_params: None,
    rcpt_params: None,
    // `addrparse()`: whatever is between `<` and `>`.
    lenient_addresses: true,
    auth: None,
    starttls: false,
    submission_template: false,
    error_limit: None,
    error_limit_counts_unknown_only: false,
    forbids_non_smtp: false,
    help: true,
    checks_utf8: false,
};

/// qmail-popup 1.03 and qmail-pop3d 1.03.
pub(super) const POP3_RULES: Pop3Rules = Pop3Rules {
    line_limit_before_login: LineLimit::None,
    line_limit_after_login: LineLimit::None,
    apop: true,
    // qmail-popup.c `doanddie`: checkpassword fails, "-ERR authorization failed", exit.
    failed_pass_closes: true,
    failed_apop_closes: true,
    user_needs_argument: true,
    sasl_plain: false,
    bad_commands_before_login: None,
    bad_commands_after_login: None,
    // qmail-pop3d.c `pop3_stat`: `numm` counts every message, the total skips deleted.
    stat_counts_deleted: true,
    // Maildir files keep LF line ends; `st_size` is what LIST reports.
    lf_octets: true,
    // qmail-pop3d.c `blast`: `put("\r\n.\r\n",5)` after the last line.
    blank_line_before_dot: true,
    quit_mentions_deletion: false,
    numbers: NumberParsing::LeadingDigits,
    last: true,
    stls: false,
    counts_arguments: false,
    user_then_pass_only: false,
};

/// qmail-smtpd.c `acceptmessage`: `<unix time> qp <qmail-queue pid>`.
pub(super) fn queue_id(x: u64, unix_time: u64) -> String {
    format!("{unix_time} qp {}", (x % 30_000).saturating_add(1000))
}

/// qmail-smtpd 1.03 (qmail-smtpd.c).
pub(super) fn smtp_reply(reply: &SmtpReply, host: &str) -> Option<Reply> {
    use SmtpReply as R;
    Some(match reply {
        // `smtp_greet("220 ")` + " ESMTP" (greeting: control/smtpgreeting, or control/me).
        R::Greeting { .. } => p(220, format!("{host} ESMTP")),
        // `smtp_ehlo`: nothing else in 1.03.
        R::Ehlo { .. } => Reply::lines(
            250,
            None,
            &[
                host.to_owned(),
                "PIPELINING".to_owned(),
                "8BITMIME".to_owned(),
            ],
        ),
        R::Helo { .. } => p(250, host),
        R::SenderOk { .. } | R::RecipientOk { .. } => p(250, "ok"),
        // `err_nogateway`.
        R::RelayDenied { .. } => p(
            553,
            "sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
        ),
        R::StartMailInput => p(354, "go ahead"),
        // `acceptmessage`.
        R::Queued { queue_id } => p(250, format!("ok {queue_id}")),
        // `smtp_data` after the dot (no SIZE in 1.03).
        R::MessageTooBig { .. } => p(
            552,
            "sorry, that message size exceeds my databytes limit (#5.3.4)",
        ),
        // qmail.c `qmail_close` "Zqq write error or disk full (#4.3.0)", which
        // qmail-smtpd.c `smtp_data` sends as "451 " and the text after `Z`.
        R::QueueWriteError => p(451, "qq write error or disk full (#4.3.0)"),
        R::ResetOk => p(250, "flushed"),
        // `err_noop`.
        R::NoopOk => p(250, "ok"),
        // `err_vrfy`, with or without an argument.
        R::Verify { .. } | R::VerifySyntax => p(252, "send some mail, i'll try my best"),
        // `smtp_quit`: "221 " + greeting.
        R::Bye => p(221, host),
        R::NeedMail { .. } => p(503, "MAIL first (#5.5.1)"),
        R::NeedRcpt | R::NoValidRecipients => p(503, "RCPT first (#5.5.1)"),
        // `err_syntax` (only an address over 900 octets fails `addrparse`).
        R::MailSyntax { .. }
        | R::RcptSyntax { .. }
        | R::BadSender { .. }
        | R::BadRecipient { .. }
        | R::MissingRecipient => p(555, "syntax error (#5.5.4)"),
        // `err_unimpl`: the answer to anything unknown, AUTH and STARTTLS included.
        R::UnknownCommand { .. } | R::EmptyLine | R::AuthNotEnabled | R::StartTlsUnavailable => {
            p(502, "unimplemented (#5.5.1)")
        }
        // `smtp_help`.
        R::Help => p(214, "qmail home page: http://pobox.com/~djb/qmail.html"),
        // `die_alarm` (control/timeoutsmtpd, 1200 s by default).
        R::Timeout { .. } => p(451, "timeout (#4.4.2)"),
        // Not in qmail 1.03: the session never asks (tcpserver -c simply stops
        // accepting more connections).
        R::HeloSyntax { .. }
        | R::DuplicateHelo
        | R::UnknownLocalUser { .. }
        | R::TooManyRecipients
        // qmail-smtpd checks no free space at MAIL: a full disk shows at the final dot.
        | R::InsufficientStorage
        | R::NestedMail
        | R::UnsupportedOption { .. }
        | R::NoArgumentsAllowed { .. }
        | R::NonSmtpCommand
        | R::BadUtf8
        | R::TooManyErrors
        | R::LineTooLong { .. }
        | R::AlreadyAuthenticated
        | R::AuthDuringTransaction
        | R::AuthSyntax
        | R::AuthMechanismUnsupported { .. }
        | R::AuthChallenge { .. }
        | R::AuthSucceeded
        | R::AuthFailed
        | R::AuthCancelled
        | R::AuthBadBase64 { .. }
        | R::StartTlsRequired
        | R::ReadyToStartTls
        | R::TlsAlreadyActive
        | R::TooManyConnections { .. } => return None,
    })
}

/// received.c `safeput`: anything but letters, digits and `.@%+/=:-` becomes `?`.
fn safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".@%+/=:-".contains(c) {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// received.c `received()`: `from <remotehost> (HELO <helo>) (<remoteip>)` and, indented
/// by two spaces, `by <local> with SMTP; <date>`. `remotehost` is `unknown` without a
/// reverse DNS name; the HELO part appears when it differs from it (qmail-smtpd.c
/// `dohelo`); the protocol is always `SMTP`; the date is UTC (date822fmt.c).
pub(super) fn received(stamp: &Stamp<'_>) -> Vec<String> {
    let helo = match stamp.helo {
        Some(h) if !h.eq_ignore_ascii_case("unknown") => format!(" (HELO {})", safe(h)),
        _ => String::new(),
    };
    vec![
        format!(
            "Received: from unknown{helo} ({})",
            safe(&stamp.client_ip.to_string())
        ),
        format!(
            "  by {} with SMTP; {}",
            safe(stamp.host),
            qmail_date(stamp.unix_time)
        ),
    ]
}

/// qmail-popup 1.03 (before login) and qmail-pop3d 1.03 (after): terse, `+OK ` with a
/// space, `-ERR ` with one word or three.
pub(super) fn pop3_reply(reply: &Pop3Reply, _host: &str) -> Option<PopReply> {
    use Pop3Reply as P;
    // qmail-popup.c / qmail-pop3d.c `okay()`: "+OK \r\n".
    let ok = || PopReply::ok(" ");
    Some(match reply {
        // qmail-popup.c `pop3_greet`: "+OK <pid.time@hostname>".
        P::Greeting { timestamp } => PopReply::ok(&format!(" {timestamp}")),
        // qmail-popup.c `pop3_user`, qmail-pop3d.c `main` after the maildir scan, and
        // every other `okay()`.
        P::UserAccepted { .. }
        | P::LoggedIn { .. }
        | P::RetrFollows { .. }
        | P::TopFollows
        | P::ScanListing { .. }
        | P::UidlListing
        | P::Deleted { .. }
        | P::NoopOk
        | P::ResetOk { .. }
        | P::SigningOff { .. } => ok(),
        // qmail-popup.c `die_badauth` (the connection then closes).
        P::AuthFailed { .. } => PopReply::err(" authorization failed"),
        P::UserFirst => PopReply::err(" USER first"),
        P::BadSyntax { .. } => PopReply::err(" syntax error"),
        // qmail-pop3d.c `pop3_stat`.
        P::Stat { count, octets } => PopReply::ok(&format!(" {count} {octets}")),
        // qmail-pop3d.c `dolisting`: "+OK " then `list()`.
        P::ScanLine { number, octets } => PopReply::ok(&format!(" {number} {octets}")),
        P::UidlLine { number, uid } => PopReply::ok(&format!(" {number} {uid}")),
        // qmail-pop3d.c `pop3_last`.
        P::Last { number } => PopReply::ok(&format!(" {number}")),
        // qmail-pop3d.c `msgno`.
        P::BadNumber { problem, .. } => match problem {
            BadNumber::NotANumber(_) | BadNumber::Noise(_) | BadNumber::Missing => {
                PopReply::err(" syntax error")
            }
            BadNumber::Zero => PopReply::err(" messages are counted from 1"),
            BadNumber::TooLarge(_) => PopReply::err(" not that many messages"),
            BadNumber::Deleted(_) => PopReply::err(" already deleted"),
        },
        // qmail-popup.c `err_authoriz` (before login, for anything else),
        // qmail-pop3d.c `err_unimpl` (after).
        P::UnknownCommand {
            logged_in: false, ..
        } => PopReply::err(" authorization first"),
        P::UnknownCommand {
            logged_in: true, ..
        } => PopReply::err(" unimplemented"),
        // No CAPA, SASL AUTH, line limit or connection limit in qmail 1.03: never asked.
        P::CapabilityList
        | P::ApopNotEnabled
        | P::InvalidSize { .. }
        | P::SaslContinue
        | P::SaslMechanismUnsupported
        | P::SaslBadBase64 { .. }
        | P::StlsUnavailable
        | P::StlsReady
        | P::StlsAlreadyActive
        | P::SaslCancelled
        | P::SaslMechanismList
        | P::LineTooLong { .. }
        | P::TooManyBadCommands { .. }
        | P::TooManyConnections => return None,
    })
}
