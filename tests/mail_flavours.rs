//! Every reply line of every flavour against the text quoted from the server's own source
//! (the file named beside each line in `src/mail/flavour/*.rs`, audited in
//! `docs/mail-sources.md`), and the shape of each server's `Received:` header.
//!
//! The expected strings here are copied from the servers' sources, not from the engine:
//! Postfix 3.11.6 and Postfix-20010228-pl08 (`smtpd.c`, `smtpd_check.c`,
//! `smtpd_sasl_proto.c`, `smtpd_sasl_glue.c`, `xsasl_dovecot_server.c`), sendmail 8.11
//! (`srvrsmtp.c`, `proto.m4`, `cfhead.m4`), qmail 1.03 (`qmail-smtpd.c`, `qmail-popup.c`,
//! `qmail-pop3d.c`, `received.c`), Qpopper 4.0 (`popper.c`, `pop_pass.c`, `pop_list.c`,
//! `pop_dele.c`, `pop_send.c`, `pop_uidl.c`) and Dovecot 2.4.4 (`pop3-login/client.c`,
//! `client-authenticate.c`, `login-common.h`, `pop3/pop3-commands.c`, `pop3-client.c`).
#![cfg(not(target_arch = "wasm32"))]

use std::net::IpAddr;

use imasara::mail::flavour::{
    AuthPrompt, BadNumber, Extension, NumberedCommand, Pop3Reply, Protocol, SmtpReply, Stamp,
};
use imasara::mail::{Flavour, Mailbox, RelayRefusal, ReplyCode, RespCode};

const HOST: &str = "mail.example.net";

fn client() -> IpAddr {
    IpAddr::from([203, 0, 113, 7])
}

fn rcpt() -> Mailbox {
    Mailbox::parse("taro@example.org").expect("address")
}

fn smtp(flavour: Flavour, reply: &SmtpReply) -> Vec<String> {
    flavour
        .smtp(reply, HOST)
        .map(|r| r.lines)
        .unwrap_or_default()
}

fn pop3(flavour: Flavour, reply: &Pop3Reply) -> String {
    flavour
        .pop3(reply, HOST)
        .map(|r| r.line)
        .unwrap_or_default()
}

fn relay_denied(refusal: RelayRefusal) -> SmtpReply {
    SmtpReply::RelayDenied {
        rcpt: rcpt(),
        path: "<taro@example.org>".into(),
        refusal,
    }
}

/// The SMTP replies every server has, in one table per flavour.
fn common_replies() -> Vec<(&'static str, SmtpReply)> {
    vec![
        (
            "greeting",
            SmtpReply::Greeting {
                date: "Tue, 27 Nov 2001 21:00:00 +0900 (JST)".into(),
            },
        ),
        (
            "helo",
            SmtpReply::Helo {
                client_ip: client(),
            },
        ),
        (
            "sender",
            SmtpReply::SenderOk {
                path: "<hanako@example.net>".into(),
            },
        ),
        (
            "recipient",
            SmtpReply::RecipientOk {
                path: "<taro@example.org>".into(),
            },
        ),
        ("relay", relay_denied(RelayRefusal::NotInAllowlist)),
        ("data", SmtpReply::StartMailInput),
        (
            "queued",
            SmtpReply::Queued {
                queue_id: "QID".into(),
            },
        ),
        (
            "too big",
            SmtpReply::MessageTooBig {
                declared: false,
                limit: 10_240_000,
            },
        ),
        ("rset", SmtpReply::ResetOk),
        ("noop", SmtpReply::NoopOk),
        (
            "vrfy",
            SmtpReply::Verify {
                arg: "hanako".into(),
            },
        ),
        ("quit", SmtpReply::Bye),
        ("rcpt first", SmtpReply::NeedMail { data: false }),
        ("data first", SmtpReply::NeedRcpt),
        ("no valid", SmtpReply::NoValidRecipients),
        (
            "unknown",
            SmtpReply::UnknownCommand {
                line: "XYZZY".into(),
            },
        ),
        (
            "timeout",
            SmtpReply::Timeout {
                client_ip: client(),
            },
        ),
    ]
}

fn check(flavour: Flavour, expected: &[(&str, &str)]) {
    let replies = common_replies();
    for (name, text) in expected {
        let (_, reply) = replies
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no reply {name}"));
        assert_eq!(smtp(flavour, reply), [*text], "{flavour:?} {name}");
    }
}

#[test]
fn postfix_3_11_replies() {
    let f = Flavour::Postfix311;
    check(
        f,
        &[
            ("greeting", "220 mail.example.net ESMTP Postfix"),
            ("helo", "250 mail.example.net"),
            ("sender", "250 2.1.0 Ok"),
            ("recipient", "250 2.1.5 Ok"),
            ("relay", "554 5.7.1 <taro@example.org>: Relay access denied"),
            ("data", "354 End data with <CR><LF>.<CR><LF>"),
            ("queued", "250 2.0.0 Ok: queued as QID"),
            ("too big", "552 5.3.4 Error: message file too big"),
            ("rset", "250 2.0.0 Ok"),
            ("noop", "250 2.0.0 Ok"),
            ("vrfy", "252 2.0.0 hanako"),
            ("quit", "221 2.0.0 Bye"),
            ("rcpt first", "503 5.5.1 Error: need MAIL command"),
            ("data first", "503 5.5.1 Error: need RCPT command"),
            ("no valid", "554 5.5.1 Error: no valid recipients"),
            ("unknown", "500 5.5.2 Error: command not recognized"),
            (
                "timeout",
                "421 4.4.2 mail.example.net Error: timeout exceeded",
            ),
        ],
    );
    let one = |r: SmtpReply| smtp(f, &r);
    assert_eq!(
        one(relay_denied(RelayRefusal::AuthenticationRequired)),
        ["554 5.7.1 <taro@example.org>: Recipient address rejected: Access denied"]
    );
    assert_eq!(
        one(SmtpReply::StartTlsRequired),
        ["530 5.7.0 Must issue a STARTTLS command first"]
    );
    assert_eq!(
        one(SmtpReply::TlsAlreadyActive),
        ["554 5.5.1 Error: TLS already active"]
    );
    assert_eq!(
        one(SmtpReply::StartTlsUnavailable),
        ["502 5.5.1 Error: command not implemented"]
    );
    assert_eq!(
        one(SmtpReply::ReadyToStartTls),
        ["220 2.0.0 Ready to start TLS"]
    );
    assert_eq!(
        one(SmtpReply::AuthBadBase64 {
            initial: false,
            input: "!".into()
        }),
        ["535 5.7.8 Error: authentication failed: Invalid base64 data in continued response"]
    );
    assert_eq!(
        one(SmtpReply::AuthBadBase64 {
            initial: true,
            input: "!".into()
        }),
        ["535 5.7.8 Error: authentication failed: Invalid base64 data in initial response"]
    );
    assert_eq!(
        one(SmtpReply::AuthFailed),
        ["535 5.7.8 Error: authentication failed: (reason unavailable)"]
    );
    assert_eq!(
        one(SmtpReply::AuthSucceeded),
        ["235 2.7.0 Authentication successful"]
    );
    assert_eq!(
        one(SmtpReply::AuthCancelled),
        ["501 5.7.0 Authentication aborted"]
    );
    assert_eq!(
        one(SmtpReply::AuthNotEnabled),
        ["503 5.5.1 Error: authentication not enabled"]
    );
    assert_eq!(
        one(SmtpReply::AlreadyAuthenticated),
        ["503 5.5.1 Error: already authenticated"]
    );
    assert_eq!(
        one(SmtpReply::AuthDuringTransaction),
        ["503 5.5.1 Error: MAIL transaction in progress"]
    );
    assert_eq!(
        one(SmtpReply::AuthMechanismUnsupported {
            mech: "LOGIN".into()
        }),
        ["535 5.7.8 Error: authentication failed: Invalid authentication mechanism: 'LOGIN'"]
    );
    assert_eq!(
        one(SmtpReply::AuthChallenge {
            prompt: AuthPrompt::Empty
        }),
        ["334 "]
    );
    assert_eq!(
        one(SmtpReply::UnknownLocalUser {
            rcpt: rcpt(),
            path: String::new()
        }),
        [
            "550 5.1.1 <taro@example.org>: Recipient address rejected: User unknown in local recipient table"
        ]
    );
    assert_eq!(
        one(SmtpReply::TooManyRecipients),
        ["452 4.5.3 Error: too many recipients"]
    );
    assert_eq!(
        one(SmtpReply::MessageTooBig {
            declared: true,
            limit: 1
        }),
        ["552 5.3.4 Message size exceeds fixed limit"]
    );
    assert_eq!(
        one(SmtpReply::NestedMail),
        ["503 5.5.1 Error: nested MAIL command"]
    );
    assert_eq!(
        one(SmtpReply::MailSyntax { word: "x".into() }),
        ["501 5.5.4 Syntax: MAIL FROM:<address>"]
    );
    assert_eq!(
        one(SmtpReply::RcptSyntax { word: "x".into() }),
        ["501 5.5.4 Syntax: RCPT TO:<address>"]
    );
    assert_eq!(
        one(SmtpReply::HeloSyntax {
            verb: "EHLO".into()
        }),
        ["501 Syntax: EHLO hostname"]
    );
    assert_eq!(
        one(SmtpReply::NoArgumentsAllowed {
            verb: "DATA".into()
        }),
        ["501 5.5.4 Syntax: DATA"]
    );
    assert_eq!(
        one(SmtpReply::TooManyConnections {
            client_ip: client()
        }),
        ["421 4.7.0 mail.example.net Error: too many connections from 203.0.113.7"]
    );
    assert_eq!(
        one(SmtpReply::NonSmtpCommand),
        ["221 2.7.0 Error: I can break rules, too. Goodbye."]
    );
    assert_eq!(
        one(SmtpReply::BadUtf8),
        ["500 5.5.2 Error: bad UTF-8 syntax"]
    );
    // Postfix has no "line too long" reply in any version.
    assert!(
        one(SmtpReply::LineTooLong {
            client_ip: client()
        })
        .is_empty()
    );
    assert_eq!(
        one(SmtpReply::Ehlo {
            client_ip: client(),
            offered: vec![Extension::StartTls],
            size_limit: 10_240_000
        }),
        [
            "250-mail.example.net",
            "250-PIPELINING",
            "250-SIZE 10240000",
            "250-VRFY",
            "250-ETRN",
            "250-STARTTLS",
            "250-ENHANCEDSTATUSCODES",
            "250-8BITMIME",
            "250-DSN",
            "250-SMTPUTF8",
            "250 CHUNKING"
        ]
    );
}

#[test]
fn postfix_2001_replies() {
    let f = Flavour::Postfix2001;
    check(
        f,
        &[
            ("greeting", "220 mail.example.net ESMTP Postfix"),
            ("helo", "250 mail.example.net"),
            ("sender", "250 Ok"),
            ("recipient", "250 Ok"),
            // check_relay_domains, the 2001 default.
            (
                "relay",
                "554 <taro@example.org>: Recipient address rejected: Relay access denied",
            ),
            ("data", "354 End data with <CR><LF>.<CR><LF>"),
            ("queued", "250 Ok: queued as QID"),
            ("too big", "552 Error: message too large"),
            ("rset", "250 Ok"),
            ("noop", "250 Ok"),
            ("vrfy", "252 <hanako>"),
            ("quit", "221 Bye"),
            ("rcpt first", "503 Error: need MAIL command"),
            ("data first", "503 Error: need RCPT command"),
            ("no valid", "554 Error: no valid recipients"),
            ("unknown", "502 Error: command not implemented"),
            ("timeout", "421 Error: timeout exceeded"),
        ],
    );
    let one = |r: SmtpReply| smtp(f, &r);
    assert_eq!(
        one(SmtpReply::AuthFailed),
        ["535 Error: authentication failed"]
    );
    assert_eq!(
        one(SmtpReply::AuthSucceeded),
        ["235 Authentication successful"]
    );
    assert_eq!(
        one(SmtpReply::AuthCancelled),
        ["501 Authentication aborted"]
    );
    assert_eq!(
        one(SmtpReply::AuthBadBase64 {
            initial: false,
            input: String::new()
        }),
        ["501 Error: malformed authentication response"]
    );
    assert_eq!(
        one(SmtpReply::AuthBadBase64 {
            initial: true,
            input: String::new()
        }),
        ["501 Authentication failed: malformed initial response"]
    );
    assert_eq!(
        one(SmtpReply::AuthNotEnabled),
        ["503 Error: authentication not enabled"]
    );
    assert_eq!(
        one(SmtpReply::MailSyntax { word: "x".into() }),
        ["501 Syntax: MAIL FROM: <address>"]
    );
    assert_eq!(
        one(SmtpReply::BadSender { word: "x".into() }),
        ["501 Bad address syntax"]
    );
    assert_eq!(
        one(SmtpReply::AuthChallenge {
            prompt: AuthPrompt::Username
        }),
        ["334 VXNlcm5hbWU6"]
    );
    // No enhanced codes anywhere, no STARTTLS, no connection-limit reply in 2001.
    for (_, reply) in common_replies() {
        for line in smtp(f, &reply) {
            let after = line.get(4..).unwrap_or_default();
            assert!(
                !after.starts_with("2.") && !after.starts_with("4.") && !after.starts_with("5."),
                "{line}"
            );
        }
    }
    assert!(one(SmtpReply::ReadyToStartTls).is_empty());
    assert!(
        one(SmtpReply::TooManyConnections {
            client_ip: client()
        })
        .is_empty()
    );
    assert_eq!(
        one(SmtpReply::Ehlo {
            client_ip: client(),
            offered: vec![Extension::Auth],
            size_limit: 10_240_000
        }),
        [
            "250-mail.example.net",
            "250-PIPELINING",
            "250-SIZE 10240000",
            "250-ETRN",
            "250-AUTH PLAIN LOGIN",
            "250 8BITMIME"
        ]
    );
}

#[test]
fn sendmail_8_11_replies() {
    let f = Flavour::Sendmail811;
    check(
        f,
        &[
            (
                "greeting",
                "220 mail.example.net ESMTP Sendmail 8.11.6/8.11.6; Tue, 27 Nov 2001 21:00:00 +0900 (JST)",
            ),
            (
                "helo",
                "250 mail.example.net Hello [203.0.113.7], pleased to meet you",
            ),
            ("sender", "250 2.1.0 <hanako@example.net>... Sender ok"),
            ("recipient", "250 2.1.5 <taro@example.org>... Recipient ok"),
            ("relay", "550 5.7.1 <taro@example.org>... Relaying denied"),
            ("data", "354 Enter mail, end with \".\" on a line by itself"),
            ("queued", "250 2.0.0 QID Message accepted for delivery"),
            (
                "too big",
                "552 5.2.3 Message exceeds maximum fixed size (10240000)",
            ),
            ("rset", "250 2.0.0 Reset state"),
            ("noop", "250 2.0.0 OK"),
            (
                "vrfy",
                "252 2.5.2 Cannot VRFY user; try RCPT to attempt delivery (or try finger)",
            ),
            ("quit", "221 2.0.0 mail.example.net closing connection"),
            ("rcpt first", "503 5.0.0 Need MAIL before RCPT"),
            ("no valid", "503 5.0.0 Need RCPT (recipient)"),
            ("unknown", "500 5.5.1 Command unrecognized: \"XYZZY\""),
            (
                "timeout",
                "421 4.4.1 mail.example.net Lost input channel from [203.0.113.7]",
            ),
        ],
    );
    let one = |r: SmtpReply| smtp(f, &r);
    // 8.11 has no "Proper authentication required." (that is 8.12 with TRUST_AUTH_MECH).
    assert_eq!(
        one(relay_denied(RelayRefusal::NotAuthenticated)),
        ["550 5.7.1 <taro@example.org>... Relaying denied"]
    );
    assert_eq!(
        one(SmtpReply::StartTlsUnavailable),
        ["503 5.5.0 TLS not available"]
    );
    assert_eq!(
        one(SmtpReply::AuthFailed),
        ["500 5.7.0 authentication failed"]
    );
    assert_eq!(
        one(SmtpReply::AuthSucceeded),
        ["235 2.0.0 OK Authenticated"]
    );
    assert_eq!(one(SmtpReply::AuthCancelled), ["501 5.0.0 AUTH aborted"]);
    assert_eq!(
        one(SmtpReply::AuthMechanismUnsupported {
            mech: "CRAM-MD5".into()
        }),
        ["503 5.3.3 AUTH mechanism CRAM-MD5 not available"]
    );
    assert_eq!(
        one(SmtpReply::AuthNotEnabled),
        ["503 5.3.3 AUTH not available"]
    );
    assert_eq!(
        one(SmtpReply::AlreadyAuthenticated),
        ["503 5.5.0 Already Authenticated"]
    );
    assert_eq!(
        one(SmtpReply::AuthDuringTransaction),
        ["503 5.5.0 AUTH not permitted during a mail transaction"]
    );
    assert_eq!(
        one(SmtpReply::AuthBadBase64 {
            initial: false,
            input: "!!".into()
        }),
        ["501 5.5.4 cannot decode AUTH parameter !!"]
    );
    assert_eq!(
        one(SmtpReply::AuthBadBase64 {
            initial: true,
            input: "!!".into()
        }),
        ["501 5.5.4 cannot BASE64 decode '!!'"]
    );
    assert_eq!(
        one(SmtpReply::HeloSyntax {
            verb: "helo".into()
        }),
        ["501 5.0.0 helo requires domain address"]
    );
    assert_eq!(
        one(SmtpReply::DuplicateHelo),
        ["503 5.0.0 mail.example.net Duplicate HELO/EHLO"]
    );
    assert_eq!(
        one(SmtpReply::NestedMail),
        ["503 5.5.0 Sender already specified"]
    );
    assert_eq!(
        one(SmtpReply::NeedMail { data: true }),
        ["503 5.0.0 Need MAIL command"]
    );
    assert_eq!(
        one(SmtpReply::MailSyntax {
            word: "FORM".into()
        }),
        ["501 5.5.2 Syntax error in parameters scanning \"FORM\""]
    );
    assert_eq!(
        one(SmtpReply::MissingRecipient),
        ["501 5.0.0 Missing recipient"]
    );
    assert_eq!(
        one(SmtpReply::MessageTooBig {
            declared: true,
            limit: 10
        }),
        ["552 5.2.3 Message size exceeds fixed maximum message size (10)"]
    );
    assert_eq!(
        one(SmtpReply::TooManyErrors),
        ["421 4.7.0 mail.example.net Too many bad commands; closing connection"]
    );
    // shortenstring(): the head and the tail of a long line.
    let long = format!("{}{}", "A".repeat(150), "B".repeat(150));
    let unknown = one(SmtpReply::UnknownCommand { line: long });
    assert_eq!(
        unknown,
        [format!(
            "500 5.5.1 Command unrecognized: \"{}...{}\"",
            "A".repeat(100),
            "B".repeat(100)
        )]
    );
    assert!(
        one(SmtpReply::TooManyConnections {
            client_ip: client()
        })
        .is_empty()
    );
    assert_eq!(
        one(SmtpReply::Ehlo {
            client_ip: client(),
            offered: vec![Extension::Auth],
            size_limit: 10_240_000
        }),
        [
            "250-mail.example.net Hello [203.0.113.7], pleased to meet you",
            "250-ENHANCEDSTATUSCODES",
            "250-EXPN",
            "250-VERB",
            "250-8BITMIME",
            "250-SIZE 10240000",
            "250-DSN",
            "250-ONEX",
            "250-ETRN",
            "250-XUSR",
            "250-AUTH LOGIN PLAIN",
            "250 HELP"
        ]
    );
}

#[test]
fn qmail_1_03_replies_and_the_japanese_isp() {
    for f in [Flavour::Qmail103, Flavour::JapaneseIsp] {
        check(
            f,
            &[
                ("greeting", "220 mail.example.net ESMTP"),
                ("helo", "250 mail.example.net"),
                ("sender", "250 ok"),
                ("recipient", "250 ok"),
                ("data", "354 go ahead"),
                ("queued", "250 ok QID"),
                (
                    "too big",
                    "552 sorry, that message size exceeds my databytes limit (#5.3.4)",
                ),
                ("rset", "250 flushed"),
                ("noop", "250 ok"),
                ("vrfy", "252 send some mail, i'll try my best"),
                ("quit", "221 mail.example.net"),
                ("rcpt first", "503 MAIL first (#5.5.1)"),
                ("data first", "503 RCPT first (#5.5.1)"),
                ("unknown", "502 unimplemented (#5.5.1)"),
                ("timeout", "451 timeout (#4.4.2)"),
            ],
        );
        assert_eq!(
            smtp(f, &SmtpReply::MailSyntax { word: "x".into() }),
            ["555 syntax error (#5.5.4)"]
        );
        assert_eq!(
            smtp(f, &SmtpReply::Help),
            ["214 qmail home page: http://pobox.com/~djb/qmail.html"]
        );
        // No AUTH, STARTTLS or SIZE in qmail 1.03.
        assert_eq!(
            smtp(
                f,
                &SmtpReply::Ehlo {
                    client_ip: client(),
                    offered: Vec::new(),
                    size_limit: 10_240_000
                }
            ),
            ["250-mail.example.net", "250-PIPELINING", "250 8BITMIME"]
        );
        assert!(smtp(f, &SmtpReply::AuthSucceeded).is_empty());
    }
    assert_eq!(
        smtp(
            Flavour::Qmail103,
            &relay_denied(RelayRefusal::NotInAllowlist)
        ),
        ["553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"]
    );
    // @nifty's documented refusal: no code in the text, a period at the end.
    assert_eq!(
        smtp(
            Flavour::JapaneseIsp,
            &relay_denied(RelayRefusal::AllowlistExpired)
        ),
        ["554 sorry, you must get POP/APOP authorization."]
    );
}

#[test]
fn pop3_replies_of_each_server() {
    let greeting = Pop3Reply::Greeting {
        timestamp: "<1234.1006862400@mail.example.net>".into(),
    };
    let logged_in = Pop3Reply::LoggedIn {
        user: "hanako".into(),
        count: 2,
        octets: 320,
    };
    let failed = Pop3Reply::AuthFailed {
        user: "hanako".into(),
    };
    let unknown_before = Pop3Reply::UnknownCommand {
        command: "STAT".into(),
        logged_in: false,
    };
    let unknown_after = Pop3Reply::UnknownCommand {
        command: "USER".into(),
        logged_in: true,
    };
    let bye = Pop3Reply::SigningOff {
        logged_in: true,
        deleted: true,
    };
    let too_large = |command| Pop3Reply::BadNumber {
        command,
        problem: BadNumber::TooLarge(3),
        count: 2,
    };

    let d = Flavour::Postfix311;
    assert_eq!(pop3(d, &greeting), "+OK Dovecot ready.");
    assert_eq!(
        pop3(d, &Pop3Reply::UserAccepted { user: "x".into() }),
        "+OK"
    );
    assert_eq!(pop3(d, &logged_in), "+OK Logged in.");
    assert_eq!(pop3(d, &failed), "-ERR [AUTH] Authentication failed.");
    assert_eq!(pop3(d, &unknown_before), "-ERR Unknown command.");
    assert_eq!(pop3(d, &unknown_after), "-ERR Unknown command: USER");
    assert_eq!(pop3(d, &bye), "+OK Logging out, messages deleted.");
    assert_eq!(
        pop3(
            d,
            &Pop3Reply::SigningOff {
                logged_in: false,
                deleted: false
            }
        ),
        "+OK Logging out"
    );
    assert_eq!(
        pop3(
            d,
            &Pop3Reply::ScanListing {
                count: 2,
                octets: 320
            }
        ),
        "+OK 2 messages:"
    );
    assert_eq!(
        pop3(d, &Pop3Reply::Deleted { number: 1 }),
        "+OK Marked to be deleted."
    );
    assert_eq!(
        pop3(d, &too_large(NumberedCommand::Retr)),
        "-ERR There's no message 3."
    );
    assert_eq!(
        pop3(d, &Pop3Reply::LineTooLong { logged_in: true }),
        "-ERR Input line too long."
    );
    assert_eq!(pop3(d, &Pop3Reply::UserFirst), "-ERR No username given.");
    assert_eq!(
        pop3(d, &Pop3Reply::StlsUnavailable),
        "-ERR TLS support isn't enabled."
    );
    assert_eq!(
        d.pop3(&failed, HOST).map(|r| r.code),
        Some(ReplyCode::PopErr(Some(RespCode::Auth)))
    );
    // The CAPA that advertises AUTH-RESP-CODE: its failures carry [AUTH] (RFC 3206).
    assert!(
        d.pop3_capabilities(false, false)
            .is_some_and(|c| c.contains(&"AUTH-RESP-CODE".to_owned()))
    );

    for f in [Flavour::Postfix2001, Flavour::Sendmail811] {
        assert_eq!(
            pop3(f, &greeting),
            "+OK Qpopper (version 4.0.3) at mail.example.net starting.  <1234.1006862400@mail.example.net>"
        );
        assert_eq!(
            pop3(
                f,
                &Pop3Reply::UserAccepted {
                    user: "hanako".into()
                }
            ),
            "+OK Password required for hanako."
        );
        assert_eq!(
            pop3(f, &logged_in),
            "+OK hanako has 2 visible messages (0 hidden) in 320 octets."
        );
        assert_eq!(
            pop3(f, &failed),
            "-ERR [AUTH] Password supplied for \"hanako\" is incorrect."
        );
        assert_eq!(
            pop3(f, &bye),
            "+OK Pop server at mail.example.net signing off."
        );
        assert_eq!(
            pop3(f, &Pop3Reply::Deleted { number: 1 }),
            "+OK Message 1 has been deleted."
        );
        assert_eq!(
            pop3(f, &too_large(NumberedCommand::Retr)),
            "-ERR Message 3 does not exist."
        );
        assert_eq!(
            pop3(f, &too_large(NumberedCommand::Uidl)),
            "-ERR Message 3 out of range."
        );
        assert_eq!(
            pop3(f, &Pop3Reply::RetrFollows { octets: 120 }),
            "+OK 120 octets"
        );
        assert_eq!(pop3(f, &Pop3Reply::TopFollows), "+OK Message follows");
        assert_eq!(pop3(f, &Pop3Reply::NoopOk), "+OK no big woop");
        assert_eq!(
            pop3(
                f,
                &Pop3Reply::ScanListing {
                    count: 2,
                    octets: 320
                }
            ),
            "+OK 2 visible messages (320 octets)"
        );
        assert_eq!(
            pop3(f, &Pop3Reply::UidlListing),
            "+OK uidl command accepted."
        );
        assert!(f.pop3_capabilities(false, false).is_none());
    }

    for f in [Flavour::Qmail103, Flavour::JapaneseIsp] {
        assert_eq!(pop3(f, &greeting), "+OK <1234.1006862400@mail.example.net>");
        assert_eq!(
            pop3(f, &Pop3Reply::UserAccepted { user: "x".into() }),
            "+OK "
        );
        assert_eq!(pop3(f, &logged_in), "+OK ");
        assert_eq!(pop3(f, &failed), "-ERR authorization failed");
        assert_eq!(pop3(f, &unknown_before), "-ERR authorization first");
        assert_eq!(pop3(f, &unknown_after), "-ERR unimplemented");
        assert_eq!(pop3(f, &bye), "+OK ");
        assert_eq!(pop3(f, &Pop3Reply::UserFirst), "-ERR USER first");
        assert_eq!(
            pop3(f, &too_large(NumberedCommand::Dele)),
            "-ERR not that many messages"
        );
        assert_eq!(
            pop3(
                f,
                &Pop3Reply::BadNumber {
                    command: NumberedCommand::Dele,
                    problem: BadNumber::Zero,
                    count: 2
                }
            ),
            "-ERR messages are counted from 1"
        );
        assert_eq!(
            pop3(
                f,
                &Pop3Reply::BadNumber {
                    command: NumberedCommand::Dele,
                    problem: BadNumber::Deleted(1),
                    count: 2
                }
            ),
            "-ERR already deleted"
        );
        // No CAPA in qmail 1.03.
        assert!(f.pop3_capabilities(false, false).is_none());
        assert!(pop3(f, &Pop3Reply::CapabilityList).is_empty());
    }
}

fn stamp<'a>(recipients: &'a [Mailbox], authenticated: bool, hide: bool) -> Stamp<'a> {
    Stamp {
        host: HOST,
        helo: Some("pc.example"),
        client_ip: client(),
        protocol: Protocol::Esmtp,
        tls: authenticated,
        authenticated,
        hide_client: hide,
        queue_id: "QID",
        recipients,
        first_rcpt_as_typed: "<taro@example.org>",
        unix_time: imasara::mail::SEED_ERA_UNIX,
        utc_offset_minutes: 540,
    }
}

#[test]
fn received_headers_in_each_servers_format() {
    let one = [rcpt()];
    let two = [rcpt(), Mailbox::parse("jiro@example.com").expect("address")];
    // RFC 5321 4.4: "Received:" FWS From-domain By-domain Opt-info ";" date-time.
    assert_eq!(
        Flavour::Postfix2001.received(&stamp(&one, false, false)),
        [
            "Received: from pc.example (unknown [203.0.113.7])",
            "\tby mail.example.net (Postfix) with ESMTP id QID",
            "\tfor <taro@example.org>; Tue, 27 Nov 2001 21:00:00 +0900 (JST)"
        ]
    );
    // No RFC 3848 keyword in 2001, even after AUTH.
    assert_eq!(
        Flavour::Postfix2001.received(&stamp(&two, true, false)),
        [
            "Received: from pc.example (unknown [203.0.113.7])",
            "\tby mail.example.net (Postfix) with ESMTP",
            "\tid QID; Tue, 27 Nov 2001 21:00:00 +0900 (JST)"
        ]
    );
    // Postfix 3.11: ESMTPSA after STARTTLS and AUTH (RFC 3848, since Postfix 2.5).
    assert_eq!(
        Flavour::Postfix311.received(&stamp(&one, true, false)),
        [
            "Received: from pc.example (unknown [203.0.113.7])",
            "\tby mail.example.net (Postfix) with ESMTPSA id QID",
            "\tfor <taro@example.org>; Tue, 27 Nov 2001 21:00:00 +0900 (JST)"
        ]
    );
    assert_eq!(
        Flavour::Postfix311.received(&stamp(&two, false, false))[1..],
        [
            "\tby mail.example.net (Postfix) with ESMTP id QID;",
            "\tTue, 27 Nov 2001 21:00:00 +0900 (JST)"
        ]
    );
    // The submission template hides the client.
    assert_eq!(
        Flavour::Postfix311.received(&stamp(&one, true, true)),
        [
            "Received: by mail.example.net (Postfix) id QID",
            "\tfor <taro@example.org>; Tue, 27 Nov 2001 21:00:00 +0900 (JST)"
        ]
    );
    assert_eq!(
        Flavour::Sendmail811.received(&stamp(&one, false, false)),
        [
            "Received: from pc.example ([203.0.113.7])",
            "\tby mail.example.net (8.11.6/8.11.6) with ESMTP id QID",
            "\tfor <taro@example.org>; Tue, 27 Nov 2001 21:00:00 +0900 (JST)"
        ]
    );
    assert_eq!(
        Flavour::Sendmail811.received(&stamp(&one, true, false))[1],
        "\t(authenticated)"
    );
    // qmail: always "with SMTP", always UTC, continuation indented by two spaces.
    for f in [Flavour::Qmail103, Flavour::JapaneseIsp] {
        assert_eq!(
            f.received(&stamp(&one, false, false)),
            [
                "Received: from unknown (HELO pc.example) (203.0.113.7)",
                "  by mail.example.net with SMTP; 27 Nov 2001 12:00:00 -0000"
            ]
        );
    }
    // Every flavour's header names the client's address and ends with a date.
    for f in Flavour::ALL {
        let lines = f.received(&stamp(&one, false, false));
        assert!(lines[0].starts_with("Received: "));
        assert!(lines.concat().contains("203.0.113.7") || f == Flavour::Postfix311);
        assert!(lines.last().is_some_and(|l| l.contains(" 2001 ")));
    }
}

/// A console on `flavour`'s server.
struct Console {
    server: imasara::mail::MailServer,
    conn: u32,
    greeting: Vec<String>,
}

impl Console {
    fn open(flavour: Flavour, service: imasara::mail::Service) -> Console {
        let mut config = imasara::mail::ServerConfig::example().for_flavour(flavour);
        config.policy = imasara::mail::RelayPolicy::PopBeforeSmtpOrAuth;
        let mut server = imasara::mail::MailServer::new(config);
        server.seed_message(
            "hanako",
            None,
            vec!["Subject: a".into(), String::new(), "x".into()],
        );
        let (conn, events) = server.connect(imasara::mail::SimTime(0), service, client());
        Console {
            greeting: imasara::mail::server_lines(&events, conn),
            server,
            conn,
        }
    }

    fn say(&mut self, line: &str) -> Vec<String> {
        let events = self
            .server
            .handle_line(self.conn, imasara::mail::SimTime(0), line);
        imasara::mail::server_lines(&events, self.conn)
    }

    fn open_now(&self) -> bool {
        self.server.is_open(self.conn)
    }
}

#[test]
fn qmail_behaves_as_qmail_1_03() {
    use imasara::mail::Service;
    let mut c = Console::open(Flavour::Qmail103, Service::Smtp);
    assert_eq!(c.greeting, ["220 mail.example.net ESMTP"]);
    // HELO without a name is fine; AUTH and STARTTLS are unknown commands.
    assert_eq!(c.say("HELO"), ["250 mail.example.net"]);
    assert_eq!(c.say("AUTH LOGIN"), ["502 unimplemented (#5.5.1)"]);
    assert_eq!(c.say("STARTTLS"), ["502 unimplemented (#5.5.1)"]);
    assert_eq!(
        c.say("EHLO"),
        ["250-mail.example.net", "250-PIPELINING", "250 8BITMIME"]
    );
    // A second MAIL starts a new transaction; an unknown local user is accepted.
    assert_eq!(c.say("MAIL FROM:<a@b.example>"), ["250 ok"]);
    assert_eq!(c.say("MAIL FROM:<c@d.example>"), ["250 ok"]);
    assert_eq!(c.say("RCPT TO:<nobody@example.net>"), ["250 ok"]);
    assert_eq!(c.say("DATA x"), ["354 go ahead"]);
    c.say(".");
    assert_eq!(c.say("DATA"), ["503 MAIL first (#5.5.1)"]);

    let mut p = Console::open(Flavour::Qmail103, Service::Pop3);
    assert!(p.greeting[0].starts_with("+OK <"));
    assert_eq!(p.say("CAPA"), ["-ERR authorization first"]);
    assert_eq!(p.say("STAT"), ["-ERR authorization first"]);
    assert_eq!(p.say("NOOP"), ["+OK "]);
    assert_eq!(p.say("PASS x"), ["-ERR USER first"]);
    assert_eq!(p.say("USER"), ["-ERR syntax error"]);
    assert_eq!(p.say("USER hanako"), ["+OK "]);
    assert_eq!(p.say("PASS s3cret"), ["+OK "]);
    // qmail-pop3d: sizes as stored (LF line ends), a blank line before the dot.
    assert_eq!(p.say("LIST"), ["+OK ", "1 14", "."]);
    assert_eq!(p.say("RETR 1"), ["+OK ", "Subject: a", "", "x", "", "."]);
    assert_eq!(p.say("CAPA"), ["-ERR unimplemented"]);
    assert_eq!(p.say("DELE 1"), ["+OK "]);
    // STAT still counts the deleted message, but not its octets.
    assert_eq!(p.say("STAT"), ["+OK 1 0"]);
    assert_eq!(p.say("LAST"), ["+OK 1"]);
    assert_eq!(p.say("QUIT"), ["+OK "]);
    // A failed login closes the connection.
    let mut p = Console::open(Flavour::JapaneseIsp, Service::Pop3);
    p.say("USER hanako");
    assert_eq!(p.say("PASS wrong"), ["-ERR authorization failed"]);
    assert!(!p.open_now());
}

#[test]
fn sendmail_and_qpopper_behave_as_in_2001() {
    use imasara::mail::Service;
    let mut c = Console::open(Flavour::Sendmail811, Service::Smtp);
    assert_eq!(c.say("STARTTLS"), ["503 5.5.0 TLS not available"]);
    assert_eq!(c.say("helo"), ["501 5.0.0 helo requires domain address"]);
    assert_eq!(c.say("HELO pc.example").len(), 1);
    assert_eq!(
        c.say("EHLO pc.example"),
        ["503 5.0.0 mail.example.net Duplicate HELO/EHLO"]
    );
    assert_eq!(
        c.say("MAIL FORM:<a@b.example>"),
        ["501 5.5.2 Syntax error in parameters scanning \"FORM\""]
    );
    assert_eq!(c.say("RCPT TO:"), ["503 5.0.0 Need MAIL before RCPT"]);
    assert_eq!(
        c.say("MAIL FROM:<a@b.example>"),
        ["250 2.1.0 <a@b.example>... Sender ok"]
    );
    assert_eq!(c.say("RCPT TO:"), ["501 5.0.0 Missing recipient"]);
    assert_eq!(c.say("DATA now"), ["503 5.0.0 Need RCPT (recipient)"]);

    let mut p = Console::open(Flavour::Postfix2001, Service::Pop3);
    assert_eq!(p.say("CAPA"), ["-ERR Unknown command: \"capa\"."]);
    assert_eq!(p.say("PASS x"), ["-ERR Unknown command: \"pass\"."]);
    assert_eq!(
        p.say("USER"),
        ["-ERR Too few arguments for the user command."]
    );
    assert_eq!(p.say("USER hanako"), ["+OK Password required for hanako."]);
    // After USER only PASS and QUIT (Qpopper's auth2 state).
    assert_eq!(p.say("STAT"), ["-ERR Unknown command: \"stat\"."]);
    assert_eq!(
        p.say("PASS wrong"),
        ["-ERR [AUTH] Password supplied for \"hanako\" is incorrect."]
    );
    assert!(p.open_now());
    p.say("USER hanako");
    assert_eq!(
        p.say("PASS s3cret"),
        ["+OK hanako has 1 visible message (0 hidden) in 17 octets."]
    );
    assert_eq!(p.say("DELE 2"), ["-ERR Message 2 does not exist."]);
    assert_eq!(p.say("DELE 1"), ["+OK Message 1 has been deleted."]);
    assert_eq!(p.say("DELE 1"), ["-ERR Message 1 has been deleted."]);
    assert_eq!(p.say("RSET"), ["+OK Maildrop has 1 messages (17 octets)"]);
    assert_eq!(
        p.say("TOP 1"),
        ["-ERR Too few arguments for the top command."]
    );
    assert_eq!(
        p.say("QUIT"),
        ["+OK Pop server at mail.example.net signing off."]
    );
}

#[test]
fn dovecot_sasl_plain_and_bad_commands() {
    use imasara::mail::Service;
    let mut p = Console::open(Flavour::Postfix311, Service::Pop3);
    assert_eq!(p.say("AUTH"), ["+OK", "PLAIN", "."]);
    assert_eq!(
        p.say("AUTH LOGIN"),
        ["-ERR [AUTH] Unsupported authentication mechanism."]
    );
    assert_eq!(p.say("AUTH PLAIN"), ["+ "]);
    assert_eq!(p.say("*"), ["-ERR Authentication aborted by client."]);
    assert_eq!(
        p.say("AUTH PLAIN !!"),
        ["-ERR [AUTH] Invalid base64 data in initial response"]
    );
    assert_eq!(p.say("AUTH PLAIN"), ["+ "]);
    assert_eq!(p.say("!!"), ["-ERR [AUTH] Invalid base64 in response"]);
    let token = imasara::mail::base64::encode(b"\0hanako\0s3cret");
    assert_eq!(p.say(&format!("AUTH PLAIN {token}")), ["+OK Logged in."]);
    assert_eq!(p.say("CAPA").last().map(String::as_str), Some("."));
    // Before login, three unknown commands in a row end the session.
    let mut p = Console::open(Flavour::Postfix311, Service::Pop3);
    assert_eq!(p.say("FOO"), ["-ERR Unknown command."]);
    assert_eq!(p.say("FOO"), ["-ERR Unknown command."]);
    assert_eq!(
        p.say("FOO"),
        [
            "-ERR Unknown command.",
            "-ERR Too many invalid bad commands."
        ]
    );
    assert!(!p.open_now());
}
