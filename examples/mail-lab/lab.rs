//! The lab server: std::net listeners, one thread per connection, one engine behind a mutex.
//!
//! The real clock lives only here: the time since start-up becomes the engine's `SimTime`.
//! The client's real peer address decides (a client bound to 127.0.0.2 is another machine;
//! IPv4-mapped IPv6 peers count as IPv4). Garbage is answered as the engine answers it; a
//! vanished client is a disconnect.
//!
//! Limits, each an option with Postfix's default where Postfix has one (the engine keeps
//! the ones that are protocol: recipients, message and mailbox sizes, storage, the hard
//! error limit; the ones that need a clock or sockets are here):
//! - lines are read in pieces of `line_length_limit` octets (Postfix: 2048); a long message
//!   line is joined and stored whole, a long command line is cut as the flavour's server
//!   cuts it ([`MailServer::handle_piece`]);
//! - connections: per client (Postfix `smtpd_client_connection_count_limit` 50, its 421)
//!   and in all (Postfix `default_process_limit` 100: further clients wait in the listen
//!   queue, as Postfix's master leaves them); a slot is a drop guard, so it comes back
//!   when the session ends however it ends (spawn failure, panic);
//! - time: a line must arrive within the idle limit (Postfix `smtpd_timeout` 300 s, with
//!   the deadline per request as `smtpd_per_request_deadline = yes` has it, so a byte
//!   every 299 s does not keep a line alive), and a whole session within the session
//!   limit; SMTP says the flavour's timeout reply, POP3 closes silently;
//! - errors: replies are delayed once a session has made `smtpd_soft_error_limit` (10)
//!   errors, by `smtpd_error_sleep_time` (1 s), as smtpd_chat.c does; the engine hangs up
//!   at `smtpd_hard_error_limit` (20);
//! - failed logins (SMTP AUTH, POP3 PASS/APOP/AUTH) are delayed per client address as
//!   Dovecot's auth penalty does (`auth_failure_delay` 2 s, doubling, at most 15 s), and a
//!   POP3 session ends silently after as many failures as the hard error limit.
//!
//! Recording (`--record FILE`): every event the engine returns is appended to FILE as
//! it happens, in the format the page's player opens ([`imasara::mail::recording`]), with
//! passwords masked unless `--record-passwords`.
//!
//! TLS ([`super::tls`]), unless `--no-tls` or a flavour whose server had none in its era:
//! STARTTLS on the SMTP port (RFC 3207), STLS on POP3 (RFC 2595), the submission port with
//! Postfix's master.cf template (STARTTLS required, AUTH only inside TLS), and implicit TLS
//! on a submissions port (RFC 8314, 465-style) and POP3S (995-style). When the engine says
//! `TlsStarted`, what the client sent after the command in clear is not obeyed: Postfix
//! throws it away since CVE-2011-0411 (smtpd.c `smtpd_start_tls`, `vstream_fpurge`) and
//! goes on; Dovecot's pop3-login reads it as the start of the handshake, which fails
//! (login-common/client-common.c `client_cmd_starttls`), so the lab closes the connection.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use imasara::mail::recording;
use imasara::mail::{
    Event, EventKind, Flavour, MailServer, RelayPermit, RelayPolicy, ServerConfig, Service,
    SimTime, Speaker, UserAccount, server_lines,
};

use super::tls::{self, Wire};

const USAGE: &str = "\
usage: mail-lab [--pop3 ADDR] [--smtp ADDR] [--submission ADDR] [--submissions ADDR]
               [--pop3s ADDR] [--allow-remote] [--window SECS] [--lag SECS]
               [--policy open|pop-before-smtp|smtp-auth|both] [--domain DOMAIN]
               [--user NAME:PASSWORD]...
               [--flavour postfix|postfix-2001|sendmail|qmail|japanese-isp]
               [--tls-dir DIR | --cert FILE --key FILE | --no-tls]
               [--record FILE [--record-passwords]] [limits, below] [--verbose]
addresses (anything but loopback needs --allow-remote):
  --pop3 127.0.0.1:1110         POP3, STLS offered (RFC 2595)
  --smtp 127.0.0.1:2525         SMTP as port 25, STARTTLS offered (RFC 3207)
  --submission 127.0.0.1:5587   as port 587: STARTTLS first, then AUTH (RFC 6409)
  --submissions 127.0.0.1:4465  as port 465: TLS from the first byte (RFC 8314)
  --pop3s 127.0.0.1:9995        as port 995: TLS from the first byte (RFC 8314)
TLS (unless --no-tls, or a flavour whose server had none in its era; then only --pop3
  and --smtp listen): the lab's own CA, kept in --tls-dir (default ./mail-lab-tls), and
  a server certificate made at each start for localhost, mail.DOMAIN and the addresses
  listened on; or the teacher's --cert chain and --key (PEM)
recording: --record FILE writes every session as it happens, for the mail page's player
  (\"Replay a real session\"); passwords are masked unless --record-passwords
other defaults: --window 600 --lag 0 --policy pop-before-smtp --domain example.net
  --user hanako:s3cret
limits (TIME is seconds, or with a unit: 500ms, 2s, 5m; Postfix's defaults where it has one):
  --max-connections N             100   all clients together (default_process_limit)
  --max-connections-per-client N  50    smtpd_client_connection_count_limit (421)
  --idle TIME                     300s  a line must arrive within it (smtpd_timeout;
                                        POP3 600s unless --idle is given)
  --session-limit TIME            30m   a whole session (the lab's own limit)
  --line-length-limit N           2048  octets read at once (line_length_limit)
  --message-size-limit N          10240000  message_size_limit
  --recipient-limit N             1000  smtpd_recipient_limit (452 4.5.3)
  --mailbox-size-limit N          51200000  mailbox_size_limit
  --storage-limit N               200000000  all stored mail (MAIL gets 452 4.3.1 when
                                        less than 1.5 x message-size-limit is free)
  --hard-error-limit N            20    smtpd_hard_error_limit (421 4.7.0, hang up)
  --soft-error-limit N            10    smtpd_soft_error_limit (then replies wait)
  --error-sleep TIME              1s    smtpd_error_sleep_time
  --auth-failure-delay TIME       2s    Dovecot auth_failure_delay (doubles per failure
  --auth-penalty-max TIME         15s   from one address, up to Dovecot's 15 s)
while it runs: type `skip SECS` (or `skip MINm`) and Enter to move its clock forward";

/// Limits that need a clock or sockets (the engine's are in `ServerConfig`).
#[derive(Clone, Debug)]
struct Limits {
    max_connections: usize,
    max_per_client: usize,
    idle_smtp: Duration,
    idle_pop3: Duration,
    session: Duration,
    line_length: usize,
    soft_error_limit: u32,
    hard_error_limit: u32,
    error_sleep: Duration,
    auth_failure_delay: Duration,
    auth_penalty_max: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // postfix/src/global/mail_params.h: DEF_PROC_LIMIT 100.
            max_connections: 100,
            // mail_params.h: DEF_SMTPD_CCONN_LIMIT ((DEF_PROC_LIMIT + 1) / 2) = 50.
            max_per_client: 50,
            // mail_params.h: DEF_SMTPD_TMOUT 300s. POP3: RFC 1939 section 3 wants at
            // least 10 minutes for the autologout timer.
            idle_smtp: Duration::from_secs(300),
            idle_pop3: Duration::from_secs(600),
            // No Postfix default (it has none): the lab's own.
            session: Duration::from_secs(30 * 60),
            // mail_params.h: DEF_LINE_LIMIT 2048.
            line_length: 2048,
            // mail_params.h: DEF_SMTPD_SOFT_ERLIM 10, DEF_SMTPD_HARD_ERLIM 20,
            // DEF_SMTPD_ERR_SLEEP 1s (smtpd_chat.c sleeps before each reply once
            // `error_count >= soft limit`).
            soft_error_limit: 10,
            hard_error_limit: 20,
            error_sleep: Duration::from_secs(1),
            // Dovecot auth-settings.c `auth_failure_delay` 2 secs; auth-penalty.h
            // AUTH_PENALTY_INIT_SECS 2, AUTH_PENALTY_MAX_SECS 15.
            auth_failure_delay: Duration::from_secs(2),
            auth_penalty_max: Duration::from_secs(15),
        }
    }
}

/// Where the TLS certificate comes from.
enum TlsChoice {
    /// The lab's own CA, kept in this directory.
    Own(PathBuf),
    /// The teacher's chain and key.
    Files {
        cert: PathBuf,
        key: PathBuf,
    },
    Off,
}

struct Options {
    pop3: SocketAddr,
    smtp: SocketAddr,
    submission: SocketAddr,
    submissions: SocketAddr,
    pop3s: SocketAddr,
    tls: TlsChoice,
    allow_remote: bool,
    config: ServerConfig,
    limits: Limits,
    verbose: bool,
    record: Option<PathBuf>,
    record_passwords: bool,
}

/// `300`, `300s`, `500ms` or `5m`.
fn parse_duration(text: &str) -> Option<Duration> {
    if let Some(ms) = text.strip_suffix("ms") {
        return ms.parse().ok().map(Duration::from_millis);
    }
    if let Some(m) = text.strip_suffix('m') {
        return m
            .parse::<u64>()
            .ok()?
            .checked_mul(60)
            .map(Duration::from_secs);
    }
    text.strip_suffix('s')
        .unwrap_or(text)
        .parse()
        .ok()
        .map(Duration::from_secs)
}

#[allow(clippy::too_many_lines)] // one match over the options
fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut config = ServerConfig::example();
    let mut pop3: SocketAddr = ([127, 0, 0, 1], 1110).into();
    let mut smtp: SocketAddr = ([127, 0, 0, 1], 2525).into();
    let mut submission: SocketAddr = ([127, 0, 0, 1], 5587).into();
    let mut submissions: SocketAddr = ([127, 0, 0, 1], 4465).into();
    let mut pop3s: SocketAddr = ([127, 0, 0, 1], 9995).into();
    let mut tls_dir = PathBuf::from("mail-lab-tls");
    let mut cert: Option<PathBuf> = None;
    let mut key: Option<PathBuf> = None;
    let mut no_tls = false;
    let mut users = Vec::new();
    let mut limits = Limits::default();
    let mut verbose = false;
    let mut allow_remote = false;
    let mut record = None;
    let mut record_passwords = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--verbose" => {
                verbose = true;
                continue;
            }
            "--allow-remote" => {
                allow_remote = true;
                continue;
            }
            "--no-tls" => {
                no_tls = true;
                continue;
            }
            "--record-passwords" => {
                record_passwords = true;
                continue;
            }
            "--help" | "-h" => return Err(String::new()),
            _ => {}
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |what: &str| format!("{flag}: {what}: {value}");
        let number = || -> Result<usize, String> {
            value
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| bad("not a positive number"))
        };
        let time = || parse_duration(value).ok_or_else(|| bad("not a time (90, 90s, 500ms, 5m)"));
        match flag.as_str() {
            "--pop3" => pop3 = value.parse().map_err(|_| bad("not an address"))?,
            "--smtp" => smtp = value.parse().map_err(|_| bad("not an address"))?,
            "--submission" => submission = value.parse().map_err(|_| bad("not an address"))?,
            "--submissions" => submissions = value.parse().map_err(|_| bad("not an address"))?,
            "--pop3s" => pop3s = value.parse().map_err(|_| bad("not an address"))?,
            "--tls-dir" => tls_dir = PathBuf::from(value),
            "--cert" => cert = Some(PathBuf::from(value)),
            "--key" => key = Some(PathBuf::from(value)),
            "--record" => record = Some(PathBuf::from(value)),
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
            "--max-connections" => limits.max_connections = number()?,
            "--max-connections-per-client" => limits.max_per_client = number()?,
            "--idle" => {
                limits.idle_smtp = time()?.max(Duration::from_millis(10));
                limits.idle_pop3 = limits.idle_smtp;
            }
            "--session-limit" => limits.session = time()?.max(Duration::from_millis(10)),
            // Below a command's length nothing works; Postfix's own minimum is 1 too.
            "--line-length-limit" => limits.line_length = number()?.max(64),
            "--message-size-limit" => config.max_message_octets = number()?,
            "--recipient-limit" => config.max_recipients = number()?,
            "--mailbox-size-limit" => config.mailbox_size_limit = number()?,
            "--storage-limit" => config.storage_limit = number()?,
            "--hard-error-limit" => {
                limits.hard_error_limit = u32::try_from(number()?).unwrap_or(u32::MAX);
            }
            "--soft-error-limit" => {
                limits.soft_error_limit = u32::try_from(number()?).unwrap_or(u32::MAX);
            }
            "--error-sleep" => limits.error_sleep = time()?,
            "--auth-failure-delay" => limits.auth_failure_delay = time()?,
            "--auth-penalty-max" => limits.auth_penalty_max = time()?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !users.is_empty() {
        config.users = users;
    }
    config.hard_error_limit = Some(limits.hard_error_limit);
    if record_passwords && record.is_none() {
        return Err("--record-passwords without --record".to_owned());
    }
    let tls = match (no_tls, cert, key) {
        (true, None, None) => TlsChoice::Off,
        (true, _, _) => return Err("--no-tls with --cert or --key".to_owned()),
        (false, Some(cert), Some(key)) => TlsChoice::Files { cert, key },
        (false, None, None) => TlsChoice::Own(tls_dir),
        (false, _, _) => return Err("--cert and --key go together".to_owned()),
    };
    Ok(Options {
        pop3,
        smtp,
        submission,
        submissions,
        pop3s,
        tls,
        allow_remote,
        config,
        limits,
        verbose,
        record,
        record_passwords,
    })
}

/// Connection slots: in all and per client address.
#[derive(Default)]
struct Slots {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
}

/// A taken slot; dropping it gives the slot back, however the session ends.
struct Slot {
    shared: Arc<Shared>,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut slots = self.shared.slots();
        slots.total = slots.total.saturating_sub(1);
        if let Some(n) = slots.per_client.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                slots.per_client.remove(&self.ip);
            }
        }
    }
}

/// The shared engine and the clock that feeds it.
struct Shared {
    server: Mutex<MailServer>,
    start: Instant,
    /// How far the teacher has moved the clock forward (`skip` on standard input), in ms.
    skipped_ms: AtomicU64,
    slots: Mutex<Slots>,
    /// Failed logins per client address since its last success (Dovecot's auth penalty).
    failures: Mutex<HashMap<IpAddr, u32>>,
    limits: Limits,
    verbose: bool,
    /// The TLS set-up, where the lab has one.
    tls: Option<Arc<rustls::ServerConfig>>,
    /// The recording being written (`--record`).
    recorder: Option<Mutex<Recorder>>,
}

/// Appends events to a recording file as they happen.
struct Recorder {
    file: std::fs::File,
    mask: bool,
}

impl Recorder {
    /// Creates `path` and writes the recording's header.
    fn create(path: &std::path::Path, header: &recording::Header) -> std::io::Result<Recorder> {
        let mut file = std::fs::File::create(path)?;
        file.write_all(&header.to_bytes())?;
        Ok(Recorder {
            file,
            mask: header.passwords_masked,
        })
    }

    /// Appends `events` in one write, so a recording stopped at any moment ends at most
    /// in the middle of one batch (the page reads up to there).
    fn append(&mut self, events: &[Event]) {
        let mut bytes = Vec::new();
        for event in events {
            if self.mask {
                let mut event = event.clone();
                recording::mask_password(&mut event);
                bytes.extend(recording::event_bytes(&event));
            } else {
                bytes.extend(recording::event_bytes(event));
            }
        }
        if !bytes.is_empty() {
            let _ = self.file.write_all(&bytes);
        }
    }
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

    fn slots(&self) -> MutexGuard<'_, Slots> {
        self.slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A slot for a client at `ip`, unless it has as many as it may.
    fn take_slot(self: &Arc<Self>, ip: IpAddr) -> Option<Slot> {
        let mut slots = self.slots();
        let mine = slots.per_client.get(&ip).copied().unwrap_or(0);
        if mine >= self.limits.max_per_client {
            return None;
        }
        slots.total = slots.total.saturating_add(1);
        slots.per_client.insert(ip, mine.saturating_add(1));
        Some(Slot {
            shared: Arc::clone(self),
            ip,
        })
    }

    /// How long the reply to a failed login waits: Dovecot's auth penalty, doubling with
    /// each failure from the address, up to the maximum.
    fn login_failed(&self, ip: IpAddr) -> Duration {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = failures.entry(ip).or_insert(0);
        *n = n.saturating_add(1);
        let doubling = 1_u32 << (*n).saturating_sub(1).min(16);
        self.limits.auth_failure_delay.saturating_mul(doubling).min(
            self.limits
                .auth_penalty_max
                .max(self.limits.auth_failure_delay),
        )
    }

    fn login_succeeded(&self, ip: IpAddr) {
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&ip);
    }

    /// One line for the teacher, stamped with the lab's clock.
    fn say(&self, line: &str) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "[{}] {line}", self.now());
        let _ = out.flush();
    }

    /// Print what a teacher wants to see (protocol lines only with --verbose), and record
    /// everything with --record.
    fn report(&self, events: &[Event]) {
        if let Some(recorder) = &self.recorder {
            recorder
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .append(events);
        }
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
                EventKind::DeliveryFailed {
                    queue_id,
                    rcpt,
                    reason,
                } => format!("delivery failed {queue_id} to {rcpt} ({reason:?})"),
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
                EventKind::TlsStarted { conn } => format!("#{conn} TLS handshake follows"),
                _ => continue,
            };
            let _ = writeln!(out, "[{t}] {line}");
        }
        let _ = out.flush();
    }
}

fn write_replies(stream: &mut impl Write, events: &[Event], conn: u32) -> std::io::Result<()> {
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

/// Why reading stopped.
enum ReadEnd {
    /// The client closed (or the connection broke).
    Closed,
    /// The line deadline or the session limit passed.
    TimedOut,
}

/// A socket read in pieces of at most `limit` octets, each ending at a line end or at the
/// limit, against deadlines.
struct PieceReader {
    wire: Wire,
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl PieceReader {
    fn new(wire: Wire) -> PieceReader {
        PieceReader {
            wire,
            buf: vec![0; 16 * 1024],
            start: 0,
            end: 0,
        }
    }

    /// Throws away what was read and not yet used: after STARTTLS/STLS, anything the
    /// client sent in clear behind the command (Postfix's fix for CVE-2011-0411).
    fn discard_buffered(&mut self) -> usize {
        let dropped = self.end.saturating_sub(self.start);
        self.start = 0;
        self.end = 0;
        dropped
    }

    /// The next piece and whether it ends a line; waits until `deadline` at most.
    fn piece(&mut self, limit: usize, deadline: Instant) -> Result<(Vec<u8>, bool), ReadEnd> {
        let mut piece = Vec::new();
        loop {
            let have = self.buf.get(self.start..self.end).unwrap_or_default();
            let room = limit.saturating_sub(piece.len());
            let window = have.get(..room.min(have.len())).unwrap_or_default();
            if let Some(pos) = window.iter().position(|&b| b == b'\n') {
                piece.extend_from_slice(window.get(..=pos).unwrap_or_default());
                self.start = self.start.saturating_add(pos).saturating_add(1);
                return Ok((piece, true));
            }
            piece.extend_from_slice(window);
            self.start = self.start.saturating_add(window.len());
            if piece.len() >= limit {
                return Ok((piece, false));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ReadEnd::TimedOut);
            }
            if let Some(tcp) = self.wire.tcp() {
                let _ = tcp.set_read_timeout(Some(left));
            }
            self.start = 0;
            self.end = 0;
            match self.wire.read(&mut self.buf) {
                Ok(0) => return Err(ReadEnd::Closed),
                Ok(n) => self.end = n,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return Err(ReadEnd::TimedOut);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(ReadEnd::Closed),
            }
        }
    }
}

/// How a session ended, before the engine is told.
enum End {
    /// The engine closed it (QUIT, an error limit, …).
    Engine,
    /// The client went away.
    Vanished,
    /// A deadline passed.
    TimedOut,
    /// Too many failed logins on a POP3 connection.
    LoginFailures,
}

/// The session's read loop; returns how it ended. The engine lock is taken per piece.
fn converse(
    shared: &Shared,
    reader: &mut PieceReader,
    conn: u32,
    peer: IpAddr,
    service: Service,
) -> End {
    let limits = &shared.limits;
    let idle = match service {
        Service::Pop3 => limits.idle_pop3,
        Service::Smtp | Service::Submission => limits.idle_smtp,
    };
    let session_end = Instant::now() + limits.session;
    let mut failed_logins = 0_u32;
    loop {
        // The deadline is per line (per request), and never past the session's end.
        let deadline = (Instant::now() + idle).min(session_end);
        let (piece, line_end) = match reader.piece(limits.line_length, deadline) {
            Ok(p) => p,
            Err(ReadEnd::Closed) => return End::Vanished,
            Err(ReadEnd::TimedOut) => return End::TimedOut,
        };
        let (events, open, errors) = {
            let mut server = shared.lock();
            let events = server.handle_piece(conn, shared.now(), &piece, line_end);
            (events, server.is_open(conn), server.error_count(conn))
        };
        shared.report(&events);
        let mut wait = Duration::ZERO;
        // smtpd_chat.c: every reply waits once the session has made the soft limit's
        // errors.
        if errors >= limits.soft_error_limit {
            wait = limits.error_sleep;
        }
        for event in &events {
            match &event.kind {
                EventKind::SmtpAuth { success, .. } | EventKind::PopLogin { success, .. } => {
                    if *success {
                        shared.login_succeeded(peer);
                    } else {
                        failed_logins = failed_logins.saturating_add(1);
                        wait = wait.max(shared.login_failed(peer));
                    }
                }
                _ => {}
            }
        }
        if !wait.is_zero() && !server_lines(&events, conn).is_empty() {
            thread::sleep(wait);
        }
        if write_replies(&mut reader.wire, &events, conn).is_err() {
            return End::Vanished;
        }
        if !open {
            return End::Engine;
        }
        if events
            .iter()
            .any(|e| matches!(e.kind, EventKind::TlsStarted { conn: c } if c == conn))
            && !start_tls(shared, reader, conn, peer, service, deadline)
        {
            return End::Vanished;
        }
        // Dovecot and the other POP3 servers have no words for this: the lab's own bound
        // (the SMTP side reaches the engine's hard error limit first).
        if service == Service::Pop3 && failed_logins >= limits.hard_error_limit {
            return End::LoginFailures;
        }
    }
}

/// The handshake after the engine's `TlsStarted`; false if it failed (reported).
fn start_tls(
    shared: &Shared,
    reader: &mut PieceReader,
    conn: u32,
    peer: IpAddr,
    service: Service,
    deadline: Instant,
) -> bool {
    let Some(config) = &shared.tls else {
        return false;
    };
    let dropped = reader.discard_buffered();
    if dropped > 0 && service == Service::Pop3 {
        shared.say(&format!(
            "#{conn} TLS handshake with {peer} failed: {dropped} octets sent in clear after \
             STLS are no handshake"
        ));
        return false;
    }
    if dropped > 0 {
        shared.say(&format!(
            "#{conn} {dropped} octets sent in clear after the TLS command thrown away"
        ));
    }
    handshake(
        shared,
        &mut reader.wire,
        config,
        &format!("#{conn}"),
        peer,
        deadline,
    )
}

/// Runs the TLS handshake and tells the teacher how it went.
fn handshake(
    shared: &Shared,
    wire: &mut Wire,
    config: &Arc<rustls::ServerConfig>,
    label: &str,
    peer: IpAddr,
    deadline: Instant,
) -> bool {
    match wire.start_tls(config, deadline) {
        Ok(()) => {
            if let Wire::Tls(tls) = wire {
                let version = tls
                    .conn
                    .protocol_version()
                    .map_or_else(String::new, |v| format!("{v:?}"));
                let suite = tls
                    .conn
                    .negotiated_cipher_suite()
                    .map_or_else(String::new, |s| format!("{:?}", s.suite()));
                shared.say(&format!("{label} TLS with {peer}: {version} {suite}"));
            }
            true
        }
        Err(why) => {
            shared.say(&format!("{label} TLS handshake with {peer} failed: {why}"));
            false
        }
    }
}

fn serve(shared: &Shared, stream: TcpStream, service: Service, implicit_tls: bool, slot: Slot) {
    let peer = slot.ip;
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let mut wire = Wire::Plain(stream);
    if implicit_tls {
        // Ports 465 and 995: the handshake comes before the greeting; a client that fails
        // it never reaches the server behind.
        let Some(config) = &shared.tls else {
            return;
        };
        let deadline = Instant::now() + shared.limits.idle_smtp.min(Duration::from_secs(60));
        let label = format!("{service:?} (implicit TLS)");
        if !handshake(shared, &mut wire, config, &label, peer, deadline) {
            wire.shutdown();
            return;
        }
    }
    let mut reader = PieceReader::new(wire);
    let (conn, events) = {
        let mut server = shared.lock();
        if implicit_tls {
            server.connect_tls(shared.now(), service, peer)
        } else {
            server.connect(shared.now(), service, peer)
        }
    };
    shared.report(&events);
    let end = if write_replies(&mut reader.wire, &events, conn).is_err() {
        End::Vanished
    } else {
        converse(shared, &mut reader, conn, peer, service)
    };
    let events = match end {
        End::Engine => Vec::new(),
        End::TimedOut => {
            // SMTP says the flavour's timeout reply; POP3 closes silently.
            let events = shared.lock().timeout(conn, shared.now());
            let _ = write_replies(&mut reader.wire, &events, conn);
            events
        }
        End::Vanished | End::LoginFailures => Vec::new(),
    };
    // The socket and the slot go first; the engine hears of it after.
    reader.wire.shutdown();
    drop(reader);
    drop(slot);
    shared.report(&events);
    if matches!(end, End::Vanished | End::LoginFailures) {
        let events = shared.lock().disconnect(conn, shared.now());
        shared.report(&events);
    }
}

/// Answer a client over its per-address limit (Postfix's 421; silence where the flavour's
/// server has no words for it) and close.
fn refuse(shared: &Shared, mut stream: TcpStream, service: Service, peer: IpAddr) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let events = shared.lock().refuse_connection(shared.now(), service, peer);
    shared.report(&events);
    if let Some(conn) = events.iter().find_map(|e| match e.kind {
        EventKind::ConnectionOpened { conn, .. } => Some(conn),
        _ => None,
    }) {
        let _ = write_replies(&mut stream, &events, conn);
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener, service: Service, implicit_tls: bool) {
    let mut backoff = Duration::from_millis(10);
    loop {
        // Postfix's master stops accepting at the process limit: clients wait in the
        // listen queue until a session ends.
        while shared.slots().total >= shared.limits.max_connections {
            thread::sleep(Duration::from_millis(10));
        }
        let stream = match listener.accept() {
            Ok((stream, _)) => {
                backoff = Duration::from_millis(10);
                stream
            }
            Err(e) => {
                // Out of file descriptors and the like: wait, do not spin.
                eprintln!("mail-lab: accept: {e}; waiting {backoff:?}");
                thread::sleep(backoff);
                backoff = backoff.saturating_mul(2).min(Duration::from_secs(1));
                continue;
            }
        };
        let Ok(peer) = stream.peer_addr().map(|a| a.ip().to_canonical()) else {
            continue;
        };
        let Some(slot) = shared.take_slot(peer) else {
            if implicit_tls {
                // Inside TLS there is no one to read a line in clear: just close.
                let _ = stream.shutdown(std::net::Shutdown::Both);
            } else {
                refuse(shared, stream, service, peer);
            }
            continue;
        };
        let session_shared = Arc::clone(shared);
        // If the thread cannot start, the closure (and the slot in it) is dropped here;
        // if the session panics, unwinding drops the slot.
        let spawned = thread::Builder::new()
            .name(format!("mail-lab {service:?} {peer}"))
            .spawn(move || serve(&session_shared, stream, service, implicit_tls, slot));
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

/// The listeners: each with its service, whether TLS comes first, and its name.
struct Listener {
    socket: TcpListener,
    service: Service,
    implicit_tls: bool,
    name: &'static str,
}

/// Whether the flavour's servers had TLS in their era (the engine knows their words).
fn flavour_has_tls(config: &ServerConfig) -> bool {
    config.flavour.smtp_has_tls() || config.flavour.pop3_has_tls()
}

#[allow(clippy::too_many_lines)] // start-up, read top to bottom
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
    let mut options = options;
    let tls_wanted = !matches!(options.tls, TlsChoice::Off);
    let with_tls = tls_wanted && flavour_has_tls(&options.config);
    let mut wanted = vec![
        (options.pop3, Service::Pop3, false, "POP3"),
        (options.smtp, Service::Smtp, false, "SMTP"),
    ];
    if with_tls {
        wanted.extend([
            (options.submission, Service::Submission, false, "submission"),
            (
                options.submissions,
                Service::Submission,
                true,
                "submissions",
            ),
            (options.pop3s, Service::Pop3, true, "POP3S"),
        ]);
    }
    for (addr, _, _, what) in &wanted {
        if !addr.ip().to_canonical().is_loopback() && !options.allow_remote {
            eprintln!(
                "mail-lab: {what} on {addr} would be reachable from other machines; \
                 add --allow-remote to mean it (passwords cross the network in clear \
                 unless the mail program uses TLS)"
            );
            return ExitCode::from(2);
        }
    }
    if options.allow_remote {
        eprintln!(
            "mail-lab: warning: --allow-remote: the plain ports let every password and \
             message cross the network in clear; use made-up accounts only"
        );
    }
    let mut listeners = Vec::new();
    for (addr, service, implicit_tls, name) in wanted {
        match TcpListener::bind(addr) {
            Ok(socket) => listeners.push(Listener {
                socket,
                service,
                implicit_tls,
                name,
            }),
            Err(e) => {
                eprintln!("mail-lab: cannot listen for {name} on {addr}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let local = |l: &TcpListener| {
        l.local_addr()
            .map_or_else(|_| "?".to_owned(), |a| a.to_string())
    };
    // TLS, for the addresses actually listened on.
    let mut tls_report = Vec::new();
    let tls_config = if with_tls {
        let bound: Vec<IpAddr> = listeners
            .iter()
            .filter_map(|l| l.socket.local_addr().ok().map(|a| a.ip()))
            .collect();
        let made = match &options.tls {
            TlsChoice::Own(dir) => {
                let (dns, ips) = tls::names_for(&options.config.hostname, &bound);
                tls::make(dir, &dns, &ips)
            }
            TlsChoice::Files { cert, key } => tls::load(cert, key),
            TlsChoice::Off => Err("off".to_owned()),
        };
        match made {
            Ok(t) => {
                tls_report = t.report;
                Some(t.config)
            }
            Err(e) => {
                eprintln!("mail-lab: TLS: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    options.config.tls_ready = tls_config.is_some();
    // The real clock lives here: SimTime 0 is now, and the wall-clock texts (sendmail's
    // greeting date, APOP timestamps) show real UTC time.
    // The lab runs today, whatever era its wording comes from.
    options.config.clock_origin = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    options.config.utc_offset_minutes = 0;
    let config = options.config.clone();
    let recorder = match &options.record {
        Some(path) => {
            let header = recording::Header::for_server(
                &config,
                recording::Source::MailLab,
                !options.record_passwords,
            );
            match Recorder::create(path, &header) {
                Ok(r) => Some(Mutex::new(r)),
                Err(e) => {
                    eprintln!("mail-lab: cannot record to {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            }
        }
        None => None,
    };
    let shared = Arc::new(Shared {
        server: Mutex::new(MailServer::new(options.config)),
        start: Instant::now(),
        skipped_ms: AtomicU64::new(0),
        slots: Mutex::new(Slots::default()),
        failures: Mutex::new(HashMap::new()),
        limits: options.limits.clone(),
        verbose: options.verbose,
        tls: tls_config,
        recorder,
    });
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
    for line in &tls_report {
        println!("mail-lab: TLS: {line}");
    }
    if tls_wanted && !with_tls {
        println!("mail-lab: TLS: off (this flavour's servers had none in their era)");
    }
    for l in &listeners {
        println!("mail-lab: {} listening on {}", l.name, local(&l.socket));
    }
    if let Some(path) = &options.record {
        println!(
            "mail-lab: recording to {} ({}); open it on the mail page, \"Replay a real session\"",
            path.display(),
            if options.record_passwords {
                "passwords kept as typed"
            } else {
                "passwords masked"
            }
        );
    }
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
    let mut threads = Vec::new();
    for l in listeners {
        let shared = Arc::clone(&shared);
        threads.push(thread::spawn(move || {
            accept_loop(&shared, &l.socket, l.service, l.implicit_tls);
        }));
    }
    for t in threads {
        let _ = t.join();
    }
    ExitCode::SUCCESS
}
