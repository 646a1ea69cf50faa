//! mail-lab: the imasara mail engine over TCP on loopback, so real mail programs, curl and
//! Python's poplib/smtplib can talk to it.
//!
//! ```text
//! cargo run --release --example mail-lab -- [--pop3 ADDR] [--smtp ADDR] [--window SECS] [--lag SECS]
//!     [--policy open|pop-before-smtp|smtp-auth|both] [--domain DOMAIN] [--user NAME:PASSWORD]...
//!     [--flavour postfix|sendmail|qmail|japanese-isp] [--max-connections N] [--idle SECS]
//!     [--verbose]
//! ```
//!
//! Native only: on wasm32 this example is an empty `main` so `cargo check --target
//! wasm32-unknown-unknown --all-targets` still passes.

#[cfg(not(target_arch = "wasm32"))]
mod lab;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    lab::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
