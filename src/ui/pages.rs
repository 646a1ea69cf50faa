//! One module per page; [`render`] picks the view for a route.

use leptos::prelude::*;

use super::i18n::k;
use super::route::{Page, Program};

pub mod about;
pub mod cert;
pub mod check;
pub mod glossary;
pub mod home;
pub mod mail;
pub mod not_found;
pub mod teach;
pub mod text;

/// The view of `page`, any page: the whole site in one program (the component tests mount
/// it through [`crate::ui::App`]).
pub fn render(page: Page) -> AnyView {
    match page.program() {
        Some(Program::Mail) => render_mail(page, mail::later::at_once),
        Some(Program::Cert) => render_cert(page),
        Some(Program::Teach) => render_teach(page),
        Some(Program::Site) | None => render_light(page),
    }
}

/// The view of `page` in the program [`Program::Site`].
/// Each program's `render_…` names only its own pages, so the linker leaves the others'
/// views out of its module.
pub fn render_light(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <home::HomePage/> }.into_any(),
        Page::Glossary => view! { <glossary::GlossaryPage/> }.into_any(),
        Page::About => view! { <about::AboutPage/> }.into_any(),
        Page::PanicCheck => view! { <check::PanicCheckPage/> }.into_any(),
        Page::NotFound(path) => view! { <not_found::NotFoundPage path/> }.into_any(),
        // Drawn by another program: the shell reloads the document, and boot.js starts
        // that program (see `app::Site`). Until then, the page is on its way.
        Page::Mail | Page::Cert | Page::Teach | Page::Quiz => {
            view! { <p>{text::tr(k::shell::program_loading)}</p> }.into_any()
        }
    }
}

/// The view of `page` in the program [`Program::Mail`], whose mail page gets its later
/// parts by `fetch` ([`mail::later`]).
pub fn render_mail(page: Page, fetch: mail::later::Fetch) -> AnyView {
    match page {
        Page::Mail => view! { <mail::MailPage fetch/> }.into_any(),
        other => render_light(other),
    }
}

/// The view of `page` in the program [`Program::Cert`].
pub fn render_cert(page: Page) -> AnyView {
    match page {
        Page::Cert => view! { <cert::CertPage/> }.into_any(),
        other => render_light(other),
    }
}

/// The view of `page` in the program [`Program::Teach`].
pub fn render_teach(page: Page) -> AnyView {
    match page {
        Page::Teach => view! { <teach::TeachPage/> }.into_any(),
        Page::Quiz => view! { <teach::quiz::QuizPage/> }.into_any(),
        other => render_light(other),
    }
}
