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
