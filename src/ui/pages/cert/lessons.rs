//! The explainer's lessons around the tool: what TLS protects, then and now, how to get a
//! certificate to paste, and the words this page uses (linked to the glossary).

use leptos::prelude::*;

use super::tr;

use crate::ui::i18n::k;
use crate::ui::pages::glossary::{CERT_TERMS, TermLink, term};
use crate::ui::use_nav;

/// The openssl command that prints a server's chain (a sample host; the reader edits it).
const OPENSSL: &str =
    "openssl s_client -connect example.com:443 -servername example.com -showcerts </dev/null";

/// The lessons.
#[component]
pub fn Lessons() -> impl IntoView {
    let nav = use_nav();
    view! {
        <section class="cert-lesson" aria-labelledby="cert-lesson-h">
            <h2 id="cert-lesson-h">{tr(k::cert::lesson::heading)}</h2>
            <div class="lesson-columns">
                <div class="lesson-box good">
                    <h3>{tr(k::cert::lesson::protects_heading)}</h3>
                    <ul>
                        <li>{move || nav.t(k::cert::lesson::protects_1)}</li>
                        <li>{move || nav.t(k::cert::lesson::protects_2)}</li>
                    </ul>
                </div>
                <div class="lesson-box bad">
                    <h3>{tr(k::cert::lesson::not_heading)}</h3>
                    <ul>
                        <li>{move || nav.t(k::cert::lesson::not_1)}</li>
                        <li>{move || nav.t(k::cert::lesson::not_2)}</li>
                    </ul>
                </div>
            </div>
            <h3>{tr(k::cert::lesson::keys_heading)}</h3>
            <p>{tr(k::cert::lesson::keys_body)}</p>
        </section>
        <section class="cert-then-now" aria-labelledby="cert-then-h">
            <h2 id="cert-then-h">{tr(k::cert::then_now::heading)}</h2>
            <ul>
                <li>{tr(k::cert::then_now::ssl)}</li>
                <li>{tr(k::cert::then_now::cipher)}</li>
                <li>{tr(k::cert::then_now::authorities)}</li>
                <li>{tr(k::cert::then_now::warning)}</li>
                <li>{tr(k::cert::then_now::padlock)}</li>
                <li>{tr(k::cert::then_now::dialog)}</li>
                <li>{tr(k::cert::then_now::free)}</li>
                <li>{tr(k::cert::then_now::ev)}</li>
                <li>{tr(k::cert::then_now::seals)}</li>
                <li>{tr(k::cert::then_now::roots)}</li>
            </ul>
        </section>
        <section class="cert-howto" aria-labelledby="cert-howto-h">
            <h2 id="cert-howto-h">{tr(k::cert::howto::heading)}</h2>
            <p>{tr(k::cert::howto::why)}</p>
            <ul>
                <li>{tr(k::cert::howto::chrome)}</li>
                <li>{tr(k::cert::howto::firefox)}</li>
                <li>{tr(k::cert::howto::safari)}</li>
                <li>
                    {tr(k::cert::howto::openssl)}
                    <pre class="command" tabindex="0"><code>{OPENSSL}</code></pre>
                </li>
            </ul>
        </section>
        <nav class="cert-terms" aria-labelledby="cert-terms-h">
            <h2 id="cert-terms-h">{tr(k::cert::terms::heading)}</h2>
            <ul class="terms">
                {CERT_TERMS
                    .iter()
                    .copied()
                    .chain(term("tls"))
                    .map(|term| view! { <li><TermLink term/></li> })
                    .collect_view()}
            </ul>
        </nav>
    }
}
