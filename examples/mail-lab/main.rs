//! mail-lab: the imasara mail engine over TCP on loopback, so real mail programs, curl and
//! Python's poplib/smtplib can talk to it.
//!
//! ```text
//! cargo run --release --example mail-lab -- [--pop3 ADDR] [--smtp ADDR]
//!     [--submission ADDR] [--submissions ADDR] [--pop3s ADDR] [--allow-remote]
//!     [--tls-dir DIR | --cert FILE --key FILE | --no-tls]
//!     [--window SECS] [--lag SECS] [--policy open|pop-before-smtp|smtp-auth|both]
//!     [--domain DOMAIN] [--user NAME:PASSWORD]...
//!     [--flavour postfix|postfix-2001|sendmail|qmail|japanese-isp]
//!     [--max-connections N] [--max-connections-per-client N] [--idle TIME]
//!     [--session-limit TIME] [--line-length-limit N] [--message-size-limit N]
//!     [--recipient-limit N] [--mailbox-size-limit N] [--storage-limit N]
//!     [--hard-error-limit N] [--soft-error-limit N] [--error-sleep TIME]
//!     [--auth-failure-delay TIME] [--auth-penalty-max TIME] [--verbose]
//! ```
//!
//! `--help` lists the defaults (Postfix's, where it has one). Listening on anything but
//! loopback needs `--allow-remote`.
//!
//! Native only: on wasm32 this example is an empty `main` so `cargo check --target
//! wasm32-unknown-unknown --all-targets` still passes.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
mod lab;
#[cfg(not(target_arch = "wasm32"))]
mod tls;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    lab::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
