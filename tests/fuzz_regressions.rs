//! What the fuzz targets found (fuzz/, FUZZING.md), replayed on every `cargo test`.
//!
//! Each input that made a target fail is kept byte for byte under
//! `tests/fixtures/fuzz/<target>/` and run through the very driver the target runs
//! (`fuzz/drivers/*.rs`, with its invariants), so CI, which does not fuzz, still holds the
//! line. Each fix also has a test below that says in words what went wrong.

#[path = "../fuzz/drivers/cert.rs"]
mod cert;
#[path = "../fuzz/drivers/cert_session.rs"]
mod cert_session;
#[path = "../fuzz/drivers/hostname.rs"]
mod hostname;
#[path = "../fuzz/drivers/mail_recording.rs"]
mod mail_recording;
#[path = "../fuzz/drivers/mail_session.rs"]
mod mail_session;
#[path = "../fuzz/drivers/route.rs"]
mod route;

use std::path::Path;

use imasara::mail::{EventKind, Flavour, RelayPolicy, Service, SimTime, Speaker};

/// Runs `driver` on every file under tests/fixtures/fuzz/`target`/ (none is fine).
fn replay(target: &str, driver: fn(&[u8])) {
    replay_dir("tests/fixtures/fuzz", target, driver);
}

/// Runs `driver` on every file under `root`/`target`/ (none is fine).
fn replay_dir(root: &str, target: &str, driver: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(root)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        let data = std::fs::read(&path).unwrap();
        eprintln!("replaying {}", path.display());
        driver(&data);
    }
}

/// The hand-made seeds (fuzz/seeds, written by fuzz/seeds.py) pass the drivers too: a
/// change to an engine or a driver that breaks a seed shows here, not only when someone
/// next fuzzes.
#[test]
fn seeds_pass_the_drivers() {
    replay_dir("fuzz/seeds", "cert", cert::parse);
    replay_dir("fuzz/seeds", "cert", cert::judge);
    replay_dir("fuzz/seeds", "cert_session", cert_session::run);
    replay_dir("fuzz/seeds", "hostname", hostname::run);
    replay_dir("fuzz/seeds", "route", route::run);
    replay_dir("fuzz/seeds", "mail_session", mail_session::run);
    // mail_recording's seeds are the committed recordings.
    replay_dir("tests/fixtures", "recordings", mail_recording::run);
}

/// The `parse-in-parts` seed keeps the worker's answers in parts within the `cert_session`
/// target's reach: with the driver's part size, its first message is answered in parts.
#[test]
fn the_cert_session_seed_for_parts_is_answered_in_parts() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/cert_session/parse-in-parts");
    let data = std::fs::read(seed).unwrap();
    let len = usize::from(u16::from_le_bytes([data[0], data[1]]));
    let messages = cert_session::session_for(&data).handle_bytes(&data[2..2 + len]);
    assert!(messages.len() > 1, "{} message", messages.len());
}

#[test]
fn mail_recording_findings_replay() {
    replay("mail_recording", mail_recording::run);
}

#[test]
fn cert_parse_findings_replay() {
    replay("cert_parse", cert::parse);
}

#[test]
fn cert_judge_findings_replay() {
    replay("cert_judge", cert::judge);
}

#[test]
fn cert_session_findings_replay() {
    replay("cert_session", cert_session::run);
}

#[test]
fn hostname_findings_replay() {
    replay("hostname", hostname::run);
}

#[test]
fn route_findings_replay() {
    replay("route", route::run);
}

#[test]
fn mail_session_findings_replay() {
    replay("mail_session", mail_session::run);
}

/// The setup byte (see fuzz/drivers/mail_session.rs) for qmail 1.03 (`23 % 5 == 3`), open
/// relay (`23 / 5 % 4 == 0`), SMTP first (`23 / 20 % 3 == 1`).
const QMAIL_OPEN_RELAY_SMTP: u8 = 23;

/// Found by `mail_session` (fixture `qmail-cr-in-recipient-domain`). qmail's addrparse
/// (qmail-smtpd.c) takes any text as an address, a CR inside the line included (only the
/// CR before LF is removed). Relayed onward, such a domain became a simulated recipient
/// server named `mx.example.n\ranyonet`, whose greeting carried the CR (and so did
/// mail-lab's log line). The faithful behaviour: qmail-smtpd accepts the recipient
/// (`250 ok`), and qmail-remote later finds no host by that name and the message bounces
/// ("Sorry, I couldn't find any host named ..."); there is no server to simulate, so the
/// simulation builds none and relays only to the real domain beside it.
#[test]
fn qmail_recipient_domain_that_is_no_host_name_is_accepted_but_not_relayed_to() {
    for domain in ["example.n\ranyonet", "exa mple.org", "-x.example", "a..b"] {
        let (mut server, _) = mail_session::server(QMAIL_OPEN_RELAY_SMTP);
        assert_eq!(server.config().flavour, Flavour::Qmail103);
        assert_eq!(server.config().policy, RelayPolicy::OpenRelay);
        let ip = [203, 0, 113, 7].into();
        let (conn, _) = server.connect(SimTime(0), Service::Smtp, ip);
        let mut events = Vec::new();
        for line in [
            "HELO client".to_owned(),
            "MAIL FROM:<hanako@example.net>".to_owned(),
            format!("RCPT TO:<friend@{domain}>"),
            "RCPT TO:<friend@example.org>".to_owned(),
            "DATA".to_owned(),
            "hello".to_owned(),
            ".".to_owned(),
        ] {
            let answer = server.handle_line(conn, SimTime(1), &line);
            if line.contains(domain) {
                let replies: Vec<&str> = answer
                    .iter()
                    .filter_map(|e| e.line())
                    .filter(|l| l.speaker == Speaker::Server && l.reply.is_some())
                    .map(|l| l.text.as_str())
                    .collect();
                assert_eq!(replies, ["250 ok"], "qmail-smtpd accepts {domain:?}");
            }
            events.extend(answer);
        }
        let relayed: Vec<&str> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::RelayedOnward { mx, .. } => Some(mx.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(relayed, ["mx.example.org"], "{domain:?}");
        assert!(server.recipient_server(domain).is_none());
        for line in events.iter().filter_map(|e| e.line()) {
            if line.speaker == Speaker::Server {
                assert!(!line.text.contains('\r'), "{:?}", line.text);
            }
        }
    }
}
