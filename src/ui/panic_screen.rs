//! The panic screen: if the app ever panics, show a visible, translated message instead
//! of a frozen page.
//!
//! A panic in WebAssembly stops the running code; the reactive system cannot be trusted
//! afterwards. So the message is built with plain DOM calls into `#fatal`, a container
//! that `index.html` provides. Its reload button is wired by `static/boot.js`, not by Rust.

use std::cell::Cell;

use super::i18n::{Lang, k, text};

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Remembers the language the message should use (the shell calls this on every change).
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// Installs the panic hook: log to the console as usual, then show the message.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(LANG.with(Cell::get));
    }));
}

/// Fills and reveals `#fatal` in `lang` (or, with no texts loaded yet, `#boot-error`).
/// Does nothing when there is no document.
pub fn show(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Before any language is loaded there are no words to say it with: the start-up
    // message of index.html (in both languages) says it instead.
    if !super::i18n::is_loaded(lang, &[super::i18n::Bundle::Core]) {
        if let Some(message) = document.get_element_by_id("boot-error") {
            let _ = message.remove_attribute("hidden");
        }
        return;
    }
    let Some(container) = document.get_element_by_id("fatal") else {
        return;
    };
    container.set_text_content(None);
    let _ = container.set_attribute("lang", lang.tag());
    let parts = [
        ("h2", text(lang, k::error::heading)),
        ("p", text(lang, k::error::explain)),
        ("button", text(lang, k::error::reload)),
    ];
    for (tag, words) in parts {
        if let Ok(element) = document.create_element(tag) {
            element.set_text_content(Some(words));
            if tag == "button" {
                let _ = element.set_attribute("type", "button");
                let _ = element.set_attribute("data-reload", "");
            }
            let _ = container.append_child(&element);
        }
    }
    let _ = container.remove_attribute("hidden");
}
