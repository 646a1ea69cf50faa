//! Browser entry point of the mail explainer (`#/mail`), with the light pages every
//! program has ([`Program::Mail`]; see `src/main.rs`).
//!
//! The mail page's later parts ([`later`](imasara::ui::pages::mail::later)) go into a
//! module of their own: the build (`scripts/build-mail.sh`) splits the program at
//! [`split::later_parts`]; the page fetches that module when it draws the first part.
#![deny(unsafe_code)]

use imasara::ui::pages::mail::later::Fetched;
use imasara::ui::route::Page;
use imasara::ui::{Program, pages, start};
use leptos::prelude::AnyView;

fn main() {
    start(Program::Mail, render);
}

fn render(page: Page) -> AnyView {
    pages::render_mail(page, fetch_later)
}

/// [`Fetch`](imasara::ui::pages::mail::later::Fetch): the split module's answer.
fn fetch_later() -> Fetched {
    Box::pin(async { split::later_parts().await.ok() })
}

/// The split point. `wasm_split` (the macro behind Leptos's `#[lazy]`) turns the function
/// into an import the split tool resolves to a loader, and a forwarding call after it:
/// code the crate does not write itself, in the one place that allows it.
#[allow(unsafe_code)]
mod split {
    use imasara::ui::pages::mail::later::{PARTS, Parts};
    use leptos::wasm_split::{SplitLoaderError, wasm_split};

    /// The later parts; calling it first fetches the module they are in.
    #[wasm_split(mail_later, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn later_parts() -> Result<&'static Parts, SplitLoaderError> {
        Ok(&PARTS)
    }
}
