//! SMTP and POP3 sessions driven by arbitrary lines, as a client of `mail-lab` drives
//! them (the `mail_session` target).
//!
//! The first byte chooses the server: flavour (`b % 5`), relay policy (`b % 120 / 5 % 4`),
//! the service the first connection opens (`b % 120 / 20 % 3`: POP3, SMTP, submission) and
//! whether any local part is accepted (`b % 120 >= 60`), and whether the server has a TLS
//! certificate, as mail-lab with TLS (`b >= 128`: STARTTLS on port 25, STLS). The rest is
//! lines (cut at `\n`, a
//! trailing `\r` removed as the lab does), each given to `MailServer::handle_bytes`, 10 ms
//! apart. A line starting with a control byte drives the clock and the connections instead:
//! - `\x01 n`: n × 5 s pass (enough to leave the POP-before-SMTP window);
//! - `\x02`: the connection idles out (`timeout`);
//! - `\x03 s`: the client hangs up and connects again to service `s % 3`, from the same
//!   address when `s < 128`, from another one otherwise (POP3 first, then SMTP), over
//!   implicit TLS (ports 465 and 995) when `s & 0x40`;
//! - `\x04`: the server polls its timers.
//!
//! Invariants: no panic; every reply line (a line carrying a reply code, on any connection,
//! the simulated recipient servers' included) is free of CR and LF, so nothing a client
//! sends can break a line; a connection reported closed is closed.

use std::net::{IpAddr, Ipv4Addr};

use imasara::mail::{
    ConnId, Event, Flavour, MailServer, RelayPolicy, SECOND, ServerConfig, Service, SimTime,
    Speaker, closes,
};

const SERVICES: [Service; 3] = [Service::Pop3, Service::Smtp, Service::Submission];
const CLIENTS: [IpAddr; 2] = [
    IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7)),
    IpAddr::V4(Ipv4Addr::new(198, 51, 100, 9)),
];

fn check(server: &MailServer, events: &[Event], conn: ConnId) {
    for line in events.iter().filter_map(Event::line) {
        if line.speaker == Speaker::Server && line.reply.is_some() {
            assert!(!line.text.contains(['\r', '\n']), "{:?}", line.text);
        }
    }
    if closes(events, conn) {
        assert!(!server.is_open(conn));
    }
}

/// The server the first byte chooses, with two messages for hanako to list, read and
/// delete.
pub fn server(setup: u8) -> (MailServer, Service) {
    let choice = usize::from(setup) % 120;
    let flavour = Flavour::ALL[choice % 5];
    let policy = RelayPolicy::ALL[(choice / 5) % 4];
    let service = SERVICES[(choice / 20) % 3];
    let mut config = ServerConfig::example().for_flavour(flavour);
    config.policy = policy;
    config.accept_any_local_user = choice >= 60;
    config.tls_ready = setup >= 128;
    let mut server = MailServer::new(config);
    for n in 0..2 {
        let lines = vec![
            "From: taro@example.org".to_owned(),
            format!("Subject: seed {n}"),
            String::new(),
            ".leading dot".to_owned(),
            "body".to_owned(),
        ];
        server.seed_message("hanako", None, lines);
    }
    (server, service)
}

pub fn run(data: &[u8]) {
    let Some((&setup, script)) = data.split_first() else {
        return;
    };
    let (mut server, service) = server(setup);
    let mut now = SimTime(0);
    let (mut conn, events) = server.connect(now, service, CLIENTS[0]);
    check(&server, &events, conn);
    for line in script.split(|b| *b == b'\n') {
        now = now.plus(10);
        let events = match line {
            [0x01, n, ..] => {
                now = now.plus(u64::from(*n) * 5 * SECOND);
                server.poll(now)
            }
            [0x02, ..] => server.timeout(conn, now),
            [0x03, s, ..] => {
                let mut events = server.disconnect(conn, now);
                let client = CLIENTS[usize::from(*s >= 128)];
                let service = SERVICES[usize::from(*s) % 3];
                let (next, greeting) = if s & 0x40 != 0 {
                    server.connect_tls(now, service, client)
                } else {
                    server.connect(now, service, client)
                };
                conn = next;
                events.extend(greeting);
                events
            }
            [0x04, ..] => server.poll(now),
            _ => server.handle_bytes(conn, now, line),
        };
        check(&server, &events, conn);
    }
    let _ = server.disconnect(conn, now);
}
