//! The lab server: std::net listeners, one thread per connection, one engine behind a mutex.
//!
//! The real clock lives only here: the time since start-up becomes the engine's `SimTime`.
//! The client's real peer address decides (a client bound to 127.0.0.2 is another machine;
//! IPv4-mapped IPv6 peers count as IPv4). Bounds: line length (longer lines are cut and the
//! rest discarded; the engine then does what the flavour's server does with a long line),
//! concurrent connections (the flavour's refusal above the limit, or a silent close where
//! the server has none) and idle time (SMTP's timeout reply, POP3 silent close).
//! Garbage is answered as the engine answers it; a vanished client is a disconnect.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use imasara::mail::{
    Event, EventKind, Flavour, MailServer, RelayPermit, RelayPolicy, ServerConfig, Service,
    SimTime, Speaker, UserAccount, server_lines,
};

/// Longest line read from a socket, in bytes (RFC 5321 allows 1000 for text lines).
const MAX_LINE: usize = 8192;

const USAGE: &str = "\
usage: mail-lab [--pop3 ADDR] [--smtp ADDR] [--window SECS] [--lag SECS]
               [--policy open|pop-before-smtp|smtp-auth|both] [--domain DOMAIN]
               [--user NAME:PASSWORD]...
               [--flavour postfix|postfix-2001|sendmail|qmail|japanese-isp]
               [--max-connections N] [--idle SECS] [--verbose]
defaults: --pop3 127.0.0.1:1110 --smtp 127.0.0.1:2525 --window 600 --lag 0 --policy pop-before-smtp
          --domain example.net --user hanako:s3cret --max-connections 32
          idle limit: 300 s for SMTP, 600 s for POP3 (--idle sets both)
while it runs: type `skip SECS` (or `skip MINm`) and Enter to move its clock forward";

struct Options {
    pop3: SocketAddr,
    smtp: SocketAddr,
    config: ServerConfig,
    max_connections: usize,
    idle_smtp: Duration,
    idle_pop3: Duration,
    verbose: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut config = ServerConfig::example();
    let mut pop3: SocketAddr = ([127, 0, 0, 1], 1110).into();
    let mut smtp: SocketAddr = ([127, 0, 0, 1], 2525).into();
    let mut users = Vec::new();
    let mut max_connections = 32;
    // RFC 5321 4.5.3.2.7 suggests 5 minutes for an SMTP server; RFC 1939 section 3 wants at
    // least 10 for POP3's autologout.
    let mut idle_smtp = Duration::from_secs(300);
    let mut idle_pop3 = Duration::from_secs(600);
    let mut verbose = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--verbose" {
            verbose = true;
            continue;
        }
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |what: &str| format!("{flag}: {what}: {value}");
        match flag.as_str() {
            "--pop3" => pop3 = value.parse().map_err(|_| bad("not an address"))?,
            "--smtp" => smtp = value.parse().map_err(|_| bad("not an address"))?,
            "--window" => {
                let secs: u64 = value.parse().map_err(|_| bad("not a number of seconds"))?;
                config.window = secs.saturating_mul(1000);
            }
            "--lag" => {
                let secs: u64 = value.parse().map_err(|_| bad("not a number of seconds"))?;
                config.allowlist_lag = secs.saturating_mul(1000);
            }
            "--policy" => {
                config.policy =
                    RelayPolicy::from_cli_name(value).ok_or_else(|| bad("unknown policy"))?;
            }
            "--domain" => {
                if imasara::mail::Mailbox::parse(&format!("postmaster@{value}")).is_none() {
                    return Err(bad("not a domain"));
                }
                config.domain = value.clone();
                config.hostname = format!("mail.{value}");
            }
            "--user" => {
                let (name, password) = value
                    .split_once(':')
                    .ok_or_else(|| bad("want NAME:PASSWORD"))?;
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return Err(bad("bad user name"));
                }
                users.push(UserAccount::new(name, password));
            }
            "--flavour" | "--flavor" => {
                config.flavour =
                    Flavour::from_cli_name(value).ok_or_else(|| bad("unknown flavour"))?;
            }
            "--max-connections" => {
                max_connections = value.parse().map_err(|_| bad("not a number"))?;
            }
            "--idle" => {
                let secs: u64 = value.parse().map_err(|_| bad("not a number of seconds"))?;
                idle_smtp = Duration::from_secs(secs.max(1));
                idle_pop3 = idle_smtp;
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !users.is_empty() {
        config.users = users;
    }
    Ok(Options {
        pop3,
        smtp,
        config,
        max_connections,
        idle_smtp,
        idle_pop3,
        verbose,
    })
}

/// The shared engine and the clock that feeds it.
struct Shared {
    server: Mutex<MailServer>,
    start: Instant,
    /// How far the teacher has moved the clock forward (`skip` on standard input), in ms.
    skipped_ms: AtomicU64,
    active: AtomicUsize,
    max_connections: usize,
    idle_smtp: Duration,
    idle_pop3: Duration,
    verbose: bool,
}

impl Shared {
    fn now(&self) -> SimTime {
        let real = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        SimTime(real.saturating_add(self.skipped_ms.load(Ordering::SeqCst)))
    }

    /// Moves the lab's clock forward, so a class need not wait ten minutes for a window to
    /// close; what falls due in between (expiries) happens at once.
    fn skip(&self, millis: u64) {
        self.skipped_ms.fetch_add(millis, Ordering::SeqCst);
        let now = self.now();
        let _ = writeln!(
            std::io::stdout().lock(),
            "[{now}] clock moved forward {}s",
            millis / 1000
        );
        let events = self.lock().poll(now);
        self.report(&events);
    }

    fn lock(&self) -> MutexGuard<'_, MailServer> {
        // A panicking connection thread must not take the whole lab down with it.
        self.server
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Print what a teacher wants to see; protocol lines only with --verbose.
    fn report(&self, events: &[Event]) {
        let mut out = std::io::stdout().lock();
        for event in events {
            let t = event.at;
            let line = match &event.kind {
                EventKind::AllowlistAdded { ip, user, until } => format!(
                    "allowlist added {ip} ({user}) for {}s",
                    until.since(t).div_ceil(1000)
                ),
                EventKind::AllowlistRefreshed { ip, user, until } => format!(
                    "allowlist refreshed {ip} ({user}) for {}s",
                    until.since(t).div_ceil(1000)
                ),
                EventKind::AllowlistExpired { ip, user } => {
                    format!("allowlist expired {ip} ({user})")
                }
                EventKind::PopLogin {
                    client_ip,
                    user,
                    success,
                    ..
                } => format!(
                    "pop3 login {} for {user} from {client_ip}",
                    if *success { "ok" } else { "failed" }
                ),
                EventKind::SmtpAuth {
                    client_ip,
                    user,
                    success,
                    ..
                } => format!(
                    "smtp auth {} for {user} from {client_ip}",
                    if *success { "ok" } else { "failed" }
                ),
                EventKind::RelayAllowed {
                    client_ip,
                    rcpt,
                    permit,
                    ..
                } => {
                    let why = match permit {
                        RelayPermit::Allowlisted { remaining } => {
                            format!("Allowlisted, {}s left", remaining.div_ceil(1000))
                        }
                        other => format!("{other:?}"),
                    };
                    format!("relay allowed {client_ip} -> {rcpt} ({why})")
                }
                EventKind::RelayRefused {
                    client_ip,
                    rcpt,
                    refusal,
                    ..
                } => format!(
                    "relay refused {client_ip} -> {} ({refusal:?})",
                    rcpt.as_ref()
                        .map_or_else(|| "-".to_owned(), ToString::to_string)
                ),
                EventKind::DeliveredLocally { queue_id, rcpt, .. } => {
                    format!("delivered {queue_id} to {rcpt}")
                }
                EventKind::RelayedOnward {
                    queue_id,
                    mx,
                    recipients,
                    ..
                } => format!(
                    "relayed {queue_id} to {mx} (simulated) for {}",
                    recipients
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                EventKind::Line(l) if self.verbose => {
                    let who = match l.speaker {
                        Speaker::Client => "C",
                        Speaker::Server => "S",
                    };
                    format!("#{} {who}: {}", l.conn, l.text)
                }
                EventKind::ConnectionOpened {
                    conn,
                    kind,
                    client_ip,
                } if self.verbose => {
                    format!("#{conn} open {kind:?} from {client_ip}")
                }
                EventKind::ConnectionClosed { conn } if self.verbose => format!("#{conn} closed"),
                _ => continue,
            };
            let _ = writeln!(out, "[{t}] {line}");
        }
        let _ = out.flush();
    }
}

fn write_replies(stream: &mut TcpStream, events: &[Event], conn: u32) -> std::io::Result<()> {
    let mut wire = String::new();
    for line in server_lines(events, conn) {
        wire.push_str(&line);
        wire.push_str("\r\n");
    }
    if wire.is_empty() {
        return Ok(());
    }
    stream.write_all(wire.as_bytes())?;
    stream.flush()
}

/// Read one line of at most MAX_LINE bytes (with its LF). Longer lines are cut there and the
/// rest of the line is discarded. `Ok(None)` at end of stream.
fn read_bounded_line(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let limit = u64::try_from(MAX_LINE).unwrap_or(u64::MAX);
    let n = reader.by_ref().take(limit).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') && buf.len() >= MAX_LINE {
        // Skip the rest of the over-long line.
        loop {
            let available = reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            if let Some(pos) = available.iter().position(|&b| b == b'\n') {
                reader.consume(pos + 1);
                break;
            }
            let len = available.len();
            reader.consume(len);
        }
    }
    Ok(Some(buf))
}

fn serve(shared: &Shared, stream: TcpStream, service: Service) {
    let peer = match stream.peer_addr() {
        Ok(addr) => addr.ip().to_canonical(),
        Err(_) => return,
    };
    let idle = match service {
        Service::Pop3 => shared.idle_pop3,
        Service::Smtp | Service::Submission => shared.idle_smtp,
    };
    let _ = stream.set_read_timeout(Some(idle));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let (conn, events) = shared.lock().connect(shared.now(), service, peer);
    shared.report(&events);
    if write_replies(&mut writer, &events, conn).is_err() {
        let events = shared.lock().disconnect(conn, shared.now());
        shared.report(&events);
        return;
    }
    loop {
        let events = match read_bounded_line(&mut reader) {
            Ok(Some(bytes)) => {
                let mut server = shared.lock();
                server.handle_bytes(conn, shared.now(), &bytes)
            }
            Ok(None) => {
                let events = shared.lock().disconnect(conn, shared.now());
                shared.report(&events);
                return;
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                let events = shared.lock().timeout(conn, shared.now());
                shared.report(&events);
                let _ = write_replies(&mut writer, &events, conn);
                return;
            }
            Err(_) => {
                let events = shared.lock().disconnect(conn, shared.now());
                shared.report(&events);
                return;
            }
        };
        shared.report(&events);
        let write_failed = write_replies(&mut writer, &events, conn).is_err();
        let open = shared.lock().is_open(conn);
        if write_failed && open {
            let events = shared.lock().disconnect(conn, shared.now());
            shared.report(&events);
            return;
        }
        if !open {
            let _ = writer.shutdown(std::net::Shutdown::Both);
            return;
        }
    }
}

fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener, service: Service) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            continue;
        };
        let peer = stream
            .peer_addr()
            .map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip().to_canonical());
        if shared.active.fetch_add(1, Ordering::SeqCst) >= shared.max_connections {
            shared.active.fetch_sub(1, Ordering::SeqCst);
            let events = shared.lock().refuse_connection(shared.now(), service, peer);
            shared.report(&events);
            // Some servers say why (Postfix's 421); others just close.
            if let Some(conn) = events.iter().find_map(|e| match e.kind {
                EventKind::ConnectionOpened { conn, .. } => Some(conn),
                _ => None,
            }) {
                let _ = write_replies(&mut stream, &events, conn);
            }
            continue;
        }
        let shared = Arc::clone(shared);
        let spawned = thread::Builder::new()
            .name(format!("mail-lab {service:?} {peer}"))
            .spawn(move || {
                serve(&shared, stream, service);
                shared.active.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            eprintln!("mail-lab: could not start a thread; dropping a connection");
        }
    }
}

/// Seconds in a console command's argument: `90` or `10m`.
fn parse_skip(arg: &str) -> Option<u64> {
    match arg.strip_suffix('m') {
        Some(minutes) => minutes.parse::<u64>().ok()?.checked_mul(60),
        None => arg.parse().ok(),
    }
}

/// Commands typed on standard input while the lab runs. Without a terminal (standard input
/// closed) this ends at once and the lab runs on.
fn read_console(shared: &Shared) {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let mut words = line.split_whitespace();
        match (words.next(), words.next().and_then(parse_skip)) {
            (Some("skip"), Some(secs)) => shared.skip(secs.saturating_mul(1000)),
            (None, _) => {}
            _ => eprintln!("mail-lab: commands: skip SECS, skip MINm (move the clock forward)"),
        }
    }
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("mail-lab: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let bind = |addr: SocketAddr, what: &str| {
        TcpListener::bind(addr)
            .map_err(|e| eprintln!("mail-lab: cannot listen for {what} on {addr}: {e}"))
    };
    let (Ok(pop3), Ok(smtp)) = (bind(options.pop3, "POP3"), bind(options.smtp, "SMTP")) else {
        return ExitCode::FAILURE;
    };
    // The real clock lives here: SimTime 0 is now, and the wall-clock texts (sendmail's
    // greeting date, APOP timestamps) show real UTC time.
    let mut options = options;
    // The lab runs today, whatever era its wording comes from.
    options.config.clock_origin = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    options.config.utc_offset_minutes = 0;
    let config = options.config.clone();
    let shared = Arc::new(Shared {
        server: Mutex::new(MailServer::new(options.config)),
        start: Instant::now(),
        skipped_ms: AtomicU64::new(0),
        active: AtomicUsize::new(0),
        max_connections: options.max_connections.max(1),
        idle_smtp: options.idle_smtp,
        idle_pop3: options.idle_pop3,
        verbose: options.verbose,
    });
    let local = |l: &TcpListener| {
        l.local_addr()
            .map_or_else(|_| "?".to_owned(), |a| a.to_string())
    };
    println!(
        "mail-lab: {} for domain {} ({}), policy {}, window {}s, users: {}",
        config.hostname,
        config.domain,
        config.flavour.describe(),
        config.policy.cli_name(),
        config.window / 1000,
        config
            .users
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("mail-lab: POP3 listening on {}", local(&pop3));
    println!("mail-lab: SMTP listening on {}", local(&smtp));
    let _ = std::io::stdout().flush();

    let ticker = Arc::clone(&shared);
    let _ = thread::Builder::new()
        .name("mail-lab clock".into())
        .spawn(move || {
            loop {
                thread::sleep(Duration::from_millis(200));
                let events = ticker.lock().poll(ticker.now());
                ticker.report(&events);
            }
        });
    let console = Arc::clone(&shared);
    let _ = thread::Builder::new()
        .name("mail-lab console".into())
        .spawn(move || read_console(&console));
    let pop3_shared = Arc::clone(&shared);
    let pop3_thread = thread::spawn(move || accept_loop(&pop3_shared, &pop3, Service::Pop3));
    accept_loop(&shared, &smtp, Service::Smtp);
    let _ = pop3_thread.join();
    ExitCode::SUCCESS
}
