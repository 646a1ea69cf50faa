//! The friendly answer to a route that does not exist.

use leptos::prelude::*;

use crate::ui::i18n::k;
use crate::ui::route::Page;
use crate::ui::use_nav;

/// Says the page does not exist, shows what was asked for (as text) and offers a way home.
#[component]
pub fn NotFoundPage(
    /// The path the reader asked for.
    path: String,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <h1>{move || nav.t(k::not_found::heading)}</h1>
        <p>{move || nav.t(k::not_found::explain)}" "<code>{path}</code></p>
        <p>
            <a class="button" href=move || nav.href(Page::Home)>{move || nav.t(k::not_found::home_link)}</a>
        </p>
    }
}
