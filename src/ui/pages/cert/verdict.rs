//! The verdict first: what a browser would do and why, its error name, what the reader can
//! do, then every finding in plain words.

use leptos::prelude::*;

use super::tr;

use super::explain::{code_key, error_keys, firefox_name, shows_detail};
use super::use_cert;
use crate::cert::{CertificateReport, Code, Finding, Report, Severity};
use crate::ui::i18n::k;
use crate::ui::use_nav;

/// The short name of a certificate for sentences: its first common name, else its subject.
pub fn cert_name(cert: &CertificateReport) -> String {
    cert.subject_attributes
        .iter()
        .find(|a| a.name == "CN")
        .map(|a| a.value.clone())
        .unwrap_or_else(|| cert.subject.clone())
}

/// [`cert_name`] of certificate `index` of a report.
pub fn short_name(report: &Report, index: usize) -> String {
    report
        .certificates
        .get(index)
        .map(cert_name)
        .unwrap_or_default()
}

/// One finding as a list item: the sentence, then its detail and the certificate it is
/// about, all as text.
fn finding_item(report: &Report, finding: &Finding) -> impl IntoView + use<> {
    let nav = use_nav();
    let key = code_key(finding.code);
    let detail = finding
        .detail
        .clone()
        .filter(|d| shows_detail(finding.code) && !d.is_empty());
    let about = finding.certificate.map(|i| {
        let n = (i + 1).to_string();
        let name = short_name(report, i);
        move || nav.fill(k::cert::verdict::about_cert, &[("n", &n), ("name", &name)])
    });
    let class = match finding.severity {
        Severity::Error => "finding error",
        Severity::Warning => "finding warning",
        Severity::Info => "finding info",
    };
    view! {
        <li class=class data-code=finding.code.key()>
            {about.map(|about| view! { <span class="finding-about">{about}": "</span> })}
            {tr(key)}
            {detail.map(|d| view! { " " <code class="finding-detail">{d}</code> })}
        </li>
    }
}

/// The verdict section.
#[component]
pub fn Verdict() -> impl IntoView {
    let state = use_cert();
    let body = move || {
        let report = state.report.get()?;
        if report.certificates.is_empty() {
            let items: Vec<_> = report
                .warnings
                .iter()
                .filter(|f| f.code != Code::PrivateKeyPasted)
                .map(|f| finding_item(&report, f))
                .collect();
            return Some(view! { <ul class="findings">{items}</ul> }.into_any());
        }
        let headline = match report.primary_error {
            Some(e) => {
                let (says, todo) = error_keys(e);
                let others: Vec<&'static str> = report
                    .errors
                    .iter()
                    .filter(|x| **x != e)
                    .map(|x| x.name())
                    .collect();
                let firefox = firefox_name(e);
                let clock = report
                    .errors
                    .contains(&crate::cert::ChromiumError::DateInvalid);
                view! {
                    <p class="verdict-line bad" data-verdict=e.name()>
                        <span aria-hidden="true">"✗ "</span>
                        {tr(says)}
                    </p>
                    <dl class="error-names">
                        <dt>{tr(k::cert::verdict::chrome)}</dt>
                        <dd>
                            <code class="error-name">{e.name()}</code>
                            {others
                                .into_iter()
                                .map(|o| view! { ", " <code class="error-name">{o}</code> })
                                .collect_view()}
                        </dd>
                        {firefox
                            .map(|f| {
                                view! {
                                    <dt>{tr(k::cert::verdict::firefox)}</dt>
                                    <dd><code>{f}</code></dd>
                                }
                            })}
                    </dl>
                    <h3>{tr(k::cert::verdict::todo_heading)}</h3>
                    <p>{tr(todo)}</p>
                    {clock.then(|| view! { <p class="note">{tr(k::cert::verdict::clock_note)}</p> })}
                }
                .into_any()
            }
            None => {
                let key = if report.host.is_some() {
                    k::cert::verdict::ok
                } else {
                    k::cert::verdict::ok_no_host
                };
                view! {
                    <p class="verdict-line good" data-verdict="ok">
                        <span aria-hidden="true">"✓ "</span>
                        {tr(key)}
                    </p>
                }
                .into_any()
            }
        };
        let problems: Vec<_> = report
            .warnings
            .iter()
            .filter(|f| f.severity != Severity::Info && f.code != Code::PrivateKeyPasted)
            .map(|f| finding_item(&report, f))
            .collect();
        let notes: Vec<_> = report
            .warnings
            .iter()
            .filter(|f| f.severity == Severity::Info)
            .map(|f| finding_item(&report, f))
            .collect();
        let has_problems = !problems.is_empty();
        Some(
            view! {
                {headline}
                {has_problems
                    .then(|| {
                        view! {
                            <h3>{tr(k::cert::verdict::findings_heading)}</h3>
                            <ul class="findings">{problems}</ul>
                        }
                    })}
                <details class="notes">
                    <summary>{tr(k::cert::verdict::notes_heading)}</summary>
                    <ul class="findings">{notes}</ul>
                </details>
            }
            .into_any(),
        )
    };
    view! {
        <Show when=move || state.report.with(Option::is_some)>
            <section class="verdict" aria-labelledby="cert-verdict-h">
                <h2 id="cert-verdict-h">{tr(k::cert::verdict::heading)}</h2>
                {body}
            </section>
        </Show>
    }
}
