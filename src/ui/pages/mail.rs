//! The mail explainer (#/mail): POP before SMTP, run rather than described.

use leptos::prelude::*;

use crate::ui::i18n::k;
use crate::ui::use_nav;

/// The mail explainer page.
#[component]
pub fn MailPage() -> impl IntoView {
    let nav = use_nav();
    view! {
        <h1>{move || nav.t(k::mail::heading)}</h1>
        <p class="lead">{move || nav.t(k::mail::lead)}</p>
        <p class="note">{move || nav.t(k::mail::coming)}</p>
    }
}
