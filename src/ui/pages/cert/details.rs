//! Details per certificate: every field with a one-line explanation (expandable), dates in
//! UTC and local time with the days left, fingerprints with copy buttons, and the DER bytes
//! with the chosen field highlighted.

use leptos::ev;
use leptos::prelude::*;

use super::tr;

use super::explain::{
    Bytes, FIELDS, FieldInfo, date_of, days_between, fingerprint_text, hex_parts, public_key_text,
    usage_text, utc_text, validation_key,
};
use super::longlist::first_of;
use super::{Shared, use_cert};
use crate::cert::CertificateReport;
use crate::cert::session::Parsed;
use crate::ui::i18n::{Key, Lang, fill, k, text};
use crate::ui::{use_nav, use_printing};

/// How many names of a long list are shown before "show all".
const NAMES_SHOWN: usize = 50;

/// How many certificates' details are drawn at once (a chain is rarely longer; a bundle's
/// others follow on request).
const CERTS_SHOWN: usize = 10;

/// The time in the reader's own time zone and language.
fn local_text(unix: i64, lang_tag: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    String::from(date.to_locale_string(lang_tag, &wasm_bindgen::JsValue::UNDEFINED))
}

/// Where the bytes of `field` are in `cert`, if it has that field.
fn field_range(cert: &CertificateReport, field: &FieldInfo) -> Option<(usize, usize)> {
    match field.bytes {
        Bytes::Range(part) => cert.range(part).map(|r| (r.offset, r.length)),
        Bytes::Extension(name) => cert
            .extensions
            .iter()
            .find(|e| e.name == name)
            .map(|e| (e.offset, e.length)),
        Bytes::Whole => Some((0, cert.der_length)),
    }
}

/// A list of names (each with its Unicode form when it has one), long lists cut short
/// until asked.
fn name_list(names: Vec<(String, Option<String>)>) -> impl IntoView {
    let nav = use_nav();
    let all = RwSignal::new(false);
    let total = names.len();
    let shown = move || {
        let n = if all.get() {
            total
        } else {
            total.min(NAMES_SHOWN)
        };
        let lang = nav.lang.get();
        names[..n]
            .iter()
            .map(|(name, unicode)| {
                let text = match unicode {
                    Some(u) => fill(
                        lang,
                        k::cert::details::idn,
                        &[("ascii", name), ("unicode", u)],
                    ),
                    None => name.clone(),
                };
                view! { <li>{text}</li> }
            })
            .collect_view()
    };
    let more = total.saturating_sub(NAMES_SHOWN);
    view! {
        <ul class="names" tabindex="0">{shown}</ul>
        {(more > 0).then(|| {
            let count = more.to_string();
            let total = total.to_string();
            view! {
                <Show when=move || !all.get()>
                    <p>
                        {let count = count.clone(); move || nav.fill(k::cert::details::more_names, &[("n", &count)])}
                        " "
                        <button type="button" on:click=move |_| all.set(true)>
                            {let total = total.clone(); move || nav.fill(k::cert::details::show_all, &[("n", &total)])}
                        </button>
                    </p>
                </Show>
            }
        })}
    }
}

/// Plain lines of text in the reader's language (`make` words them), or "none".
fn lines(make: impl Fn(Lang) -> Vec<String> + Send + Sync + 'static) -> AnyView {
    let nav = use_nav();
    (move || {
        let values = make(nav.lang.get());
        if values.is_empty() {
            view! { <p class="muted">{tr(k::cert::details::none)}</p> }.into_any()
        } else {
            view! { <ul class="plain">{values.into_iter().map(|v| view! { <li>{v}</li> }).collect_view()}</ul> }
                .into_any()
        }
    })
    .into_any()
}

/// Each of `values` worded by `key` with the value as `{slot}` (`OCSP: {url}`).
fn labelled(lang: Lang, key: Key, slot: &str, values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| fill(lang, key, &[(slot, v)]))
        .collect()
}

/// One SCT in words: when, which log (as the embedded log list names it), the log's state
/// on the list's date, and the signature's algorithm.
fn sct_text(lang: Lang, sct: &crate::cert::fields::SctReport) -> String {
    use crate::cert::ct::LogState;
    use k::cert::details::log_state as state_word;
    let seconds = i64::try_from(sct.timestamp_ms / 1000).unwrap_or(i64::MAX);
    let time = utc_text(crate::cert::UnixTime(seconds));
    let (log, state) = match &sct.log {
        Some(log) => {
            let name = fill(
                lang,
                k::cert::details::sct_log,
                &[("name", &log.name), ("operator", &log.operator)],
            );
            let state = match log.state {
                Some((state, since)) => {
                    let word = match state {
                        LogState::Pending => state_word::pending,
                        LogState::Qualified => state_word::qualified,
                        LogState::Usable => state_word::usable,
                        LogState::ReadOnly => state_word::read_only,
                        LogState::Retired => state_word::retired,
                        LogState::Rejected => state_word::rejected,
                    };
                    fill(
                        lang,
                        k::cert::details::sct_state,
                        &[
                            ("state", text(lang, word)),
                            ("date", &date_of(since.seconds())),
                        ],
                    )
                }
                None => text(lang, k::cert::details::sct_no_state).to_owned(),
            };
            (name, state)
        }
        None => (
            fill(
                lang,
                k::cert::details::sct_log_unknown,
                &[("id", &sct.log_id)],
            ),
            text(lang, k::cert::details::sct_no_state).to_owned(),
        ),
    };
    let signature = {
        use crate::cert::ct::SctSignature as S;
        use k::cert::details as d;
        text(
            lang,
            match sct.signature {
                S::Valid => d::sct_signature_valid,
                S::Invalid => d::sct_signature_invalid,
                S::UnknownLog => d::sct_signature_unknown_log,
                S::NoIssuer => d::sct_signature_no_issuer,
                S::NotChecked => d::sct_signature_not_checked,
            },
        )
    };
    let line = fill(
        lang,
        k::cert::details::sct,
        &[
            ("time", &time),
            ("log", &log),
            ("state", &state),
            ("algorithm", &sct.signature_algorithm),
            ("signature", signature),
        ],
    );
    if sct.version == 0 {
        line
    } else {
        fill(
            lang,
            k::cert::details::sct_version,
            &[("sct", &line), ("n", &sct.version.to_string())],
        )
    }
}

/// The DER as a nested list of buttons, one per element (`crate::cert::asn1`), written as
/// escaped markup: a 3,000-element tree as views would cost the page far more.
fn asn1_markup(lang: Lang, der: &[u8]) -> String {
    use crate::ui::markup::Markup;
    let tree = crate::cert::asn1::tree(der);
    let mut m = Markup::default();
    m.open("ul", &[]);
    let mut depth: Option<usize> = None;
    let mut first = true;
    for node in &tree.nodes {
        match depth {
            Some(d) if node.depth > d => {
                m.open("ul", &[]);
            }
            Some(d) => {
                m.close("li");
                for _ in node.depth..d {
                    m.close("ul").close("li");
                }
            }
            None => {}
        }
        depth = Some(node.depth);
        let words = fill(
            lang,
            k::cert::details::asn1_element,
            &[
                ("tag", &node.tag_name()),
                ("len", &node.total().to_string()),
                ("offset", &node.offset.to_string()),
            ],
        );
        let words = match &node.value {
            Some(value) => fill(
                lang,
                k::cert::details::asn1_value,
                &[("element", &words), ("value", value)],
            ),
            None => words,
        };
        // One tab stop for the whole tree (the first element); the arrow keys move within.
        let tab_stop = if first { "0" } else { "-1" };
        first = false;
        m.open("li", &[]).element(
            "button",
            &[
                ("type", "button"),
                ("data-at", &node.offset.to_string()),
                ("data-len", &node.total().to_string()),
                ("aria-pressed", "false"),
                ("tabindex", tab_stop),
            ],
            &words,
        );
    }
    if let Some(d) = depth {
        m.close("li");
        for _ in 0..d {
            m.close("ul").close("li");
        }
    }
    m.close("ul");
    if tree.cut {
        let shown = tree.nodes.len().to_string();
        m.element(
            "p",
            &[("class", "note")],
            &fill(lang, k::cert::details::asn1_cut, &[("n", &shown)]),
        );
    }
    m.finish()
}

/// The arrow keys in the ASN.1 tree: Down and Up move to the next and previous element,
/// Home and End to the first and last; the element moved to becomes the tree's one tab
/// stop (the roving tabindex of WAI-ARIA's practices), so Tab leaves the tree at once.
fn move_in_tree(ev: &web_sys::KeyboardEvent, tree: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let Ok(list) = tree.query_selector_all("button") else {
        return;
    };
    let buttons: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let here = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .and_then(|t| buttons.iter().position(|b| *b == t));
    let (Some(here), Some(last)) = (here, buttons.len().checked_sub(1)) else {
        return;
    };
    let to = match ev.key().to_ascii_lowercase().as_str() {
        "arrowdown" => (here + 1).min(last),
        "arrowup" => here.saturating_sub(1),
        "home" => 0,
        "end" => last,
        _ => return,
    };
    ev.prevent_default();
    for (i, b) in buttons.iter().enumerate() {
        if i == to {
            let _ = b.set_attribute("tabindex", "0");
        } else if b.get_attribute("tabindex").as_deref() == Some("0") {
            let _ = b.set_attribute("tabindex", "-1");
        }
    }
    if let Some(b) = buttons.get(to) {
        let _ = b.focus();
    }
}

/// Marks the tree's element at `range` as the highlighted one, and no other.
fn mark_element(tree: &web_sys::Element, range: Option<(usize, usize)>) {
    use wasm_bindgen::JsCast;
    if let Ok(pressed) = tree.query_selector_all("[aria-pressed=true]") {
        for i in 0..pressed.length() {
            if let Some(element) = pressed
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = element.set_attribute("aria-pressed", "false");
            }
        }
    }
    if let Some((at, len)) = range
        && let Ok(Some(element)) =
            tree.query_selector(&format!("[data-at=\"{at}\"][data-len=\"{len}\"]"))
    {
        let _ = element.set_attribute("aria-pressed", "true");
        // The marked element is the tree's tab stop.
        if let Ok(Some(stop)) = tree.query_selector("[tabindex=\"0\"]") {
            let _ = stop.set_attribute("tabindex", "-1");
        }
        let _ = element.set_attribute("tabindex", "0");
    }
}

/// A copy button for `text`.
fn copy_button(text: String) -> impl IntoView {
    let nav = use_nav();
    let done = RwSignal::new(None::<bool>);
    let click = move |_: ev::MouseEvent| {
        let promise = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            done.set(Some(ok));
        });
    };
    view! {
        <button type="button" class="copy" on:click=click>{tr(k::cert::details::copy)}</button>
        <span class="copy-status" role="status">
            {move || match done.get() {
                Some(true) => nav.t(k::cert::details::copied),
                Some(false) => nav.t(k::cert::details::copy_failed),
                None => "",
            }}
        </span>
    }
}

/// The value of one field.
fn field_value(cert: &CertificateReport, field: &FieldInfo) -> Option<AnyView> {
    let nav = use_nav();
    let state = use_cert();
    Some(match field.id {
        "subject" => view! { <p class="value">{cert.subject.clone()}</p> }.into_any(),
        "issuer" => view! { <p class="value">{cert.issuer.clone()}</p> }.into_any(),
        "validity" => {
            let (from_utc, to_utc) = (utc_text(cert.not_before), utc_text(cert.not_after));
            let (from, to) = (cert.not_before.seconds(), cert.not_after.seconds());
            let left = move || {
                let at = state.at.get();
                if at < from {
                    let n = days_between(at, from).to_string();
                    nav.fill(k::cert::details::starts_in, &[("n", &n)])
                } else if at > to {
                    let n = days_between(to, at).to_string();
                    nav.fill(k::cert::details::expired_ago, &[("n", &n)])
                } else {
                    let n = days_between(at, to).to_string();
                    nav.fill(k::cert::details::expires_in, &[("n", &n)])
                }
            };
            let local = move || {
                let lang = nav.lang.get();
                fill(
                    lang,
                    k::cert::details::range_local,
                    &[
                        ("from", &local_text(from, lang.tag())),
                        ("to", &local_text(to, lang.tag())),
                    ],
                )
            };
            view! {
                <p class="value">
                    {move || nav.fill(k::cert::details::range_utc, &[("from", &from_utc), ("to", &to_utc)])}
                </p>
                <p class="value">{local}</p>
                <p class="value days-left">{left}</p>
            }
            .into_any()
        }
        "san" => {
            let mut names: Vec<(String, Option<String>)> = cert
                .san_dns
                .iter()
                .enumerate()
                .map(|(i, dns)| (dns.clone(), cert.san_dns_unicode.get(i).cloned().flatten()))
                .collect();
            for other in [&cert.san_ip, &cert.san_email, &cert.san_uri] {
                names.extend(other.iter().map(|n| (n.clone(), None)));
            }
            if names.is_empty() {
                lines(|_| Vec::new())
            } else {
                name_list(names).into_any()
            }
        }
        "public_key" => {
            let key = cert.public_key.clone();
            view! { <p class="value">{move || public_key_text(nav.lang.get(), &key)}</p> }
                .into_any()
        }
        "signature_algorithm" => {
            view! { <p class="value">{cert.signature_algorithm.clone()}</p> }.into_any()
        }
        "basic_constraints" => {
            let is_ca = cert.is_ca;
            let path_len = cert.path_len.map(|n| n.to_string());
            let words = move || {
                let lang = nav.lang.get();
                use k::cert::details as d;
                let ca = crate::ui::i18n::text(lang, if is_ca { d::ca } else { d::not_ca });
                match &path_len {
                    Some(n) => {
                        let limit = fill(lang, d::path_len, &[("n", n)]);
                        fill(lang, d::ca_path_len, &[("ca", ca), ("path_len", &limit)])
                    }
                    None => ca.to_owned(),
                }
            };
            view! { <p class="value">{words}</p> }.into_any()
        }
        "key_usage" | "ext_key_usage" => {
            let usages = if field.id == "key_usage" {
                cert.key_usage.clone()
            } else {
                cert.ext_key_usage.clone()
            };
            lines(move |lang| usages.iter().map(|u| usage_text(lang, u)).collect())
        }
        "policies" => {
            if cert.policies.is_empty() {
                return None;
            }
            let level = cert.validation_level.map(validation_key);
            let policies = cert.policies.clone();
            let oids = move |lang| {
                policies
                    .iter()
                    .map(|p| match &p.name {
                        Some(name) => fill(
                            lang,
                            k::cert::details::policy_named,
                            &[("oid", &p.oid), ("name", name)],
                        ),
                        None => p.oid.clone(),
                    })
                    .collect()
            };
            view! {
                {level.map(|l| view! { <p class="value"><strong>{tr(l)}</strong></p> })}
                {lines(oids)}
            }
            .into_any()
        }
        "aia" => {
            if cert.ocsp_urls.is_empty() && cert.ca_issuers_urls.is_empty() {
                return None;
            }
            let (ocsp, issuers) = (cert.ocsp_urls.clone(), cert.ca_issuers_urls.clone());
            lines(move |lang| {
                let mut all = labelled(lang, k::cert::details::ocsp, "url", &ocsp);
                all.extend(labelled(
                    lang,
                    k::cert::details::ca_issuers,
                    "url",
                    &issuers,
                ));
                all
            })
        }
        "crl" => {
            if cert.crl_urls.is_empty() {
                return None;
            }
            let urls = cert.crl_urls.clone();
            lines(move |_| urls.clone())
        }
        "scts" => {
            if cert.scts.is_empty() {
                return None;
            }
            let scts = cert.scts.clone();
            lines(move |lang| {
                let mut all: Vec<String> = scts.iter().map(|s| sct_text(lang, s)).collect();
                let list = crate::cert::ct::LIST_PUBLISHED;
                all.push(fill(
                    lang,
                    k::cert::details::sct_list,
                    &[
                        ("date", &date_of(list.seconds())),
                        ("version", crate::cert::ct::LIST_VERSION),
                    ],
                ));
                all
            })
        }
        "key_ids" => {
            if cert.subject_key_id.is_none() && cert.authority_key_id.is_none() {
                return None;
            }
            let ski: Vec<String> = cert.subject_key_id.iter().cloned().collect();
            let aki: Vec<String> = cert.authority_key_id.iter().cloned().collect();
            lines(move |lang| {
                let mut all = labelled(lang, k::cert::details::ski, "id", &ski);
                all.extend(labelled(lang, k::cert::details::aki, "id", &aki));
                all
            })
        }
        "name_constraints" => {
            let nc = cert.name_constraints.clone()?;
            lines(move |lang| {
                let mut all = labelled(lang, k::cert::details::permitted, "name", &nc.permitted);
                all.extend(labelled(
                    lang,
                    k::cert::details::excluded,
                    "name",
                    &nc.excluded,
                ));
                all
            })
        }
        "serial" => view! { <p class="value mono">{cert.serial_hex.clone()}</p> }.into_any(),
        "version" => view! { <p class="value">{cert.version.to_string()}</p> }.into_any(),
        "extensions" => {
            if cert.extensions.is_empty() {
                return None;
            }
            let items = cert
                .extensions
                .iter()
                .map(|e| {
                    let critical = e.critical;
                    let undecoded = !e.decoded;
                    view! {
                        <li>
                            <strong>{e.name.clone()}</strong>
                            {critical.then(|| view! {
                                {tr(k::punct::open)}{tr(k::cert::details::critical)}{tr(k::punct::close)}
                            })}
                            {undecoded.then(|| view! {
                                {tr(k::punct::open)}{tr(k::cert::details::not_decoded)}{tr(k::punct::close)}
                            })}
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="plain">{items}</ul> }.into_any()
        }
        "sha256" | "sha1" => {
            let hex = if field.id == "sha256" {
                &cert.sha256
            } else {
                &cert.sha1
            };
            let text = fingerprint_text(hex);
            view! {
                <p class="value mono fingerprint">{text.clone()}</p>
                {copy_button(text)}
            }
            .into_any()
        }
        _ => return None,
    })
}

/// The DER bytes of certificate `index` of the input read (none if it has none).
fn der(parsed: &Parsed, index: usize) -> &[u8] {
    parsed.der(index).unwrap_or_default()
}

/// One certificate's details. The reading is shared, not copied: a certificate with
/// 10,000 names is a large report.
fn certificate_details(parsed: Shared<Parsed>, cert: &CertificateReport) -> impl IntoView + use<> {
    let nav = use_nav();
    let index = cert.index;
    // The highlighted bytes: offset, length, and the field they are, when they are one.
    let selected = RwSignal::new(None::<(usize, usize, Option<Key>)>);
    let bytes_open = RwSignal::new(false);
    let n = (index + 1).to_string();
    let name = cert.short_name().to_owned();
    let title = move || nav.fill(k::cert::details::title, &[("n", &n), ("name", &name)]);
    // The fields are built when the reader opens this certificate (or the page is
    // printed), not for every certificate of a 144-root bundle at once.
    let printing = use_printing();
    let open = RwSignal::new(false);
    let field_ranges: Vec<((usize, usize), Key)> = FIELDS
        .iter()
        .filter_map(|f| field_range(cert, f).map(|r| (r, f.name)))
        .collect();
    let reading = parsed.clone();
    let rows = move || {
        let cert = reading.certificates().get(index)?;
        let rows = FIELDS
            .iter()
            .filter_map(|field| {
                let value = field_value(cert, field)?;
                let range = field_range(cert, field);
                let explain_key = field.explain;
                let name_key = field.name;
                let id = format!("c{index}-{}", field.id);
                Some(view! {
                    <div class="field" data-field=field.id>
                        <details class="field-name" prop:open=move || printing.get()>
                            <summary id=id.clone()>{tr(name_key)}</summary>
                            <p class="field-explain">{tr(explain_key)}</p>
                        </details>
                        <div class="field-value">{value}</div>
                        {range.map(|(offset, len)| view! {
                            <button
                                type="button"
                                class="show-bytes"
                                aria-describedby=id
                                on:click=move |_| {
                                    selected.set(Some((offset, len, Some(name_key))));
                                    bytes_open.set(true);
                                }
                            >
                                {tr(k::cert::details::show_bytes)}
                            </button>
                        })}
                    </div>
                })
            })
            .collect_view();
        Some(rows)
    };
    let hex_der = parsed.clone();
    let hex = move || {
        let range = selected.with(|s| s.as_ref().map(|(o, l, _)| (*o, *l)));
        let (before, mark, after) = hex_parts(der(&hex_der, index), range);
        view! {
            <code class="hex" tabindex="0">
                {before}<mark>{mark}</mark>{after}
            </code>
        }
    };
    let highlighted = move || {
        selected.with(|s| {
            s.as_ref().map(|(offset, len, name)| {
                let (len, offset) = (len.to_string(), offset.to_string());
                match name {
                    Some(name) => nav.fill(
                        k::cert::details::highlighted,
                        &[("field", nav.t(*name)), ("len", &len), ("offset", &offset)],
                    ),
                    None => nav.fill(
                        k::cert::details::highlighted_element,
                        &[("len", &len), ("offset", &offset)],
                    ),
                }
            })
        })
    };
    // The highlighted bytes as hexadecimal pairs, for their copy button.
    let selected_hex = {
        let parsed = parsed.clone();
        move || {
            let (offset, len, _) = selected.get()?;
            let bytes = der(&parsed, index).get(offset..offset.saturating_add(len))?;
            Some(hex_parts(bytes, None).0.trim_end().to_owned())
        }
    };
    // The ASN.1 structure: built when opened, one button per element. A click highlights
    // the element's bytes (and names the field when the element is one); a field's
    // "Highlight its bytes" marks its element in the tree.
    let tree_open = RwSignal::new(false);
    let tree_box = NodeRef::<leptos::html::Div>::new();
    let tree_markup = move || {
        tree_open
            .get()
            .then(|| asn1_markup(nav.lang.get(), der(&parsed, index)))
    };
    let pick = move |ev: ev::MouseEvent| {
        let number = |attribute| {
            crate::ui::markup::delegated(&ev, "button[data-at]", attribute)?
                .parse::<usize>()
                .ok()
        };
        let (Some(at), Some(len)) = (number("data-at"), number("data-len")) else {
            return;
        };
        let field = field_ranges
            .iter()
            .find(|(range, _)| *range == (at, len))
            .map(|(_, key)| *key);
        selected.set(Some((at, len, field)));
        bytes_open.set(true);
    };
    Effect::new(move |_| {
        let range = selected.with(|s| s.map(|(o, l, _)| (o, l)));
        tree_open.track();
        nav.lang.track();
        if let Some(tree) = tree_box.get() {
            mark_element(&tree, range);
        }
    });
    view! {
        <details
            class="cert-details"
            data-cert=index.to_string()
            on:toggle:target=move |ev| open.set(ev.target().open())
        >
            <summary><h3>{title}</h3></summary>
            <p class="hint">{tr(k::cert::details::explain_hint)}</p>
            <div class="fields">
                <Show when=move || open.get() || printing.get()>{rows.clone()}</Show>
            </div>
            <details
                class="der"
                prop:open=move || bytes_open.get()
                on:toggle:target=move |ev| bytes_open.set(ev.target().open())
            >
                <summary>{tr(k::cert::details::bytes_heading)}</summary>
                <p class="hint" role="status">{highlighted}</p>
                {move || selected_hex().map(copy_button)}
                <Show when=move || bytes_open.get()>{hex.clone()}</Show>
            </details>
            <details
                class="asn1-structure"
                on:toggle:target=move |ev| tree_open.set(ev.target().open())
            >
                <summary>{tr(k::cert::details::asn1_heading)}</summary>
                <p class="hint">{tr(k::cert::details::asn1_hint)}</p>
                <div
                    class="asn1"
                    node_ref=tree_box
                    on:click=pick
                    on:keydown=move |ev| {
                        if let Some(tree) = tree_box.get() {
                            move_in_tree(&ev, &tree);
                        }
                    }
                    inner_html=tree_markup
                ></div>
            </details>
        </details>
    }
}

/// Details of every certificate, chain order first.
#[component]
pub fn AllDetails() -> impl IntoView {
    let state = use_cert();
    // Rebuilt per input, not per judgement, so open sections stay open while the reader
    // moves the date: the fields do not depend on host or date (the "days left" line
    // follows the date by itself). Chain order first, as judged when the input came.
    let items = move || {
        let analysis = state.parsed.get()?;
        let chain = state
            .report
            .with_untracked(|r| r.as_ref().map(|r| r.chain.clone()))
            .unwrap_or_default();
        let total = analysis.certificates().len();
        let mut order = chain.clone();
        order.extend((0..total).filter(|i| !chain.contains(i)));
        // A bundle's thousand certificates are drawn on request (see `longlist`).
        let (items, more) = first_of(total, CERTS_SHOWN, k::cert::details::show_rest, move |n| {
            let certs = analysis.certificates();
            order
                .get(n)
                .and_then(|&i| certs.get(i))
                .map(|c| certificate_details(analysis.clone(), c))
        });
        Some(view! { <div class="cert-list">{items}</div>{more} })
    };
    view! {
        <section class="cert-fields" aria-labelledby="cert-fields-h">
            <h2 id="cert-fields-h">{tr(k::cert::details::heading)}</h2>
            {items}
        </section>
    }
}
