//! # imasara — two classic reader questions, answered by running the mechanisms
//!
//! Where things are:
//! - [`mail`]: a pure, sans-IO simulation of a provider's mail server (POP3, SMTP, the
//!   POP-before-SMTP allowlist, SMTP AUTH) and the scenarios the page animates.
//! - [`cert`]: a pure certificate engine: PEM/DER in, a trust-chain report out. In the
//!   browser it runs in a Web Worker of its own (`src/bin/cert-worker.rs`), reached through
//!   [`cert::session`], so it is not part of the first load.
//! - [`civil`]: calendar arithmetic both engines share (days ↔ dates); [`base64`]: the
//!   base64 and hex both engines read and write.
//! - [`ui`]: the Leptos view. It owns the clock, the language and the URL, and renders
//!   what the engines return. Nothing in the engines knows about the browser.
//!
//! The engines take the time to judge at as an argument and never read a clock, so the
//! same code runs in the browser, in native tests and in the `examples/` command-line faces.
#![forbid(unsafe_code)]

pub mod base64;
pub mod cert;
pub mod civil;
pub mod mail;
pub mod ui;
