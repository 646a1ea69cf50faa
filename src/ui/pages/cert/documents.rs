//! Certificate signing requests and revocation lists in the input, each in its own
//! section below the verdict: what it is in plain words, then what the engine checked
//! (the request's own signature; the list's signature, freshness and whether it revokes a
//! pasted certificate), then its fields. Everything comes from `crate::cert::documents`.
//!
//! Written as escaped markup (`crate::ui::markup`), redrawn whole when the language or
//! the date judged at changes: a view per row would cost the first load several kilobytes
//! of wasm for sections most readers never see.

use leptos::prelude::*;

use super::explain::{cert_ref, public_key_text, utc_text};
use super::use_cert;
use crate::cert::documents::{CrlReport, RequestReport};
use crate::cert::{CertificateReport, SignatureStatus, UnixTime};
use crate::ui::i18n::{Key, Lang, fill, k, text};
use crate::ui::markup::Markup;
use crate::ui::use_nav;

use k::cert::documents as d;

/// A status line whose result is not told by colour alone: ✓, ✗ or –, then the words.
fn status(m: &mut Markup, class: &str, words: &str) {
    let mark = match class {
        "good" => "✓ ",
        "bad" => "✗ ",
        _ => "– ",
    };
    let classes = ["document-status", class].join(" ");
    m.open("p", &[("class", &classes)])
        .element("span", &[("aria-hidden", "true")], mark)
        .text(words)
        .close("p");
}

/// The field list: one name and value per row; a list of values, or "none".
fn fields(m: &mut Markup, lang: Lang, rows: &[(Key, Vec<String>)]) {
    m.open("dl", &[("class", "document-fields")]);
    for (name, values) in rows {
        m.element("dt", &[], text(lang, *name)).open("dd", &[]);
        match values.as_slice() {
            [] => {
                m.element(
                    "span",
                    &[("class", "muted")],
                    text(lang, k::cert::details::none),
                );
            }
            [one] => {
                m.text(one);
            }
            many => {
                m.open("ul", &[("class", "plain")]);
                for value in many {
                    m.element("li", &[], value);
                }
                m.close("ul");
            }
        }
        m.close("dd");
    }
    m.close("dl");
}

/// The opening of a section named by its heading.
fn section(m: &mut Markup, kind: &str, id: &str, heading: &str, intro: &str) {
    m.open(
        "section",
        &[
            ("class", "document"),
            ("data-document", kind),
            ("aria-labelledby", id),
        ],
    )
    .element("h2", &[("id", id)], heading)
    .element("p", &[], intro);
}

fn request(m: &mut Markup, lang: Lang, n: usize, request: &RequestReport) {
    let id = format!("request-{n}-h");
    section(
        m,
        "request",
        &id,
        &fill(lang, d::request_title, &[("n", &n.to_string())]),
        text(lang, d::request_intro),
    );
    let (class, said) = match request.signature {
        SignatureStatus::Valid => ("good", d::request_signature_valid),
        SignatureStatus::Invalid => ("bad", d::request_signature_invalid),
        SignatureStatus::Unsupported => ("unknown", d::request_signature_unsupported),
        SignatureStatus::NotChecked => ("unknown", d::request_signature_not_checked),
    };
    status(m, class, text(lang, said));
    fields(
        m,
        lang,
        &[
            (d::subject, vec![request.subject.clone()]),
            (
                d::public_key,
                vec![public_key_text(lang, &request.public_key)],
            ),
            (d::requested_names, request.requested_names.clone()),
            (
                d::requested_extensions,
                request.requested_extensions.clone(),
            ),
            (
                d::signature_algorithm,
                vec![request.signature_algorithm.clone()],
            ),
            (d::key_pin, vec![request.spki_sha256.clone()]),
        ],
    );
    if request.challenge_password {
        m.element("p", &[("class", "note")], text(lang, d::challenge_password));
    }
    m.close("section");
}

/// What the list's signature check found: its class and words.
fn crl_signature(
    lang: Lang,
    crl: &CrlReport,
    certs: &[CertificateReport],
) -> (&'static str, String) {
    match crl.signature {
        Some((issuer, result)) => {
            let (class, key) = match result {
                SignatureStatus::Valid => ("good", d::crl_signature_valid),
                SignatureStatus::Invalid => ("bad", d::crl_signature_invalid),
                SignatureStatus::Unsupported => ("unknown", d::crl_signature_unsupported),
                SignatureStatus::NotChecked => ("unknown", d::crl_signature_not_checked),
            };
            let issuer = cert_ref(lang, certs, issuer);
            (class, fill(lang, key, &[("issuer", &issuer)]))
        }
        None => (
            "unknown",
            fill(lang, d::crl_no_issuer, &[("issuer", &crl.issuer)]),
        ),
    }
}

/// Whether the list is current at `at`, in words.
fn crl_freshness(lang: Lang, crl: &CrlReport, at: UnixTime) -> (&'static str, String) {
    let current = crl.is_current(at);
    let (key, date) = match (current, crl.next_update) {
        (true, Some(next)) => (d::crl_current_until, utc_text(next)),
        (true, None) => (d::crl_current_no_next, String::new()),
        (false, _) if at < crl.this_update => (d::crl_not_yet, utc_text(crl.this_update)),
        (false, next) => (d::crl_stale, next.map(utc_text).unwrap_or_default()),
    };
    let words = fill(lang, key, &[("date", &date), ("at", &utc_text(at))]);
    (if current { "good" } else { "bad" }, words)
}

fn crl(
    m: &mut Markup,
    lang: Lang,
    n: usize,
    crl: &CrlReport,
    certs: &[CertificateReport],
    at: UnixTime,
) {
    let id = format!("crl-{n}-h");
    section(
        m,
        "crl",
        &id,
        &fill(lang, d::crl_title, &[("n", &n.to_string())]),
        text(lang, d::crl_intro),
    );
    let (class, words) = crl_signature(lang, crl, certs);
    status(m, class, &words);
    let (class, words) = crl_freshness(lang, crl, at);
    status(m, class, &words);
    for listed in &crl.revokes {
        let reason = listed
            .entry
            .reason
            .clone()
            .unwrap_or_else(|| text(lang, d::no_reason).to_owned());
        let words = fill(
            lang,
            d::crl_revokes,
            &[
                ("cert", &cert_ref(lang, certs, listed.certificate)),
                ("date", &utc_text(listed.entry.date)),
                ("reason", &reason),
            ],
        );
        status(m, "bad", &words);
    }
    if crl.revokes.is_empty() && crl.looked_up > 0 {
        let words = fill(
            lang,
            d::crl_not_listed,
            &[("n", &crl.looked_up.to_string())],
        );
        status(m, "good", &words);
    }
    let optional = |v: Option<String>| v.into_iter().collect::<Vec<_>>();
    fields(
        m,
        lang,
        &[
            (d::issuer, vec![crl.issuer.clone()]),
            (d::this_update, vec![utc_text(crl.this_update)]),
            (d::next_update, optional(crl.next_update.map(utc_text))),
            (d::crl_number, optional(crl.number.clone())),
            (
                d::signature_algorithm,
                vec![crl.signature_algorithm.clone()],
            ),
            (d::entry_count, vec![crl.entry_count.to_string()]),
        ],
    );
    if !crl.entries.is_empty() {
        let summary = if crl.entries.len() < crl.entry_count {
            fill(
                lang,
                d::entries_first,
                &[("n", &crl.entries.len().to_string())],
            )
        } else {
            text(lang, d::entries_all).to_owned()
        };
        m.open("details", &[("class", "crl-entries")])
            .element("summary", &[], &summary)
            .open("table", &[]);
        let head = [
            text(lang, d::serial),
            text(lang, d::revoked_on),
            text(lang, d::reason),
        ];
        m.table_body(
            &head,
            crl.entries.iter().map(|e| {
                [
                    e.serial_hex.clone(),
                    utc_text(e.date),
                    e.reason.clone().unwrap_or_default(),
                ]
            }),
            false,
        );
        m.close("table").close("details");
    }
    m.close("section");
}

/// Every request and revocation list of the input.
#[component]
pub fn Documents() -> impl IntoView {
    let state = use_cert();
    let nav = use_nav();
    let shown = move || {
        let parsed = state.parsed.get()?;
        if parsed.requests.is_empty() && parsed.crls.is_empty() {
            return None;
        }
        let lang = nav.lang.get();
        let at = UnixTime(state.at.get());
        let mut m = Markup::default();
        for (i, r) in parsed.requests.iter().enumerate() {
            request(&mut m, lang, i + 1, r);
        }
        for (i, c) in parsed.crls.iter().enumerate() {
            crl(&mut m, lang, i + 1, c, parsed.certificates(), at);
        }
        Some(m.finish())
    };
    view! { <div class="documents" inner_html=shown></div> }
}
