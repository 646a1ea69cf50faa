//! The `?` key on every explainer: a dialog that lists the page's keyboard shortcuts (and a
//! button that opens it, for whoever does not know the key). The lists are the pages'
//! own texts, the same ones their controls describe; Escape closes the dialog, as every
//! modal `<dialog>` does, and the focus returns where it was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{Key, k};
use super::use_nav;

/// Where a key press lands: in a text field (it belongs to what the reader types), and on
/// a button or link (Space and Enter belong to it). The player's shortcuts and the `?` key
/// both ask.
pub fn is_form_field(target: Option<web_sys::EventTarget>) -> (bool, bool) {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return (false, false);
    };
    let tag = el.tag_name().to_ascii_lowercase();
    (
        matches!(tag.as_str(), "input" | "select" | "textarea"),
        tag == "button" || tag == "a",
    )
}

/// The button, the dialog, and the `?` key that opens it; `items` are the page's own
/// shortcuts, listed after the ones every page has.
#[component]
pub fn KeyboardHelp(items: &'static [Key]) -> impl IntoView {
    let nav = use_nav();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move || {
        if let Some(d) = dialog.get_untracked()
            && !d.open()
        {
            let _ = d.show_modal();
        }
    };
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "?"
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !is_form_field(ev.target()).0
        {
            ev.prevent_default();
            open();
        }
    });
    on_cleanup(move || listener.remove());
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let common = [k::share::keys_help, k::share::keys_tab];
    view! {
        <button type="button" class="secondary" aria-keyshortcuts="?" on:click=move |_| open()>
            {move || nav.t(k::share::keys_button)}
        </button>
        <dialog node_ref=dialog class="share-dialog keys-dialog" aria-labelledby="keys-title">
            <h2 id="keys-title">{move || nav.t(k::share::keys_heading)}</h2>
            <ul>
                {common
                    .iter()
                    .chain(items)
                    .map(|&key| view! { <li>{move || nav.t(key)}</li> })
                    .collect_view()}
            </ul>
            <div class="share-actions">
                <button type="button" class="secondary" on:click=close>
                    {move || nav.t(k::share::close)}
                </button>
            </div>
        </dialog>
    }
}
