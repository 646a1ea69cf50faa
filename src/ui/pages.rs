//! One module per page; [`render`] picks the view for a route.

use leptos::prelude::*;

use super::route::Page;

pub mod about;
pub mod cert;
pub mod check;
pub mod glossary;
pub mod home;
pub mod mail;
pub mod not_found;
pub mod teach;
pub mod text;

/// The view of `page`.
pub fn render(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <home::HomePage/> }.into_any(),
        Page::Mail => view! { <mail::MailPage/> }.into_any(),
        Page::Cert => view! { <cert::CertPage/> }.into_any(),
        Page::Glossary => view! { <glossary::GlossaryPage/> }.into_any(),
        Page::About => view! { <about::AboutPage/> }.into_any(),
        Page::Teach => view! { <teach::TeachPage/> }.into_any(),
        Page::Quiz => view! { <teach::quiz::QuizPage/> }.into_any(),
        Page::PanicCheck => view! { <check::PanicCheckPage/> }.into_any(),
        Page::NotFound(path) => view! { <not_found::NotFoundPage path/> }.into_any(),
    }
}
