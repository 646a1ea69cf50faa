//! Browser entry point of the mail explainer (`#/mail`), with the light pages every
//! program has ([`Program::Mail`]; see `src/main.rs`).
//!
//! The mail page's later parts (free play, the time chart, the handout, the recordings:
//! [`later`](imasara::ui::pages::mail::later)) are split off into a module of their own at [`split::later_parts`], which the
//! build splits there (`scripts/build-mail.sh`); the page fetches it when it draws the first of them.
#![deny(unsafe_code)]

use std::future::Future;
use std::pin::Pin;

use imasara::ui::pages::mail::later::Parts;
use imasara::ui::route::Page;
use imasara::ui::{Program, pages, start};
use leptos::prelude::AnyView;

fn main() {
    start(Program::Mail, render);
}

fn render(page: Page) -> AnyView {
    pages::render_mail(page, fetch_later)
}

/// [`Fetch`](imasara::ui::pages::mail::later::Fetch): the split module's answer, or `None` if it could not be fetched.
fn fetch_later() -> Pin<Box<dyn Future<Output = Option<&'static Parts>>>> {
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
