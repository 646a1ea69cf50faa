//! Browser entry point of the mail explainer (`#/mail`), with the light pages every
//! program has ([`Program::Mail`]; see `src/main.rs`).
use imasara::ui::{Program, pages, start};

fn main() {
    start(Program::Mail, pages::render_mail);
}
