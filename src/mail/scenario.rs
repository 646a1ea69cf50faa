//! Actors, the free-play [`Lab`] and the scripted [`Scenario`]s with steppable [`Timeline`]s.
//!
//! Scenario data holds actors (IP addresses, mail-program habits, credentials) and
//! actions at times — never reply text: every server line comes from running the real
//! sessions in a [`MailServer`](super::MailServer). Running a scenario is deterministic, so
//! the page can precompute its [`Timeline`], step forward and back, deep-link to step N
//! and jump to any time ([`Timeline::step_at`], [`Timeline::allowlist_at`]).
//!
//! - [`actors`](self::Actor): who acts, from the server's configuration;
//! - [`Lab`]: a server, actors and a clock, driven by [`Action`]s;
//! - [`Scenario`], [`ScenarioId`], [`StepId`]: the scripts;
//! - [`Timeline`], [`Step`]: a script's run, with the state after each step.
//!
//! [`StepId`]s and [`ScenarioId`]s are codes: the view maps them to English or Japanese
//! text.

mod actors;
mod lab;
mod script;
mod timeline;

pub use super::client::{MailProgram, PopLogin, SendReceiveOrder, SendStyle};
pub use actors::{Actor, ActorId};
pub use lab::{Action, Lab};
pub use script::{Scenario, ScenarioId, ScriptStep, StepId, WaitingMail};
pub use timeline::{Session, Step, StepKind, Timeline};
