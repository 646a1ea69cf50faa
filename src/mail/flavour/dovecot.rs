//! Dovecot 2.4.4's POP3 wording.
//!
//! Read in `dovecot/core` at tag `2.4.4` (`8b687aa65c71…`): before login
//! `src/pop3-login/client.c`, `client-authenticate.c`, `src/login-common/login-common.h`,
//! `client-common.c`, `client-common-auth.c`, `sasl-server.c`, `login-settings.c`; after
//! login `src/pop3/pop3-commands.c`, `pop3-client.c`, `main.c`; `src/lib-pop3/
//! pop3-capability.h`. Settings: the defaults (`auth_mechanisms = plain`, no APOP, no TLS
//! certificate for POP3), with `auth_allow_cleartext = yes` so USER/PASS works without TLS
//! (the lab has no TLS; Dovecot also counts loopback connections as secure).

use super::{BadNumber, LineLimit, NumberParsing, Pop3Reply, Pop3Rules, printable};
use crate::mail::reply::{PopReply, RespCode};

/// `POP3_RFC_MAX_LINE_LEN` 512 (pop3-client.c).
const RFC_MAX_LINE: usize = 512;

/// Dovecot 2.4.4 with the settings above.
pub(super) const RULES: Pop3Rules = Pop3Rules {
    // login-common/client-common.c `client_read`: the login process's input buffer
    // (`LOGIN_MAX_INBUF_SIZE`, 1026 octets) full → "Input buffer full, aborting", close.
    line_limit_before_login: LineLimit::Close(1024),
    // pop3-client.c `client_input`: `MAX_INBUF_SIZE` (4 × 512) full →
    // "-ERR Input line too long.", close.
    line_limit_after_login: LineLimit::Close(RFC_MAX_LINE * 4 - 2),
    apop: false,
    failed_pass_closes: false,
    failed_apop_closes: false,
    // client-authenticate.c `cmd_user` stores whatever it is given.
    user_needs_argument: false,
    sasl_plain: true,
    // pop3-login/client.c `CLIENT_MAX_BAD_COMMANDS` 3 (unknown commands in a row).
    bad_commands_before_login: Some(3),
    // pop3-client.c `CLIENT_MAX_BAD_COMMANDS` 20 (failed commands in a row, "> 20").
    bad_commands_after_login: Some(20),
    stat_counts_deleted: false,
    lf_octets: false,
    blank_line_before_dot: false,
    // pop3-commands.c `cmd_quit`: "messages deleted" whenever the deleted bitmask exists,
    // that is once any DELE happened (RSET clears the bits, not the mask).
    quit_mentions_deletion: true,
    numbers: NumberParsing::Strict,
    last: true,
    stls: true,
    counts_arguments: false,
    user_then_pass_only: false,
};

/// The capability lines after `+OK` (pop3-capability.h `POP3_CAPABILITY_REPLY`; before
/// login pop3-login/client-authenticate.c `cmd_capa` adds STLS where TLS is set up and
/// not yet active, then USER and SASL).
pub(super) fn capabilities(logged_in: bool, stls: bool) -> Vec<String> {
    let mut lines: Vec<String> = [
        "CAPA",
        "TOP",
        "UIDL",
        "RESP-CODES",
        "PIPELINING",
        "AUTH-RESP-CODE",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    if !logged_in {
        if stls {
            lines.push("STLS".to_owned());
        }
        lines.push("USER".to_owned());
        lines.push("SASL PLAIN".to_owned());
    }
    lines.push(".".to_owned());
    lines
}

/// Dovecot 2.4.4.
pub(super) fn reply(reply: &Pop3Reply) -> Option<PopReply> {
    use Pop3Reply as P;
    let ok = |text: &str| PopReply::ok(text);
    let err = |text: String| PopReply::err(&format!(" {text}"));
    Some(match reply {
        // login-settings.c `.login_greeting = PACKAGE_NAME" ready."` (no APOP timestamp:
        // APOP is off by default).
        P::Greeting { .. } => ok(" Dovecot ready."),
        // pop3-login cmd_capa / pop3-commands.c cmd_capa: "+OK" with no text.
        P::CapabilityList => ok(""),
        // client-authenticate.c `cmd_user`.
        P::UserAccepted { .. } => ok(""),
        // pop3/main.c, after the login process hands the client over.
        P::LoggedIn { .. } => ok(" Logged in."),
        // login-common.h `AUTH_FAILED_MSG`, pop3-login/client.c adds "[AUTH]".
        P::AuthFailed { .. } => PopReply::err_coded(RespCode::Auth, " Authentication failed."),
        // client-authenticate.c `cmd_pass` without USER.
        P::UserFirst => err("No username given.".to_owned()),
        // client-authenticate.c `cmd_apop` with APOP off.
        P::ApopNotEnabled => err("APOP not enabled.".to_owned()),
        // The login process sends SASL continuations as "+ <base64>" (RFC 5034).
        P::SaslContinue => PopReply::continuation(""),
        // sasl-server.c: "Unsupported authentication mechanism." (MECH_INVALID → [AUTH]).
        P::SaslMechanismUnsupported => {
            PopReply::err_coded(RespCode::Auth, " Unsupported authentication mechanism.")
        }
        // client-common-auth.c `client_auth_respond`: "Invalid base64 in response"; for
        // the initial response the auth process's reason (auth-request-handler.c).
        P::SaslBadBase64 { initial: false } => {
            PopReply::err_coded(RespCode::Auth, " Invalid base64 in response")
        }
        P::SaslBadBase64 { initial: true } => {
            PopReply::err_coded(RespCode::Auth, " Invalid base64 data in initial response")
        }
        // login-common/client-common.c `client_cmd_starttls` without TLS configured.
        P::StlsUnavailable => err("TLS support isn't enabled.".to_owned()),
        // login-common/client-common.c `client_cmd_starttls`, answered by pop3-login
        // client.c `pop3_client_notify_starttls`.
        P::StlsReady => ok(" Begin TLS negotiation now."),
        P::StlsAlreadyActive => err("TLS is already active.".to_owned()),
        // pop3-commands.c `cmd_last` with `pop3_enable_last = no` (the default).
        P::Last { .. } => err("LAST command not enabled".to_owned()),
        // client-common-auth.c: "Authentication aborted by client." (no code).
        P::SaslCancelled => err("Authentication aborted by client.".to_owned()),
        // client-authenticate.c `cmd_auth` without a mechanism (Outlook's old discovery).
        P::SaslMechanismList => ok(""),
        // pop3-commands.c `cmd_stat` "+OK %u %"PRIuUOFF_T.
        P::Stat { count, octets } => ok(&format!(" {count} {octets}")),
        // pop3-commands.c `cmd_list` "+OK %u messages:".
        P::ScanListing { count, .. } => ok(&format!(" {count} messages:")),
        P::ScanLine { number, octets } => ok(&format!(" {number} {octets}")),
        // pop3-commands.c `fetch_callback` "+OK %"PRIuUOFF_T" octets" / "+OK" for TOP.
        P::RetrFollows { octets } => ok(&format!(" {octets} octets")),
        P::TopFollows => ok(""),
        // pop3-commands.c `cmd_uidl` "+OK" / "+OK %u %s".
        P::UidlListing => ok(""),
        P::UidlLine { number, uid } => ok(&format!(" {number} {uid}")),
        // pop3-commands.c `cmd_dele`.
        P::Deleted { .. } => ok(" Marked to be deleted."),
        // pop3-commands.c `get_msgnum` (the rest of the argument as typed).
        P::BadNumber { problem, .. } => match problem {
            BadNumber::NotANumber(arg) => err(format!(
                "Invalid message number: {}",
                printable(arg, RFC_MAX_LINE)
            )),
            BadNumber::Noise(rest) => err(format!(
                "Noise after message number: {}",
                printable(rest, RFC_MAX_LINE)
            )),
            BadNumber::Zero => err("There's no message 0.".to_owned()),
            BadNumber::TooLarge(n) => err(format!("There's no message {n}.")),
            BadNumber::Deleted(_) => err("Message is deleted.".to_owned()),
            // `*args < '0'` for the empty argument.
            BadNumber::Missing => err("Invalid message number: ".to_owned()),
        },
        // pop3-commands.c `get_size` (TOP's line count).
        P::InvalidSize { arg } => err(format!("Invalid size: {}", printable(arg, RFC_MAX_LINE))),
        // Dovecot's commands have no other argument checks: never asked.
        P::BadSyntax { .. } => return None,
        // pop3-commands.c `cmd_noop`, `cmd_rset`.
        P::NoopOk | P::ResetOk { .. } => ok(""),
        // pop3-login/client.c `cmd_quit` (no period); pop3-commands.c `cmd_quit`.
        P::SigningOff {
            logged_in: false, ..
        } => ok(" Logging out"),
        P::SigningOff {
            logged_in: true,
            deleted: false,
        } => ok(" Logging out."),
        P::SigningOff {
            logged_in: true,
            deleted: true,
        } => ok(" Logging out, messages deleted."),
        // pop3-login/client.c `client_command_execute`; pop3-client.c
        // `client_handle_input` ("-ERR Unknown command: %s", the word as sent).
        P::UnknownCommand {
            logged_in: false, ..
        } => err("Unknown command.".to_owned()),
        P::UnknownCommand {
            command,
            logged_in: true,
        } => err(format!(
            "Unknown command: {}",
            printable(command, RFC_MAX_LINE)
        )),
        // login-common/client-common.c `client_read` via pop3-login's
        // `notify_disconnect` (plain ERROR); pop3-client.c `client_input`.
        P::LineTooLong { logged_in: false } => err("Input buffer full, aborting".to_owned()),
        P::LineTooLong { logged_in: true } => err("Input line too long.".to_owned()),
        // pop3-login/client.c; pop3-client.c.
        P::TooManyBadCommands { logged_in: false } => {
            err("Too many invalid bad commands.".to_owned())
        }
        P::TooManyBadCommands { logged_in: true } => err("Too many bad commands.".to_owned()),
        // Dovecot has no reply for a process or connection limit: new connections wait
        // in the listen queue.
        P::TooManyConnections => return None,
    })
}
