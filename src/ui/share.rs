//! "Link to this" and "Embed this": a dialog with the deep link for the exact current state
//! and an iframe snippet for course pages, each with a copy button, and a plain word on
//! what a link cannot carry.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{Key, k};
use super::keys::KeyboardHelp;
use super::markup::escape;
use super::route::{EMBED, Location};
use super::use_nav;

/// The address of this page with `location` as its fragment.
pub fn absolute_url(location: &Location) -> String {
    let here = window().location();
    let origin = here.origin().unwrap_or_default();
    let path = here.pathname().unwrap_or_default();
    format!("{origin}{path}{}", location.to_hash())
}

/// The iframe snippet for `url`, titled `title`.
pub fn iframe_snippet(url: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"720\" loading=\"lazy\" \
         sandbox=\"allow-scripts allow-same-origin\" allow=\"clipboard-write\" \
         style=\"border:0\"></iframe>",
        escape(url),
        escape(title)
    )
}

/// Copies `text` to the clipboard; `done` says whether it worked.
pub fn copy(text: String, done: WriteSignal<Option<bool>>) {
    let clipboard = window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.set(Some(ok));
    });
}

/// What became of the last copy ([`copy`]): said to screen readers as it happens.
#[component]
pub fn CopyStatus(copied: ReadSignal<Option<bool>>) -> impl IntoView {
    let nav = use_nav();
    view! {
        <p role="status" class="share-status">
            {move || match copied.get() {
                Some(true) => nav.t(k::share::copied),
                Some(false) => nav.t(k::share::copy_failed),
                None => "",
            }}
        </p>
    }
}

/// Two buttons ("Link to this", "Embed this") and the dialog they open.
#[component]
pub fn ShareButtons(
    /// What a link to this page cannot carry (e.g. a pasted certificate).
    limits: Key,
    /// The page's title, used in the iframe snippet.
    title: Key,
    /// The page's own keyboard shortcuts, for the `?` dialog beside the buttons.
    keys: &'static [Key],
) -> impl IntoView {
    let nav = use_nav();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let (copied, set_copied) = signal(None::<bool>);
    let (mode_embed, set_mode_embed) = signal(false);

    let link = move || {
        let mut location = nav.location.get();
        location.query.remove(EMBED);
        location.query.set("lang", nav.lang.get().tag());
        absolute_url(&location)
    };
    let snippet = move || {
        let mut location = nav.location.get();
        location.query.set(EMBED, "1");
        location.query.set("lang", nav.lang.get().tag());
        iframe_snippet(&absolute_url(&location), nav.t(title))
    };
    let text = move || if mode_embed.get() { snippet() } else { link() };
    let open = move |embed: bool| {
        set_mode_embed.set(embed);
        set_copied.set(None);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let select_all = move |ev: leptos::ev::FocusEvent| {
        if let Some(area) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            area.select();
        }
    };

    view! {
        <div class="share">
            <button type="button" class="secondary" on:click=move |_| open(false)>
                {move || nav.t(k::share::link_button)}
            </button>
            <button type="button" class="secondary" on:click=move |_| open(true)>
                {move || nav.t(k::share::embed_button)}
            </button>
            <KeyboardHelp items=keys/>
            <dialog node_ref=dialog class="share-dialog" aria-labelledby="share-title">
                <h2 id="share-title">
                    {move || nav.t(if mode_embed.get() { k::share::embed_heading } else { k::share::link_heading })}
                </h2>
                <p>
                    {move || nav.t(if mode_embed.get() { k::share::embed_explain } else { k::share::link_explain })}
                </p>
                <label for="share-text">
                    {move || nav.t(if mode_embed.get() { k::share::embed_label } else { k::share::link_label })}
                </label>
                <textarea id="share-text" class="code-box" readonly rows="4" on:focus=select_all prop:value=text></textarea>
                <p class="share-limits">{move || nav.t(limits)}</p>
                <CopyStatus copied/>
                <div class="share-actions">
                    <button type="button" on:click=move |_| copy(text(), set_copied)>
                        {move || nav.t(k::share::copy)}
                    </button>
                    <button type="button" class="secondary" on:click=close>
                        {move || nav.t(k::share::close)}
                    </button>
                </div>
            </dialog>
        </div>
    }
}
