//! The shared glossary (#/glossary).

use leptos::prelude::*;

use crate::ui::i18n::k;
use crate::ui::use_nav;

/// The bilingual glossary both explainers link to.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let nav = use_nav();
    view! {
        <h1>{move || nav.t(k::glossary::heading)}</h1>
        <p class="lead">{move || nav.t(k::glossary::lead)}</p>
    }
}
