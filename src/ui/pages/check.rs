//! A page that exists to prove the panic screen: a button that panics on purpose.
//! Not linked from the menu; the end-to-end tests use it.

use leptos::prelude::*;

use crate::ui::i18n::k;
use crate::ui::use_nav;

/// Explains the self-check and offers the button that fails on purpose.
#[component]
pub fn PanicCheckPage() -> impl IntoView {
    let nav = use_nav();
    let fail = move |_| panic!("deliberate failure from the self-check page");
    view! {
        <h1>{move || nav.t(k::check::heading)}</h1>
        <p>{move || nav.t(k::check::explain)}</p>
        <button type="button" on:click=fail>{move || nav.t(k::check::button)}</button>
    }
}
