//! Postfix's wording: Postfix 3.11.6 (with Dovecot SASL) and Postfix-20010228-pl08.
//!
//! Read in `vdukhovni/postfix` (the official releases and snapshots as git history):
//! 3.11.6 at tag `v3.11.6` (`85501f972b34…`), 2001 at `postfix-20010228-pl08`
//! (`79f8c9ecf678…`, 15 November 2001; its reply texts are those of pl02 onwards).
//! Files: `postfix/src/smtpd/smtpd.c`, `smtpd_check.c`, `smtpd_sasl_proto.c`,
//! `smtpd_sasl_glue.c`, `postfix/src/xsasl/xsasl_dovecot_server.c`,
//! `postfix/src/global/mail_params.h`, `cleanup_strerror.c`, `mail_date.c`,
//! `postfix/conf/master.cf`. Settings are Postfix's defaults, except where a provider had
//! to choose (named where used): SASL on where the policy offers AUTH, the submission
//! service from the master.cf template, relay control as SMTPD_ACCESS_README shows it
//! (`permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination`), and in 2001
//! Cyrus SASL with PLAIN and LOGIN.

use super::{
    AuthRules, LineLimit, Protocol, SmtpReply, SmtpRules, Stamp, address_literal, printable,
};
use crate::mail::policy::RelayRefusal;
use crate::mail::reply::Reply;
use crate::mail::time::postfix_date;

/// `code class.subject.detail text`.
fn e(code: u16, enhanced: (u8, u16, u16), text: impl Into<String>) -> Reply {
    Reply::enhanced(code, enhanced, text)
}

/// `code text`.
fn p(code: u16, text: impl Into<String>) -> Reply {
    Reply::plain(code, text)
}

/// `line_length_limit` (mail_params.h `DEF_LINE_LIMIT 2048`, both versions).
const LINE_LIMIT: usize = 2048;

/// MAIL FROM parameters Postfix 3.11 takes (smtpd.c `mail_cmd`); any other is
/// `555 5.5.4 Unsupported option`.
const MAIL_PARAMS_311: &[&str] = &[
    "BODY=8BITMIME",
    "BODY=7BIT",
    "BODY=BINARYMIME",
    "SIZE=",
    "SMTPUTF8",
    "RET=",
    "ENVID=",
    "AUTH=",
    "REQUIRETLS",
];

/// RCPT TO parameters Postfix 3.11 takes (smtpd.c `rcpt_cmd`: RFC 3461 DSN).
const RCPT_PARAMS_311: &[&str] = &["NOTIFY=", "ORCPT="];

/// MAIL FROM parameters of Postfix-20010228 (smtpd.c `mail_cmd`: BODY, SIZE and, with
/// SASL on, AUTH); RCPT takes none ("555 Unsupported option").
const MAIL_PARAMS_2001: &[&str] = &["BODY=8BITMIME", "BODY=7BIT", "SIZE=", "AUTH="];

/// Postfix 3.11.6 with its defaults.
pub(super) const RULES_311: SmtpRules = SmtpRules {
    // smtpd_chat.c `smtpd_chat_query_limit`: the rest of an over-long line is skipped
    // (`SMTP_GET_FLAG_SKIP`) and only logged; no reply says "too long".
    line_limit: LineLimit::Truncate(LINE_LIMIT),
    helo_needs_name: true,
    duplicate_helo_refused: false,
    nested_mail_refused: true,
    // `smtpd_recipient_limit` (DEF_SMTPD_RCPT_LIMIT 1000).
    rcpt_limit: Some(1000),
    // `local_recipient_maps` is on by default since Postfix 2.0.
    unknown_local_user_refused: true,
    refuses_arguments: true,
    data_needs_mail_first: false,
    mail_params: Some(MAIL_PARAMS_311),
    rcpt_params: Some(RCPT_PARAMS_311),
    lenient_addresses: false,
    // Dovecot's `auth_mechanisms` default is `plain` (dovecot auth-settings.c).
    auth: Some(AuthRules {
        mechanisms: &["PLAIN"],
        refused_in_transaction: true,
        syntax_reply: true,
    }),
    starttls: true,
    submission_template: true,
    // `smtpd_hard_error_limit` 20 (`error_count >= limit`, smtpd.c `smtpd_proto`).
    error_limit: Some(20),
    error_limit_counts_unknown_only: false,
    // `smtpd_forbid_cmds` default `CONNECT GET POST regexp:{{/^[^A-Z]/ Bogus}}` plus
    // `is_header()` (smtpd.c), answered "221 2.7.0 Error: I can break rules, too.".
    forbids_non_smtp: true,
    // smtpd.c `help_cmd` (since Postfix 3.x).
    help: true,
    // smtpd.c `smtpd_proto`: `valid_utf8_stringz()` before the command is parsed.
    checks_utf8: true,
};

/// Postfix-20010228-pl08 with its defaults, built with Cyrus SASL.
pub(super) const RULES_2001: SmtpRules = SmtpRules {
    // smtpd_chat.c `smtpd_chat_query`: `smtp_get(…, var_line_limit)` returns the first
    // 2048 octets; the rest of the line is read as the next command.
    line_limit: LineLimit::Split(LINE_LIMIT),
    helo_needs_name: true,
    duplicate_helo_refused: false,
    nested_mail_refused: true,
    rcpt_limit: Some(1000),
    // `local_recipient_maps` is empty by default (mail_params.h `DEF_LOCAL_RCPT_MAPS ""`):
    // RCPT is accepted and the message bounces later.
    unknown_local_user_refused: false,
    refuses_arguments: true,
    data_needs_mail_first: false,
    mail_params: Some(MAIL_PARAMS_2001),
    rcpt_params: Some(&[]),
    lenient_addresses: false,
    // Cyrus SASL with its PLAIN and LOGIN plugins installed (the list EHLO shows is
    // Cyrus's `sasl_listmech`).
    auth: Some(AuthRules {
        mechanisms: &["PLAIN", "LOGIN"],
        // smtpd_sasl_proto.c of 20010228 has no such check.
        refused_in_transaction: false,
        syntax_reply: true,
    }),
    // No TLS in mainline Postfix of 2001 (Lutz Jänicke's patch was separate): STARTTLS
    // is an unknown command.
    starttls: false,
    submission_template: false,
    // `smtpd_hard_error_limit` 100 (`error_count > limit`): the 101st error.
    error_limit: Some(101),
    error_limit_counts_unknown_only: false,
    forbids_non_smtp: false,
    help: false,
    checks_utf8: false,
};

/// Postfix short queue ids: hexadecimal, from the inode number and microseconds.
pub(super) fn queue_id(x: u64) -> String {
    format!("{:010X}", x & 0xFF_FFFF_FFFF)
}

/// One EHLO keyword per line after the host name (smtpd.c `ehlo_cmd`).
fn ehlo(host: &str, keywords: &[String]) -> Reply {
    let mut texts = vec![host.to_owned()];
    texts.extend(keywords.iter().cloned());
    Reply::lines(250, None, &texts)
}

/// Postfix 3.11.6 (smtpd.c unless noted).
pub(super) fn reply_311(reply: &SmtpReply, host: &str) -> Option<Reply> {
    use SmtpReply as R;
    Some(match reply {
        // smtpd.c `smtpd_proto` "220 %s", mail_params.h `DEF_SMTPD_BANNER`.
        R::Greeting { .. } => Reply::plain(220, format!("{host} ESMTP Postfix")),
        // smtpd.c `ehlo_cmd`, in its order; STARTTLS only where TLS is on and not yet
        // active, AUTH only where SASL is on, REQUIRETLS (RFC 8689, `requiretls_enable`
        // = yes) only inside TLS. The MAIL parameter REQUIRETLS itself is not modelled.
        R::Ehlo {
            offered,
            size_limit,
            ..
        } => {
            let mut k = vec![
                "PIPELINING".to_owned(),
                format!("SIZE {size_limit}"),
                "VRFY".to_owned(),
                "ETRN".to_owned(),
            ];
            if offered.contains(&super::Extension::StartTls) {
                k.push("STARTTLS".to_owned());
            }
            if offered.contains(&super::Extension::Auth) {
                k.push("AUTH PLAIN".to_owned());
            }
            for kw in [
                "ENHANCEDSTATUSCODES",
                "8BITMIME",
                "DSN",
                "SMTPUTF8",
                "CHUNKING",
            ] {
                k.push(kw.to_owned());
            }
            if offered.contains(&super::Extension::RequireTls) {
                k.push("REQUIRETLS".to_owned());
            }
            ehlo(host, &k)
        }
        // smtpd.c `helo_cmd` "250 %s".
        R::Helo { .. } => Reply::plain(250, host),
        // smtpd.c `helo_cmd` / `ehlo_cmd` (no enhanced code, even today).
        R::HeloSyntax { verb } if verb.eq_ignore_ascii_case("EHLO") => {
            Reply::plain(501, "Syntax: EHLO hostname")
        }
        R::HeloSyntax { .. } => Reply::plain(501, "Syntax: HELO hostname"),
        // smtpd.c `mail_cmd` / `rcpt_cmd`.
        R::SenderOk { .. } => e(250, (2, 1, 0), "Ok"),
        R::RecipientOk { .. } => e(250, (2, 1, 5), "Ok"),
        // smtpd_check.c `reject_unauth_destination` ("%d <%s>: Relay access denied",
        // `var_relay_code` 554, "5.7.1"), with `smtpd_relay_restrictions` as
        // README_FILES/SMTPD_ACCESS_README sets it (the built-in default ends in
        // `defer_unauth_destination` and says 454 4.7.1 instead); on the submission template
        // (`permit_sasl_authenticated,reject`) smtpd_check.c `REJECT_ALL`
        // ("<%s>: %s rejected: Access denied", `var_reject_code` 554).
        R::RelayDenied { rcpt, refusal, .. } => match refusal {
            RelayRefusal::AuthenticationRequired => e(
                554,
                (5, 7, 1),
                format!("<{rcpt}>: Recipient address rejected: Access denied"),
            ),
            _ => e(554, (5, 7, 1), format!("<{rcpt}>: Relay access denied")),
        },
        // smtpd_check.c `check_rcpt_maps` (`DEF_LOCAL_RCPT_CODE 550`, show table).
        R::UnknownLocalUser { rcpt, .. } => e(
            550,
            (5, 1, 1),
            format!("<{rcpt}>: Recipient address rejected: User unknown in local recipient table"),
        ),
        R::TooManyRecipients => e(452, (4, 5, 3), "Error: too many recipients"),
        R::StartMailInput => Reply::plain(354, "End data with <CR><LF>.<CR><LF>"),
        R::Queued { queue_id } => e(250, (2, 0, 0), format!("Ok: queued as {queue_id}")),
        // smtpd_check.c `smtpd_check_size`; after DATA, cleanup_strerror.c
        // `CLEANUP_STAT_SIZE` ("message file too big", 5.3.4) via smtpd.c.
        R::MessageTooBig { declared: true, .. } => {
            e(552, (5, 3, 4), "Message size exceeds fixed limit")
        }
        R::MessageTooBig { .. } => e(552, (5, 3, 4), "Error: message file too big"),
        // smtpd_check.c `smtpd_check_queue` (called by smtpd.c `mail_cmd`): less than
        // `smtpd_space_multf` (1.5) × `message_size_limit` free in the queue file system.
        R::InsufficientStorage => e(452, (4, 3, 1), "Insufficient system storage"),
        // smtpd.c `receive_data_message` "%d %s Error: %s" with cleanup_strerror.c
        // `CLEANUP_STAT_WRITE` (451, "4.3.0", "queue file write error").
        R::QueueWriteError => e(451, (4, 3, 0), "Error: queue file write error"),
        // smtpd.c `rset_cmd`, `noop_cmd`.
        R::ResetOk | R::NoopOk => e(250, (2, 0, 0), "Ok"),
        // smtpd.c `vrfy_cmd` "252 2.0.0 %s" (the argument as given).
        R::Verify { arg } => e(252, (2, 0, 0), printable(arg, 256)),
        R::VerifySyntax => e(501, (5, 5, 4), "Syntax: VRFY address [SMTPUTF8]"),
        R::Bye => e(221, (2, 0, 0), "Bye"),
        R::NeedMail { .. } => e(503, (5, 5, 1), "Error: need MAIL command"),
        R::NeedRcpt => e(503, (5, 5, 1), "Error: need RCPT command"),
        R::NoValidRecipients => e(554, (5, 5, 1), "Error: no valid recipients"),
        R::NestedMail => e(503, (5, 5, 1), "Error: nested MAIL command"),
        R::MailSyntax { .. } => e(501, (5, 5, 4), "Syntax: MAIL FROM:<address>"),
        R::BadSender { .. } => e(501, (5, 1, 7), "Bad sender address syntax"),
        // RCPT TO: with nothing after it is a syntax error here.
        R::RcptSyntax { .. } | R::MissingRecipient => {
            e(501, (5, 5, 4), "Syntax: RCPT TO:<address>")
        }
        R::BadRecipient { .. } => e(501, (5, 1, 3), "Bad recipient address syntax"),
        R::UnsupportedOption { param } => e(
            555,
            (5, 5, 4),
            format!("Unsupported option: {}", printable(param, 100)),
        ),
        R::NoArgumentsAllowed { verb } => e(501, (5, 5, 4), format!("Syntax: {verb}")),
        // Since Postfix 3.7 (postfix-3.7-20210814); 502 before.
        R::UnknownCommand { .. } => e(500, (5, 5, 2), "Error: command not recognized"),
        // `smtpd_token()` found no word.
        R::EmptyLine => e(500, (5, 5, 2), "Error: bad syntax"),
        R::BadUtf8 => e(500, (5, 5, 2), "Error: bad UTF-8 syntax"),
        // smtpd.c `help_cmd`: the sorted names of the commands it implements.
        R::Help => e(
            214,
            (2, 0, 0),
            "Commands: AUTH BDAT DATA EHLO ETRN HELO HELP MAIL NOOP QUIT RCPT RSET STARTTLS VRFY XCLIENT XFORWARD",
        ),
        R::NonSmtpCommand => e(221, (2, 7, 0), "Error: I can break rules, too. Goodbye."),
        R::TooManyErrors => e(421, (4, 7, 0), format!("{host} Error: too many errors")),
        // Not a Postfix reply (the session never asks: over-long lines are cut).
        R::LineTooLong { .. } | R::DuplicateHelo => return None,
        // smtpd_sasl_proto.c `smtpd_sasl_auth_cmd`.
        R::AuthNotEnabled => e(503, (5, 5, 1), "Error: authentication not enabled"),
        R::AlreadyAuthenticated => e(503, (5, 5, 1), "Error: already authenticated"),
        R::AuthDuringTransaction => e(503, (5, 5, 1), "Error: MAIL transaction in progress"),
        R::AuthSyntax => e(501, (5, 5, 4), "Syntax: AUTH mechanism"),
        // smtpd_sasl_glue.c "535 5.7.8 Error: authentication failed: %s" with
        // xsasl_dovecot_server.c "Invalid authentication mechanism: '%s'".
        R::AuthMechanismUnsupported { mech } => e(
            535,
            (5, 7, 8),
            format!(
                "Error: authentication failed: Invalid authentication mechanism: '{}'",
                printable(mech, 100)
            ),
        ),
        // smtpd_sasl_glue.c "334 %s" with Dovecot's challenge.
        R::AuthChallenge { prompt } => Reply::plain(334, prompt.encoded()),
        R::AuthSucceeded => e(235, (2, 7, 0), "Authentication successful"),
        // smtpd_sasl_glue.c: Dovecot's FAIL for a wrong password carries no reason, so
        // since postfix-3.9-20231112 the text is "(reason unavailable)".
        R::AuthFailed => e(
            535,
            (5, 7, 8),
            "Error: authentication failed: (reason unavailable)",
        ),
        R::AuthCancelled => e(501, (5, 7, 0), "Authentication aborted"),
        // xsasl_dovecot_server.c: "Invalid base64 data in initial response" /
        // "… in continued response".
        R::AuthBadBase64 { initial, .. } => e(
            535,
            (5, 7, 8),
            if *initial {
                "Error: authentication failed: Invalid base64 data in initial response"
            } else {
                "Error: authentication failed: Invalid base64 data in continued response"
            },
        ),
        // smtpd.c `smtpd_proto` (`smtpd_tls_security_level=encrypt`).
        R::StartTlsRequired => e(530, (5, 7, 0), "Must issue a STARTTLS command first"),
        // smtpd.c `starttls_cmd`.
        R::ReadyToStartTls => e(220, (2, 0, 0), "Ready to start TLS"),
        R::StartTlsUnavailable => e(502, (5, 5, 1), "Error: command not implemented"),
        R::TlsAlreadyActive => e(554, (5, 5, 1), "Error: TLS already active"),
        R::Timeout { .. } => e(421, (4, 4, 2), format!("{host} Error: timeout exceeded")),
        // smtpd.c `smtpd_proto` (anvil: `smtpd_client_connection_count_limit`).
        R::TooManyConnections { client_ip } => e(
            421,
            (4, 7, 0),
            format!("{host} Error: too many connections from {client_ip}"),
        ),
    })
}

/// Postfix-20010228-pl08 (smtpd.c unless noted): no enhanced status codes yet.
pub(super) fn reply_2001(reply: &SmtpReply, host: &str) -> Option<Reply> {
    use SmtpReply as R;
    Some(match reply {
        // smtpd.c `smtpd_service` "220 %s", mail_params.h `DEF_SMTPD_BANNER`.
        R::Greeting { .. } => p(220, format!("{host} ESMTP Postfix")),
        // smtpd.c `ehlo_cmd`: PIPELINING, SIZE, ETRN, [AUTH], 8BITMIME.
        R::Ehlo {
            offered,
            size_limit,
            ..
        } => {
            let mut k = vec![
                "PIPELINING".to_owned(),
                format!("SIZE {size_limit}"),
                "ETRN".to_owned(),
            ];
            if offered.contains(&super::Extension::Auth) {
                k.push("AUTH PLAIN LOGIN".to_owned());
            }
            k.push("8BITMIME".to_owned());
            ehlo(host, &k)
        }
        R::Helo { .. } => p(250, host),
        R::HeloSyntax { verb } if verb.eq_ignore_ascii_case("EHLO") => {
            p(501, "Syntax: EHLO hostname")
        }
        R::HeloSyntax { .. } => p(501, "Syntax: HELO hostname"),
        R::SenderOk { .. } | R::RecipientOk { .. } => p(250, "Ok"),
        // smtpd_check.c `check_relay_domains`: the default
        // `smtpd_recipient_restrictions = permit_mynetworks, check_relay_domains` (Postfix
        // 2.0 changed it to `reject_unauth_destination`, which says "<%s>: Relay access
        // denied" without "Recipient address rejected").
        R::RelayDenied { rcpt, .. } => p(
            554,
            format!("<{rcpt}>: Recipient address rejected: Relay access denied"),
        ),
        // Only with `local_recipient_maps` set (smtpd_check.c `smtpd_check_rcptmap`); not
        // the default, so the session never asks.
        R::UnknownLocalUser { rcpt, .. } => p(550, format!("<{rcpt}>: User unknown")),
        R::TooManyRecipients => p(452, "Error: too many recipients"),
        R::StartMailInput => p(354, "End data with <CR><LF>.<CR><LF>"),
        R::Queued { queue_id } => p(250, format!("Ok: queued as {queue_id}")),
        // smtpd_check.c `smtpd_check_size`; smtpd.c `data_cmd` after the dot.
        R::MessageTooBig { declared: true, .. } => p(552, "Message size exceeds fixed limit"),
        R::MessageTooBig { .. } => p(552, "Error: message too large"),
        // smtpd_check.c `smtpd_check_size`: twice the declared SIZE (0 without one) not
        // free; the engine applies 3.11's rule (1.5 × the size limit) to both.
        R::InsufficientStorage => p(452, "Insufficient system storage"),
        // smtpd.c `data_cmd` (`CLEANUP_STAT_WRITE`).
        R::QueueWriteError => p(451, "Error: queue file write error"),
        R::ResetOk | R::NoopOk => p(250, "Ok"),
        // smtpd.c `vrfy_cmd` "252 <%s>".
        R::Verify { arg } => p(252, format!("<{}>", printable(arg, 256))),
        R::VerifySyntax => p(501, "Syntax: VRFY address"),
        R::Bye => p(221, "Bye"),
        R::NeedMail { .. } => p(503, "Error: need MAIL command"),
        R::NeedRcpt => p(503, "Error: need RCPT command"),
        R::NoValidRecipients => p(554, "Error: no valid recipients"),
        R::NestedMail => p(503, "Error: nested MAIL command"),
        R::MailSyntax { .. } => p(501, "Syntax: MAIL FROM: <address>"),
        R::RcptSyntax { .. } | R::MissingRecipient => p(501, "Syntax: RCPT TO: <address>"),
        R::BadSender { .. } | R::BadRecipient { .. } => p(501, "Bad address syntax"),
        R::UnsupportedOption { param } => p(
            555,
            format!("Unsupported option: {}", printable(param, 100)),
        ),
        R::NoArgumentsAllowed { verb } => p(501, format!("Syntax: {verb}")),
        R::UnknownCommand { .. } => p(502, "Error: command not implemented"),
        R::EmptyLine => p(500, "Error: bad syntax"),
        R::TooManyErrors => p(421, "Error: too many errors"),
        R::NonSmtpCommand | R::LineTooLong { .. } | R::Help | R::DuplicateHelo | R::BadUtf8 => {
            return None;
        }
        // smtpd_sasl_proto.c `smtpd_sasl_auth_cmd`.
        R::AuthNotEnabled => p(503, "Error: authentication not enabled"),
        R::AlreadyAuthenticated => p(503, "Error: already authenticated"),
        // No such check in 20010228: the session never asks.
        R::AuthDuringTransaction => return None,
        R::AuthSyntax => p(501, "Syntax: AUTH mechanism"),
        // smtpd_sasl_glue.c: `sasl_server_start` fails for an unknown mechanism and the
        // reply is the generic failure.
        R::AuthMechanismUnsupported { .. } | R::AuthFailed => {
            p(535, "Error: authentication failed")
        }
        // smtpd_sasl_glue.c "334 %s" with Cyrus SASL's challenge (plugins/login.c
        // "Username:", "Password:").
        R::AuthChallenge { prompt } => p(334, prompt.encoded()),
        // smtpd_sasl_proto.c.
        R::AuthSucceeded => p(235, "Authentication successful"),
        // smtpd_sasl_glue.c.
        R::AuthCancelled => p(501, "Authentication aborted"),
        R::AuthBadBase64 { initial: true, .. } => {
            p(501, "Authentication failed: malformed initial response")
        }
        R::AuthBadBase64 { .. } => p(501, "Error: malformed authentication response"),
        // No STARTTLS in mainline 2001: the session treats it as an unknown command.
        R::StartTlsRequired | R::ReadyToStartTls | R::StartTlsUnavailable | R::TlsAlreadyActive => {
            return None;
        }
        R::Timeout { .. } => p(421, "Error: timeout exceeded"),
        // No connection limit with a reply in 2001 (anvil came with Postfix 2.2).
        R::TooManyConnections { .. } => return None,
    })
}

/// `with ESMTP`, or with RFC 3848's `S`/`A` (Postfix 2.5 and later, ESMTP only).
fn with_protocol(stamp: &Stamp<'_>, rfc3848: bool) -> String {
    let mut protocol = match stamp.protocol {
        Protocol::Smtp => "SMTP".to_owned(),
        Protocol::Esmtp => "ESMTP".to_owned(),
    };
    if rfc3848 && stamp.protocol == Protocol::Esmtp {
        if stamp.tls {
            protocol.push('S');
        }
        if stamp.authenticated {
            protocol.push('A');
        }
    }
    protocol
}

/// Postfix 3.11.6's Received: header (smtpd.c `common_pre_message_handling`). The client
/// has no reverse DNS name here, so Postfix writes `unknown` for it.
pub(super) fn received_311(stamp: &Stamp<'_>) -> Vec<String> {
    let date = postfix_date(stamp.unix_time, stamp.utc_offset_minutes);
    let one = match stamp.recipients {
        [only] => Some(only),
        _ => None,
    };
    if stamp.hide_client {
        // `smtpd_hide_client_session = yes` (the submission template since 3.10): no
        // client and no protocol.
        return match one {
            Some(rcpt) => vec![
                format!(
                    "Received: by {} (Postfix) id {}",
                    stamp.host, stamp.queue_id
                ),
                format!("\tfor <{rcpt}>; {date}"),
            ],
            None => vec![
                format!(
                    "Received: by {} (Postfix) id {};",
                    stamp.host, stamp.queue_id
                ),
                format!("\t{date}"),
            ],
        };
    }
    let from = format!(
        "Received: from {} (unknown [{}])",
        stamp.helo.unwrap_or("unknown"),
        address_literal(stamp.client_ip)
    );
    let by = format!(
        "\tby {} (Postfix) with {} id {}",
        stamp.host,
        with_protocol(stamp, true),
        stamp.queue_id
    );
    match one {
        Some(rcpt) => vec![from, by, format!("\tfor <{rcpt}>; {date}")],
        None => vec![from, format!("{by};"), format!("\t{date}")],
    }
}

/// Postfix-20010228's Received: header (smtpd.c `data_cmd`): no RFC 3848 keywords yet.
pub(super) fn received_2001(stamp: &Stamp<'_>) -> Vec<String> {
    let date = postfix_date(stamp.unix_time, stamp.utc_offset_minutes);
    let from = format!(
        "Received: from {} (unknown [{}])",
        stamp.helo.unwrap_or("unknown"),
        stamp.client_ip
    );
    let protocol = with_protocol(stamp, false);
    match stamp.recipients {
        [only] => vec![
            from,
            format!(
                "\tby {} (Postfix) with {protocol} id {}",
                stamp.host, stamp.queue_id
            ),
            format!("\tfor <{only}>; {date}"),
        ],
        _ => vec![
            from,
            format!("\tby {} (Postfix) with {protocol}", stamp.host),
            format!("\tid {}; {date}", stamp.queue_id),
        ],
    }
}
