//! Qpopper 4.0's wording (QUALCOMM's POP3 server, the usual partner of sendmail and of
//! POP-before-SMTP through DRAC around 2001).
//!
//! No Qpopper 4 repository was found. Its source files were read as stored in the code
//! index (a 4.0.x copy, © 2003, revision notes up to April 2002): `popper.c` (greeting,
//! sign-off, NOOP, the input line buffer), `pop_pass.c`, `pop_list.c`, `pop_dele.c`,
//! `pop_send.c`, `pop_uidl.c`, `popper.h`. Qpopper grew out of Berkeley's popper; where
//! the 4.0 file was not found, the text of Berkeley popper (`pop_get_command.c`,
//! `pop_user.c`, `pop_stat.c`, `pop_rset.c` as kept in FreeBSD's Heimdal tree) stands in
//! and is marked so. CAPA: Qpopper has had it since 3.0, but its reply was not found, so
//! the simulation leaves CAPA out (it is answered as an unknown command). The greeting
//! names 4.0.3, the 2001 release.

use super::{
    BadNumber, LineLimit, NumberParsing, NumberedCommand, Pop3Reply, Pop3Rules, plural, printable,
};
use crate::mail::reply::{PopReply, RespCode};

/// Qpopper 4.0 built with APOP, run with its defaults.
pub(super) const RULES: Pop3Rules = Pop3Rules {
    // popper.c `getline`: a line longer than the buffer (popper.h `MAXLINELEN` 1024) is
    // cut; the rest is discarded.
    line_limit_before_login: LineLimit::Truncate(1023),
    line_limit_after_login: LineLimit::Truncate(1023),
    apop: true,
    failed_pass_closes: false,
    // The APOP failure on the wire is followed by a disconnect (a Qpopper 4.0.5
    // transcript quoted in vmime's POP3Store.cpp).
    failed_apop_closes: true,
    user_needs_argument: true,
    sasl_plain: false,
    bad_commands_before_login: None,
    bad_commands_after_login: None,
    stat_counts_deleted: false,
    lf_octets: false,
    blank_line_before_dot: false,
    quit_mentions_deletion: false,
    // pop_list.c / pop_dele.c / pop_send.c: `atoi(p->pop_parm[1])`.
    numbers: NumberParsing::Atoi,
    last: false,
    stls: false,
    counts_arguments: true,
    user_then_pass_only: true,
};

/// Qpopper 4.0.
pub(super) fn reply(reply: &Pop3Reply, host: &str) -> Option<PopReply> {
    use Pop3Reply as P;
    let ok = |text: String| PopReply::ok(&format!(" {text}"));
    let err = |text: String| PopReply::err(&format!(" {text}"));
    Some(match reply {
        // popper.c: "%s%.*s%s (version %s) at %s starting.  %s" (QPOP_NAME "Qpopper",
        // two spaces before the APOP timestamp).
        P::Greeting { timestamp } => ok(format!(
            "Qpopper (version 4.0.3) at {host} starting.  {timestamp}"
        )),
        // Berkeley popper pop_user.c (the 4.0 file was not found).
        P::UserAccepted { user } => ok(format!("Password required for {}.", printable(user, 64))),
        // pop_pass.c, end of `pop_pass`: "%s has %d visible message%s (%d hidden) in %ld
        // octets.".
        P::LoggedIn {
            user,
            count,
            octets,
        } => ok(format!(
            "{user} has {} (0 hidden) in {octets} octets.",
            plural(*count, "visible message", "visible messages")
        )),
        // pop_pass.c `ERRMSG_PW`, with the [AUTH] code Qpopper has sent since 2000.
        P::AuthFailed { user } => PopReply::err_coded(
            RespCode::Auth,
            &format!(" Password supplied for \"{}\" is incorrect.", printable(user, 64)),
        ),
        // Berkeley popper pop_stat.c "%d %ld" (the form RFC 1939 5 fixes).
        P::Stat { count, octets } => ok(format!("{count} {octets}")),
        // pop_list.c.
        P::ScanListing { count, octets } => {
            ok(format!("{count} visible messages ({octets} octets)"))
        }
        P::ScanLine { number, octets } => ok(format!("{number} {octets}")),
        // pop_send.c.
        P::RetrFollows { octets } => ok(format!("{octets} octets")),
        P::TopFollows => ok("Message follows".to_owned()),
        // pop_uidl.c.
        P::UidlListing => ok("uidl command accepted.".to_owned()),
        P::UidlLine { number, uid } => ok(format!("{number} {uid}")),
        // pop_dele.c.
        P::Deleted { number } => ok(format!("Message {number} has been deleted.")),
        P::BadNumber {
            command,
            problem,
            count,
        } => match (command, problem) {
            // pop_uidl.c: `atoi` gave 0, out of range, marked.
            (NumberedCommand::Uidl, BadNumber::Zero | BadNumber::NotANumber(_)) => err(
                format!("Parameter must be a number between 1 and {count}"),
            ),
            (NumberedCommand::Uidl, BadNumber::TooLarge(n)) => {
                err(format!("Message {n} out of range."))
            }
            (NumberedCommand::Uidl, BadNumber::Deleted(n)) => {
                err(format!("Message {n} has been marked for deletion."))
            }
            // pop_list.c, pop_dele.c, pop_send.c: "Message %d does not exist.", "Message
            // %d has been deleted.".
            (_, BadNumber::Deleted(n)) => err(format!("Message {n} has been deleted.")),
            (_, BadNumber::TooLarge(n)) => err(format!("Message {n} does not exist.")),
            (_, BadNumber::Zero | BadNumber::NotANumber(_) | BadNumber::Noise(_)) => {
                err("Message 0 does not exist.".to_owned())
            }
            // Berkeley popper pop_get_command.c: "Too few arguments for the %s command.".
            (_, BadNumber::Missing) => err(format!(
                "Too few arguments for the {} command.",
                match command {
                    NumberedCommand::List => "list",
                    NumberedCommand::Retr => "retr",
                    NumberedCommand::Top => "top",
                    NumberedCommand::Dele => "dele",
                    NumberedCommand::Uidl => "uidl",
                }
            )),
        },
        // Berkeley popper pop_get_command.c (the command lower-cased by `pop_parse`).
        P::BadSyntax {
            command,
            too_many: false,
        } => err(format!(
            "Too few arguments for the {} command.",
            printable(&command.to_ascii_lowercase(), 16)
        )),
        P::BadSyntax {
            command,
            too_many: true,
        } => err(format!(
            "Too many arguments for the {} command.",
            printable(&command.to_ascii_lowercase(), 16)
        )),
        // popper.c `pop_noop` (added 06/05/01).
        P::NoopOk => ok("no big woop".to_owned()),
        // Berkeley popper pop_rset.c (the 4.0 file was not found).
        P::ResetOk { count, octets } => ok(format!(
            "Maildrop has {count} messages ({octets} octets)"
        )),
        // popper.c, after the state loop, in both states.
        P::SigningOff { .. } => ok(format!("Pop server at {host} signing off.")),
        // Berkeley popper pop_get_command.c: a command not valid in the current state
        // (PASS before USER, STAT before login, USER after it) is unknown there too.
        P::UnknownCommand { command, .. } => err(format!(
            "Unknown command: \"{}\".",
            printable(&command.to_ascii_lowercase(), 16)
        )),
        P::UserFirst => err("Unknown command: \"pass\".".to_owned()),
        // No CAPA (see above), no SASL AUTH, no reply for long lines (they are cut) or
        // for a connection limit (inetd's): never asked.
        P::CapabilityList
        | P::ApopNotEnabled
        | P::InvalidSize { .. }
        | P::SaslContinue
        | P::SaslMechanismUnsupported
        | P::SaslBadBase64 { .. }
        | P::StlsUnavailable
        | P::StlsReady
        | P::StlsAlreadyActive
        // LAST exists in Qpopper, but its 4.0 reply was not found: left out (answered
        // as an unknown command).
        | P::Last { .. }
        | P::SaslCancelled
        | P::SaslMechanismList
        | P::LineTooLong { .. }
        | P::TooManyBadCommands { .. }
        | P::TooManyConnections => return None,
    })
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
    fn greeting_has_two_spaces_before_the_timestamp() {
        let r = reply(
            &Pop3Reply::Greeting {
                timestamp: "<1.2@h>".into(),
            },
            "h",
        );
        assert_eq!(
            r.map(|r| r.line).as_deref(),
            Some("+OK Qpopper (version 4.0.3) at h starting.  <1.2@h>")
        );
    }
}
