//! The mail engine through its public API: transcripts asserted line by line, the POP3 and
//! SMTP state machines driven as a console would drive them, and the scenario timelines.

#![cfg(not(target_arch = "wasm32"))]

use std::net::IpAddr;

use imasara::mail::scenario::{Action, ActorId, Lab, Scenario, ScenarioId, SendStyle, StepId};
use imasara::mail::{
    AuthDecoded, ConnId, EventKind, Flavour, MINUTE, MailServer, RelayPermit, RelayPolicy,
    RelayRefusal, ServerConfig, Service, SimTime, Speaker, Timeline, base64, closes, md5,
    server_lines,
};

const READER: [u8; 4] = [203, 0, 113, 7];
const SPAMMER: [u8; 4] = [198, 51, 100, 66];

fn ip(octets: [u8; 4]) -> IpAddr {
    IpAddr::from(octets)
}

/// `C: …` / `S: …` lines of one step.
fn step_transcript(timeline: &Timeline, id: StepId) -> Vec<String> {
    let step = timeline
        .steps
        .iter()
        .find(|s| s.id() == Some(id))
        .unwrap_or_else(|| panic!("no step {id:?}"));
    step.events
        .iter()
        .filter_map(|e| e.line())
        .map(|l| match l.speaker {
            Speaker::Client => format!("C: {}", l.text),
            Speaker::Server => format!("S: {}", l.text),
        })
        .collect()
}

fn step_kinds(timeline: &Timeline, id: StepId) -> Vec<EventKind> {
    let step = timeline
        .steps
        .iter()
        .find(|s| s.id() == Some(id))
        .expect("step");
    step.events
        .iter()
        .filter(|e| e.line().is_none())
        .map(|e| e.kind.clone())
        .collect()
}

/// A typed-line console on one connection.
struct Console {
    conn: ConnId,
    greeting: Vec<String>,
}

fn open(server: &mut MailServer, now: u64, service: Service, from: [u8; 4]) -> Console {
    let (conn, events) = server.connect(SimTime(now), service, ip(from));
    Console {
        conn,
        greeting: server_lines(&events, conn),
    }
}

fn say(server: &mut MailServer, c: &Console, now: u64, line: &str) -> Vec<String> {
    server_lines(&server.handle_line(c.conn, SimTime(now), line), c.conn)
}

#[test]
fn own_case_pop3_login_transcript() {
    // 2001: Postfix-20010228 for SMTP, Qpopper 4.0 for POP3. The waiting mail came in over
    // SMTP, so each message starts with the Received: header the server wrote then.
    let t = Scenario::get(ScenarioId::OwnCase).run();
    assert_eq!(
        step_transcript(&t, StepId::OwnCaseReceiveOnStart),
        [
            "S: +OK Qpopper (version 4.0.3) at mail.example.net starting.  <24757.1006862400@mail.example.net>",
            "C: USER hanako",
            "S: +OK Password required for hanako.",
            "C: PASS s3cret",
            "S: +OK hanako has 2 visible messages (0 hidden) in 598 octets.",
            "C: STAT",
            "S: +OK 2 598",
            "C: RETR 1",
            "S: +OK 300 octets",
            "S: Received: from mx.example.org (unknown [192.0.2.80])",
            "S: \tby mail.example.net (Postfix) with ESMTP id 17F87D8879",
            "S: \tfor <hanako@example.net>; Tue, 27 Nov 2001 21:00:00 +0900 (JST)",
            "S: From: taro@example.org",
            "S: To: hanako@example.net",
            "S: Subject: Re: the meeting",
            "S: Message-ID: <waiting0@mx.example.org>",
            "S: ",
            "S: Hello.",
            "S: .",
            "C: DELE 1",
            "S: +OK Message 1 has been deleted.",
            "C: RETR 2",
            "S: +OK 298 octets",
            "S: Received: from mx.example.com (unknown [192.0.2.81])",
            "S: \tby mail.example.net (Postfix) with ESMTP id D3EDED6346",
            "S: \tfor <hanako@example.net>; Tue, 27 Nov 2001 21:00:00 +0900 (JST)",
            "S: From: news@example.com",
            "S: To: hanako@example.net",
            "S: Subject: November news",
            "S: Message-ID: <waiting1@mx.example.com>",
            "S: ",
            "S: Hello.",
            "S: .",
            "C: DELE 2",
            "S: +OK Message 2 has been deleted.",
            "C: QUIT",
            "S: +OK Pop server at mail.example.net signing off.",
        ]
    );
    let kinds = step_kinds(&t, StepId::OwnCaseReceiveOnStart);
    assert!(kinds.contains(&EventKind::AllowlistAdded {
        ip: ip(READER),
        user: "hanako".into(),
        until: SimTime(10 * MINUTE),
    }));
}

#[test]
fn own_case_send_ok_then_refused_then_ok() {
    let t = Scenario::get(ScenarioId::OwnCase).run();
    let ids: Vec<StepId> = t.steps.iter().filter_map(|s| s.id()).collect();
    assert_eq!(
        ids,
        [
            StepId::OwnCaseReceiveOnStart,
            StepId::OwnCaseSendOk,
            StepId::OwnCaseWindowExpires,
            StepId::OwnCaseSendRefused,
            StepId::OwnCaseReceiveAgain,
            StepId::OwnCaseSendOkAgain,
        ]
    );
    let send_ok = step_transcript(&t, StepId::OwnCaseSendOk);
    // Postfix-20010228: no enhanced status codes, no VRFY in the EHLO list yet.
    assert_eq!(
        send_ok[..12],
        [
            "S: 220 mail.example.net ESMTP Postfix",
            "C: EHLO pc.example",
            "S: 250-mail.example.net",
            "S: 250-PIPELINING",
            "S: 250-SIZE 10240000",
            "S: 250-ETRN",
            "S: 250 8BITMIME",
            "C: MAIL FROM:<hanako@example.net>",
            "S: 250 Ok",
            "C: RCPT TO:<taro@example.org>",
            "S: 250 Ok",
            "C: DATA",
        ]
    );
    assert!(
        send_ok
            .iter()
            .any(|l| l.starts_with("S: 250 Ok: queued as "))
    );
    // The relayed copy starts with our Received: header, which records the address the
    // allowlist judged.
    assert!(send_ok.contains(&"C: Received: from pc.example (unknown [203.0.113.7])".to_owned()));
    assert!(
        step_kinds(&t, StepId::OwnCaseSendOk)
            .iter()
            .any(|k| matches!(k, EventKind::RelayAllowed { permit: RelayPermit::Allowlisted { remaining }, .. } if *remaining == 8 * MINUTE))
    );
    assert!(
        step_kinds(&t, StepId::OwnCaseSendOk)
            .iter()
            .any(|k| matches!(k, EventKind::RelayedOnward { mx, accepted: true, .. } if mx == "mx.example.org"))
    );
    assert_eq!(
        step_kinds(&t, StepId::OwnCaseWindowExpires),
        [EventKind::AllowlistExpired {
            ip: ip(READER),
            user: "hanako".into()
        }]
    );
    assert_eq!(
        step_transcript(&t, StepId::OwnCaseSendRefused),
        [
            "S: 220 mail.example.net ESMTP Postfix",
            "C: EHLO pc.example",
            "S: 250-mail.example.net",
            "S: 250-PIPELINING",
            "S: 250-SIZE 10240000",
            "S: 250-ETRN",
            "S: 250 8BITMIME",
            "C: MAIL FROM:<hanako@example.net>",
            "S: 250 Ok",
            "C: RCPT TO:<taro@example.org>",
            "S: 554 <taro@example.org>: Recipient address rejected: Relay access denied",
            "C: QUIT",
            "S: 221 Bye",
        ]
    );
    assert!(
        step_kinds(&t, StepId::OwnCaseSendRefused)
            .iter()
            .any(|k| matches!(
                k,
                EventKind::RelayRefused {
                    refusal: RelayRefusal::AllowlistExpired,
                    ..
                }
            ))
    );
    assert!(step_transcript(&t, StepId::OwnCaseSendOkAgain).contains(&"S: 250 Ok".to_owned()));
}

#[test]
fn flavour_changes_the_wording_of_the_same_refusal() {
    let refused = |flavour| {
        let t = Scenario::get(ScenarioId::OwnCase)
            .with_flavour(flavour)
            .run();
        step_transcript(&t, StepId::OwnCaseSendRefused)
    };
    assert_eq!(
        refused(Flavour::Sendmail811),
        [
            "S: 220 mail.example.net ESMTP Sendmail 8.11.6/8.11.6; Tue, 27 Nov 2001 21:25:00 +0900 (JST)",
            "C: EHLO pc.example",
            "S: 250-mail.example.net Hello [203.0.113.7], pleased to meet you",
            "S: 250-ENHANCEDSTATUSCODES",
            "S: 250-EXPN",
            "S: 250-VERB",
            "S: 250-8BITMIME",
            "S: 250-SIZE 10240000",
            "S: 250-DSN",
            "S: 250-ONEX",
            "S: 250-ETRN",
            "S: 250-XUSR",
            "S: 250 HELP",
            "C: MAIL FROM:<hanako@example.net>",
            "S: 250 2.1.0 <hanako@example.net>... Sender ok",
            "C: RCPT TO:<taro@example.org>",
            "S: 550 5.7.1 <taro@example.org>... Relaying denied",
            "C: QUIT",
            "S: 221 2.0.0 mail.example.net closing connection",
        ]
    );
    assert_eq!(
        refused(Flavour::Qmail103),
        [
            "S: 220 mail.example.net ESMTP",
            "C: EHLO pc.example",
            "S: 250-mail.example.net",
            "S: 250-PIPELINING",
            "S: 250 8BITMIME",
            "C: MAIL FROM:<hanako@example.net>",
            "S: 250 ok",
            "C: RCPT TO:<taro@example.org>",
            "S: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
            "C: QUIT",
            "S: 221 mail.example.net",
        ]
    );
    let isp = refused(Flavour::JapaneseIsp);
    assert_eq!(isp[8], "S: 554 sorry, you must get POP/APOP authorization.");
    assert_eq!(
        refused(Flavour::Postfix311)[14..16],
        [
            "C: RCPT TO:<taro@example.org>",
            "S: 554 5.7.1 <taro@example.org>: Relay access denied",
        ]
    );
    // The decisions are the flavour-independent part.
    for flavour in Flavour::ALL {
        let t = Scenario::get(ScenarioId::OwnCase)
            .with_flavour(flavour)
            .run();
        assert_eq!(t.steps.len(), 6);
        assert!(
            step_kinds(&t, StepId::OwnCaseSendRefused)
                .iter()
                .any(|k| matches!(
                    k,
                    EventKind::RelayRefused {
                        refusal: RelayRefusal::AllowlistExpired,
                        ..
                    }
                ))
        );
    }
}

#[test]
fn window_length_moves_expiry_and_remaining_time() {
    for (window, remaining_at_send) in [(5 * MINUTE, 3 * MINUTE), (30 * MINUTE, 28 * MINUTE)] {
        let t = Scenario::with_window(ScenarioId::OwnCase, window).run();
        let expires = t
            .steps
            .iter()
            .find(|s| s.id() == Some(StepId::OwnCaseWindowExpires))
            .expect("step");
        assert_eq!(expires.at, SimTime(window));
        assert_eq!(expires.events.len(), 1);
        assert_eq!(expires.events[0].at, SimTime(window));
        assert!(step_kinds(&t, StepId::OwnCaseSendOk).iter().any(|k| matches!(
            k,
            EventKind::RelayAllowed { permit: RelayPermit::Allowlisted { remaining }, .. } if *remaining == remaining_at_send
        )));
        assert_eq!(t.allowlist_at(SimTime(window - 1))[0].remaining, 1);
        assert!(t.allowlist_at(SimTime(window)).is_empty());
    }
    // Free play: the same idle time of 25 minutes is refused with 10 minutes, allowed with 30.
    for (window, allowed) in [(10 * MINUTE, false), (30 * MINUTE, true)] {
        let mut lab = Lab::classic();
        lab.apply(&Action::SetWindow { ms: window });
        lab.receive_as_reader();
        lab.advance(25 * MINUTE);
        let events = lab.send_as_reader();
        let relayed = events
            .iter()
            .any(|e| matches!(e.kind, EventKind::RelayAllowed { .. }));
        assert_eq!(relayed, allowed, "window {window}");
    }
}

#[test]
fn every_scenario_runs_and_teaches_its_point() {
    let has = |id: ScenarioId, step: StepId, f: &dyn Fn(&EventKind) -> bool| {
        let t = Scenario::get(id).run();
        assert!(!t.steps.is_empty());
        assert!(t.steps.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(
            step_kinds(&t, step).iter().any(f),
            "{step:?}: {:#?}",
            step_kinds(&t, step)
        );
    };
    let refused = |r: RelayRefusal| move |k: &EventKind| matches!(k, EventKind::RelayRefused { refusal, .. } if *refusal == r);
    has(
        ScenarioId::SpammerRefused,
        StepId::SpammerRefusedSpammerRelays,
        &refused(RelayRefusal::NotInAllowlist),
    );
    has(
        ScenarioId::SpammerRefused,
        StepId::SpammerRefusedSpammerMailsLocalUser,
        &|k| matches!(k, EventKind::DeliveredLocally { rcpt, .. } if rcpt.local == "hanako"),
    );
    has(
        ScenarioId::OpenRelayAbused,
        StepId::OpenRelayAbusedSpammerRelays,
        &|k| matches!(k, EventKind::RelayedOnward { mx, .. } if mx == "mx.example.edu"),
    );
    has(
        ScenarioId::NatNeighbour,
        StepId::NatNeighbourNeighbourRelays,
        &|k| matches!(k, EventKind::RelayAllowed { permit: RelayPermit::Allowlisted { .. }, client_ip, .. } if *client_ip == ip(READER)),
    );
    has(
        ScenarioId::NatNeighbour,
        StepId::NatNeighbourNeighbourRefused,
        &refused(RelayRefusal::AllowlistExpired),
    );
    has(
        ScenarioId::SendBeforeReceive,
        StepId::SendBeforeReceiveSendAndReceive,
        &refused(RelayRefusal::NotInAllowlist),
    );
    has(
        ScenarioId::SendBeforeReceive,
        StepId::SendBeforeReceiveSendAndReceiveAgain,
        &|k| matches!(k, EventKind::RelayAllowed { .. }),
    );
    has(
        ScenarioId::IpChange,
        StepId::IpChangeSendRefused,
        &refused(RelayRefusal::NotInAllowlist),
    );
    has(
        ScenarioId::IpChange,
        StepId::IpChangeNextHolderRelays,
        &|k| matches!(k, EventKind::RelayAllowed { .. }),
    );
    has(
        ScenarioId::SmtpAuthInstead,
        StepId::SmtpAuthInsteadSendMuchLater,
        &|k| {
            matches!(
                k,
                EventKind::RelayAllowed {
                    permit: RelayPermit::Authenticated,
                    ..
                }
            )
        },
    );
    has(
        ScenarioId::SmtpAuthInstead,
        StepId::SmtpAuthInsteadSpammerWithoutAuth,
        &refused(RelayRefusal::NotAuthenticated),
    );
    has(
        ScenarioId::SmtpAuthInstead,
        StepId::SmtpAuthInsteadSpammerGuessesPassword,
        &|k| matches!(k, EventKind::SmtpAuth { success: false, .. }),
    );
    has(
        ScenarioId::SubmissionToday,
        StepId::SubmissionTodaySubmitWithStarttlsAndAuth,
        &|k| matches!(k, EventKind::TlsStarted { .. }),
    );
    has(
        ScenarioId::SubmissionToday,
        StepId::SubmissionTodaySpammerOn587,
        &refused(RelayRefusal::AuthenticationRequired),
    );
    has(
        ScenarioId::LogWatcherLag,
        StepId::LogWatcherLagReceiveThenSend,
        &refused(RelayRefusal::NotInAllowlist),
    );
    has(
        ScenarioId::LogWatcherLag,
        StepId::LogWatcherLagEntryAppears,
        &|k| matches!(k, EventKind::AllowlistAdded { until, .. } if *until == SimTime(5_000 + 10 * MINUTE)),
    );
    has(
        ScenarioId::LogWatcherLag,
        StepId::LogWatcherLagSendAgain,
        &|k| matches!(k, EventKind::RelayAllowed { .. }),
    );
}

#[test]
fn scenarios_are_deterministic_and_serialise() {
    for id in ScenarioId::ALL {
        let a = Scenario::get(id).run();
        let b = Scenario::get(id).run();
        assert_eq!(a, b);
        let json = serde_json::to_string(&a).expect("timeline serialises");
        assert!(json.contains(&format!("{id:?}")));
        for step in &a.steps {
            assert_eq!(step.id().map(StepId::scenario), Some(id));
            assert!(step.id().is_some_and(|s| s.code().starts_with(id.code())));
        }
        assert_eq!(ScenarioId::from_code(id.code()), Some(id));
    }
}

#[test]
fn timeline_steps_and_jumps() {
    let t = Scenario::get(ScenarioId::OwnCase).run();
    assert_eq!(t.duration, 27 * MINUTE);
    assert_eq!(t.step_at(SimTime(0)), Some(0));
    assert_eq!(t.step_at(SimTime(MINUTE)), Some(0));
    assert_eq!(t.step_at(SimTime(11 * MINUTE)), Some(2));
    assert_eq!(t.step_at(SimTime(u64::MAX)), Some(5));
    let list = t.allowlist_at(SimTime(4 * MINUTE));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].ip, ip(READER));
    assert_eq!(list[0].remaining, 6 * MINUTE);
    assert!(t.allowlist_at(SimTime(20 * MINUTE)).is_empty());
    assert_eq!(
        t.allowlist_at(SimTime(26 * MINUTE))[0].remaining,
        10 * MINUTE
    );
    let early = t.events_until(SimTime(MINUTE));
    assert!(early.iter().all(|e| e.at <= SimTime(MINUTE)));
    assert!(!early.is_empty());
    assert!(t.transcript().contains(
        &"S: 554 <taro@example.org>: Recipient address rejected: Relay access denied".to_owned()
    ));
}

#[test]
fn pop3_commands_follow_rfc1939() {
    // Today's default: Dovecot 2.4 (pop3-login before login, pop3 after).
    let mut server = MailServer::new(ServerConfig::example());
    server.seed_message(
        "hanako",
        None,
        vec![
            "Subject: one".into(),
            String::new(),
            "line 1".into(),
            ".dotted".into(),
            "line 3".into(),
        ],
    );
    server.seed_message(
        "hanako",
        None,
        vec!["Subject: two".into(), String::new(), "x".into()],
    );
    let c = open(&mut server, 0, Service::Pop3, READER);
    assert_eq!(c.greeting, ["+OK Dovecot ready."]);
    assert_eq!(say(&mut server, &c, 1, "STAT"), ["-ERR Unknown command."]);
    assert_eq!(
        say(&mut server, &c, 1, "PASS s3cret"),
        ["-ERR No username given."]
    );
    assert_eq!(
        say(&mut server, &c, 1, "CAPA"),
        [
            "+OK",
            "CAPA",
            "TOP",
            "UIDL",
            "RESP-CODES",
            "PIPELINING",
            "AUTH-RESP-CODE",
            "USER",
            "SASL PLAIN",
            "."
        ]
    );
    assert_eq!(say(&mut server, &c, 1, "user hanako"), ["+OK"]);
    assert_eq!(say(&mut server, &c, 1, "PASS s3cret"), ["+OK Logged in."]);
    assert_eq!(say(&mut server, &c, 2, "STAT"), ["+OK 2 60"]);
    assert_eq!(
        say(&mut server, &c, 2, "LIST"),
        ["+OK 2 messages:", "1 41", "2 19", "."]
    );
    assert_eq!(say(&mut server, &c, 2, "LIST 2"), ["+OK 2 19"]);
    assert_eq!(
        say(&mut server, &c, 2, "LIST 3"),
        ["-ERR There's no message 3."]
    );
    assert_eq!(
        say(&mut server, &c, 2, "LIST x"),
        ["-ERR Invalid message number: x"]
    );
    assert_eq!(
        say(&mut server, &c, 2, "LIST 1x"),
        ["-ERR Noise after message number: x"]
    );
    assert_eq!(
        say(&mut server, &c, 2, "RETR 1"),
        [
            "+OK 41 octets",
            "Subject: one",
            "",
            "line 1",
            "..dotted",
            "line 3",
            "."
        ]
    );
    assert_eq!(
        say(&mut server, &c, 2, "TOP 1 1"),
        ["+OK", "Subject: one", "", "line 1", "."]
    );
    assert_eq!(
        say(&mut server, &c, 2, "TOP 1 0"),
        ["+OK", "Subject: one", "", "."]
    );
    assert_eq!(say(&mut server, &c, 2, "TOP 1 x"), ["-ERR Invalid size: x"]);
    assert_eq!(say(&mut server, &c, 2, "UIDL 1"), ["+OK 1 seed0"]);
    assert_eq!(
        say(&mut server, &c, 2, "UIDL"),
        ["+OK", "1 seed0", "2 seed1", "."]
    );
    assert_eq!(
        say(&mut server, &c, 3, "DELE 1"),
        ["+OK Marked to be deleted."]
    );
    assert_eq!(
        say(&mut server, &c, 3, "DELE 1"),
        ["-ERR Message is deleted."]
    );
    assert_eq!(
        say(&mut server, &c, 3, "RETR 1"),
        ["-ERR Message is deleted."]
    );
    assert_eq!(say(&mut server, &c, 3, "STAT"), ["+OK 1 19"]);
    assert_eq!(say(&mut server, &c, 3, "RSET"), ["+OK"]);
    assert_eq!(
        say(&mut server, &c, 3, "DELE 2"),
        ["+OK Marked to be deleted."]
    );
    assert_eq!(say(&mut server, &c, 3, "NOOP"), ["+OK"]);
    assert_eq!(
        say(&mut server, &c, 3, "FROB"),
        ["-ERR Unknown command: FROB"]
    );
    assert_eq!(
        say(&mut server, &c, 3, "USER x"),
        ["-ERR Unknown command: USER"]
    );
    assert_eq!(
        say(&mut server, &c, 3, "LAST"),
        ["-ERR LAST command not enabled"]
    );
    // Deletions are not applied yet.
    assert_eq!(server.maildrop("hanako").len(), 2);
    assert_eq!(
        say(&mut server, &c, 4, "QUIT"),
        ["+OK Logging out, messages deleted."]
    );
    assert!(!server.is_open(c.conn));
    assert_eq!(server.maildrop("hanako").len(), 1);
    assert_eq!(server.maildrop("hanako")[0].uid, "seed0");
}

#[test]
fn pop3_abrupt_disconnect_keeps_messages_and_long_lines_are_refused() {
    let mut server = MailServer::new(ServerConfig::example());
    server.seed_message("hanako", None, vec!["a".into()]);
    let c = open(&mut server, 0, Service::Pop3, READER);
    say(&mut server, &c, 0, "USER hanako");
    say(&mut server, &c, 0, "PASS s3cret");
    assert_eq!(
        say(&mut server, &c, 0, "DELE 1"),
        ["+OK Marked to be deleted."]
    );
    assert!(closes(&server.disconnect(c.conn, SimTime(1)), c.conn));
    assert_eq!(server.maildrop("hanako").len(), 1);
    // Dovecot: after login a line over its 2048-octet buffer is refused and the
    // connection closed, without UPDATE.
    let c = open(&mut server, 1, Service::Pop3, READER);
    say(&mut server, &c, 1, "USER hanako");
    say(&mut server, &c, 1, "PASS s3cret");
    say(&mut server, &c, 1, "DELE 1");
    let events = server.handle_line(c.conn, SimTime(1), &"X".repeat(3000));
    assert_eq!(server_lines(&events, c.conn), ["-ERR Input line too long."]);
    assert!(closes(&events, c.conn));
    assert_eq!(server.maildrop("hanako").len(), 1);
    // Before login, the login process's buffer is smaller.
    let c = open(&mut server, 1, Service::Pop3, READER);
    let events = server.handle_line(c.conn, SimTime(1), &"Y".repeat(1100));
    assert_eq!(
        server_lines(&events, c.conn),
        ["-ERR Input buffer full, aborting"]
    );
    assert!(closes(&events, c.conn));
    // A timed-out POP3 session closes silently, without UPDATE (RFC 1939 section 3).
    let c = open(&mut server, 2, Service::Pop3, READER);
    say(&mut server, &c, 2, "USER hanako");
    say(&mut server, &c, 2, "PASS s3cret");
    say(&mut server, &c, 2, "DELE 1");
    let events = server.timeout(c.conn, SimTime(3));
    assert!(server_lines(&events, c.conn).is_empty());
    assert_eq!(server.maildrop("hanako").len(), 1);
}

#[test]
fn pop3_apop_and_failed_logins_record_nothing() {
    // Dovecot: APOP is off by default; a wrong password is [AUTH].
    let mut server = MailServer::new(ServerConfig::example());
    let c = open(&mut server, 0, Service::Pop3, SPAMMER);
    assert_eq!(say(&mut server, &c, 0, "USER hanako"), ["+OK"]);
    assert_eq!(
        say(&mut server, &c, 0, "PASS wrong"),
        ["-ERR [AUTH] Authentication failed."]
    );
    assert_eq!(
        say(
            &mut server,
            &c,
            0,
            "APOP hanako 0123456789abcdef0123456789abcdef"
        ),
        ["-ERR APOP not enabled."]
    );
    assert!(server.allowlist_at(SimTime(1)).is_empty());
    // Qpopper 4.0 (2001) has APOP (RFC 1939's digest of the greeting's timestamp).
    let mut server = MailServer::new(ServerConfig::example().for_flavour(Flavour::Postfix2001));
    let c = open(&mut server, 0, Service::Pop3, SPAMMER);
    assert_eq!(
        say(
            &mut server,
            &c,
            0,
            "APOP hanako 0123456789abcdef0123456789abcdef"
        ),
        ["-ERR [AUTH] Password supplied for \"hanako\" is incorrect."]
    );
    // A failed APOP ends the session.
    assert!(!server.is_open(c.conn));
    assert!(server.allowlist_at(SimTime(1)).is_empty());
    let c = open(&mut server, 0, Service::Pop3, READER);
    let greeting = &c.greeting[0];
    let timestamp = &greeting[greeting.find('<').expect("timestamp")..];
    let digest = md5::hex_digest(format!("{timestamp}s3cret").as_bytes());
    assert_eq!(
        say(&mut server, &c, 0, &format!("APOP hanako {digest}")),
        ["+OK hanako has 0 visible messages (0 hidden) in 0 octets."]
    );
    let list = server.allowlist_at(SimTime(1));
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].ip, ip(READER));
}

#[test]
fn allowlist_handles_ipv6_and_refresh() {
    let mut server = MailServer::new(ServerConfig::example());
    let v6: IpAddr = "2001:db8::7".parse().expect("ipv6");
    let login = |server: &mut MailServer, now: u64| {
        let (conn, _) = server.connect(SimTime(now), Service::Pop3, v6);
        server.handle_line(conn, SimTime(now), "USER hanako");
        server.handle_line(conn, SimTime(now), "PASS s3cret")
    };
    let first = login(&mut server, 0);
    assert!(
        first
            .iter()
            .any(|e| matches!(e.kind, EventKind::AllowlistAdded { ip, .. } if ip == v6))
    );
    let second = login(&mut server, 5 * MINUTE);
    assert!(second.iter().any(|e| matches!(e.kind, EventKind::AllowlistRefreshed { ip, until, .. } if ip == v6 && until == SimTime(15 * MINUTE))));
    let (conn, _) = server.connect(SimTime(14 * MINUTE), Service::Smtp, v6);
    server.handle_line(conn, SimTime(14 * MINUTE), "HELO v6.example");
    server.handle_line(conn, SimTime(14 * MINUTE), "MAIL FROM:<hanako@example.net>");
    let ok = server.handle_line(conn, SimTime(14 * MINUTE), "RCPT TO:<taro@example.org>");
    assert_eq!(server_lines(&ok, conn), ["250 2.1.5 Ok"]);
    let expired = server.poll(SimTime(15 * MINUTE));
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].at, SimTime(15 * MINUTE));
    assert_eq!(server.next_timer(), None);
}

#[test]
fn smtp_sequence_syntax_and_limits() {
    // Postfix 3.11.6 (smtpd.c, smtpd_check.c).
    let mut server = MailServer::new(ServerConfig::example());
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    assert_eq!(c.greeting, ["220 mail.example.net ESMTP Postfix"]);
    assert_eq!(
        say(&mut server, &c, 0, "RCPT TO:<a@example.net>"),
        ["503 5.5.1 Error: need MAIL command"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "DATA"),
        ["503 5.5.1 Error: need RCPT command"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "EHLO"),
        ["501 Syntax: EHLO hostname"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "HELO spam.example"),
        ["250 mail.example.net"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "MAIL hanako@example.net"),
        ["501 5.5.4 Syntax: MAIL FROM:<address>"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "MAIL FROM:<broken"),
        ["501 5.1.7 Bad sender address syntax"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "MAIL FROM:<> FOO=1"),
        ["555 5.5.4 Unsupported option: FOO=1"]
    );
    assert_eq!(say(&mut server, &c, 0, "MAIL FROM:<>"), ["250 2.1.0 Ok"]);
    // MAIL but no accepted recipient yet: "no valid recipients".
    assert_eq!(
        say(&mut server, &c, 0, "DATA"),
        ["554 5.5.1 Error: no valid recipients"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "MAIL FROM:<x@y.z>"),
        ["503 5.5.1 Error: nested MAIL command"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "RCPT hanako@example.net"),
        ["501 5.5.4 Syntax: RCPT TO:<address>"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "RCPT TO:<broken"),
        ["501 5.1.3 Bad recipient address syntax"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "RCPT TO:<nobody@example.net>"),
        [
            "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in local recipient table"
        ]
    );
    assert_eq!(
        say(&mut server, &c, 0, "RCPT TO:<taro@example.org>"),
        ["554 5.7.1 <taro@example.org>: Relay access denied"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "DATA"),
        ["554 5.5.1 Error: no valid recipients"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "RCPT TO:<Hanako@EXAMPLE.NET>"),
        ["250 2.1.5 Ok"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "DATA extra"),
        ["501 5.5.4 Syntax: DATA"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "DATA"),
        ["354 End data with <CR><LF>.<CR><LF>"]
    );
    assert!(say(&mut server, &c, 0, "Subject: hi").is_empty());
    assert!(say(&mut server, &c, 0, "").is_empty());
    assert!(say(&mut server, &c, 0, "..leading dot").is_empty());
    let queued = say(&mut server, &c, 0, ".");
    assert!(
        queued[0].starts_with("250 2.0.0 Ok: queued as "),
        "{queued:?}"
    );
    let stored: Vec<&str> = server.maildrop("hanako")[0].lines().collect();
    // The server's Received: header on top, then the message as sent.
    assert_eq!(
        stored[0],
        "Received: from spam.example (unknown [198.51.100.66])"
    );
    assert!(stored[1].starts_with("\tby mail.example.net (Postfix) with SMTP id "));
    assert_eq!(
        stored[2],
        "\tfor <Hanako@EXAMPLE.NET>; Fri, 27 Nov 2026 21:00:00 +0900 (JST)"
    );
    assert_eq!(stored[3..], ["Subject: hi", "", ".leading dot"]);
    assert_eq!(server.maildrop("hanako")[0].from, None);
    assert_eq!(say(&mut server, &c, 0, "VRFY hanako"), ["252 2.0.0 hanako"]);
    assert_eq!(
        say(&mut server, &c, 0, "VRFY"),
        ["501 5.5.4 Syntax: VRFY address [SMTPUTF8]"]
    );
    assert_eq!(say(&mut server, &c, 0, "NOOP"), ["250 2.0.0 Ok"]);
    assert_eq!(
        say(&mut server, &c, 0, "NOOP x"),
        ["501 5.5.4 Syntax: NOOP"]
    );
    assert_eq!(say(&mut server, &c, 0, "RSET"), ["250 2.0.0 Ok"]);
    assert_eq!(
        say(&mut server, &c, 0, "XYZZY"),
        ["500 5.5.2 Error: command not recognized"]
    );
    assert_eq!(say(&mut server, &c, 0, ""), ["500 5.5.2 Error: bad syntax"]);
    // Postfix 3.11 has no "line too long" reply: the rest of the line is skipped and the
    // first 2048 octets are the command.
    assert_eq!(
        say(&mut server, &c, 0, &"A".repeat(20_000)),
        ["500 5.5.2 Error: command not recognized"]
    );
    // That was the 19th error of this session; the 20th would end it (see below), so go
    // on in a new one.
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    say(&mut server, &c, 0, "HELO spam.example");
    assert_eq!(
        say(&mut server, &c, 0, "AUTH PLAIN"),
        ["503 5.5.1 Error: authentication not enabled"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "STARTTLS"),
        ["502 5.5.1 Error: command not implemented"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "MAIL FROM:<a@b.c> SIZE=99999999"),
        ["552 5.3.4 Message size exceeds fixed limit"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "HELP"),
        [
            "214 2.0.0 Commands: AUTH BDAT DATA EHLO ETRN HELO HELP MAIL NOOP QUIT RCPT RSET STARTTLS VRFY XCLIENT XFORWARD"
        ]
    );
    assert_eq!(say(&mut server, &c, 0, "QUIT"), ["221 2.0.0 Bye"]);
    assert!(!server.is_open(c.conn));
    // An idle SMTP client is told why it is dropped.
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    let events = server.timeout(c.conn, SimTime(300_000));
    assert_eq!(
        server_lines(&events, c.conn),
        ["421 4.4.2 mail.example.net Error: timeout exceeded"]
    );
    assert!(closes(&events, c.conn));
    // A header where a command belongs ends the session (smtpd_forbid_cmds).
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    let events = server.handle_line(c.conn, SimTime(0), "Subject: hello");
    assert_eq!(
        server_lines(&events, c.conn),
        ["221 2.7.0 Error: I can break rules, too. Goodbye."]
    );
    assert!(closes(&events, c.conn));
    // Twenty errors, and Postfix says goodbye.
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    let mut last = Vec::new();
    for _ in 0..20 {
        last = say(&mut server, &c, 0, "XYZZY");
    }
    assert_eq!(
        last,
        [
            "500 5.5.2 Error: command not recognized",
            "421 4.7.0 mail.example.net Error: too many errors"
        ]
    );
    assert!(!server.is_open(c.conn));
}

#[test]
fn smtp_auth_plain_and_login_decoded_for_the_view() {
    // Postfix 3.11 with Dovecot SASL (`auth_mechanisms = plain`, the default).
    let mut config = ServerConfig::example();
    config.policy = RelayPolicy::SmtpAuth;
    let mut server = MailServer::new(config);
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    let ehlo = say(&mut server, &c, 0, "EHLO x.example");
    assert!(ehlo.contains(&"250-AUTH PLAIN".to_owned()));
    assert_eq!(
        say(&mut server, &c, 0, "AUTH"),
        ["501 5.5.4 Syntax: AUTH mechanism"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "AUTH CRAM-MD5"),
        ["535 5.7.8 Error: authentication failed: Invalid authentication mechanism: 'CRAM-MD5'"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "AUTH LOGIN"),
        ["535 5.7.8 Error: authentication failed: Invalid authentication mechanism: 'LOGIN'"]
    );
    // PLAIN with an empty challenge, wrong password.
    assert_eq!(say(&mut server, &c, 0, "AUTH PLAIN"), ["334 "]);
    let wrong = base64::encode(b"\0hanako\0guess");
    let events = server.handle_line(c.conn, SimTime(0), &wrong);
    assert_eq!(
        server_lines(&events, c.conn),
        ["535 5.7.8 Error: authentication failed: (reason unavailable)"]
    );
    let echoed = events
        .iter()
        .filter_map(|e| e.line())
        .find(|l| l.speaker == Speaker::Client)
        .expect("echo");
    assert_eq!(
        echoed.auth,
        Some(AuthDecoded::Plain {
            authzid: String::new(),
            user: "hanako".into(),
            password: "guess".into()
        })
    );
    assert_eq!(
        say(&mut server, &c, 0, "AUTH PLAIN !!!"),
        ["535 5.7.8 Error: authentication failed: Invalid base64 data in initial response"]
    );
    assert_eq!(say(&mut server, &c, 0, "AUTH PLAIN"), ["334 "]);
    assert_eq!(
        say(&mut server, &c, 0, "!!!"),
        ["535 5.7.8 Error: authentication failed: Invalid base64 data in continued response"]
    );
    assert_eq!(say(&mut server, &c, 0, "AUTH PLAIN"), ["334 "]);
    assert_eq!(
        say(&mut server, &c, 0, "*"),
        ["501 5.7.0 Authentication aborted"]
    );
    let token = base64::encode(b"\0hanako\0s3cret");
    assert_eq!(
        say(&mut server, &c, 0, &format!("AUTH PLAIN {token}")),
        ["235 2.7.0 Authentication successful"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "AUTH PLAIN"),
        ["503 5.5.1 Error: already authenticated"]
    );
    say(&mut server, &c, 0, "MAIL FROM:<hanako@example.net>");
    assert_eq!(
        say(&mut server, &c, 0, "RCPT TO:<taro@example.org>"),
        ["250 2.1.5 Ok"]
    );
    // The Received: header says ESMTPA (RFC 3848) for an authenticated ESMTP client.
    say(&mut server, &c, 0, "DATA");
    say(&mut server, &c, 0, "Subject: x");
    say(&mut server, &c, 0, ".");
    let relayed = server.recipient_server("example.org").expect("relayed");
    let got: Vec<&str> = relayed.maildrop("taro")[0].lines().collect();
    assert!(
        got.iter()
            .any(|l| l.starts_with("\tby mail.example.net (Postfix) with ESMTPA id ")),
        "{got:#?}"
    );

    // Postfix-20010228 with Cyrus SASL offers LOGIN too; every line of it is readable in
    // the events.
    let mut config = ServerConfig::example().for_flavour(Flavour::Postfix2001);
    config.policy = RelayPolicy::SmtpAuth;
    let mut server = MailServer::new(config);
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    let ehlo = say(&mut server, &c, 0, "EHLO x.example");
    assert!(ehlo.contains(&"250-AUTH PLAIN LOGIN".to_owned()));
    assert_eq!(say(&mut server, &c, 0, "AUTH LOGIN"), ["334 VXNlcm5hbWU6"]);
    assert_eq!(say(&mut server, &c, 0, "*"), ["501 Authentication aborted"]);
    assert_eq!(
        say(&mut server, &c, 0, "AUTH PLAIN !!!"),
        ["501 Authentication failed: malformed initial response"]
    );
    let mut all = Vec::new();
    for line in [
        "AUTH LOGIN",
        &base64::encode(b"hanako"),
        &base64::encode(b"s3cret"),
    ] {
        all.extend(server.handle_line(c.conn, SimTime(0), line));
    }
    let auth: Vec<AuthDecoded> = all
        .iter()
        .filter_map(|e| e.line())
        .filter_map(|l| l.auth.clone())
        .collect();
    assert_eq!(
        auth,
        [
            AuthDecoded::Challenge {
                prompt: "Username:".into()
            },
            AuthDecoded::LoginUser {
                user: "hanako".into()
            },
            AuthDecoded::Challenge {
                prompt: "Password:".into()
            },
            AuthDecoded::LoginPassword {
                password: "s3cret".into()
            },
        ]
    );
    assert_eq!(
        server_lines(&all, c.conn).last().map(String::as_str),
        Some("235 Authentication successful")
    );
}

#[test]
fn submission_requires_starttls_then_auth() {
    // Postfix 3.11 with the master.cf submission template.
    let mut server = MailServer::new(ServerConfig::example());
    let c = open(&mut server, 0, Service::Submission, READER);
    let ehlo = say(&mut server, &c, 0, "EHLO pc.example");
    assert!(ehlo.contains(&"250-STARTTLS".to_owned()));
    assert!(!ehlo.iter().any(|l| l.contains("AUTH")));
    assert_eq!(
        say(&mut server, &c, 0, "MAIL FROM:<hanako@example.net>"),
        ["530 5.7.0 Must issue a STARTTLS command first"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "AUTH PLAIN"),
        ["530 5.7.0 Must issue a STARTTLS command first"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "STARTTLS x"),
        ["501 5.5.4 Syntax: STARTTLS"]
    );
    let events = server.handle_line(c.conn, SimTime(0), "STARTTLS");
    assert_eq!(
        server_lines(&events, c.conn),
        ["220 2.0.0 Ready to start TLS"]
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::TlsStarted { .. }))
    );
    assert_eq!(
        say(&mut server, &c, 0, "STARTTLS"),
        ["554 5.5.1 Error: TLS already active"]
    );
    let ehlo_events = server.handle_line(c.conn, SimTime(0), "EHLO pc.example");
    assert!(ehlo_events.iter().filter_map(|e| e.line()).all(|l| l.tls));
    let ehlo = server_lines(&ehlo_events, c.conn);
    assert!(ehlo.contains(&"250-AUTH PLAIN".to_owned()));
    assert!(!ehlo.iter().any(|l| l.contains("STARTTLS")));
    // Without AUTH, MAIL is accepted and every recipient refused at RCPT
    // (`smtpd_recipient_restrictions = permit_sasl_authenticated,reject`).
    assert_eq!(
        say(&mut server, &c, 0, "MAIL FROM:<hanako@example.net>"),
        ["250 2.1.0 Ok"]
    );
    let events = server.handle_line(c.conn, SimTime(0), "RCPT TO:<taro@example.org>");
    assert_eq!(
        server_lines(&events, c.conn),
        ["554 5.7.1 <taro@example.org>: Recipient address rejected: Access denied"]
    );
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::RelayRefused {
            refusal: RelayRefusal::AuthenticationRequired,
            ..
        }
    )));
    assert_eq!(
        say(&mut server, &c, 0, "AUTH PLAIN"),
        ["503 5.5.1 Error: MAIL transaction in progress"]
    );
    assert_eq!(say(&mut server, &c, 0, "RSET"), ["250 2.0.0 Ok"]);
    let token = base64::encode(b"\0hanako\0s3cret");
    assert_eq!(
        say(&mut server, &c, 0, &format!("AUTH PLAIN {token}")),
        ["235 2.7.0 Authentication successful"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "MAIL FROM:<hanako@example.net>"),
        ["250 2.1.0 Ok"]
    );
    assert_eq!(
        say(&mut server, &c, 0, "RCPT TO:<taro@example.org>"),
        ["250 2.1.5 Ok"]
    );
    // The template hides the client in Received: (`smtpd_hide_client_session`).
    say(&mut server, &c, 0, "DATA");
    say(&mut server, &c, 0, "Subject: x");
    say(&mut server, &c, 0, ".");
    let relayed = server.recipient_server("example.org").expect("relayed");
    let got: Vec<&str> = relayed.maildrop("taro")[0].lines().collect();
    let ours = got
        .iter()
        .position(|l| l.starts_with("Received: by mail.example.net (Postfix) id "))
        .expect("our header");
    assert_eq!(
        got[ours + 1],
        "\tfor <taro@example.org>; Fri, 27 Nov 2026 21:00:00 +0900 (JST)"
    );
}

#[test]
fn with_a_certificate_port_25_offers_starttls_and_pop3_offers_stls() {
    // mail-lab with TLS: Postfix with `smtpd_tls_security_level = may`, Dovecot with a
    // certificate. The engine answers; the lab runs the handshake after the event.
    let mut server = MailServer::new(ServerConfig {
        tls_ready: true,
        ..ServerConfig::example()
    });
    let c = open(&mut server, 0, Service::Smtp, READER);
    let ehlo = say(&mut server, &c, 0, "EHLO pc.example");
    assert!(ehlo.contains(&"250-STARTTLS".to_owned()));
    let events = server.handle_line(c.conn, SimTime(0), "STARTTLS");
    assert_eq!(
        server_lines(&events, c.conn),
        ["220 2.0.0 Ready to start TLS"]
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::TlsStarted { conn } if conn == c.conn))
    );
    let ehlo = say(&mut server, &c, 0, "EHLO pc.example");
    assert!(!ehlo.iter().any(|l| l.contains("STARTTLS")));
    // Postfix 3.11 lists RFC 8689's REQUIRETLS last, inside TLS only (smtpd.c `ehlo_cmd`).
    assert_eq!(ehlo.last().map(String::as_str), Some("250 REQUIRETLS"));
    // ... and takes it as a MAIL parameter there, and only there (`mail_cmd`).
    assert_eq!(
        say(
            &mut server,
            &c,
            0,
            "MAIL FROM:<hanako@example.net> REQUIRETLS"
        ),
        ["250 2.1.0 Ok"]
    );
    say(&mut server, &c, 0, "RSET");
    assert_eq!(
        say(&mut server, &c, 0, "STARTTLS"),
        ["554 5.5.1 Error: TLS already active"]
    );

    // Without a certificate port 25 has no STARTTLS, as before.
    let mut plain = MailServer::new(ServerConfig::example());
    let c = open(&mut plain, 0, Service::Smtp, READER);
    let ehlo = say(&mut plain, &c, 0, "EHLO pc.example");
    assert!(!ehlo.iter().any(|l| l.contains("STARTTLS")));
    assert_eq!(
        say(
            &mut plain,
            &c,
            0,
            "MAIL FROM:<hanako@example.net> REQUIRETLS"
        ),
        ["555 5.5.4 Unsupported option: REQUIRETLS"]
    );

    // Submission on port 465: inside TLS from the greeting on, so no STARTTLS and AUTH at
    // once (the template's `smtpd_tls_auth_only`).
    let (conn, events) = server.connect_tls(SimTime(0), Service::Submission, ip(READER));
    assert!(events.iter().filter_map(|e| e.line()).all(|l| l.tls));
    let c = Console {
        conn,
        greeting: server_lines(&events, conn),
    };
    assert!(c.greeting[0].starts_with("220 mail.example.net ESMTP"));
    let ehlo = say(&mut server, &c, 0, "EHLO pc.example");
    assert!(!ehlo.iter().any(|l| l.contains("STARTTLS")));
    assert!(
        ehlo.contains(&"250-AUTH PLAIN LOGIN".to_owned())
            || ehlo.iter().any(|l| l.starts_with("250-AUTH "))
    );

    // POP3: STLS listed before login, then accepted; inside TLS it is neither listed nor
    // accepted again (Dovecot's words).
    let c = open(&mut server, 0, Service::Pop3, READER);
    let capa = say(&mut server, &c, 0, "CAPA");
    let stls = capa.iter().position(|l| l == "STLS").expect("STLS listed");
    let user = capa.iter().position(|l| l == "USER").expect("USER listed");
    assert!(stls < user);
    let events = server.handle_line(c.conn, SimTime(0), "STLS");
    assert_eq!(
        server_lines(&events, c.conn),
        ["+OK Begin TLS negotiation now."]
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::TlsStarted { conn } if conn == c.conn))
    );
    let capa_events = server.handle_line(c.conn, SimTime(0), "CAPA");
    assert!(capa_events.iter().filter_map(|e| e.line()).all(|l| l.tls));
    assert!(!server_lines(&capa_events, c.conn).contains(&"STLS".to_owned()));
    assert_eq!(
        say(&mut server, &c, 0, "STLS"),
        ["-ERR TLS is already active."]
    );
    assert_eq!(say(&mut server, &c, 0, "USER hanako"), ["+OK"]);

    // POP3 on port 995 starts inside TLS.
    let (conn, events) = server.connect_tls(SimTime(0), Service::Pop3, ip(READER));
    assert!(events.iter().filter_map(|e| e.line()).all(|l| l.tls));
    let c = Console {
        conn,
        greeting: server_lines(&events, conn),
    };
    assert!(!say(&mut server, &c, 0, "CAPA").contains(&"STLS".to_owned()));

    // Without a certificate Dovecot refuses STLS and does not list it.
    let c = open(&mut plain, 0, Service::Pop3, READER);
    assert!(!say(&mut plain, &c, 0, "CAPA").contains(&"STLS".to_owned()));
    assert_eq!(
        say(&mut plain, &c, 0, "STLS"),
        ["-ERR TLS support isn't enabled."]
    );

    // Servers of 2001 had no TLS: a certificate changes nothing there.
    let mut old = MailServer::new(ServerConfig {
        tls_ready: true,
        ..ServerConfig::example().for_flavour(Flavour::Postfix2001)
    });
    let c = open(&mut old, 0, Service::Smtp, READER);
    assert!(
        !say(&mut old, &c, 0, "EHLO pc.example")
            .iter()
            .any(|l| l.contains("STARTTLS"))
    );
    let c = open(&mut old, 0, Service::Pop3, READER);
    let stls = say(&mut old, &c, 0, "STLS");
    assert!(stls[0].starts_with("-ERR"), "{stls:?}");
}

#[test]
fn free_play_lab_console_and_habits() {
    // The page's free play: a provider of 2001.
    let mut lab = Lab::classic();
    let (conn, greeting) = lab
        .open_console(ActorId::Reader, Service::Smtp)
        .expect("reader");
    assert_eq!(
        server_lines(&greeting, conn),
        ["220 mail.example.net ESMTP Postfix"]
    );
    lab.type_line(conn, "HELO pc.example");
    lab.type_line(conn, "MAIL FROM:<hanako@example.net>");
    assert_eq!(
        server_lines(&lab.type_line(conn, "RCPT TO:<x@y.example>"), conn),
        ["554 <x@y.example>: Recipient address rejected: Relay access denied"]
    );
    lab.receive_as_reader();
    assert_eq!(
        server_lines(&lab.type_line(conn, "RCPT TO:<x@y.example>"), conn),
        ["250 Ok"]
    );
    assert!(closes(&lab.close_console(conn), conn));
    assert!(
        lab.send_as_spammer()
            .iter()
            .any(|e| matches!(e.kind, EventKind::RelayRefused { .. }))
    );
    lab.apply(&Action::SetPolicy {
        policy: RelayPolicy::OpenRelay,
    });
    assert!(
        lab.send_as_spammer()
            .iter()
            .any(|e| matches!(e.kind, EventKind::RelayedOnward { .. }))
    );
    assert_eq!(lab.allowlist().len(), 1);
    let advanced = lab.advance(11 * MINUTE);
    assert!(
        advanced
            .iter()
            .any(|e| matches!(e.kind, EventKind::AllowlistExpired { .. }))
    );
    assert!(lab.allowlist().is_empty());
    assert_eq!(lab.now(), SimTime(11 * MINUTE));

    // A program that checks every 5 minutes keeps its window open indefinitely.
    let mut reader = imasara::mail::scenario::Actor::reader(&ServerConfig::example());
    reader.program.check_interval = Some(5 * MINUTE);
    reader.program.send_style = SendStyle::Plain;
    let mut lab = Lab::new(ServerConfig::example(), vec![reader]);
    lab.apply(&Action::StartMailProgram {
        actor: ActorId::Reader,
    });
    let events = lab.advance(60 * MINUTE);
    let logins = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::PopLogin { success: true, .. }))
        .count();
    assert_eq!(logins, 12);
    assert!(
        lab.send_as_reader()
            .iter()
            .any(|e| matches!(e.kind, EventKind::RelayAllowed { .. }))
    );
    lab.apply(&Action::QuitMailProgram {
        actor: ActorId::Reader,
    });
    lab.advance(20 * MINUTE);
    assert!(
        lab.send_as_reader()
            .iter()
            .any(|e| matches!(e.kind, EventKind::RelayRefused { .. }))
    );
}

#[test]
fn free_play_send_style_follows_the_policy() {
    let mut lab = Lab::classic();
    lab.apply(&Action::SetPolicy {
        policy: RelayPolicy::SmtpAuth,
    });
    assert!(
        lab.send_as_reader()
            .iter()
            .any(|e| matches!(e.kind, EventKind::RelayRefused { .. }))
    );
    assert!(lab.set_send_style(ActorId::Reader, SendStyle::AuthPlain));
    assert!(lab.send_as_reader().iter().any(|e| matches!(
        e.kind,
        EventKind::RelayAllowed {
            permit: RelayPermit::Authenticated,
            ..
        }
    )));
    assert!(
        !Lab::new(ServerConfig::example(), Vec::new())
            .set_send_style(ActorId::Reader, SendStyle::Plain)
    );
}

#[test]
fn with_both_policies_a_client_with_neither_is_refused_and_either_one_suffices() {
    // POP before SMTP *or* SMTP AUTH (Postfix: permit_sasl_authenticated plus a POP
    // allowlist map): a client that has neither is refused, and the refusal names both.
    let mut config = ServerConfig::example();
    config.policy = RelayPolicy::PopBeforeSmtpOrAuth;
    let mut server = MailServer::new(config);
    let c = open(&mut server, 0, Service::Smtp, SPAMMER);
    say(&mut server, &c, 10, "EHLO bulk-mailer.example");
    say(&mut server, &c, 20, "MAIL FROM:<winner@lottery.example>");
    let events = server.handle_line(c.conn, SimTime(30), "RCPT TO:<taro@example.org>");
    assert_eq!(
        server_lines(&events, c.conn),
        ["554 5.7.1 <taro@example.org>: Relay access denied"]
    );
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::RelayRefused {
            refusal: RelayRefusal::NeitherAllowlistedNorAuthenticated,
            ..
        }
    )));
    // The same client after SMTP AUTH (RFC 4954): allowed, and no allowlist needed.
    let plain = base64::encode(b"\0hanako\0s3cret");
    let c2 = open(&mut server, 40, Service::Smtp, SPAMMER);
    say(&mut server, &c2, 50, "EHLO pc.example");
    assert_eq!(
        say(&mut server, &c2, 60, &format!("AUTH PLAIN {plain}")),
        ["235 2.7.0 Authentication successful"]
    );
    say(&mut server, &c2, 70, "MAIL FROM:<hanako@example.net>");
    let events = server.handle_line(c2.conn, SimTime(80), "RCPT TO:<taro@example.org>");
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::RelayAllowed {
            permit: RelayPermit::Authenticated,
            ..
        }
    )));
}
