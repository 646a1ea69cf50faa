//! The view: Leptos components that render what the engines return.
//!
//! - [`app`]: the shell (header, language switch, routing, titles, focus).
//! - [`route`]: the pure URL model (`#/mail?lang=ja`), tested natively.
//! - [`i18n`]: languages and the generated string tables, tested natively.
//! - [`pages`]: one file per page.
//! - [`panic_screen`]: the visible, translated message shown if the app ever panics.
//! - [`utf8`]: text from the browser as UTF-8, made by its own encoder.
//!
//! The view owns the clock, the language and the URL; nothing here implements protocol or
//! X.509 rules.
pub mod app;
pub mod i18n;
pub mod keys;
pub mod markup;
pub mod pages;
pub mod panic_screen;
pub mod route;
pub mod share;
pub mod utf8;

pub use app::{App, Nav, Printing, Site, use_nav, use_printing};
pub use route::Program;

/// Installs the panic screen, fetches the texts the opening page needs in the reader's
/// language and mounts `program` on `<body>` (its pages drawn by `render`, e.g.
/// [`pages::render_mail`]); then marks `<html data-ready>`. If the shell's own texts cannot
/// be loaded, the page's start-up error (in both languages, in index.html) shows instead.
pub fn start(program: Program, render: fn(route::Page) -> leptos::prelude::AnyView) {
    panic_screen::install();
    let lang = app::initial_language();
    panic_screen::set_lang(lang);
    let bundles = app::initial_page().bundles();
    // Leptos's executor starts with the app; until then, wasm-bindgen's runs the future.
    wasm_bindgen_futures::spawn_local(async move {
        // Without the page's own texts the shell still starts (it says so and offers to
        // try again, as after a navigation); without the shell's texts it cannot.
        let loaded = i18n::load(lang, bundles).await;
        if loaded || i18n::load(lang, &[i18n::Bundle::Core]).await {
            leptos::mount::mount_to_body(move || {
                leptos::view! { <app::Site program=Some(program) render/> }
            });
            if let Some(html) = leptos::prelude::document().document_element() {
                let _ = html.set_attribute("data-ready", "true");
            }
        } else if let Some(message) = leptos::prelude::document().get_element_by_id("boot-error") {
            let _ = message.remove_attribute("hidden");
        }
    });
}

/// Runs `f` in a task of its own once the next frame is drawn: from an animation-frame
/// callback (which runs before that frame's layout and paint), a zero-delay timeout. Work
/// that may follow what the frame shows stays out of the task and the frame before it, so
/// neither grows past 50 ms (issue #15). `f` must allow for the page having moved on.
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

/// Starts fetching one of the site's own files (same origin; the CSP allows only that):
/// the request is under way before the caller awaits [`text_of`] it.
pub fn start_fetch(path: &str) -> js_sys::Promise {
    leptos::prelude::window().fetch_with_str(path)
}

/// The text of a response started by [`start_fetch`]; `None` on any failure.
pub async fn text_of(request: js_sys::Promise) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(request).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?;
    text.as_string()
}

/// Fetches one of the site's own files as text.
pub async fn fetch_text(path: &str) -> Option<String> {
    text_of(start_fetch(path)).await
}
