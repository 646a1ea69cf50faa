//! The shared glossary (#/glossary): every term both explainers use, in the current
//! language, each with an anchor id (`term-relay`). Pages link to one term with
//! `#/glossary?term=relay` (the fragment holds the route, so the term travels in the
//! query); the glossary then scrolls to that term and moves focus to it.

use leptos::prelude::*;

use crate::ui::pages::text::tr;
use wasm_bindgen::JsCast;

use crate::ui::i18n::{Key, k};
use crate::ui::route::Page;
use crate::ui::use_nav;

/// The query key that names a term.
pub const TERM: &str = "term";

/// A glossary entry: its code (anchor and query value), name and explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// `relay`, `open_relay`, …
    pub code: &'static str,
    /// The term's name.
    pub name: Key,
    /// Its explanation.
    pub text: Key,
}

macro_rules! terms {
    ($($code:ident),* $(,)?) => {
        [$(Term { code: stringify!($code), name: k::glossary::term::$code::name, text: k::glossary::term::$code::text }),*]
    };
}

/// The mail explainer's terms, in reading order.
pub const MAIL_TERMS: [Term; 14] = terms![
    pop3,
    smtp,
    relay,
    open_relay,
    ip_address,
    allowlist,
    pop_before_smtp,
    smtp_auth,
    submission_port,
    starttls,
    tls,
    base64,
    nat,
    op25b,
];

/// The padlock explainer's terms.
pub const CERT_TERMS: [Term; 12] = terms![
    certificate,
    certificate_authority,
    root_certificate,
    intermediate_certificate,
    chain,
    self_signed,
    signature,
    hostname,
    validity,
    fingerprint,
    dv_ov_ev,
    revocation,
];

/// The term with this code, in either list.
pub fn term(code: &str) -> Option<Term> {
    MAIL_TERMS
        .iter()
        .chain(CERT_TERMS.iter())
        .find(|t| t.code == code)
        .copied()
}

/// A link to one glossary term that keeps the language.
#[component]
pub fn TermLink(
    /// The term.
    term: Term,
) -> impl IntoView {
    let nav = use_nav();
    let href = move || {
        let lang = nav.lang.get();
        nav.location.with(|l| {
            let mut next = l.goto(Page::Glossary).with_lang(lang);
            next.query.set(TERM, term.code);
            next.to_hash()
        })
    };
    view! { <a href=href>{tr(term.name)}</a> }
}

/// The bilingual glossary both explainers link to.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let nav = use_nav();
    let wanted = Memo::new(move |_| {
        nav.location
            .with(|l| l.query.get(TERM).and_then(term).map(|t| t.code))
    });
    // Bring the requested term into view and give it focus (once it is in the DOM).
    Effect::new(move |_| {
        if let Some(code) = wanted.get() {
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&format!("term-{code}"))
                    && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
                {
                    el.scroll_into_view();
                    let _ = el.focus();
                }
            });
        }
    });
    let list = move |terms: &'static [Term]| {
        view! {
            <dl class="glossary">
                {terms
                    .iter()
                    .map(|t| {
                        let code = t.code;
                        view! {
                            <div class="glossary-entry" class:wanted=move || wanted.get() == Some(code)>
                                <dt id=format!("term-{code}") tabindex="-1">{tr(t.name)}</dt>
                                <dd>{tr(t.text)}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        }
    };
    view! {
        <h1>{tr(k::glossary::heading)}</h1>
        <p class="lead">{tr(k::glossary::lead)}</p>
        <section aria-labelledby="glossary-mail">
            <h2 id="glossary-mail">{tr(k::glossary::mail_section)}</h2>
            {list(&MAIL_TERMS)}
            <p><a href=move || nav.href(Page::Mail)>{tr(k::glossary::back_mail)}</a></p>
        </section>
        <section aria-labelledby="glossary-cert">
            <h2 id="glossary-cert">{tr(k::glossary::cert_section)}</h2>
            {list(&CERT_TERMS)}
            <p><a href=move || nav.href(Page::Cert)>{tr(k::glossary::back_cert)}</a></p>
        </section>
    }
}
