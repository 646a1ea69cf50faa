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
            <Figure2/>
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

/// The column's figure 2 (the dialog shown as an encrypted connection began) redrawn as
/// then and now, in the page's own words: Internet Explorer's dialog text is not public,
/// so it is described, not quoted; Chrome's "Not secure" label is its own.
#[component]
fn Figure2() -> impl IntoView {
    let nav = use_nav();
    view! {
        <figure class="then-now-figure" aria-labelledby="cert-fig2-caption">
            <div class="fig-panes">
                <div class="fig-pane fig-then">
                    <p class="fig-era">{tr(k::cert::then_now::fig_then)}</p>
                    <div class="mock-dialog">
                        <p class="mock-title">{tr(k::cert::then_now::fig_dialog_title)}</p>
                        <p class="mock-text">
                            <span class="mock-lock" aria-hidden="true"></span>
                            {tr(k::cert::then_now::fig_dialog_text)}
                        </p>
                        <p class="mock-buttons"><span class="mock-button">{tr(k::cert::then_now::fig_ok)}</span></p>
                    </div>
                </div>
                <div class="fig-pane fig-now">
                    <p class="fig-era">{tr(k::cert::then_now::fig_now)}</p>
                    <p class="mock-bar">
                        <svg class="mock-tune" viewBox="0 0 16 16" role="img" aria-label=move || nav.t(k::cert::then_now::fig_tune).to_owned()>
                            <path d="M2 5h12M2 11h12" stroke="currentColor" stroke-width="1.5"/>
                            <circle cx="5" cy="5" r="2" fill="currentColor"/>
                            <circle cx="11" cy="11" r="2" fill="currentColor"/>
                        </svg>
                        <span class="mock-url">{tr(k::cert::then_now::fig_https)}</span>
                    </p>
                    <p class="mock-bar">
                        <span class="mock-warn">
                            <svg class="mock-triangle" viewBox="0 0 16 16" aria-hidden="true">
                                <path d="M8 1.5 15 14.5H1Z" fill="none" stroke="currentColor" stroke-width="1.5"/>
                                <path d="M8 6v4M8 11.5v1.5" stroke="currentColor" stroke-width="1.5"/>
                            </svg>
                            {tr(k::cert::then_now::fig_not_secure)}
                        </span>
                        <span class="mock-url">{tr(k::cert::then_now::fig_http)}</span>
                    </p>
                </div>
            </div>
            <figcaption id="cert-fig2-caption">{tr(k::cert::then_now::fig_caption)}</figcaption>
        </figure>
    }
}
