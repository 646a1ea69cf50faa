//! mail-lab's TLS, driven by clients the project did not write: Python's `ssl`, `smtplib`
//! (`starttls()`, `SMTP_SSL`) and `poplib` (`stls()`, `POP3_SSL`), and curl
//! (`--ssl-reqd`, `smtps://`, `pop3s://`). And the lesson both halves of imasara meet in:
//! a mail program that does not trust the lab's CA refuses with the words the padlock page
//! predicts for the same certificate, and trusting the CA (`--cacert`, "trust this root")
//! makes both go green.
//!
//! The lab is built and started by `tests/lab/mod.rs`, each with its own TLS directory.
#![cfg(not(target_arch = "wasm32"))]

mod lab;
use lab::{LabProcess, curl, run};

use std::process::Command;
use std::time::{Duration, Instant};

use imasara::cert::openssl::LeafNames;
use imasara::cert::{Analysis, Client, Options, UnixTime};

/// The Python side: one phase per call, each printing what it saw, one line per fact.
const PYTHON: &str = r#"
import poplib, smtplib, socket, ssl, sys
phase, ca = sys.argv[1], sys.argv[2]
port = dict(a.split("=") for a in sys.argv[3:])
port = {k: int(v) for k, v in port.items()}
trusting = ssl.create_default_context(cafile=ca)

def ehlo_keywords(s):
    code, text = s.ehlo()
    return [l.split()[0].decode() for l in text.splitlines()[1:]]

if phase == "starttls":
    s = smtplib.SMTP("127.0.0.1", port["smtp"], timeout=20)
    print("plain", " ".join(ehlo_keywords(s)))
    print("starttls", *s.starttls(context=trusting))
    print("inside", " ".join(ehlo_keywords(s)))
    s.sendmail("taro@example.org", ["hanako@example.net"], "Subject: over TLS\r\n\r\nhello\r\n")
    print("sent")
    s.quit()
elif phase == "submission":
    s = smtplib.SMTP("127.0.0.1", port["submission"], timeout=20)
    print("plain", " ".join(ehlo_keywords(s)))
    try:
        s.login("hanako", "s3cret")
    except smtplib.SMTPNotSupportedError:
        print("no AUTH before TLS")
    print("mail", *s.docmd("MAIL FROM:<hanako@example.net>"))
    s.starttls(context=trusting)
    print("inside", " ".join(ehlo_keywords(s)))
    print("login", *s.login("hanako", "s3cret"))
    s.sendmail("hanako@example.net", ["taro@example.org"], "Subject: sent\r\n\r\nhi\r\n")
    print("sent")
    s.quit()
    s = smtplib.SMTP_SSL("127.0.0.1", port["submissions"], timeout=20, context=trusting)
    print("465", " ".join(ehlo_keywords(s)))
    print("login", *s.login("hanako", "s3cret"))
    s.quit()
elif phase == "pop3":
    p = poplib.POP3("127.0.0.1", port["pop3"], timeout=20)
    print("capa", " ".join(sorted(p.capa())))
    print("stls", p.stls(context=trusting).decode())
    print("capa inside", " ".join(sorted(p.capa())))
    p.user("hanako")
    print("pass", p.pass_("s3cret").decode())
    print("stat", p.stat()[0])
    p.quit()
    p = poplib.POP3_SSL("127.0.0.1", port["pop3s"], timeout=20, context=trusting)
    print("995", p.getwelcome().decode())
    p.user("hanako")
    print("pass", p.pass_("s3cret").decode())
    p.quit()
elif phase == "untrusted":
    # The default context: the system's roots, which do not include the lab's CA.
    try:
        s = smtplib.SMTP("127.0.0.1", port["smtp"], timeout=20)
        s.starttls(context=ssl.create_default_context())
        print("connected?!")
    except ssl.SSLCertVerificationError as e:
        print("smtp", e)
    try:
        poplib.POP3_SSL("127.0.0.1", port["pop3s"], timeout=20,
                        context=ssl.create_default_context())
        print("connected?!")
    except ssl.SSLCertVerificationError as e:
        print("pop3s", e)
    try:
        ctx = ssl.create_default_context(cafile=ca)
        with socket.create_connection(("127.0.0.1", port["pop3s"]), timeout=20) as raw:
            ctx.wrap_socket(raw, server_hostname="mail.example.org")
        print("connected?!")
    except ssl.SSLCertVerificationError as e:
        print("name", e)
elif phase == "injection":
    # STARTTLS with a command behind it in the same packet (CVE-2011-0411): the command
    # sent in clear must not be answered inside TLS.
    raw = socket.create_connection(("127.0.0.1", port["smtp"]), timeout=20)
    f = raw.makefile("rb")
    f.readline()
    raw.sendall(b"EHLO pc.example\r\n")
    while not f.readline().startswith(b"250 "):
        pass
    raw.sendall(b"STARTTLS\r\nXYZZY\r\n")
    print("starttls", f.readline().decode().strip())
    tls = trusting.wrap_socket(raw, server_hostname="localhost")
    tls.sendall(b"NOOP\r\n")
    print("first reply inside", tls.recv(200).decode().strip())
    tls.sendall(b"QUIT\r\n")
    tls.recv(200)
    # The same on POP3: Dovecot takes the bytes for the handshake, which fails.
    raw = socket.create_connection(("127.0.0.1", port["pop3"]), timeout=20)
    f = raw.makefile("rb")
    f.readline()
    raw.sendall(b"STLS\r\nCAPA\r\n")
    print("stls", f.readline().decode().strip())
    print("then", repr(raw.recv(200)))
"#;

fn python(lab: &LabProcess, phase: &str) -> Vec<String> {
    let port = |name: &str, addr: Option<std::net::SocketAddr>| {
        format!("{name}={}", addr.expect("a TLS port").port())
    };
    let out = run(
        Command::new("python3")
            .arg("-c")
            .arg(PYTHON)
            .arg(phase)
            .arg(lab.ca_file())
            .arg(port("pop3", Some(lab.pop3)))
            .arg(port("smtp", Some(lab.smtp)))
            .arg(port("submission", lab.submission))
            .arg(port("submissions", lab.submissions))
            .arg(port("pop3s", lab.pop3s)),
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
fn python_speaks_starttls_stls_and_implicit_tls_to_the_lab() {
    let lab = LabProcess::start(&[]);
    lab.wait_for("TLS: CA made: ", Duration::from_secs(5));
    assert_eq!(
        python(&lab, "starttls"),
        [
            "plain PIPELINING SIZE VRFY ETRN STARTTLS ENHANCEDSTATUSCODES 8BITMIME DSN SMTPUTF8 CHUNKING",
            "starttls 220 b'2.0.0 Ready to start TLS'",
            "inside PIPELINING SIZE VRFY ETRN ENHANCEDSTATUSCODES 8BITMIME DSN SMTPUTF8 CHUNKING REQUIRETLS",
            "sent",
        ]
    );
    lab.wait_for("TLS with 127.0.0.1: TLSv1_3", Duration::from_secs(5));
    // The submission template: nothing but STARTTLS before TLS, AUTH only inside it.
    assert_eq!(
        python(&lab, "submission"),
        [
            "plain PIPELINING SIZE VRFY ETRN STARTTLS ENHANCEDSTATUSCODES 8BITMIME DSN SMTPUTF8 CHUNKING",
            "no AUTH before TLS",
            "mail 530 b'5.7.0 Must issue a STARTTLS command first'",
            "inside PIPELINING SIZE VRFY ETRN AUTH ENHANCEDSTATUSCODES 8BITMIME DSN SMTPUTF8 CHUNKING REQUIRETLS",
            "login 235 b'2.7.0 Authentication successful'",
            "sent",
            "465 PIPELINING SIZE VRFY ETRN AUTH ENHANCEDSTATUSCODES 8BITMIME DSN SMTPUTF8 CHUNKING REQUIRETLS",
            "login 235 b'2.7.0 Authentication successful'",
        ]
    );
    lab.wait_for(
        "relay allowed 127.0.0.1 -> taro@example.org",
        Duration::from_secs(5),
    );
    assert_eq!(
        python(&lab, "pop3"),
        [
            "capa AUTH-RESP-CODE CAPA PIPELINING RESP-CODES SASL STLS TOP UIDL USER",
            "stls +OK Begin TLS negotiation now.",
            "capa inside AUTH-RESP-CODE CAPA PIPELINING RESP-CODES SASL TOP UIDL USER",
            "pass +OK Logged in.",
            // The message sent over STARTTLS on the SMTP port arrived.
            "stat 1",
            "995 +OK Dovecot ready.",
            "pass +OK Logged in.",
        ]
    );
}

#[test]
fn clients_without_the_lab_ca_refuse_as_the_padlock_page_predicts() {
    let lab = LabProcess::start(&[]);
    let said = python(&lab, "untrusted");
    // The lab sends its certificate alone: OpenSSL looks for its issuer and finds none.
    let python_words = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate";
    assert!(
        said[0].starts_with(&format!("smtp {python_words} (_ssl.c:")),
        "{said:?}"
    );
    assert!(
        said[1].starts_with(&format!("pop3s {python_words} (_ssl.c:")),
        "{said:?}"
    );
    assert!(
        said[2].starts_with(
            "name [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'mail.example.org'. (_ssl.c:"
        ),
        "{said:?}"
    );
    // The lab tells the teacher why the handshake failed: the client's alert.
    lab.wait_for(
        "TLS handshake with 127.0.0.1 failed: received fatal alert: UnknownCA",
        Duration::from_secs(5),
    );

    // curl: without the CA, its own words; with it, the mail goes through STARTTLS.
    let smtp = format!("smtp://127.0.0.1:{}", lab.smtp.port());
    let message = std::env::temp_dir().join(format!("imasara-tls-{}.eml", std::process::id()));
    std::fs::write(&message, "Subject: curl over TLS\r\n\r\nhello\r\n").expect("write");
    let message = message.to_str().expect("path");
    let mail = [
        "--ssl-reqd",
        "--mail-from",
        "taro@example.org",
        "--mail-rcpt",
        "hanako@example.net",
        "-T",
        message,
    ];
    let refused = curl(&[&[smtp.as_str()][..], &mail[..]].concat());
    let curl_words = "curl: (60) SSL certificate problem: unable to get local issuer certificate";
    assert_eq!(refused.status.code(), Some(60));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains(curl_words),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let ca = lab.ca_file();
    let ca = ca.to_str().expect("path");
    let sent = curl(&[&[smtp.as_str(), "--cacert", ca][..], &mail[..]].concat());
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    let pop3s = format!("pop3s://127.0.0.1:{}/1", lab.pop3s.expect("pop3s").port());
    let got = curl(&[pop3s.as_str(), "--cacert", ca, "-u", "hanako:s3cret"]);
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    assert!(String::from_utf8_lossy(&got.stdout).contains("Subject: curl over TLS"));
    let smtps = format!("smtps://127.0.0.1:{}", lab.submissions.expect("465").port());
    let sent = curl(&[
        smtps.as_str(),
        "--cacert",
        ca,
        "-u",
        "hanako:s3cret",
        "--mail-from",
        "hanako@example.net",
        "--mail-rcpt",
        "taro@example.org",
        "-T",
        message,
    ]);
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );

    // The padlock engine, given what the server sent, predicts those very words; given
    // the chain file with "trust this root", it says every client connects.
    let dir = &lab.tls_dir;
    let leaf = std::fs::read(dir.join("lab-server.pem")).expect("lab-server.pem");
    let now = UnixTime(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs()
            .try_into()
            .expect("seconds"),
    );
    let analysis = Analysis::parse(&leaf);
    let report = analysis.judge(&Options::at(now).with_host("127.0.0.1"));
    let names = LeafNames::of(&analysis.certificates()[0]);
    let predicted = |client: Client| client.says(&report.openssl, Some("127.0.0.1"), &names);
    assert_eq!(predicted(Client::Python).as_deref(), Some(python_words));
    // Python 3.13 and later stop at the same place: no chain to a trusted root.
    assert_eq!(
        predicted(Client::PythonStrict).as_deref(),
        Some(python_words)
    );
    assert_eq!(predicted(Client::Curl).as_deref(), Some(curl_words));
    assert!(!report.trust.trusted);

    let chain = std::fs::read(dir.join("lab-chain.pem")).expect("lab-chain.pem");
    let analysis = Analysis::parse(&chain);
    let mut options = Options::at(now).with_host("127.0.0.1");
    options
        .extra_anchors
        .push(analysis.anchor(1).expect("the CA as an anchor"));
    let report = analysis.judge(&options);
    assert!(report.trust.trusted, "{:#?}", report.findings);
    assert_eq!(report.primary_error, None);
    let names = LeafNames::of(&analysis.certificates()[0]);
    for client in Client::ALL {
        assert_eq!(
            client.says(&report.openssl, Some("127.0.0.1"), &names),
            None
        );
    }
}

#[test]
fn input_sent_in_clear_behind_starttls_is_thrown_away() {
    let lab = LabProcess::start(&[]);
    assert_eq!(
        python(&lab, "injection"),
        [
            "starttls 220 2.0.0 Ready to start TLS",
            "first reply inside 250 2.0.0 Ok",
            "stls +OK Begin TLS negotiation now.",
            "then b''",
        ]
    );
    lab.wait_for(
        "failed: 6 octets sent in clear after STLS are no handshake",
        Duration::from_secs(5),
    );
    lab.wait_for(
        "7 octets sent in clear after the TLS command thrown away",
        Duration::from_secs(5),
    );
}

#[test]
fn the_ca_is_kept_between_starts_and_tls_can_be_left_out() {
    let fingerprint = |lab: &LabProcess| {
        lab.wait_for("CA fingerprint (SHA-256): ", Duration::from_secs(5))
            .rsplit(' ')
            .next()
            .expect("fingerprint")
            .to_owned()
    };
    // A directory the test names is its own: the harness leaves it when a lab ends.
    let kept = std::env::temp_dir().join(format!("imasara-lab-kept-ca-{}", std::process::id()));
    let kept_arg = kept.to_str().expect("path").to_owned();
    let one = {
        let lab = LabProcess::start(&["--tls-dir", &kept_arg]);
        lab.wait_for("TLS: CA made: ", Duration::from_secs(5));
        fingerprint(&lab)
    };
    let two = {
        let lab = LabProcess::start(&["--tls-dir", &kept_arg]);
        lab.wait_for(
            "TLS: CA kept from an earlier start: ",
            Duration::from_secs(5),
        );
        fingerprint(&lab)
    };
    assert_eq!(one.len(), 32 * 3 - 1);
    assert_eq!(one, two);
    let _ = std::fs::remove_dir_all(&kept);

    // --no-tls: the lab of before (no STARTTLS, no STLS, two ports only).
    let lab = LabProcess::start(&["--no-tls"]);
    assert!(lab.submission.is_none());
    assert_eq!(lab.count("TLS: "), 0);
    let mut smtp = lab::connect(lab.smtp);
    let ehlo = exchange(&mut smtp, "EHLO pc.example\r\n", "250 ");
    assert!(!ehlo.contains("STARTTLS"), "{ehlo}");
    let mut pop = lab::connect(lab.pop3);
    let reply = exchange(&mut pop, "STLS\r\n", "\r\n");
    assert_eq!(
        reply.lines().last(),
        Some("-ERR TLS support isn't enabled.")
    );

    // A flavour of 2001: no TLS in its era, so none here.
    let lab = LabProcess::start(&["--flavour", "postfix-2001"]);
    lab.wait_for(
        "TLS: off (this flavour's servers had none in their era)",
        Duration::from_secs(5),
    );
    assert!(lab.submission.is_none());
}

#[test]
fn listening_on_every_address_the_certificate_names_them_all() {
    let lab = LabProcess::start(&[
        "--pop3",
        "0.0.0.0:0",
        "--smtp",
        "0.0.0.0:0",
        "--submission",
        "0.0.0.0:0",
        "--submissions",
        "0.0.0.0:0",
        "--pop3s",
        "0.0.0.0:0",
        "--allow-remote",
    ]);
    lab.wait_for("server certificate for ", Duration::from_secs(5));
    let pem = std::fs::read(lab.tls_dir.join("lab-server.pem")).expect("lab-server.pem");
    let analysis = Analysis::parse(&pem);
    let leaf = &analysis.certificates()[0];
    assert_eq!(leaf.san_dns, ["mail.example.net", "localhost"]);
    for interface in if_addrs::get_if_addrs().expect("local addresses") {
        let ip = interface.ip().to_string();
        assert!(leaf.san_ip.contains(&ip), "{ip} not in {:?}", leaf.san_ip);
    }
    assert!(leaf.san_ip.contains(&"::1".to_owned()));
}

/// Reads the greeting (if any), sends `line`, and reads until the reply's last line starts
/// with `until`.
fn exchange(stream: &mut std::net::TcpStream, line: &str, until: &str) -> String {
    use std::io::{Read, Write};
    stream.write_all(line.as_bytes()).expect("write");
    let mut all = String::new();
    let mut buf = [0_u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let n = stream.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        all.push_str(&String::from_utf8_lossy(&buf[..n]));
        let done = all
            .lines()
            .last()
            .is_some_and(|l| l.starts_with(until) || until == "\r\n")
            && all.ends_with("\r\n")
            && all.lines().count() > 1;
        if done {
            break;
        }
    }
    all
}
