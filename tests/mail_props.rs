//! Property tests for the mail engine: relaying matches an independent model of the
//! policies; local delivery always works; no input panics the sessions or puts a CR/LF or
//! a non-ASCII byte into a reply.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::net::IpAddr;

use imasara::mail::{
    EventKind, Flavour, MINUTE, MailServer, RelayPolicy, ServerConfig, Service, SimTime, Speaker,
    base64, last_reply, server_lines,
};
use proptest::prelude::*;

fn ips() -> Vec<IpAddr> {
    [
        "203.0.113.7",
        "198.51.100.66",
        "2001:db8::7",
        "203.0.113.58",
    ]
    .iter()
    .map(|s| s.parse().expect("ip"))
    .collect()
}

#[derive(Clone, Debug)]
enum Op {
    /// POP3 login from IP `who`, with the right or a wrong password, by USER/PASS or APOP.
    Login { who: usize, good: bool, apop: bool },
    /// SMTP relay attempt from `who`; `auth` = Some(right password?) tries AUTH PLAIN.
    Relay { who: usize, auth: Option<bool> },
    /// SMTP mail to the local user from `who`.
    Local { who: usize },
    /// Time passes.
    Advance { ms: u64 },
    /// The window changes (for later logins).
    SetWindow { ms: u64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..4usize, any::<bool>(), any::<bool>()).prop_map(|(who, good, apop)| Op::Login {
            who,
            good,
            apop
        }),
        (0..4usize, prop::option::of(any::<bool>()))
            .prop_map(|(who, auth)| Op::Relay { who, auth }),
        (0..4usize).prop_map(|who| Op::Local { who }),
        prop_oneof![
            0..2_000u64,
            0..(20 * MINUTE),
            Just(10 * MINUTE),
            Just(10 * MINUTE - 1)
        ]
        .prop_map(|ms| Op::Advance { ms }),
        prop_oneof![
            Just(MINUTE),
            Just(10 * MINUTE),
            Just(30 * MINUTE),
            1..(40 * MINUTE)
        ]
        .prop_map(|ms| Op::SetWindow { ms }),
    ]
}

fn policy() -> impl Strategy<Value = RelayPolicy> {
    prop::sample::select(RelayPolicy::ALL.to_vec())
}

/// The model, written from the design notes rather than from the engine: a good POP login
/// under a POP-before-SMTP policy allows its IP until login time + window (the latest login
/// wins); SMTP AUTH counts only where the policy offers it.
/// With a log-watcher lag, a login counts from `login + lag` until `login + lag + window`
/// (the window current at the login), and the latest login that has taken effect wins.
struct Model {
    policy: RelayPolicy,
    /// The server has SMTP AUTH with PLAIN at all (qmail 1.03 has no AUTH).
    has_auth: bool,
    window: u64,
    lag: u64,
    /// Per IP: (takes effect at, window at login time), in login order.
    logins: HashMap<IpAddr, Vec<(u64, u64)>>,
}

impl Model {
    fn login(&mut self, ip: IpAddr, now: u64) {
        if matches!(
            self.policy,
            RelayPolicy::PopBeforeSmtp | RelayPolicy::PopBeforeSmtpOrAuth
        ) {
            self.logins
                .entry(ip)
                .or_default()
                .push((now + self.lag, self.window));
        }
    }

    fn listed(&self, ip: IpAddr, now: u64) -> bool {
        self.logins.get(&ip).is_some_and(|logins| {
            logins
                .iter()
                .rfind(|(effective, _)| *effective <= now)
                .is_some_and(|(effective, window)| now < effective + window)
        })
    }

    fn may_relay(&self, ip: IpAddr, now: u64, authenticated: bool) -> bool {
        let listed = self.listed(ip, now);
        match self.policy {
            RelayPolicy::OpenRelay => true,
            RelayPolicy::PopBeforeSmtp => listed,
            RelayPolicy::SmtpAuth => authenticated,
            RelayPolicy::PopBeforeSmtpOrAuth => listed || authenticated,
        }
    }

    fn auth_offered(&self) -> bool {
        self.has_auth
            && matches!(
                self.policy,
                RelayPolicy::SmtpAuth | RelayPolicy::PopBeforeSmtpOrAuth
            )
    }
}

fn talk(server: &mut MailServer, conn: u32, now: u64, line: &str) -> Vec<String> {
    server_lines(&server.handle_line(conn, SimTime(now), line), conn)
}

/// Whether the server's reply to `line` says yes (by its code, as a client reads it).
fn positive(server: &mut MailServer, conn: u32, now: u64, line: &str) -> bool {
    last_reply(&server.handle_line(conn, SimTime(now), line), conn)
        .is_some_and(|code| code.is_positive())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn relaying_matches_the_model(
        flavour in flavour(),
        policy in policy(),
        lag in prop_oneof![3 => Just(0u64), 1 => Just(1_500u64), 1 => Just(30_000u64)],
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let ips = ips();
        let mut config = ServerConfig::example().for_flavour(flavour);
        config.policy = policy;
        config.allowlist_lag = lag;
        let mut server = MailServer::new(config);
        let has_auth = flavour
            .smtp_rules()
            .auth
            .is_some_and(|a| a.mechanisms.contains(&"PLAIN"));
        let has_apop = flavour.pop3_rules().apop;
        let mut model = Model { policy, has_auth, window: 10 * MINUTE, lag, logins: HashMap::new() };
        let mut now = 0u64;
        let mut local_count = 0usize;
        for op in ops {
            match op {
                Op::Advance { ms } => now += ms,
                Op::SetWindow { ms } => {
                    server.set_window(ms);
                    model.window = ms;
                }
                Op::Login { who, good, apop } => {
                    let ip = ips[who];
                    let (conn, greeting) = server.connect(SimTime(now), Service::Pop3, ip);
                    let password = if good { "s3cret" } else { "wrong" };
                    let logged_in = if apop && has_apop {
                        let greeting = server_lines(&greeting, conn).concat();
                        let ts = &greeting[greeting.find('<').expect("timestamp")..];
                        let digest = imasara::mail::md5::hex_digest(format!("{ts}{password}").as_bytes());
                        positive(&mut server, conn, now, &format!("APOP hanako {digest}"))
                    } else {
                        prop_assert!(positive(&mut server, conn, now, "USER hanako"));
                        positive(&mut server, conn, now, &format!("PASS {password}"))
                    };
                    prop_assert_eq!(logged_in, good);
                    if good {
                        model.login(ip, now);
                    }
                    talk(&mut server, conn, now, "QUIT");
                }
                Op::Relay { who, auth } => {
                    let ip = ips[who];
                    let (conn, _) = server.connect(SimTime(now), Service::Smtp, ip);
                    talk(&mut server, conn, now, "EHLO client.example");
                    let mut authenticated = false;
                    if let Some(good) = auth {
                        let password = if good { "s3cret" } else { "nope" };
                        let token = base64::encode(format!("\0hanako\0{password}").as_bytes());
                        authenticated = positive(&mut server, conn, now, &format!("AUTH PLAIN {token}"));
                        prop_assert_eq!(authenticated, good && model.auth_offered());
                    }
                    prop_assert!(positive(&mut server, conn, now, "MAIL FROM:<hanako@example.net>"));
                    let events = server.handle_line(conn, SimTime(now), "RCPT TO:<taro@example.org>");
                    let reply = server_lines(&events, conn);
                    let relayed = last_reply(&events, conn).is_some_and(|c| c.is_positive());
                    let expected = model.may_relay(ip, now, authenticated);
                    prop_assert_eq!(relayed, expected, "{:?} policy {:?} ip {} now {} reply {:?}", flavour, policy, ip, now, reply);
                    // The refusal's line says which refusal it is.
                    let marked = events.iter().filter_map(|e| e.line()).any(|l| l.reply.is_some_and(|r| r.refusal.is_some()));
                    prop_assert_eq!(marked, !expected);
                    let allowed_event = events.iter().any(|e| matches!(e.kind, EventKind::RelayAllowed { .. }));
                    let refused_event = events.iter().any(|e| matches!(e.kind, EventKind::RelayRefused { .. }));
                    prop_assert_eq!((allowed_event, refused_event), (expected, !expected));
                    talk(&mut server, conn, now, "QUIT");
                }
                Op::Local { who } => {
                    let (conn, _) = server.connect(SimTime(now), Service::Smtp, ips[who]);
                    talk(&mut server, conn, now, "HELO anyone.example");
                    talk(&mut server, conn, now, "MAIL FROM:<someone@example.org>");
                    prop_assert!(positive(&mut server, conn, now, "RCPT TO:<hanako@example.net>"));
                    talk(&mut server, conn, now, "DATA");
                    talk(&mut server, conn, now, "Subject: hello");
                    prop_assert!(positive(&mut server, conn, now, "."));
                    local_count += 1;
                    prop_assert_eq!(server.maildrop("hanako").len(), local_count);
                    // Every stored message starts with the server's own Received: header.
                    let stored = server.maildrop("hanako").last().expect("stored");
                    prop_assert!(stored.lines().next().unwrap_or_default().starts_with("Received: from "), "{:?}", stored.to_crlf_text());
                }
            }
        }
        // The allowlist the view sees agrees with the model too.
        for ip in ips {
            let live = server.allowlist_at(SimTime(now)).iter().any(|e| e.ip == ip);
            let modelled = model.listed(ip, now);
            prop_assert_eq!(live, modelled);
        }
    }
}

fn line() -> impl Strategy<Value = Vec<u8>> {
    let commands = vec![
        "EHLO a.example",
        "HELO b",
        "MAIL FROM:<hanako@example.net>",
        "MAIL FROM:<>",
        "RCPT TO:<taro@example.org>",
        "RCPT TO:<hanako@example.net>",
        "DATA",
        ".",
        "..x",
        "AUTH PLAIN",
        "AUTH LOGIN",
        "AUTH PLAIN AGhhbmFrbwBzM2NyZXQ=",
        "AGhhbmFrbwBzM2NyZXQ=",
        "aGFuYWtv",
        "czNjcmV0",
        "*",
        "=",
        "STARTTLS",
        "RSET",
        "NOOP",
        "VRFY x",
        "QUIT",
        "USER hanako",
        "PASS s3cret",
        "APOP hanako 00",
        "STAT",
        "LIST",
        "LIST 1",
        "RETR 1",
        "DELE 1",
        "TOP 1 0",
        "TOP 1 99999999999999999999",
        "UIDL",
        "UIDL 1",
        "CAPA",
        "",
    ];
    prop_oneof![
        any::<Vec<u8>>(),
        "[A-Za-z]{1,10}( [ -~]{0,60})?".prop_map(String::into_bytes),
        "\\PC{0,80}".prop_map(String::into_bytes),
        prop::sample::select(commands).prop_map(|s| s.as_bytes().to_vec()),
        (1usize..3000).prop_map(|n| vec![b'A'; n]),
    ]
}

fn flavour() -> impl Strategy<Value = Flavour> {
    prop::sample::select(Flavour::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_input_breaks_a_session(
        flavour in flavour(),
        policy in policy(),
        service in prop::sample::select(vec![Service::Pop3, Service::Smtp, Service::Submission]),
        lines in prop::collection::vec(line(), 0..60),
    ) {
        let mut config = ServerConfig::example();
        config.flavour = flavour;
        config.policy = policy;
        let mut server = MailServer::new(config);
        server.seed_message("hanako", None, vec!["Subject: seeded".into(), String::new(), ".body".into()]);
        let (conn, events) = server.connect(SimTime(0), service, "203.0.113.7".parse().expect("ip"));
        let mut all = events;
        for (i, bytes) in lines.iter().enumerate() {
            all.extend(server.handle_bytes(conn, SimTime(i as u64 * 1000), bytes));
            if !server.is_open(conn) {
                break;
            }
        }
        all.extend(server.timeout(conn, SimTime(10_000_000)));
        for line in all.iter().filter_map(|e| e.line()).filter(|l| l.speaker == Speaker::Server) {
            prop_assert!(
                line.text.bytes().all(|b| (0x20..0x7f).contains(&b)),
                "reply not printable ASCII: {:?}", line.text
            );
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_any_service(lines in prop::collection::vec(any::<Vec<u8>>(), 0..30)) {
        let mut server = MailServer::new(ServerConfig::example());
        let ip: IpAddr = "198.51.100.66".parse().expect("ip");
        let conns: Vec<u32> = [Service::Pop3, Service::Smtp, Service::Submission]
            .into_iter()
            .map(|s| server.connect(SimTime(0), s, ip).0)
            .collect();
        for (i, bytes) in lines.iter().enumerate() {
            let _ = server.handle_bytes(conns[i % 3], SimTime(i as u64), bytes);
        }
    }
}

mod free_play {
    use imasara::mail::scenario::{Action, Actor, ActorId, Lab};
    use imasara::mail::{Flavour, MINUTE, RelayPolicy, ServerConfig, Speaker};
    use proptest::prelude::*;

    fn action() -> impl Strategy<Value = Action> {
        let actor = prop::sample::select(vec![
            ActorId::Reader,
            ActorId::Spammer,
            ActorId::NatNeighbour,
            ActorId::NextHolder,
        ]);
        prop_oneof![
            actor
                .clone()
                .prop_map(|actor| Action::StartMailProgram { actor }),
            actor
                .clone()
                .prop_map(|actor| Action::QuitMailProgram { actor }),
            actor.clone().prop_map(|actor| Action::Receive { actor }),
            (
                actor.clone(),
                prop::collection::vec("[a-z@.<> ]{0,20}", 0..3)
            )
                .prop_map(|(actor, to)| Action::Send { actor, to }),
            actor.clone().prop_map(|actor| Action::SendAndReceive {
                actor,
                to: Vec::new()
            }),
            (actor, any::<[u8; 4]>()).prop_map(|(actor, ip)| Action::ChangeIp {
                actor,
                ip: ip.into()
            }),
            prop_oneof![0..(30 * MINUTE), Just(u64::MAX)].prop_map(|ms| Action::AdvanceTime { ms }),
            (0..(40 * MINUTE)).prop_map(|ms| Action::SetWindow { ms }),
            prop::sample::select(RelayPolicy::ALL.to_vec())
                .prop_map(|policy| Action::SetPolicy { policy }),
            prop::sample::select(Flavour::ALL.to_vec())
                .prop_map(|flavour| Action::SetFlavour { flavour }),
            Just(Action::Idle),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Any sequence of free-play actions: no panic, events in time order, replies on
        /// the wire printable ASCII, the allowlist never shows an expired entry.
        #[test]
        fn free_play_is_well_behaved(actions in prop::collection::vec(action(), 0..30)) {
            // The reader's program checks every minute while running.
            let mut reader = Actor::reader(&ServerConfig::example());
            reader.program.check_interval = Some(MINUTE);
            let actors = vec![reader, Actor::spammer(), Actor::nat_neighbour(), Actor::next_holder()];
            let mut lab = Lab::new(ServerConfig::example(), actors);
            let mut last = lab.now();
            for action in &actions {
                for event in lab.apply(action) {
                    prop_assert!(event.at >= last, "{:?} before {:?}", event.at, last);
                    last = event.at;
                    if let Some(line) = event.line()
                        && line.speaker == Speaker::Server
                    {
                        prop_assert!(line.text.bytes().all(|b| (0x20..0x7f).contains(&b)));
                    }
                }
                prop_assert!(lab.allowlist().iter().all(|e| e.until > lab.now()));
            }
        }
    }
}
