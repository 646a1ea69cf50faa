//! The home page: the two questions, each with a way in.

use leptos::prelude::*;

use crate::ui::i18n::k;
use crate::ui::route::Page;
use crate::ui::use_nav;

/// Introduces the two explainers.
#[component]
pub fn HomePage() -> impl IntoView {
    let nav = use_nav();
    view! {
        <h1>{move || nav.t(k::home::heading)}</h1>
        <p class="lead">{move || nav.t(k::home::lead)}</p>
        <div class="cards">
            <section class="card" aria-labelledby="home-mail">
                <h2 id="home-mail">{move || nav.t(k::home::mail_question)}</h2>
                <p>{move || nav.t(k::home::mail_blurb)}</p>
                <a class="button" href=move || nav.href(Page::Mail)>
                    {move || nav.t(k::home::mail_link)}
                </a>
            </section>
            <section class="card" aria-labelledby="home-cert">
                <h2 id="home-cert">{move || nav.t(k::home::cert_question)}</h2>
                <p>{move || nav.t(k::home::cert_blurb)}</p>
                <a class="button" href=move || nav.href(Page::Cert)>
                    {move || nav.t(k::home::cert_link)}
                </a>
            </section>
        </div>
        <p>{move || nav.t(k::home::how_it_works)}</p>
        <p><a href=move || nav.href(Page::Teach)>{move || nav.t(k::home::teachers)}</a></p>
    }
}
