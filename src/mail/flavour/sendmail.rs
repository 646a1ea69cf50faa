//! sendmail 8.11.6's wording.
//!
//! Read in NetBSD's import of sendmail 8.11 (`NetBSD/src` at `0a089e304a74…`,
//! `gnu/dist/sendmail/sendmail/srvrsmtp.c` rev 8.471.2.2.2.58 of 2000/09/21 = 8.11.1, and
//! `gnu/dist/sendmail/cf/m4/proto.m4`, `cfhead.m4`), with `err.c` of 8.10.1 for how
//! `usrerr()` adds `5.0.0`/`4.0.0` and `fmtmsg()` puts `<address>... ` in front, and
//! sendmail 8.12.11 (`hrs-allbsd/sendmail` tag `sendmail-8.12.11`) for `collect.c`,
//! `arpadate.c`, `libsmutil/snprintf.c` (`shortenstring`) and `queue.c`
//! (`assign_queueid`) where no 8.11 copy was found. The `.mc` a provider wrote for this
//! flavour: `TRUST_AUTH_MECH` off, `confAUTH_MECHANISMS` `LOGIN PLAIN`,
//! `confMAX_MESSAGE_SIZE` 10240000 and `confPRIVACY_FLAGS` `authwarnings,novrfy`; STARTTLS
//! compiled in but no certificate configured.

use super::{AuthRules, LineLimit, Protocol, SmtpReply, SmtpRules, Stamp, address_literal};
use crate::mail::reply::Reply;
use crate::mail::time::{civil, sendmail_date};

/// `code class.subject.detail text`.
fn e(code: u16, enhanced: (u8, u16, u16), text: impl Into<String>) -> Reply {
    Reply::enhanced(code, enhanced, text)
}

/// sendmail 8.11.6 as configured above.
pub(super) const RULES: SmtpRules = SmtpRules {
    // No "line too long" reply was found in 8.11 (8.18's is for SASL builds only): the
    // whole line is one command.
    line_limit: LineLimit::None,
    helo_needs_name: true,
    duplicate_helo_refused: true,
    nested_mail_refused: true,
    // `MaxRecipientsPerMessage` is unlimited by default.
    rcpt_limit: None,
    unknown_local_user_refused: true,
    // DATA, RSET and NOOP ignore arguments (no "no parameters allowed" reply for them).
    refuses_arguments: false,
    data_needs_mail_first: true,
    // Parameters are judged by sendmail's `mail_esmtp_args`; their refusals were not read,
    // so the simulation does not check them.
    mail_params: None,
    rcpt_params: None,
    lenient_addresses: false,
    auth: Some(AuthRules {
        mechanisms: &["LOGIN", "PLAIN"],
        refused_in_transaction: true,
        // 8.11 has no separate reply for AUTH without a mechanism: it is an unknown one.
        syntax_reply: false,
    }),
    starttls: true,
    submission_template: false,
    // srvrsmtp.c `MAXBADCOMMANDS` 25: unknown commands only.
    error_limit: Some(26),
    error_limit_counts_unknown_only: true,
    forbids_non_smtp: false,
    // HELP answers from the helpfile, whose 8.11 text was not read: left out (the
    // simulation answers it as an unknown command).
    help: false,
    checks_utf8: false,
};

/// queue.c `assign_queueid` (8.12.11): year, month, day, hour, minute and second as one
/// character each, two sequence characters, then the process id.
pub(super) fn queue_id(x: u64, unix_time: u64) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let t = civil(unix_time, 0);
    let pick = |n: u64| {
        let i = usize::try_from(n % 60).unwrap_or(0);
        CHARS.get(i).map_or('0', |b| char::from(*b))
    };
    let year = u64::try_from(t.year.rem_euclid(100).saturating_add(100)).unwrap_or(0);
    let seq = x % 3600;
    let pid = (x >> 12) % 100_000;
    let mut id = String::new();
    for n in [
        year,
        u64::from(t.month).saturating_sub(1),
        u64::from(t.day),
        u64::from(t.hour),
        u64::from(t.minute),
        u64::from(t.second),
        seq / 60,
        seq,
    ] {
        id.push(pick(n));
    }
    id.push_str(&format!("{pid:06}"));
    id
}

/// `CurSmtpClient` without a reverse DNS name: `[ip]` (daemon.c `getauthinfo`).
fn client(ip: core::net::IpAddr) -> String {
    format!("[{}]", address_literal(ip))
}

/// libsmutil/snprintf.c `shortenstring(s, MAXSHORTSTR)`: longer than 202 characters
/// becomes the first 100, `...`, the last 100.
fn shorten(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 203 {
        return s.to_owned();
    }
    let head: String = chars.iter().take(100).collect();
    let tail: String = chars.iter().skip(chars.len().saturating_sub(100)).collect();
    format!("{head}...{tail}")
}

/// sendmail 8.11.6 (srvrsmtp.c unless noted).
pub(super) fn reply(reply: &SmtpReply, host: &str) -> Option<Reply> {
    use SmtpReply as R;
    Some(match reply {
        // cfhead.m4 `confSMTP_LOGIN_MSG` "$j Sendmail $v/$Z; $b", srvrsmtp.c inserts
        // "ESMTP" as the second word.
        R::Greeting { date } => {
            Reply::plain(220, format!("{host} ESMTP Sendmail 8.11.6/8.11.6; {date}"))
        }
        // srvrsmtp.c `case CMDEHLO`: no PIPELINING in 8.11; EXPN, VERB, DSN, ONEX, ETRN,
        // XUSR and HELP always; SIZE with `MaxMessageSize`.
        R::Ehlo {
            client_ip,
            offered,
            size_limit,
        } => {
            let mut texts = vec![
                format!("{host} Hello {}, pleased to meet you", client(*client_ip)),
                "ENHANCEDSTATUSCODES".to_owned(),
                "EXPN".to_owned(),
                "VERB".to_owned(),
                "8BITMIME".to_owned(),
                format!("SIZE {size_limit}"),
                "DSN".to_owned(),
                "ONEX".to_owned(),
                "ETRN".to_owned(),
                "XUSR".to_owned(),
            ];
            if offered.contains(&super::Extension::Auth) {
                texts.push("AUTH LOGIN PLAIN".to_owned());
            }
            if offered.contains(&super::Extension::StartTls) {
                texts.push("STARTTLS".to_owned());
            }
            texts.push("HELP".to_owned());
            Reply::lines(250, None, &texts)
        }
        // "250 %s Hello %s, %s"
        R::Helo { client_ip } => Reply::plain(
            250,
            format!("{host} Hello {}, pleased to meet you", client(*client_ip)),
        ),
        // usrerr("501 %s requires domain address", cmdbuf) + err.c's 5.0.0.
        R::HeloSyntax { verb } => e(501, (5, 0, 0), format!("{verb} requires domain address")),
        R::DuplicateHelo => e(503, (5, 0, 0), format!("{host} Duplicate HELO/EHLO")),
        // message("250 2.1.0 Sender ok") with err.c's "<e_to>... " (the address as typed).
        R::SenderOk { path } => e(250, (2, 1, 0), format!("{path}... Sender ok")),
        R::RecipientOk { path } => e(250, (2, 1, 5), format!("{path}... Recipient ok")),
        // proto.m4 `confRELAY_MSG` "550 Relaying denied", ruleset Rcpt_ok with 5.7.1.
        // 8.11 has no "Proper authentication required." variant.
        R::RelayDenied { path, .. } => e(550, (5, 7, 1), format!("{path}... Relaying denied")),
        // recipient.c / libsm strexit.c (read in 8.12.11).
        R::UnknownLocalUser { path, .. } => e(550, (5, 1, 1), format!("{path}... User unknown")),
        // Only with MaxRecipientsPerMessage: never asked here.
        R::TooManyRecipients => e(452, (4, 5, 3), "Too many recipients"),
        // collect.c (read in 8.12.11).
        R::StartMailInput => Reply::plain(354, "Enter mail, end with \".\" on a line by itself"),
        R::Queued { queue_id } => e(
            250,
            (2, 0, 0),
            format!("{queue_id} Message accepted for delivery"),
        ),
        // `case CMDMAIL`; after DATA collect.c (read in 8.10.1).
        R::MessageTooBig {
            declared: true,
            limit,
        } => e(
            552,
            (5, 2, 3),
            format!("Message size exceeds fixed maximum message size ({limit})"),
        ),
        R::MessageTooBig { limit, .. } => e(
            552,
            (5, 2, 3),
            format!("Message exceeds maximum fixed size ({limit})"),
        ),
        // srvrsmtp.c `case CMDMAIL`: `enoughdiskspace()` (MinFreeBlocks, checked against
        // the message's declared size; the engine asks when the lab's storage runs low).
        // Read in rev 8.471.2.2.2.77 of 2001/05/27 (sendmail 8.11.4).
        R::InsufficientStorage => e(452, (4, 4, 5), "Insufficient disk space; try again later"),
        // collect.c `dferror` (read in 8.12.11): ENOSPC while writing the df file,
        // `usrerrenh("4.3.1", "452 Out of disk space for temp file")`.
        R::QueueWriteError => e(452, (4, 3, 1), "Out of disk space for temp file"),
        R::ResetOk => e(250, (2, 0, 0), "Reset state"),
        R::NoopOk => e(250, (2, 0, 0), "OK"),
        // `PrivacyOptions=novrfy`.
        R::Verify { .. } => e(
            252,
            (2, 5, 2),
            "Cannot VRFY user; try RCPT to attempt delivery (or try finger)",
        ),
        R::VerifySyntax => e(501, (5, 5, 2), "Argument required"),
        R::Bye => e(221, (2, 0, 0), format!("{host} closing connection")),
        R::NeedMail { data: false } => e(503, (5, 0, 0), "Need MAIL before RCPT"),
        R::NeedMail { data: true } => e(503, (5, 0, 0), "Need MAIL command"),
        R::NeedRcpt | R::NoValidRecipients => e(503, (5, 0, 0), "Need RCPT (recipient)"),
        R::NestedMail => e(503, (5, 5, 0), "Sender already specified"),
        // `skipword()`: the word as typed. A malformed address gets parseaddr()'s own
        // replies, which were not read: the generic syntax reply stands in for them.
        R::MailSyntax { word }
        | R::RcptSyntax { word }
        | R::BadSender { word }
        | R::BadRecipient { word } => e(
            501,
            (5, 5, 2),
            format!("Syntax error in parameters scanning \"{word}\""),
        ),
        R::MissingRecipient => e(501, (5, 0, 0), "Missing recipient"),
        // `case CMDERROR` with `shortenstring(inp, MAXSHORTSTR)`.
        R::UnknownCommand { line } => e(
            500,
            (5, 5, 1),
            format!("Command unrecognized: \"{}\"", shorten(line)),
        ),
        // An empty line is an unknown command to sendmail.
        R::EmptyLine => e(500, (5, 5, 1), "Command unrecognized: \"\""),
        R::TooManyErrors => e(
            421,
            (4, 7, 0),
            format!("{host} Too many bad commands; closing connection"),
        ),
        R::UnsupportedOption { .. }
        | R::NoArgumentsAllowed { .. }
        | R::NonSmtpCommand
        | R::BadUtf8
        | R::LineTooLong { .. }
        | R::Help
        | R::StartTlsRequired
        | R::TlsAlreadyActive
        | R::AuthSyntax
        | R::ReadyToStartTls => return None,
        // `case CMDAUTH` (built with SASL).
        R::AuthNotEnabled => e(503, (5, 3, 3), "AUTH not available"),
        R::AlreadyAuthenticated => e(503, (5, 5, 0), "Already Authenticated"),
        R::AuthDuringTransaction => e(
            503,
            (5, 5, 0),
            "AUTH not permitted during a mail transaction",
        ),
        // 8.11's code is 503 (8.12 made it 504); at most 32 characters of the mechanism.
        R::AuthMechanismUnsupported { mech } => e(
            503,
            (5, 3, 3),
            format!(
                "AUTH mechanism {} not available",
                mech.chars().take(32).collect::<String>()
            ),
        ),
        // message("334 %s", out2) with Cyrus SASL's challenge.
        R::AuthChallenge { prompt } => Reply::plain(334, prompt.encoded()),
        R::AuthSucceeded => e(235, (2, 0, 0), "OK Authenticated"),
        // 8.11's code is 500 (8.12.4 made it 535: sendmail's RELEASE_NOTES, 2002/06/03).
        R::AuthFailed => e(500, (5, 7, 0), "authentication failed"),
        R::AuthCancelled => e(501, (5, 0, 0), "AUTH aborted"),
        R::AuthBadBase64 {
            initial: true,
            input,
        } => e(501, (5, 5, 4), format!("cannot BASE64 decode '{input}'")),
        R::AuthBadBase64 { input, .. } => e(
            501,
            (5, 5, 4),
            format!("cannot decode AUTH parameter {input}"),
        ),
        // `case CMDSTLS` when STARTTLS is not offered.
        R::StartTlsUnavailable => e(503, (5, 5, 0), "TLS not available"),
        // The read loop on timeout.
        R::Timeout { client_ip } => e(
            421,
            (4, 4, 1),
            format!("{host} Lost input channel from {}", client(*client_ip)),
        ),
        // `MaxDaemonChildren` stops accepting connections without a reply.
        R::TooManyConnections { .. } => return None,
    })
}

/// sendmail 8.11's Received: header (cfhead.m4 `confRECEIVED_HEADER`): `from $s ($_)`,
/// `(authenticated)` after AUTH, `by $j ($v/$Z) with $r id $i`, `for $u` when there is
/// one recipient, then `$b`.
pub(super) fn received(stamp: &Stamp<'_>) -> Vec<String> {
    let date = sendmail_date(stamp.unix_time, stamp.utc_offset_minutes);
    let who = client(stamp.client_ip);
    let mut lines = vec![match stamp.helo {
        Some(helo) => format!("Received: from {helo} ({who})"),
        None => format!("Received: (from {who})"),
    }];
    if stamp.authenticated {
        lines.push("\t(authenticated)".to_owned());
    }
    let protocol = match stamp.protocol {
        Protocol::Smtp => "SMTP",
        Protocol::Esmtp => "ESMTP",
    };
    let by = format!(
        "\tby {} (8.11.6/8.11.6) with {protocol} id {}",
        stamp.host, stamp.queue_id
    );
    if stamp.recipients.len() == 1 {
        lines.push(by);
        lines.push(format!("\tfor {}; {date}", stamp.first_rcpt_as_typed));
    } else {
        lines.push(format!("{by};"));
        lines.push(format!("\t{date}"));
    }
    lines
}
