//! Helpers shared by the browser component tests (`tests/web*.rs`).
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

/// The page's document.
pub fn document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// The first element matching `selector`; panics naming it when there is none.
pub fn one(selector: &str) -> web_sys::Element {
    document()
        .query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// The text of the first element matching `selector`.
pub fn text_of(selector: &str) -> String {
    one(selector).text_content().unwrap_or_default()
}

/// A fresh `<div>` at the end of `<body>`, to mount into.
pub fn new_host() -> web_sys::HtmlElement {
    use wasm_bindgen::JsCast;
    let host = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host.unchecked_into()
}

/// Mounts the whole app into a fresh host.
pub fn mount() -> leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable> {
    leptos::mount::mount_to(new_host(), imasara::ui::App)
}

/// Navigates to a route, as a link or the address bar would.
pub fn set_hash(hash: &str) {
    web_sys::window()
        .expect("window")
        .location()
        .set_hash(hash)
        .expect("set hash");
}

/// Lets timers, hashchange events and Leptos effects run.
pub async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer");
    leptos::task::tick().await;
}
