//! Browser entry point of the teachers' page and the quiz (`#/teach`, `#/quiz`), with the
//! light pages every program has ([`Program::Teach`]; see `src/main.rs`).
#![forbid(unsafe_code)]

use imasara::ui::{Program, pages, start};

fn main() {
    start(Program::Teach, pages::render_teach);
}
