//! mail-lab driven by real clients the project did not write: curl (pop3:// and smtp://)
//! and Python's poplib/smtplib.
//!
//! The lab is built and started by `tests/lab/mod.rs` (the same build of the example, port
//! 0, the addresses read from its stdout, killed on drop). Every wait is bounded. No test
//! races the wall clock: where a window must run out, the test moves the lab's clock
//! forward (`skip` on its standard input) and waits for the lab to say the entry expired.
#![cfg(not(target_arch = "wasm32"))]

mod lab;
use lab::{LabProcess, connect, curl, run};

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("imasara-mail-lab-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).expect("write temp file");
    path
}

#[test]
fn curl_sends_and_receives_byte_for_byte_and_is_refused_from_another_host() {
    let lab = LabProcess::start(&[]);
    let long = "x".repeat(900);
    let message = format!(
        "From: hanako@example.net\r\nTo: hanako@example.net\r\nSubject: curl test\r\n\r\n\
         .a line starting with a dot\r\n.\r\n..\r\n\r\n{long}\r\nend\r\n"
    );
    let file = temp_file("curl.eml", message.as_bytes());
    let smtp = format!("smtp://{}", lab.smtp);
    let pop3 = format!("pop3://{}", lab.pop3);

    let sent = curl(&[
        &smtp,
        "--mail-from",
        "hanako@example.net",
        "--mail-rcpt",
        "hanako@example.net",
        "--upload-file",
        file.to_str().expect("path"),
    ]);
    assert!(
        sent.status.success(),
        "curl smtp: {}",
        String::from_utf8_lossy(&sent.stderr)
    );
    lab.wait_for("delivered", Duration::from_secs(10));

    // curl asks CAPA, logs in with SASL PLAIN (Dovecot offers it) and RETRs message 1.
    let got = curl(&["--user", "hanako:s3cret", &format!("{pop3}/1")]);
    assert!(
        got.status.success(),
        "curl pop3: {}",
        String::from_utf8_lossy(&got.stderr)
    );
    // On top, the Received: header Postfix wrote (RFC 5321 4.4): it names the address
    // the connection came from; below it the message exactly as sent.
    let got_text = String::from_utf8_lossy(&got.stdout).into_owned();
    let (header, rest) = got_text
        .split_once("\r\n\tfor <hanako@example.net>; ")
        .expect("a Received: header for one recipient");
    assert!(
        header.starts_with("Received: from ") && header.contains(" (unknown [127.0.0.1])\r\n"),
        "{header}"
    );
    assert!(
        header.contains("\r\n\tby mail.example.net (Postfix) with ESMTP id "),
        "{header}"
    );
    let (date, body) = rest.split_once("\r\n").expect("date line");
    assert!(date.ends_with(" +0000 (UTC)"), "{date}");
    assert_eq!(body, message, "message changed on the way");
    lab.wait_for(
        "allowlist added 127.0.0.1 (hanako)",
        Duration::from_secs(10),
    );

    // The listing shows it too, header included.
    let list = curl(&["--user", "hanako:s3cret", &pop3]);
    assert_eq!(
        String::from_utf8_lossy(&list.stdout),
        format!("1 {}\r\n", got_text.len())
    );

    // Relaying from 127.0.0.1 works inside the window ...
    let relay = |interface: &str| {
        curl(&[
            "--interface",
            interface,
            &smtp,
            "--mail-from",
            "hanako@example.net",
            "--mail-rcpt",
            "taro@example.org",
            "--upload-file",
            file.to_str().expect("path"),
        ])
    };
    let ok = relay("127.0.0.1");
    assert!(
        ok.status.success(),
        "relay: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
    lab.wait_for("relayed", Duration::from_secs(10));
    // ... but not from 127.0.0.2, "another machine" that never logged in.
    let refused = relay("127.0.0.2");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("554"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    lab.wait_for(
        "relay refused 127.0.0.2 -> taro@example.org (NotInAllowlist)",
        Duration::from_secs(10),
    );
    let _ = std::fs::remove_file(file);
}

const PYTHON: &str = r#"
import poplib, smtplib, sys

pop_port, smtp_port, phase = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
HOST = "127.0.0.1"
body = (b"From: hanako@example.net\r\nTo: hanako@example.net\r\nSubject: python test\r\n\r\n"
        b".starts with a dot\r\n\r\nUTF-8: \xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf\r\n"
        + b"y" * 950 + b"\r\nlast line\r\n")

def pop_login():
    p = poplib.POP3(HOST, pop_port, timeout=10)
    p.user("hanako")
    p.pass_("s3cret")
    return p

def relay(source):
    s = smtplib.SMTP(HOST, smtp_port, timeout=10, source_address=(source, 0))
    try:
        s.sendmail("hanako@example.net", ["taro@example.org"], b"Subject: relay\r\n\r\nhi\r\n")
        print("RELAY", source, "OK")
    except smtplib.SMTPRecipientsRefused as e:
        code, text = e.recipients["taro@example.org"]
        print("RELAY", source, "REFUSED", code, text.decode())
    finally:
        s.quit()

if phase == "inside":
    s = smtplib.SMTP(HOST, smtp_port, timeout=10)
    s.sendmail("taro@example.org", ["hanako@example.net"], body)
    s.quit()

    p = pop_login()
    count, size = p.stat()
    resp, lines, octets = p.retr(count)
    got = b"\r\n".join(lines) + b"\r\n"
    # The server's Received: header on top (three lines: from, by, for), then the body
    # exactly as sent.
    header, rest = got[:-len(body)], got[-len(body):]
    header_ok = (header.startswith(b"Received: from ")
                 and b" (unknown [127.0.0.1])\r\n\tby mail.example.net (Postfix) with ESMTP id " in header
                 and b"\r\n\tfor <hanako@example.net>; " in header
                 and header.count(b"\r\n") == 3)
    print("ROUNDTRIP", "SAME" if rest == body and header_ok else "DIFFERENT %r" % got[:300],
          "SIZE-OK" if octets == len(got) else "SIZE %d != %d" % (octets, len(got)))
    p.dele(count)
    p.quit()
    p = pop_login()
    print("AFTER-DELE", p.stat()[0])
    p.quit()

    relay("127.0.0.1")
    relay("127.0.0.2")
else:
    relay("127.0.0.1")
    try:
        bad = poplib.POP3(HOST, pop_port, timeout=10)
        bad.user("hanako")
        bad.pass_("wrong")
    except poplib.error_proto as e:
        print("BADLOGIN", e)
    relay("127.0.0.1")
    pop_login().quit()
    relay("127.0.0.1")
"#;

/// Runs the Python script's `phase` against the lab; its printed lines.
fn python_phase(lab: &LabProcess, phase: &str) -> Vec<String> {
    let out = run(
        Command::new("python3")
            .arg("-c")
            .arg(PYTHON)
            .arg(lab.pop3.port().to_string())
            .arg(lab.smtp.port().to_string())
            .arg(phase),
        Duration::from_secs(60),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python ({phase}) failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.lines().map(str::to_owned).collect()
}

#[test]
fn python_clients_round_trip_and_the_window_runs_out() {
    let mut lab = LabProcess::start(&["--window", "600"]);
    let relay_denied = "REFUSED 554 5.7.1 <taro@example.org>: Relay access denied";
    assert_eq!(
        python_phase(&lab, "inside"),
        [
            "ROUNDTRIP SAME SIZE-OK".to_owned(),
            "AFTER-DELE 0".to_owned(),
            "RELAY 127.0.0.1 OK".to_owned(),
            format!("RELAY 127.0.0.2 {relay_denied}"),
        ]
    );
    lab.wait_for(
        "allowlist added 127.0.0.1 (hanako) for 600s",
        Duration::from_secs(10),
    );
    // Ten minutes and a second later, on the lab's clock: the entry has run out.
    lab.skip(601);
    lab.wait_for("clock moved forward 601s", Duration::from_secs(10));
    lab.wait_for(
        "allowlist expired 127.0.0.1 (hanako)",
        Duration::from_secs(10),
    );
    assert_eq!(
        python_phase(&lab, "after"),
        [
            format!("RELAY 127.0.0.1 {relay_denied}"),
            "BADLOGIN b'-ERR [AUTH] Authentication failed.'".to_owned(),
            format!("RELAY 127.0.0.1 {relay_denied}"),
            "RELAY 127.0.0.1 OK".to_owned(),
        ]
    );
    // The allowlist changes were printed as they happened.
    lab.wait_for(
        "pop3 login failed for hanako from 127.0.0.1",
        Duration::from_secs(10),
    );
    lab.wait_for_nth("allowlist added 127.0.0.1", 2, Duration::from_secs(10));
    lab.wait_for(
        "relay refused 127.0.0.1 -> taro@example.org (AllowlistExpired)",
        Duration::from_secs(10),
    );
}

fn read_reply(stream: &mut TcpStream) -> String {
    let mut buf = [0u8; 4096];
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !got.ends_with(b"\r\n") {
        assert!(
            Instant::now() < deadline,
            "no reply; got {:?}",
            String::from_utf8_lossy(&got)
        );
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) => panic!("read: {e}"),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// `--record`: the real clients' sessions, as the page's player reads them, with the
/// password masked; `--record-passwords` keeps it.
#[test]
fn the_lab_records_real_sessions_for_the_page() {
    use imasara::mail::recording::{Recording, Source};
    use imasara::mail::scenario::StepKind;
    use imasara::mail::{ConnKind, EventKind};

    let path = temp_file("lesson.mailrec", b"");
    let mut lab = LabProcess::start(&["--record", path.to_str().expect("path")]);
    lab.wait_for("recording to", Duration::from_secs(10));
    python_phase(&lab, "inside");
    lab.wait_for(
        "allowlist added 127.0.0.1 (hanako)",
        Duration::from_secs(10),
    );
    lab.skip(601);
    lab.wait_for(
        "allowlist expired 127.0.0.1 (hanako)",
        Duration::from_secs(10),
    );
    python_phase(&lab, "after");
    lab.wait_for(
        "relay refused 127.0.0.1 -> taro@example.org (AllowlistExpired)",
        Duration::from_secs(10),
    );

    let bytes = std::fs::read(&path).expect("the recording");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("s3cret"), "the password is masked");
    let recording = Recording::read(&bytes).expect("the page can read it");
    assert_eq!(recording.header.source, Source::MailLab);
    assert!(recording.header.passwords_masked);
    assert!(!recording.cut_short);
    assert!(
        recording
            .events
            .iter()
            .any(|e| e.line().is_some_and(|l| l.text == "PASS ********"))
    );
    let timeline = recording.timeline();
    let sessions: Vec<_> = timeline
        .steps
        .iter()
        .filter_map(|s| match &s.what {
            StepKind::Session(session) => Some(session),
            _ => None,
        })
        .collect();
    assert!(sessions.iter().any(|s| s.kind == ConnKind::ClientPop3));
    // smtplib greets with this machine's name; every SMTP session has one.
    assert!(
        sessions
            .iter()
            .filter(|s| s.kind == ConnKind::ClientSmtp)
            .all(|s| s.helo.is_some())
    );
    assert!(timeline.steps.iter().any(|s| s.what == StepKind::Expiry));
    // The refusal after the window is in a session after the expiry, and the allowlist
    // that step leaves is empty.
    let expiry = timeline
        .steps
        .iter()
        .position(|s| s.what == StepKind::Expiry)
        .expect("expiry");
    let refused = timeline
        .steps
        .iter()
        .position(|s| {
            s.events
                .iter()
                .any(|e| matches!(e.kind, EventKind::RelayRefused { .. }))
                && s.index > expiry
        })
        .expect("a refusal after the expiry");
    assert!(timeline.steps[refused].allowlist.is_empty());
    drop(lab);

    let kept = temp_file("kept.mailrec", b"");
    let lab = LabProcess::start(&[
        "--record",
        kept.to_str().expect("path"),
        "--record-passwords",
    ]);
    let mut pop = connect(lab.pop3);
    let _ = read_reply(&mut pop);
    for line in ["USER hanako\r\n", "PASS s3cret\r\n", "QUIT\r\n"] {
        pop.write_all(line.as_bytes()).expect("write");
        let _ = read_reply(&mut pop);
    }
    lab.wait_for("pop3 login ok", Duration::from_secs(10));
    let recording = Recording::read(&std::fs::read(&kept).expect("file")).expect("reads");
    assert!(!recording.header.passwords_masked);
    assert!(
        recording
            .events
            .iter()
            .any(|e| e.line().is_some_and(|l| l.text == "PASS s3cret"))
    );
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(kept);
}

#[test]
fn lab_survives_garbage_disconnects_and_bounds_connections() {
    // No idle limit in play here (the default is minutes): nothing races a timer.
    let lab = LabProcess::start(&["--max-connections-per-client", "2"]);
    // Garbage, an over-long line, then an abrupt close in the middle of DATA.
    {
        let mut s = connect(lab.smtp);
        assert!(read_reply(&mut s).starts_with("220 "));
        s.write_all(b"\x00\xff\xfe garbage \x1b[31m\r\n")
            .expect("write");
        // Postfix reads the line as a C string: the NUL ends it, and an empty command
        // is "bad syntax".
        assert_eq!(read_reply(&mut s), "500 5.5.2 Error: bad syntax\r\n");
        s.write_all(b"\xff\xfe HELO\r\n").expect("write");
        assert_eq!(read_reply(&mut s), "500 5.5.2 Error: bad UTF-8 syntax\r\n");
        // Postfix has no "line too long" reply: it keeps the first 2048 octets as the
        // command and skips the rest.
        let mut long = vec![b'A'; 20_000];
        long.extend_from_slice(b"\r\n");
        s.write_all(&long).expect("write");
        assert_eq!(
            read_reply(&mut s),
            "500 5.5.2 Error: command not recognized\r\n"
        );
        s.write_all(
            b"HELO x\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<hanako@example.net>\r\nDATA\r\n",
        )
        .expect("write");
        let mut replies = String::new();
        while !replies.contains("354") {
            replies.push_str(&read_reply(&mut s));
        }
        s.write_all(b"half a message").expect("write");
    } // dropped: connection reset mid-DATA
    {
        let mut s = connect(lab.pop3);
        assert!(read_reply(&mut s).starts_with("+OK"));
        s.write_all(b"\xc3\x28 \x00\r\n").expect("write");
        assert_eq!(read_reply(&mut s), "-ERR Unknown command.\r\n");
    }
    // Still serving, and the half message was not delivered. The lab counts a dropped
    // connection until its thread notices the close, so a busy machine may still turn
    // this one away for a moment (Dovecot has no reply for that: the connection just
    // closes): retry until then.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut pop = loop {
        let mut s = connect(lab.pop3);
        let greeting = read_reply(&mut s);
        if greeting.starts_with("+OK") {
            break s;
        }
        assert!(greeting.is_empty(), "{greeting}");
        assert!(
            Instant::now() < deadline,
            "the lab never freed the dropped connections"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    pop.write_all(b"USER hanako\r\n").expect("write");
    assert_eq!(read_reply(&mut pop), "+OK\r\n");
    pop.write_all(b"PASS s3cret\r\n").expect("write");
    assert_eq!(read_reply(&mut pop), "+OK Logged in.\r\n");
    pop.write_all(b"STAT\r\n").expect("write");
    assert_eq!(read_reply(&mut pop), "+OK 0 0\r\n");
    // A second connection is allowed (once the threads of the dropped ones have noticed),
    // a third is turned away.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut smtp = loop {
        let mut s = connect(lab.smtp);
        let greeting = read_reply(&mut s);
        if greeting.starts_with("220 ") {
            break s;
        }
        assert!(greeting.starts_with("421 4.7.0"), "{greeting}");
        assert!(
            Instant::now() < deadline,
            "dropped connections never released"
        );
        thread::sleep(Duration::from_millis(50));
    };
    let mut third = connect(lab.smtp);
    assert_eq!(
        read_reply(&mut third),
        "421 4.7.0 mail.example.net Error: too many connections from 127.0.0.1\r\n"
    );
    // Closing one frees its slot again.
    smtp.write_all(b"QUIT\r\n").expect("write");
    assert!(read_reply(&mut smtp).starts_with("221 "));
    drop(smtp);
    drop(third);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut again = connect(lab.smtp);
        let greeting = read_reply(&mut again);
        if greeting.starts_with("220 ") {
            break;
        }
        assert!(Instant::now() < deadline, "the closed slot was never freed");
        thread::sleep(Duration::from_millis(50));
    }
    drop(pop);
}

#[test]
fn idle_clients_are_dropped() {
    let lab = LabProcess::start(&["--idle", "1"]);
    let mut smtp = connect(lab.smtp);
    assert!(read_reply(&mut smtp).starts_with("220 "));
    let mut pop = connect(lab.pop3);
    assert!(read_reply(&mut pop).starts_with("+OK"));
    // Nothing sent: SMTP says why it closes (RFC 5321 4.5.3.2), POP3 closes silently
    // (RFC 1939 section 3: the autologout timer).
    assert_eq!(
        read_reply(&mut smtp),
        "421 4.4.2 mail.example.net Error: timeout exceeded\r\n"
    );
    let mut rest = Vec::new();
    let n = pop.read_to_end(&mut rest).expect("read to end");
    assert_eq!(n, 0, "{:?}", String::from_utf8_lossy(&rest));
    // And afterwards it serves again.
    let mut again = connect(lab.smtp);
    assert!(read_reply(&mut again).starts_with("220 "));
}

const PYTHON_AUTH: &str = r#"
import smtplib, sys

smtp_port = int(sys.argv[1])
msg = b"Subject: auth\r\n\r\nhi\r\n"
for password in ["wrong", "s3cret"]:
    s = smtplib.SMTP("127.0.0.1", smtp_port, timeout=10)
    s.ehlo("python.example")
    print("AUTH-ADVERTISED", s.esmtp_features.get("auth", "").strip())
    try:
        s.login("hanako", password)
        s.sendmail("hanako@example.net", ["taro@example.org"], msg)
        print("LOGIN", password, "RELAYED")
    except smtplib.SMTPAuthenticationError as e:
        print("LOGIN", password, "REFUSED", e.smtp_code, e.smtp_error.decode())
    s.quit()
"#;

#[test]
fn smtp_auth_with_real_clients_and_another_flavour() {
    // sendmail 8.11.6 (2001): AUTH failures are 500 in 8.11 (8.12 made them 535).
    let lab = LabProcess::start(&["--policy", "smtp-auth", "--flavour", "sendmail"]);
    let file = temp_file("auth.eml", b"Subject: auth\r\n\r\nhello\r\n");
    let smtp = format!("smtp://{}", lab.smtp);
    let send = |user: Option<&str>| {
        let mut args = vec![
            smtp.as_str(),
            "--mail-from",
            "hanako@example.net",
            "--mail-rcpt",
            "taro@example.org",
            "--upload-file",
            file.to_str().expect("path"),
        ];
        if let Some(user) = user {
            args.extend(["--user", user]);
        }
        curl(&args)
    };
    let refused = send(None);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("550"));
    lab.wait_for(
        "relay refused 127.0.0.1 -> taro@example.org (NotAuthenticated)",
        Duration::from_secs(10),
    );
    let ok = send(Some("hanako:s3cret"));
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    lab.wait_for(
        "smtp auth ok for hanako from 127.0.0.1",
        Duration::from_secs(10),
    );
    lab.wait_for(
        "relay allowed 127.0.0.1 -> taro@example.org (Authenticated)",
        Duration::from_secs(10),
    );

    let out = run(
        Command::new("python3")
            .arg("-c")
            .arg(PYTHON_AUTH)
            .arg(lab.smtp.port().to_string()),
        Duration::from_secs(60),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "AUTH-ADVERTISED LOGIN PLAIN",
            "LOGIN wrong REFUSED 500 5.7.0 authentication failed",
            "AUTH-ADVERTISED LOGIN PLAIN",
            "LOGIN s3cret RELAYED",
        ]
    );
    let _ = std::fs::remove_file(file);
}
