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
#[path = "../fuzz/drivers/mail_session.rs"]
mod mail_session;
#[path = "../fuzz/drivers/route.rs"]
mod route;

use std::path::Path;

use imasara::mail::{EventKind, Service, SimTime, Speaker};

/// Runs `driver` on every file under tests/fixtures/fuzz/`target`/ (none is fine).
fn replay(target: &str, driver: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
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

/// qmail's addrparse takes any text as an address, a CR included. Relayed onward, such a
/// domain became a simulated recipient server named `mx.example.n\ranyonet`, whose
/// greeting carried the CR (and so did mail-lab's log line). qmail-remote finds no such
/// host; there is no server to simulate: the recipient is accepted, as qmail does, and the
/// message dropped, as for an unknown local user.
#[test]
fn qmail_recipient_domain_that_is_no_host_name_is_not_relayed_to() {
    for domain in ["example.n\ranyonet", "exa mple.org", "-x.example", "a..b"] {
        let (mut server, _) = mail_session::server(3 + 5 * 0 + 20); // qmail, open relay
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
            events.extend(server.handle_line(conn, SimTime(1), &line));
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
