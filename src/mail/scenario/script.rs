//! The scripted scenarios: which server, which actors, what waits in the maildrop, and
//! the steps — actions at times, each named by a [`StepId`]. Running one on a fresh
//! [`Lab`] gives its [`Timeline`].

use serde::Serialize;

use super::actors::{Actor, ActorId};
use super::lab::{Action, Lab};
use super::timeline::{Step, StepKind, Timeline};
use crate::mail::client::{SendReceiveOrder, SendStyle};
use crate::mail::flavour::{Era, Flavour};
use crate::mail::letters::{self, Language, LetterId};
use crate::mail::policy::RelayPolicy;
use crate::mail::server::ServerConfig;
use crate::mail::time::{MINUTE, Millis, SECOND, SimTime};

/// The scripted scenarios.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ScenarioId {
    /// The reader's question: start → receive → send ok → idle → refused → receive → ok.
    OwnCase,
    /// A spammer elsewhere is refused; mail *to* the domain is still accepted from it.
    SpammerRefused,
    /// The old days: an open relay forwards the spammer's mail everywhere.
    OpenRelayAbused,
    /// The neighbour behind the same NAT relays inside the reader's window.
    NatNeighbour,
    /// Outlook Express order: send first, so the first send is refused.
    SendBeforeReceive,
    /// The reader's IP changes; the old IP's window goes to its next holder.
    IpChange,
    /// SMTP AUTH: the SMTP server checks the password itself; no window.
    SmtpAuthInstead,
    /// Today: submission on port 587 with STARTTLS and AUTH.
    SubmissionToday,
    /// A log-watching daemon notices the login a few seconds late: "receive, then send"
    /// at once is refused.
    LogWatcherLag,
}

impl ScenarioId {
    /// All scenarios, in teaching order.
    pub const ALL: [ScenarioId; 9] = [
        ScenarioId::OwnCase,
        ScenarioId::SpammerRefused,
        ScenarioId::OpenRelayAbused,
        ScenarioId::NatNeighbour,
        ScenarioId::SendBeforeReceive,
        ScenarioId::IpChange,
        ScenarioId::SmtpAuthInstead,
        ScenarioId::SubmissionToday,
        ScenarioId::LogWatcherLag,
    ];

    /// The code used in step ids and deep links (`own_case`, …).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ScenarioId::OwnCase => "own_case",
            ScenarioId::SpammerRefused => "spammer_refused",
            ScenarioId::OpenRelayAbused => "open_relay_abused",
            ScenarioId::NatNeighbour => "nat_neighbour",
            ScenarioId::SendBeforeReceive => "send_before_receive",
            ScenarioId::IpChange => "ip_change",
            ScenarioId::SmtpAuthInstead => "smtp_auth_instead",
            ScenarioId::SubmissionToday => "submission_today",
            ScenarioId::LogWatcherLag => "log_watcher_lag",
        }
    }

    /// Parse a code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<ScenarioId> {
        ScenarioId::ALL.into_iter().find(|s| s.code() == code)
    }

    /// When the scenario is set: the seed article's 2001, or today.
    #[must_use]
    pub fn era(self) -> Era {
        match self {
            ScenarioId::SubmissionToday => Era::Today,
            _ => Era::Y2001,
        }
    }

    /// The server software of the scenario's era: Postfix-20010228 with Qpopper for
    /// 2001, Postfix 3.11 with Dovecot 2.4 today.
    #[must_use]
    pub fn flavour(self) -> Flavour {
        match self.era() {
            Era::Y2001 => Flavour::Postfix2001,
            Era::Today => Flavour::Postfix311,
        }
    }
}

/// One step of one scenario: the view words each (an exhaustive match, so a new step does
/// not compile without its text).
#[allow(missing_docs)] // the names say it; `code()` gives the locale key
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum StepId {
    OwnCaseReceiveOnStart,
    OwnCaseSendOk,
    OwnCaseWindowExpires,
    OwnCaseSendRefused,
    OwnCaseReceiveAgain,
    OwnCaseSendOkAgain,
    SpammerRefusedReaderReceives,
    SpammerRefusedSpammerRelays,
    SpammerRefusedReaderSends,
    SpammerRefusedSpammerMailsLocalUser,
    OpenRelayAbusedSpammerRelays,
    OpenRelayAbusedReaderSendsWithoutLogin,
    NatNeighbourReaderReceives,
    NatNeighbourNeighbourRelays,
    NatNeighbourWindowExpires,
    NatNeighbourNeighbourRefused,
    SendBeforeReceiveSendAndReceive,
    SendBeforeReceiveSendAndReceiveAgain,
    IpChangeReaderReceives,
    IpChangeAddressChanges,
    IpChangeSendRefused,
    IpChangeNextHolderRelays,
    IpChangeReceiveAgain,
    IpChangeSendOk,
    SmtpAuthInsteadSendWithAuth,
    SmtpAuthInsteadSendMuchLater,
    SmtpAuthInsteadSpammerWithoutAuth,
    SmtpAuthInsteadSpammerGuessesPassword,
    SubmissionTodaySubmitWithStarttlsAndAuth,
    SubmissionTodaySpammerOn587,
    LogWatcherLagReceiveThenSend,
    LogWatcherLagEntryAppears,
    LogWatcherLagSendAgain,
}

impl StepId {
    /// The scenario the step belongs to.
    #[must_use]
    pub fn scenario(self) -> ScenarioId {
        use StepId as S;
        match self {
            S::OwnCaseReceiveOnStart
            | S::OwnCaseSendOk
            | S::OwnCaseWindowExpires
            | S::OwnCaseSendRefused
            | S::OwnCaseReceiveAgain
            | S::OwnCaseSendOkAgain => ScenarioId::OwnCase,
            S::SpammerRefusedReaderReceives
            | S::SpammerRefusedSpammerRelays
            | S::SpammerRefusedReaderSends
            | S::SpammerRefusedSpammerMailsLocalUser => ScenarioId::SpammerRefused,
            S::OpenRelayAbusedSpammerRelays | S::OpenRelayAbusedReaderSendsWithoutLogin => {
                ScenarioId::OpenRelayAbused
            }
            S::NatNeighbourReaderReceives
            | S::NatNeighbourNeighbourRelays
            | S::NatNeighbourWindowExpires
            | S::NatNeighbourNeighbourRefused => ScenarioId::NatNeighbour,
            S::SendBeforeReceiveSendAndReceive | S::SendBeforeReceiveSendAndReceiveAgain => {
                ScenarioId::SendBeforeReceive
            }
            S::IpChangeReaderReceives
            | S::IpChangeAddressChanges
            | S::IpChangeSendRefused
            | S::IpChangeNextHolderRelays
            | S::IpChangeReceiveAgain
            | S::IpChangeSendOk => ScenarioId::IpChange,
            S::SmtpAuthInsteadSendWithAuth
            | S::SmtpAuthInsteadSendMuchLater
            | S::SmtpAuthInsteadSpammerWithoutAuth
            | S::SmtpAuthInsteadSpammerGuessesPassword => ScenarioId::SmtpAuthInstead,
            S::SubmissionTodaySubmitWithStarttlsAndAuth | S::SubmissionTodaySpammerOn587 => {
                ScenarioId::SubmissionToday
            }
            S::LogWatcherLagReceiveThenSend
            | S::LogWatcherLagEntryAppears
            | S::LogWatcherLagSendAgain => ScenarioId::LogWatcherLag,
        }
    }

    /// The step's name within its scenario (`receive_on_start`).
    #[must_use]
    pub fn name(self) -> &'static str {
        use StepId as S;
        match self {
            S::OwnCaseReceiveOnStart => "receive_on_start",
            S::OwnCaseSendOk | S::IpChangeSendOk => "send_ok",
            S::OwnCaseWindowExpires | S::NatNeighbourWindowExpires => "window_expires",
            S::OwnCaseSendRefused | S::IpChangeSendRefused => "send_refused",
            S::OwnCaseReceiveAgain | S::IpChangeReceiveAgain => "receive_again",
            S::OwnCaseSendOkAgain => "send_ok_again",
            S::SpammerRefusedReaderReceives
            | S::NatNeighbourReaderReceives
            | S::IpChangeReaderReceives => "reader_receives",
            S::SpammerRefusedSpammerRelays | S::OpenRelayAbusedSpammerRelays => "spammer_relays",
            S::SpammerRefusedReaderSends => "reader_sends",
            S::SpammerRefusedSpammerMailsLocalUser => "spammer_mails_local_user",
            S::OpenRelayAbusedReaderSendsWithoutLogin => "reader_sends_without_login",
            S::NatNeighbourNeighbourRelays => "neighbour_relays",
            S::NatNeighbourNeighbourRefused => "neighbour_refused",
            S::SendBeforeReceiveSendAndReceive => "send_and_receive",
            S::SendBeforeReceiveSendAndReceiveAgain => "send_and_receive_again",
            S::IpChangeAddressChanges => "address_changes",
            S::IpChangeNextHolderRelays => "next_holder_relays",
            S::SmtpAuthInsteadSendWithAuth => "send_with_auth",
            S::SmtpAuthInsteadSendMuchLater => "send_much_later",
            S::SmtpAuthInsteadSpammerWithoutAuth => "spammer_without_auth",
            S::SmtpAuthInsteadSpammerGuessesPassword => "spammer_guesses_password",
            S::SubmissionTodaySubmitWithStarttlsAndAuth => "submit_with_starttls_and_auth",
            S::SubmissionTodaySpammerOn587 => "spammer_on_587",
            S::LogWatcherLagReceiveThenSend => "receive_then_send",
            S::LogWatcherLagEntryAppears => "entry_appears",
            S::LogWatcherLagSendAgain => "send_again",
        }
    }

    /// `scenario.step` (`own_case.receive_on_start`), for logs and tests.
    #[must_use]
    pub fn code(self) -> String {
        format!("{}.{}", self.scenario().code(), self.name())
    }
}

/// One scripted step: at `at`, the actors do `actions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScriptStep {
    /// Which step.
    pub id: StepId,
    /// When.
    pub at: SimTime,
    /// What happens.
    pub actions: Vec<Action>,
}

/// Mail waiting in the reader's maildrop at the start: who sent it, from which server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WaitingMail {
    /// The sender.
    pub from: String,
    /// The mail (in the scenario's language, encoded as its era's programs did).
    pub letter: LetterId,
    /// The sending server's name (its HELO).
    pub server: String,
    /// The sending server's address.
    pub server_ip: core::net::IpAddr,
}

/// A scenario: server set-up, actors, mail waiting in the maildrop, and a script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    /// Which.
    pub id: ScenarioId,
    /// The server.
    pub config: ServerConfig,
    /// The actors.
    pub actors: Vec<Actor>,
    /// Messages delivered to the reader over SMTP before the first step.
    pub waiting_mail: Vec<WaitingMail>,
    /// The language everyone writes their mail in.
    pub language: Language,
    /// The steps.
    pub script: Vec<ScriptStep>,
}

fn step(id: StepId, at: Millis, actions: Vec<Action>) -> ScriptStep {
    ScriptStep {
        id,
        at: SimTime(at),
        actions,
    }
}

fn send(actor: ActorId) -> Action {
    Action::Send {
        actor,
        to: Vec::new(),
    }
}

fn receive(actor: ActorId) -> Action {
    Action::Receive { actor }
}

impl Scenario {
    /// The scenario `id` with its era's server (POP before SMTP, 10 minutes): Postfix of
    /// 2001 for the old days, Postfix 3.11 today.
    #[must_use]
    pub fn get(id: ScenarioId) -> Scenario {
        Scenario::build(id, ServerConfig::example().for_flavour(id.flavour()))
    }

    /// The scenario `id` on a server set up like `base` (window, flavour, users, clock);
    /// the scenario still sets the policy it is about. Steps written relative to the
    /// window (its expiry, the refusal after it) move with it.
    #[must_use]
    #[allow(clippy::too_many_lines)] // one table of scripts, read top to bottom
    pub fn build(id: ScenarioId, base: ServerConfig) -> Scenario {
        use ActorId::{NatNeighbour, NextHolder, PasswordGuesser, Reader, Spammer};
        use StepId as S;
        let mut config = base;
        let mut actors = vec![Actor::reader(&config), Actor::spammer()];
        let reader_address = actors.first().map(|a| a.from.clone()).unwrap_or_default();
        let w = config.window;
        let at = |minutes: Millis| minutes.saturating_mul(MINUTE);
        let after_window = |minutes: Millis| w.saturating_add(at(minutes));
        let start = Action::StartMailProgram { actor: Reader };
        let script = match id {
            ScenarioId::OwnCase => vec![
                step(S::OwnCaseReceiveOnStart, 0, vec![start]),
                step(S::OwnCaseSendOk, at(2), vec![send(Reader)]),
                step(S::OwnCaseWindowExpires, w, vec![Action::Idle]),
                step(S::OwnCaseSendRefused, after_window(15), vec![send(Reader)]),
                step(
                    S::OwnCaseReceiveAgain,
                    after_window(16),
                    vec![receive(Reader)],
                ),
                step(S::OwnCaseSendOkAgain, after_window(17), vec![send(Reader)]),
            ],
            ScenarioId::SpammerRefused => vec![
                step(S::SpammerRefusedReaderReceives, 0, vec![start]),
                step(S::SpammerRefusedSpammerRelays, at(1), vec![send(Spammer)]),
                step(S::SpammerRefusedReaderSends, at(2), vec![send(Reader)]),
                step(
                    S::SpammerRefusedSpammerMailsLocalUser,
                    at(3),
                    vec![Action::Send {
                        actor: Spammer,
                        to: vec![reader_address],
                    }],
                ),
            ],
            ScenarioId::OpenRelayAbused => {
                config.policy = RelayPolicy::OpenRelay;
                vec![
                    step(S::OpenRelayAbusedSpammerRelays, 0, vec![send(Spammer)]),
                    step(
                        S::OpenRelayAbusedReaderSendsWithoutLogin,
                        at(1),
                        vec![send(Reader)],
                    ),
                ]
            }
            ScenarioId::NatNeighbour => {
                actors.push(Actor::nat_neighbour());
                vec![
                    step(S::NatNeighbourReaderReceives, 0, vec![start]),
                    step(
                        S::NatNeighbourNeighbourRelays,
                        at(3),
                        vec![send(NatNeighbour)],
                    ),
                    step(S::NatNeighbourWindowExpires, w, vec![Action::Idle]),
                    step(
                        S::NatNeighbourNeighbourRefused,
                        after_window(2),
                        vec![send(NatNeighbour)],
                    ),
                ]
            }
            ScenarioId::SendBeforeReceive => {
                if let Some(reader) = actors.first_mut() {
                    reader.program.order = SendReceiveOrder::SendThenReceive;
                    reader.program.receive_on_start = false;
                }
                let both = || Action::SendAndReceive {
                    actor: Reader,
                    to: Vec::new(),
                };
                vec![
                    step(S::SendBeforeReceiveSendAndReceive, 0, vec![both()]),
                    step(S::SendBeforeReceiveSendAndReceiveAgain, at(1), vec![both()]),
                ]
            }
            ScenarioId::IpChange => {
                actors.push(Actor::next_holder());
                let reader_ip = actors.first().map(|a| a.ip);
                vec![
                    step(S::IpChangeReaderReceives, 0, vec![start]),
                    step(
                        S::IpChangeAddressChanges,
                        at(4),
                        vec![
                            Action::ChangeIp {
                                actor: Reader,
                                ip: core::net::IpAddr::from([203, 0, 113, 58]),
                            },
                            Action::ChangeIp {
                                actor: NextHolder,
                                ip: reader_ip.unwrap_or(core::net::IpAddr::from([203, 0, 113, 7])),
                            },
                        ],
                    ),
                    step(S::IpChangeSendRefused, at(5), vec![send(Reader)]),
                    step(S::IpChangeNextHolderRelays, at(6), vec![send(NextHolder)]),
                    step(S::IpChangeReceiveAgain, at(7), vec![receive(Reader)]),
                    step(S::IpChangeSendOk, at(8), vec![send(Reader)]),
                ]
            }
            ScenarioId::SmtpAuthInstead => {
                config.policy = RelayPolicy::SmtpAuth;
                if let Some(reader) = actors.first_mut() {
                    // Outlook Express, the reader's program in 2001, used AUTH LOGIN.
                    reader.program.send_style = SendStyle::AuthLogin;
                    reader.program.receive_on_start = false;
                }
                actors.push(Actor::password_guesser(&config));
                vec![
                    step(S::SmtpAuthInsteadSendWithAuth, 0, vec![send(Reader)]),
                    step(S::SmtpAuthInsteadSendMuchLater, at(30), vec![send(Reader)]),
                    step(
                        S::SmtpAuthInsteadSpammerWithoutAuth,
                        at(31),
                        vec![send(Spammer)],
                    ),
                    step(
                        S::SmtpAuthInsteadSpammerGuessesPassword,
                        at(32),
                        vec![send(PasswordGuesser)],
                    ),
                ]
            }
            ScenarioId::SubmissionToday => {
                config.policy = RelayPolicy::SmtpAuth;
                if let Some(reader) = actors.first_mut() {
                    reader.program.send_style = SendStyle::Submission;
                    reader.program.receive_on_start = false;
                }
                if let Some(spammer) = actors.get_mut(1) {
                    spammer.program.send_style = SendStyle::SubmissionNoAuth;
                }
                vec![
                    step(
                        S::SubmissionTodaySubmitWithStarttlsAndAuth,
                        0,
                        vec![send(Reader)],
                    ),
                    step(S::SubmissionTodaySpammerOn587, at(1), vec![send(Spammer)]),
                ]
            }
            ScenarioId::LogWatcherLag => {
                config.allowlist_lag = 5 * SECOND;
                if let Some(reader) = actors.first_mut() {
                    reader.program.receive_on_start = false;
                }
                let both = || Action::SendAndReceive {
                    actor: Reader,
                    to: Vec::new(),
                };
                vec![
                    step(S::LogWatcherLagReceiveThenSend, 0, vec![both()]),
                    step(S::LogWatcherLagEntryAppears, 5 * SECOND, vec![Action::Idle]),
                    step(S::LogWatcherLagSendAgain, at(1), vec![send(Reader)]),
                ]
            }
        };
        Scenario {
            id,
            config,
            actors,
            waiting_mail: vec![
                WaitingMail {
                    from: "taro@example.org".to_owned(),
                    letter: LetterId::MeetingReply,
                    server: "mx.example.org".to_owned(),
                    server_ip: core::net::IpAddr::from([192, 0, 2, 80]),
                },
                WaitingMail {
                    from: "news@example.com".to_owned(),
                    letter: LetterId::News,
                    server: "mx.example.com".to_owned(),
                    server_ip: core::net::IpAddr::from([192, 0, 2, 81]),
                },
            ],
            language: Language::English,
            script,
        }
    }

    /// The same scenario with its mails written in `language`.
    #[must_use]
    pub fn in_language(mut self, language: Language) -> Scenario {
        self.language = language;
        self
    }

    /// All scenarios with their defaults.
    #[must_use]
    pub fn all() -> Vec<Scenario> {
        ScenarioId::ALL.into_iter().map(Scenario::get).collect()
    }

    /// The same scenario with another window.
    #[must_use]
    pub fn with_window(id: ScenarioId, window: Millis) -> Scenario {
        let mut config = ServerConfig::example().for_flavour(id.flavour());
        config.window = window;
        Scenario::build(id, config)
    }

    /// The same scenario on another server (its clock moved to that server's era).
    #[must_use]
    pub fn with_flavour(self, flavour: Flavour) -> Scenario {
        let config = self.config.clone().for_flavour(flavour);
        let mut scenario = Scenario::build(self.id, config);
        scenario.config.policy = self.config.policy;
        scenario.language = self.language;
        scenario
    }

    /// Run the script on a fresh [`Lab`]: the waiting mail is delivered over SMTP first
    /// (its own `Received:` headers come from that), then each step.
    #[must_use]
    pub fn run(&self) -> Timeline {
        let mut lab = Lab::new(self.config.clone(), self.actors.clone());
        lab.set_language(self.language);
        let era = self.config.flavour.era();
        let reader_address = self
            .actors
            .iter()
            .find(|a| a.id == ActorId::Reader)
            .map(|a| a.from.clone())
            .unwrap_or_default();
        for (i, mail) in self.waiting_mail.iter().enumerate() {
            let message_id = format!("<waiting{i}@{}>", mail.server);
            let lines = letters::letter(mail.letter, self.language, era).lines(
                &mail.from,
                &reader_address,
                &message_id,
            );
            let _ = lab.server_mut().deliver_from(
                SimTime::ZERO,
                mail.server_ip,
                &mail.server,
                &mail.from,
                &reader_address,
                &lines,
            );
        }
        let mut steps = Vec::new();
        for (index, scripted) in self.script.iter().enumerate() {
            let mut events = lab.advance_to(scripted.at);
            for action in &scripted.actions {
                events.extend(lab.apply(action));
            }
            steps.push(Step {
                index,
                what: StepKind::Scripted(scripted.id),
                at: scripted.at,
                actor: scripted.actions.iter().find_map(Action::actor),
                actions: scripted.actions.clone(),
                events,
                actors: lab.actors(),
                allowlist: lab.allowlist(),
            });
        }
        Timeline {
            scenario: Some(self.id),
            config: self.config.clone(),
            actors: self.actors.clone(),
            duration: steps.last().map_or(0, |s: &Step| s.at.0),
            steps,
        }
    }
}
