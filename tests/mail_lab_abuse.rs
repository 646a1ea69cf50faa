//! mail-lab under abuse, on loopback only: connection limits and slots that come back,
//! trickling clients, floods of bad commands, password guessing, recipient floods, a big
//! message to many users, and a bind to a non-loopback address.
//!
//! The lab is spawned by `tests/lab/mod.rs`, as in `tests/mail_lab.rs`; every wait is
//! bounded and the timeouts and delays the tests need are made short with the lab's own
//! options.
#![cfg(not(target_arch = "wasm32"))]

mod lab;
use lab::{LabProcess, connect, lab_binary};

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// What arrives up to the next CRLF (or the close); "" if the lab closed at once.
fn read_reply(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let mut byte = [0u8; 1];
    while !got.ends_with(b"\r\n") {
        match stream.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => got.push(byte[0]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("read: {e}; got {:?}", String::from_utf8_lossy(&got)),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// Reads until the lab closes the connection; what came.
fn read_to_close(stream: &mut TcpStream) -> String {
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    String::from_utf8_lossy(&rest).into_owned()
}

#[test]
fn per_client_limit_answers_421_and_slots_come_back() {
    let lab = LabProcess::start(&[]);
    // postfix/src/global/mail_params.h: smtpd_client_connection_count_limit 50.
    let mut open: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = connect(lab.smtp);
            assert!(read_reply(&mut s).starts_with("220 "));
            s
        })
        .collect();
    let mut refused = connect(lab.smtp);
    assert_eq!(
        read_reply(&mut refused),
        "421 4.7.0 mail.example.net Error: too many connections from 127.0.0.1\r\n"
    );
    // Close them all, some politely, most not: the slots come back when the clients go,
    // not when the idle timeout (300 s) would end their sessions. The wait is generous so
    // a busy machine cannot fail it; a lab that kept the slots would wait 300 s.
    for (i, mut s) in open.drain(..).enumerate() {
        if i % 2 == 0 {
            s.write_all(b"QUIT\r\n").expect("write");
        }
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let again: Vec<TcpStream> = (0..50)
        .map(|_| {
            loop {
                let mut s = connect(lab.smtp);
                let greeting = read_reply(&mut s);
                if greeting.starts_with("220 ") {
                    break s;
                }
                assert!(
                    Instant::now() < deadline,
                    "slots not back 30 s after the close: {greeting}"
                );
                thread::sleep(Duration::from_millis(20));
            }
        })
        .collect();
    assert_eq!(again.len(), 50);
}

#[test]
fn trickling_clients_are_dropped() {
    // The session limit far away: only the per-line deadline can cut the trickler off.
    let lab = LabProcess::start(&["--idle", "600ms", "--session-limit", "60s"]);
    // One byte every 150 ms never makes a line within the line deadline.
    let mut trickle = connect(lab.smtp);
    assert!(read_reply(&mut trickle).starts_with("220 "));
    let mut reply = String::new();
    let mut written = 0;
    for b in b"NOOP NOOP NOOP NOOP NOOP NOOP" {
        if trickle.write_all(&[*b]).is_err() {
            break;
        }
        written += 1;
        thread::sleep(Duration::from_millis(150));
        trickle
            .set_read_timeout(Some(Duration::from_millis(1)))
            .expect("timeout");
        let mut buf = [0u8; 256];
        if let Ok(n) = trickle.read(&mut buf) {
            reply.push_str(&String::from_utf8_lossy(&buf[..n]));
            break;
        }
    }
    assert_eq!(
        reply,
        "421 4.4.2 mail.example.net Error: timeout exceeded\r\n"
    );
    // Cut off before the line could end: the deadline is per line, not per byte.
    assert!(written < 29, "{written} bytes were read without a cut-off");
    // Whole lines in time still meet the session limit, and only after it has passed
    // (a lower bound: a slow machine can only make it later).
    let lab = LabProcess::start(&["--idle", "600ms", "--session-limit", "2s"]);
    let mut steady = connect(lab.smtp);
    assert!(read_reply(&mut steady).starts_with("220 "));
    let started = Instant::now();
    let mut lines = 0;
    loop {
        steady.write_all(b"NOOP\r\n").expect("write");
        let reply = read_reply(&mut steady);
        if reply.starts_with("421 4.4.2") {
            break;
        }
        assert_eq!(reply, "250 2.0.0 Ok\r\n");
        lines += 1;
        assert!(
            lines < 100,
            "never cut off after {lines} lines 300 ms apart"
        );
        thread::sleep(Duration::from_millis(300));
    }
    assert!(started.elapsed() >= Duration::from_millis(1500));
    // POP3 closes silently.
    let mut pop = connect(lab.pop3);
    assert!(read_reply(&mut pop).starts_with("+OK"));
    assert_eq!(read_to_close(&mut pop), "");
}

#[test]
fn a_flood_of_unknown_commands_is_cut_off_after_20() {
    let lab = LabProcess::start(&["--error-sleep", "5ms"]);
    let mut s = connect(lab.smtp);
    assert!(read_reply(&mut s).starts_with("220 "));
    // Sent one by one, each reply awaited: the first 19 are answered and nothing more
    // (a 421 after any of them would be read in place of the next reply), the 20th reply
    // is followed by postfix/src/smtpd/smtpd.c `smtpd_proto`'s "421 4.7.0 %s Error: too
    // many errors" (smtpd_hard_error_limit 20) and the hang-up; the other 9,980 lines a
    // flood would send are never read.
    for sent in 1..=20 {
        s.write_all(b"XYZZY\r\n").expect("write");
        assert_eq!(
            read_reply(&mut s),
            "500 5.5.2 Error: command not recognized\r\n",
            "reply to unknown command {sent}"
        );
    }
    assert_eq!(
        read_reply(&mut s),
        "421 4.7.0 mail.example.net Error: too many errors\r\n"
    );
    assert_eq!(read_to_close(&mut s), "");
}

#[test]
fn password_guessing_is_throttled() {
    // Delays short for the test; their growth is what matters.
    let lab = LabProcess::start(&[
        "--policy",
        "smtp-auth",
        "--auth-failure-delay",
        "10ms",
        "--auth-penalty-max",
        "80ms",
        "--error-sleep",
        "5ms",
    ]);
    // base64("\0hanako\0wrong")
    let guess = b"AUTH PLAIN AGhhbmFrbwB3cm9uZw==\r\n";
    // 30 guesses from one address: a session of 20 (the 20th error ends it) and one of 10.
    // Each failure waits the penalty: 10, 20, 40, then 80 ms (the maximum) for the rest.
    let penalties = |failures: u32| -> Duration {
        (1..=failures)
            .map(|n| Duration::from_millis((10_u64 << (n - 1).min(3)).min(80)))
            .sum()
    };
    let started = Instant::now();
    for session_guesses in [20, 10] {
        let mut s = connect(lab.smtp);
        assert!(read_reply(&mut s).starts_with("220 "));
        s.write_all(b"EHLO guesser.example\r\n").expect("write");
        while !read_reply(&mut s).starts_with("250 ") {}
        for _ in 0..session_guesses {
            s.write_all(guess).expect("write");
            assert_eq!(
                read_reply(&mut s),
                "535 5.7.8 Error: authentication failed: (reason unavailable)\r\n"
            );
        }
        if session_guesses == 20 {
            assert_eq!(
                read_reply(&mut s),
                "421 4.7.0 mail.example.net Error: too many errors\r\n"
            );
            assert_eq!(read_to_close(&mut s), "");
        }
    }
    // Without the penalty, 30 guesses take a few milliseconds; with it, at least the sum
    // of the waits (a lower bound: a slow machine can only take longer).
    let waited = started.elapsed();
    assert!(waited >= penalties(30), "30 guesses in {waited:?}");
    assert_eq!(lab.count("smtp auth failed for hanako from 127.0.0.1"), 30);
    // POP3: the same address, so every failure waits the maximum; a session ends after
    // 20 failures.
    let mut pop = connect(lab.pop3);
    assert!(read_reply(&mut pop).starts_with("+OK"));
    let started = Instant::now();
    let mut failures = 0;
    loop {
        if pop.write_all(b"USER hanako\r\n").is_err() {
            break;
        }
        let r = read_reply(&mut pop);
        if r.is_empty() {
            break;
        }
        pop.write_all(b"PASS wrong\r\n").expect("write");
        let r = read_reply(&mut pop);
        if r.is_empty() {
            break;
        }
        assert_eq!(r, "-ERR [AUTH] Authentication failed.\r\n");
        failures += 1;
        assert!(failures <= 20, "never cut off");
    }
    assert_eq!(failures, 20);
    assert!(started.elapsed() >= penalties(20));
}

#[test]
fn the_1001st_recipient_gets_452() {
    let lab = LabProcess::start(&[]);
    let mut s = connect(lab.smtp);
    assert!(read_reply(&mut s).starts_with("220 "));
    let mut script = String::from("HELO x\r\nMAIL FROM:<a@b.example>\r\n");
    for _ in 0..1001 {
        script.push_str("RCPT TO:<hanako@example.net>\r\n");
    }
    s.write_all(script.as_bytes()).expect("write");
    let replies: Vec<String> = (0..1003).map(|_| read_reply(&mut s)).collect();
    assert_eq!(replies[2], "250 2.1.5 Ok\r\n");
    assert!(replies[2..1002].iter().all(|r| r == "250 2.1.5 Ok\r\n"));
    // postfix/src/smtpd/smtpd.c `rcpt_cmd`, smtpd_recipient_limit 1000.
    assert_eq!(replies[1002], "452 4.5.3 Error: too many recipients\r\n");
}

#[test]
fn a_megabyte_for_100_users_is_stored_once() {
    let users: Vec<String> = (0..100).map(|i| format!("u{i}:pw")).collect();
    let mut args: Vec<&str> = Vec::new();
    for u in &users {
        args.push("--user");
        args.push(u);
    }
    let lab = LabProcess::start(&args);
    let send = |recipients: &[String], body_lines: usize| {
        let mut s = connect(lab.smtp);
        assert!(read_reply(&mut s).starts_with("220 "));
        let mut script = String::from("HELO x\r\nMAIL FROM:<a@b.example>\r\n");
        for r in recipients {
            script.push_str(&format!("RCPT TO:<{r}@example.net>\r\n"));
        }
        script.push_str("DATA\r\n");
        s.write_all(script.as_bytes()).expect("write");
        for _ in 0..(3 + recipients.len()) {
            let r = read_reply(&mut s);
            assert!(r.starts_with("250 ") || r.starts_with("354 "), "{r}");
        }
        let line = format!("{}\r\n", "m".repeat(1022));
        let mut body = String::from("Subject: big\r\n\r\n");
        for _ in 0..body_lines {
            body.push_str(&line);
        }
        body.push_str(".\r\n");
        s.write_all(body.as_bytes()).expect("write");
        let r = read_reply(&mut s);
        assert!(r.starts_with("250 2.0.0 Ok: queued as "), "{r}");
    };
    let names: Vec<String> = (0..100).map(|i| format!("u{i}")).collect();
    // Warm up: threads, buffers, the allocator's arenas.
    send(&names[..2], 16);
    thread::sleep(Duration::from_millis(200));
    let before = lab.rss_kib();
    send(&names, 1024);
    lab.wait_for("delivered", Duration::from_secs(10));
    let deadline = Instant::now() + Duration::from_secs(10);
    while lab.count("delivered ") < 102 {
        assert!(Instant::now() < deadline, "not every delivery reported");
        thread::sleep(Duration::from_millis(20));
    }
    let after = lab.rss_kib();
    let growth = after.saturating_sub(before);
    assert!(growth < 20 * 1024, "the lab grew by {growth} KiB");
}

#[test]
fn a_non_loopback_bind_needs_allow_remote() {
    let out = Command::new(lab_binary())
        .args(["--pop3", "127.0.0.1:0", "--smtp", "0.0.0.0:0"])
        .stdin(Stdio::null())
        .output()
        .expect("run mail-lab");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--allow-remote"), "{stderr}");
}
