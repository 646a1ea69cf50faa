//! The verdict first: what a browser would do and why, its error names in Chrome and
//! Firefox, whether a visitor could click through, what the reader can do, then every
//! finding in plain words.

use leptos::prelude::*;

use super::tr;

use super::explain::{finding_text, verdict_keys};
use super::longlist::first_of;
use super::{Shared, use_cert};
use crate::cert::openssl::LeafNames;
use crate::cert::platforms::{self, Family, Outcome};
use crate::cert::session::Parsed;
use crate::cert::{Client, Code, Finding, Report, Severity};
use crate::ui::i18n::k;
use crate::ui::use_nav;

/// One finding as a list item, all as text, in the reader's language. The input is
/// shared, not copied: a thousand certificates can bring a thousand findings.
fn finding_item(parsed: &Shared<Parsed>, finding: &Finding) -> impl IntoView + use<> {
    let nav = use_nav();
    let parsed = parsed.clone();
    let about = finding.certificate.map(|i| {
        let n = (i + 1).to_string();
        let name = parsed
            .0
            .certificates()
            .get(i)
            .map(|c| c.short_name().to_owned())
            .unwrap_or_default();
        move || nav.fill(k::cert::verdict::about_cert, &[("n", &n), ("name", &name)])
    });
    let class = match finding.severity {
        Severity::Error => "finding error",
        Severity::Warning => "finding warning",
        Severity::Info => "finding info",
    };
    let code = finding.code().key();
    let finding = finding.clone();
    view! {
        <li class=class data-code=code>
            {about.map(|about| view! { <span class="finding-about">{about}{tr(k::punct::colon)}</span> })}
            {move || finding_text(nav.lang.get(), &finding, parsed.0.certificates())}
        </li>
    }
}

/// What programs built on OpenSSL would print (the engine's `openssl` list, read by each
/// client's rule in `crate::cert::openssl`): the exact words, which stay in English as
/// the programs print them.
fn clients_view(parsed: &Parsed, report: &Report) -> impl IntoView + use<> {
    let leaf = report
        .chain
        .first()
        .and_then(|&i| parsed.certificates().get(i));
    let names = leaf.map(LeafNames::of).unwrap_or_default();
    let host = report.host.as_ref().map(|h| h.ascii.as_str());
    let rows = Client::ALL
        .iter()
        .map(|&client| {
            let name = match client {
                Client::OpensslVerify => k::cert::verdict::client_openssl_verify,
                Client::Curl => k::cert::verdict::client_curl,
                Client::Python => k::cert::verdict::client_python,
                Client::PythonStrict => k::cert::verdict::client_python_strict,
            };
            let says = client.says_for(report, host, &names);
            view! {
                <dt>{tr(name)}</dt>
                <dd data-client=format!("{client:?}")>
                    {match says {
                        Some(words) => view! { <code class="client-says">{words}</code> }.into_any(),
                        None => view! {
                            <span class="client-ok">
                                <span aria-hidden="true">"✓ "</span>
                                {tr(k::cert::verdict::client_ok)}
                            </span>
                        }
                        .into_any(),
                    }}
                </dd>
            }
        })
        .collect_view();
    view! {
        <h3>{tr(k::cert::verdict::clients_heading)}</h3>
        <p>{tr(k::cert::verdict::clients_intro)}</p>
        <dl class="clients">{rows}</dl>
        <p class="hint">{tr(k::cert::verdict::clients_note)}</p>
    }
}

/// Where a chain stops short of a trusted root, what the browsers and other platforms do
/// (`crate::cert::platforms`): fetch, use a preloaded copy, or refuse in their own words.
/// Nothing when the chain reaches a root: the browsers' words are in the headline then.
fn platforms_view(parsed: &Parsed, report: &Report) -> Option<impl IntoView + use<>> {
    let nav = use_nav();
    let rows = platforms::rows(parsed.certificates(), report);
    if !rows.iter().any(|r| matches!(r.family, Family::Java)) {
        return None;
    }
    let says = |words: String| view! { <code class="client-says">{words}</code> };
    let rows = rows
        .into_iter()
        .map(|row| {
            let name = match row.family {
                Family::Chromium => k::cert::verdict::family_chromium,
                Family::Safari => k::cert::verdict::family_safari,
                Family::Firefox => k::cert::verdict::family_firefox,
                Family::Windows => k::cert::verdict::family_windows,
                Family::Java => k::cert::verdict::family_java,
                Family::Android => k::cert::verdict::family_android,
            };
            let what = match row.outcome {
                Outcome::Connects => view! {
                    <span class="client-ok">
                        <span aria-hidden="true">"✓ "</span>
                        {tr(k::cert::verdict::client_ok)}
                    </span>
                }
                .into_any(),
                Outcome::Says { words } => says(words).into_any(),
                Outcome::Fetches { url, then } => view! {
                    <span>{move || nav.fill(k::cert::verdict::fetches, &[("url", &url)])}</span>
                    {then.map(|t| view! { " " {tr(k::cert::verdict::fetches_then)} " " {says(t)} })}
                }
                .into_any(),
                Outcome::Preloaded { otherwise } => view! {
                    <span>{tr(k::cert::verdict::preloaded)}</span>
                    " "
                    {says(otherwise)}
                }
                .into_any(),
            };
            view! {
                <dt>{tr(name)}</dt>
                <dd data-family=format!("{:?}", row.family)>{what}</dd>
            }
        })
        .collect_view();
    Some(view! {
        <h3>{tr(k::cert::verdict::platforms_heading)}</h3>
        <p>{tr(k::cert::verdict::platforms_intro)}</p>
        <dl class="clients platforms">{rows}</dl>
        <p class="hint">{tr(k::cert::verdict::platforms_note)}</p>
    })
}

/// The input's findings, then the judgement's.
fn all_findings<'a>(parsed: &'a Parsed, report: &'a Report) -> impl Iterator<Item = &'a Finding> {
    parsed.input_findings().iter().chain(&report.findings)
}

/// The `i`th of [`all_findings`], directly.
fn finding_at<'a>(parsed: &'a Parsed, report: &'a Report, i: usize) -> Option<&'a Finding> {
    let input = parsed.input_findings();
    match i.checked_sub(input.len()) {
        None => input.get(i),
        Some(j) => report.findings.get(j),
    }
}

/// How many findings are listed at once (a bundle of a thousand certificates can bring a
/// thousand; the others follow on request, see `longlist`): as many as the engine lists of
/// one kind of input finding, and the count of the rest it puts after them.
const FINDINGS_SHOWN: usize = crate::cert::input::MAX_FINDINGS_OF_A_KIND + 1;

/// The findings `which` keeps as a list (its items and its "show the others" button), or
/// `None` when there are none.
fn findings_list(
    parsed: &Shared<Parsed>,
    report: &Shared<Report>,
    which: &dyn Fn(&Finding) -> bool,
) -> Option<(impl IntoView + use<>, impl IntoView + use<>)> {
    let kept: Vec<usize> = all_findings(parsed, report)
        .enumerate()
        .filter(|(_, f)| which(f))
        .map(|(i, _)| i)
        .collect();
    if kept.is_empty() {
        return None;
    }
    let (parsed, report) = (parsed.clone(), report.clone());
    Some(first_of(
        kept.len(),
        FINDINGS_SHOWN,
        k::cert::verdict::show_rest,
        move |n| {
            let finding = kept.get(n).and_then(|&i| finding_at(&parsed, &report, i));
            finding.map(|f| finding_item(&parsed, f))
        },
    ))
}

/// Firefox's error name, as a row of the error names' list.
fn firefox_row(name: &'static str) -> impl IntoView {
    view! {
        <dt>{tr(k::cert::verdict::firefox)}</dt>
        <dd><code class="firefox-name">{name}</code></dd>
    }
}

/// The verdict line: what the browser does, its error names, what to do.
fn headline(report: &Report) -> AnyView {
    match report.primary_error {
        Some(e) => {
            let (says, todo) = verdict_keys(report, e);
            let others: Vec<String> = report
                .errors
                .iter()
                .filter(|x| **x != e)
                .map(|x| x.as_shown())
                .collect();
            let firefox = report.firefox_error.map(|f| f.name());
            let clock = report
                .errors
                .contains(&crate::cert::ChromiumError::DateInvalid);
            let (way, way_class) = if e.ends_the_handshake() {
                (k::cert::verdict::breaks_off, "bad")
            } else if e.is_fatal() {
                (k::cert::verdict::refuses, "bad")
            } else {
                (k::cert::verdict::warns, "warn")
            };
            view! {
                <p class="verdict-line bad" data-verdict=e.name() data-fatal=e.is_fatal().to_string()>
                    <span aria-hidden="true">"✗ "</span>
                    {tr(says)}
                </p>
                <dl class="error-names">
                    <dt>{tr(k::cert::verdict::chrome)}</dt>
                    <dd>
                        <code class="error-name">{e.as_shown()}</code>
                        {others
                            .into_iter()
                            .map(|o| view! { {tr(k::punct::list)}<code class="error-name">{o}</code> })
                            .collect_view()}
                    </dd>
                    {firefox.map(firefox_row)}
                </dl>
                <p class=format!("click-through {way_class}")>{tr(way)}</p>
                <h3>{tr(k::cert::verdict::todo_heading)}</h3>
                <p>{tr(todo)}</p>
                {clock.then(|| view! { <p class="note">{tr(k::cert::verdict::clock_note)}</p> })}
            }
            .into_any()
        }
        None => {
            // Chrome accepts what Firefox may still refuse (a serial number not in DER, a
            // path length over 127, a date before 1970…): then the line says so and names
            // Firefox's error.
            let firefox = report.firefox_error.map(|f| f.name());
            let key = match (report.host.is_some(), firefox.is_some()) {
                (true, false) => k::cert::verdict::ok,
                (false, false) => k::cert::verdict::ok_no_host,
                (true, true) => k::cert::verdict::ok_but_firefox,
                (false, true) => k::cert::verdict::ok_no_host_but_firefox,
            };
            view! {
                <p class="verdict-line good" data-verdict="ok">
                    <span aria-hidden="true">"✓ "</span>
                    {tr(key)}
                </p>
                {firefox.map(|f| view! { <dl class="error-names">{firefox_row(f)}</dl> })}
            }
            .into_any()
        }
    }
}

/// The verdict section: the verdict line at once; for a large input, the other programs'
/// answers and the findings in the task after the frame that paints it, with the rest of
/// the report (`CertState::below_verdict`).
#[component]
pub fn Verdict() -> impl IntoView {
    let state = use_cert();
    let verdict = move || {
        let report = state.report.get()?;
        let parsed = state.parsed.get()?;
        if parsed.certificates().is_empty() {
            let list = findings_list(&parsed, &report, &|f| f.code() != Code::PrivateKeyPasted);
            return Some(
                list.map(|(items, more)| view! { <ul class="findings">{items}</ul>{more} })
                    .into_any(),
            );
        }
        Some(headline(&report))
    };
    let explained = move || {
        if !state.below_verdict.get() {
            return None;
        }
        let report = state.report.get()?;
        let parsed = state.parsed.get()?;
        if parsed.certificates().is_empty() {
            return None;
        }
        let problems = findings_list(&parsed, &report, &|f| {
            f.severity != Severity::Info && f.code() != Code::PrivateKeyPasted
        });
        let notes = findings_list(&parsed, &report, &|f| f.severity == Severity::Info);
        let platforms = platforms_view(&parsed, &report);
        let clients = clients_view(&parsed, &report);
        Some(view! {
            {platforms}
            {clients}
            {problems
                .map(|(items, more)| {
                    view! {
                        <h3>{tr(k::cert::verdict::findings_heading)}</h3>
                        <ul class="findings">{items}</ul>
                        {more}
                    }
                })}
            <details class="notes">
                <summary>{tr(k::cert::verdict::notes_heading)}</summary>
                {notes.map(|(items, more)| view! { <ul class="findings">{items}</ul>{more} })}
            </details>
        })
    };
    view! {
        <Show when=move || state.report.with(Option::is_some)>
            <section class="verdict" aria-labelledby="cert-verdict-h">
                <h2 id="cert-verdict-h">{tr(k::cert::verdict::heading)}</h2>
                {verdict}
                {explained}
            </section>
        </Show>
    }
}
