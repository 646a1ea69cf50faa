//! The padlock explainer (#/cert): certificates and who vouches for whom.

use leptos::prelude::*;

use crate::ui::i18n::k;
use crate::ui::use_nav;

/// The padlock explainer page.
#[component]
pub fn CertPage() -> impl IntoView {
    let nav = use_nav();
    view! {
        <h1>{move || nav.t(k::cert::heading)}</h1>
        <p class="lead">{move || nav.t(k::cert::lead)}</p>
        <p class="note">{move || nav.t(k::cert::coming)}</p>
    }
}
