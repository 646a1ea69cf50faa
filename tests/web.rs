//! Component tests in a real browser (headless Chromium via wasm-bindgen-test):
//! mount the app, act as a reader would, assert on the DOM.
#![cfg(target_arch = "wasm32")]

use imasara::ui::i18n::Lang;
use imasara::ui::panic_screen;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::{document, mount, set_hash, settle, text_of};

#[wasm_bindgen_test]
async fn routes_and_language_follow_the_url() {
    set_hash("#/?lang=en");
    let app = mount();
    settle().await;
    assert!(
        text_of("main h1").contains("Two old questions"),
        "{}",
        text_of("main h1")
    );
    assert_eq!(
        document()
            .document_element()
            .expect("html")
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );

    set_hash("#/mail?lang=ja");
    settle().await;
    settle().await;
    assert!(
        text_of("main h1").contains("メールを送れないのはなぜ"),
        "{}",
        text_of("main h1")
    );
    assert_eq!(
        document()
            .document_element()
            .expect("html")
            .get_attribute("lang")
            .as_deref(),
        Some("ja")
    );
    assert!(
        document().title().starts_with("メール"),
        "{}",
        document().title()
    );

    set_hash("#/does-not-exist");
    settle().await;
    assert!(!text_of("main h1").is_empty());
    assert!(text_of("main").contains("/does-not-exist"));
    drop(app);
}

#[wasm_bindgen_test]
async fn clicking_the_language_switch_translates_the_page() {
    set_hash("#/cert?lang=en");
    let app = mount();
    settle().await;
    assert!(text_of("main h1").contains("padlock"));
    let switch: web_sys::HtmlElement = document()
        .query_selector(".lang-switch a[hreflang=ja]")
        .expect("selector")
        .expect("Japanese link")
        .unchecked_into();
    switch.click();
    settle().await;
    settle().await;
    assert!(
        text_of("main h1").contains("鍵マーク"),
        "{}",
        text_of("main h1")
    );
    let current = document()
        .query_selector(".lang-switch a[aria-current=true]")
        .expect("selector")
        .expect("a current language");
    assert_eq!(current.get_attribute("hreflang").as_deref(), Some("ja"));
    drop(app);
}

#[wasm_bindgen_test]
fn the_panic_screen_speaks_the_current_language() {
    let fatal = document().create_element("div").expect("div");
    fatal.set_id("fatal");
    fatal.set_attribute("hidden", "").expect("hidden");
    document()
        .body()
        .expect("body")
        .append_child(&fatal)
        .expect("append");

    panic_screen::show(Lang::Ja);
    assert!(!fatal.has_attribute("hidden"));
    assert_eq!(fatal.get_attribute("lang").as_deref(), Some("ja"));
    assert!(
        fatal
            .text_content()
            .unwrap_or_default()
            .contains("問題が発生しました")
    );
    assert!(
        fatal
            .query_selector("button[data-reload]")
            .expect("selector")
            .is_some()
    );

    panic_screen::show(Lang::En);
    assert!(
        fatal
            .text_content()
            .unwrap_or_default()
            .contains("Something went wrong")
    );
    fatal.remove();
}
