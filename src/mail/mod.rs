//! The mail engine: a provider's mail server in the POP-before-SMTP era, and today.
//!
//! Pure and sans-IO, in the manner of quinn-proto and smoltcp: no clocks, sockets,
//! randomness, leptos or web-sys. Every call takes `now` ([`SimTime`], milliseconds) and
//! returns owned, `Clone + Debug + PartialEq + Serialize` data the view renders.
//!
//! Where things are:
//! - [`server::MailServer`]: POP3, SMTP and submission services over shared maildrops;
//!   feed it lines, get [`Event`]s back. The typed-console API is
//!   [`MailServer::connect`] + [`MailServer::handle_line`] + [`server_lines`].
//! - [`pop3`], [`smtp`]: the session state machines (RFC 1939 + 2449 + 5034; RFC 5321 +
//!   4954 + 3207). Every server line they send carries its typed [`ReplyInfo`] (code,
//!   enhanced code, and the relay refusal it states), so no one reads codes from text.
//! - [`policy`]: relay policies and the POP-before-SMTP [`Allowlist`].
//! - [`flavour`]: the wording and the habits of each named server and version (Postfix
//!   3.11 with Dovecot 2.4; Postfix-20010228, sendmail 8.11 and qmail 1.03 of 2001); every
//!   line cites the source file it was read in. [`reply`]: replies as typed data.
//! - [`scenario`]: actors, the [`Lab`] the page drives, the scripted scenarios and their
//!   steppable [`Timeline`]s (one file each).
//! - [`recording`]: what real clients did (mail-lab's `--record`, free play's export) as
//!   the engine's events, read back from any bytes into a steppable [`Timeline`].
//! - [`letters`]: the scenarios' sample mails in the reader's [`Language`], encoded as the
//!   mail programs of 2001 and of today send them, each with its decoded text.
//! - [`address`], [`base64`], [`md5`], [`time`]: small building blocks.
//!
//! # Example
//!
//! ```
//! use imasara::mail::scenario::{ActorId, StepId};
//! use imasara::mail::{EventKind, Lab, MINUTE, Scenario, ScenarioId, Service, SimTime, server_lines};
//!
//! // A scripted scenario, run once; the page steps through it or jumps in time.
//! let timeline = Scenario::get(ScenarioId::OwnCase).run();
//! let step = timeline.step(StepId::OwnCaseSendRefused).expect("step");
//! assert_eq!(step.id().map(StepId::code).as_deref(), Some("own_case.send_refused"));
//! assert!(step.events.iter().any(|e| matches!(e.kind, EventKind::RelayRefused { .. })));
//! assert_eq!(timeline.allowlist_at(SimTime(4 * MINUTE))[0].remaining, 6 * MINUTE);
//!
//! // Free play: actions in, events out.
//! let mut lab = Lab::classic();
//! lab.receive_as_reader();
//! lab.advance(11 * MINUTE);
//! let events = lab.send_as_reader();
//! assert!(events.iter().any(|e| matches!(e.kind, EventKind::RelayRefused { .. })));
//!
//! // A console: the reader types lines, the server answers.
//! let (conn, greeting) = lab.open_console(ActorId::Spammer, Service::Smtp).expect("actor");
//! assert_eq!(server_lines(&greeting, conn), ["220 mail.example.net ESMTP Postfix"]);
//! assert_eq!(server_lines(&lab.type_line(conn, "HELO x"), conn), ["250 mail.example.net"]);
//! ```
//!
//! What never happens here: localised text (the engine emits codes such as
//! [`RelayRefusal::NotInAllowlist`] and [`StepId`]s; the view words them), reading the
//! time, or panicking on input.

// The engine's own guard rails: no panicking shortcuts, no unchecked arithmetic or
// indexing on input-derived values, and every public item documented.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    missing_docs
)]

pub mod address;
pub mod base64;
mod client;
pub mod event;
pub mod flavour;
pub mod letters;
pub mod md5;
pub mod policy;
pub mod pop3;
pub mod recording;
pub mod reply;
pub mod scenario;
pub mod server;
pub mod smtp;
pub mod time;

pub use address::Mailbox;
pub use event::{
    AuthDecoded, ConnId, ConnKind, DeliveryFailure, Event, EventKind, PopAuthMethod, ProtocolLine,
    Service, Speaker, closes, last_reply, server_lines,
};
pub use flavour::{Era, Flavour};
pub use letters::Language;
pub use policy::{
    Allowlist, AllowlistEntry, DEFAULT_WINDOW, RelayDecision, RelayPermit, RelayPolicy,
    RelayRefusal,
};
pub use reply::{EnhancedCode, PopReply, Reply, ReplyCode, ReplyInfo, RespCode};
pub use scenario::{Action, Actor, ActorId, Lab, Scenario, ScenarioId, Step, StepId, Timeline};
pub use server::{
    DEFAULT_STORAGE_LIMIT, MailServer, REMOTE_DOMAINS_KEPT, ServerConfig, StoredMessage,
    UserAccount,
};
pub use time::{MINUTE, Millis, SECOND, SEED_ERA_UNIX, SimTime, TODAY_UNIX};
