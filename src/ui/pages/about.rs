//! About: what imasara is, privacy, licence, credits and third-party notices.

use leptos::prelude::*;

use crate::ui::i18n::{Lang, k};
use crate::ui::use_nav;

/// Third-party software shipped in the page, with its licence. The complete list of
/// crates compiled into the WebAssembly module is in `third-party.txt` beside the page.
const SHIPPED: &[(&str, &str)] = &[
    ("Leptos", "MIT"),
    ("wasm-bindgen, js-sys, web-sys", "MIT OR Apache-2.0"),
    ("serde", "MIT OR Apache-2.0"),
];

/// The example course page in the reader's language (`static/demo/`).
fn demo_page(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "demo/",
        Lang::Ja => "demo/ja.html",
    }
}

/// The about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let nav = use_nav();
    view! {
        <h1>{move || nav.t(k::about::heading)}</h1>
        <p class="lead">{move || nav.t(k::about::lead)}</p>
        <h2>{move || nav.t(k::about::privacy_heading)}</h2>
        <p>{move || nav.t(k::about::privacy)}</p>
        <h2>{move || nav.t(k::about::teachers_heading)}</h2>
        <p>{move || nav.t(k::about::teachers)}</p>
        <ul>
            <li><a href=move || nav.href(crate::ui::route::Page::Teach)>{move || nav.t(k::about::teach_link)}</a></li>
            <li><a href=move || demo_page(nav.lang.get())>{move || nav.t(k::about::demo_link)}</a></li>
            <li><a href="imasara-offline.zip" download>{move || nav.t(k::about::offline_link)}</a></li>
        </ul>
        <h2>{move || nav.t(k::about::licence_heading)}</h2>
        <p>{move || nav.t(k::about::licence)}</p>
        <h2>{move || nav.t(k::about::credits_heading)}</h2>
        <p>{move || nav.t(k::about::credits)}</p>
        <h2>{move || nav.t(k::about::notices_heading)}</h2>
        <p>{move || nav.t(k::about::notices)}</p>
        <ul class="notices">
            {SHIPPED
                .iter()
                .map(|(name, licence)| view! { <li><span>{*name}</span>" — "<span>{*licence}</span></li> })
                .collect_view()}
        </ul>
        <p>
            <a href="third-party.txt">{move || nav.t(k::about::notices_file)}</a>
        </p>
    }
}
