//! mail-lab as the tests run it (tests/mail_lab.rs, tests/mail_lab_abuse.rs).
//!
//! How the binary is found: `$CARGO build --example mail-lab` for the same target
//! directory and profile as the test binary (derived from `current_exe()`:
//! `<target-dir>/<profile>/deps/NAME-HASH`), so a test never runs a stale lab; the build
//! is a no-op when `cargo test` has already built the examples. The lab listens on port 0
//! and prints the addresses it got, which [`LabProcess::start`] reads from its stdout (no
//! port races). Every wait is bounded, and the lab process is killed on drop.
#![allow(dead_code)] // each test file uses the helpers it needs

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub fn lab_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("<target>/<profile>/deps layout")
        .to_path_buf();
    let target_dir = profile_dir.parent().expect("target dir").to_path_buf();
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => "dev".to_owned(),
        Some(other) => other.to_owned(),
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--example",
            "mail-lab",
            "--profile",
            &profile,
        ])
        .arg("--target-dir")
        .arg(&target_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run cargo build --example mail-lab");
    assert!(status.success(), "building mail-lab failed");
    let bin = profile_dir.join("examples").join("mail-lab");
    assert!(bin.exists(), "no binary at {}", bin.display());
    bin
}

/// A running mail-lab; killed when dropped.
pub struct LabProcess {
    pub child: Child,
    output: Arc<Mutex<Vec<String>>>,
    pub pop3: SocketAddr,
    pub smtp: SocketAddr,
    /// The TLS ports, where the lab has TLS.
    pub submission: Option<SocketAddr>,
    pub submissions: Option<SocketAddr>,
    pub pop3s: Option<SocketAddr>,
    /// Its TLS directory: `lab-ca.pem` and the rest.
    pub tls_dir: PathBuf,
    /// The harness made `tls_dir` for this lab alone (removed on drop); a directory a test
    /// names is the test's own.
    owns_tls_dir: bool,
}

/// A fresh directory for one lab's CA, unless the test names one.
fn fresh_tls_dir() -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    std::env::temp_dir().join(format!("imasara-lab-tls-{}-{n}", std::process::id()))
}

impl LabProcess {
    pub fn start(extra: &[&str]) -> LabProcess {
        let named = extra
            .iter()
            .position(|a| *a == "--tls-dir")
            .and_then(|i| extra.get(i + 1))
            .map(PathBuf::from);
        let owns_tls_dir = named.is_none();
        let tls_dir = named.unwrap_or_else(fresh_tls_dir);
        let mut child = Command::new(lab_binary())
            .args(["--pop3", "127.0.0.1:0", "--smtp", "127.0.0.1:0"])
            .args([
                "--submission",
                "127.0.0.1:0",
                "--submissions",
                "127.0.0.1:0",
            ])
            .args(["--pop3s", "127.0.0.1:0"])
            .arg("--tls-dir")
            .arg(&tls_dir)
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start mail-lab");
        let stdout = child.stdout.take().expect("stdout");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().expect("lock").push(line);
            }
        });
        let mut lab = LabProcess {
            child,
            output,
            pop3: ([0, 0, 0, 0], 0).into(),
            smtp: ([0, 0, 0, 0], 0).into(),
            submission: None,
            submissions: None,
            pop3s: None,
            tls_dir,
            owns_tls_dir,
        };
        let addr = |lab: &LabProcess, what: &str| -> SocketAddr {
            let line = lab.wait_for(&format!("{what} listening on "), Duration::from_secs(20));
            line.rsplit(' ')
                .next()
                .expect("address")
                .parse()
                .expect("socket address")
        };
        lab.pop3 = addr(&lab, "POP3");
        lab.smtp = addr(&lab, "SMTP");
        // The lab prints every listener before it serves; the TLS ones come last.
        if lab.count("TLS: off") == 0 && !extra.contains(&"--no-tls") {
            lab.submission = Some(addr(&lab, "submission"));
            lab.submissions = Some(addr(&lab, "submissions"));
            lab.pop3s = Some(addr(&lab, "POP3S"));
        }
        lab
    }

    /// The lab's CA certificate file.
    pub fn ca_file(&self) -> PathBuf {
        self.tls_dir.join("lab-ca.pem")
    }

    /// Moves the lab's clock forward, as a teacher does by typing `skip SECS`.
    pub fn skip(&mut self, seconds: u64) {
        let stdin = self.child.stdin.as_mut().expect("the lab's standard input");
        writeln!(stdin, "skip {seconds}").expect("write to the lab");
        stdin.flush().expect("flush");
    }

    /// Wait until a stdout line contains `needle`; the line.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        self.wait_for_nth(needle, 1, timeout)
    }

    pub fn wait_for_nth(&self, needle: &str, n: usize, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            {
                let lines = self.output.lock().expect("lock");
                if let Some(line) = lines.iter().filter(|l| l.contains(needle)).nth(n - 1) {
                    return line.clone();
                }
            }
            assert!(
                Instant::now() < deadline,
                "mail-lab never printed {needle:?} ({n}x); output: {:#?}",
                self.output.lock().expect("lock")
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many stdout lines contain `needle` so far.
    pub fn count(&self, needle: &str) -> usize {
        let lines = self.output.lock().expect("lock");
        lines.iter().filter(|l| l.contains(needle)).count()
    }

    /// The lab's resident memory in KiB (Linux /proc).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc/<pid>/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }
}

impl Drop for LabProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.owns_tls_dir {
            let _ = std::fs::remove_dir_all(&self.tls_dir);
        }
    }
}

/// A connection to the lab with a bounded read timeout.
pub fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
}

/// Runs a command with a time limit; its output.
pub fn run(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let deadline = Instant::now() + limit;
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{cmd:?} took longer than {limit:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// curl, quiet but for errors, within 20 s.
pub fn curl(args: &[&str]) -> Output {
    run(
        Command::new("curl")
            .args(["--silent", "--show-error", "--max-time", "20"])
            .args(args),
        Duration::from_secs(30),
    )
}
