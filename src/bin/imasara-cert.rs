//! Browser entry point of the padlock page (`#/cert`; its certificate engine runs in
//! `cert-worker`), with the light pages every program has ([`Program::Cert`]; see
//! `src/main.rs`).
#![forbid(unsafe_code)]

use imasara::ui::{Program, pages, start};

fn main() {
    start(Program::Cert, pages::render_cert);
}
