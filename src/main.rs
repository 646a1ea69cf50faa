//! Browser entry point of the lightest program: the home page, the glossary and the about
//! page ([`Program::Site`]). Each explainer is a program of its own (`src/bin/imasara-*.rs`),
//! so that a page's first load carries only its own views; `static/boot.js` starts the
//! program the URL's page needs.
#![forbid(unsafe_code)]

use imasara::ui::{Program, pages, start};

fn main() {
    start(Program::Site, pages::render_light);
}
