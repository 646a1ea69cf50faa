//! "Compare with the certificate it replaces" (a section of the padlock page): the reader
//! pastes, chooses or drops the old certificate (or chain) beside the one above, and the
//! engine says what changed and what follows for the site's visitors
//! (`crate::cert::compare`). Like the input above, the old text stays in this browser; a
//! private key pasted or in a PEM file here is removed before anything is read, and a link
//! never carries either.

use leptos::ev;
use leptos::prelude::*;

use super::explain::utc_text;
use super::{Shared, tr, use_cert};
use crate::cert::compare::{Comparison, Consequence, ListChange};
use crate::cert::input::without_private_keys;
use crate::ui::i18n::{Key, k};
use crate::ui::markup::Markup;
use crate::ui::{Nav, use_nav};

/// A consequence in the reader's words.
fn consequence(nav: Nav, c: &Consequence) -> String {
    match c {
        Consequence::NameDropped { name } => {
            nav.fill(k::cert::compare::name_dropped, &[("name", name)])
        }
        Consequence::KeyReused => nav.t(k::cert::compare::key_reused).to_owned(),
        Consequence::NewIntermediates { names } => nav.fill(
            k::cert::compare::new_intermediates,
            &[("names", &names.join(nav.t(k::punct::list)))],
        ),
        Consequence::NewChainFails { error } => {
            nav.fill(k::cert::compare::new_chain_fails, &[("error", error)])
        }
        Consequence::NotLonger => nav.t(k::cert::compare::not_longer).to_owned(),
    }
}

/// The comparison as escaped markup (`crate::ui::markup`, as the charts' tables are: one
/// string rather than a view per cell keeps the page module small): what follows first,
/// then the fields, old and new.
fn result_markup(nav: Nav, c: &Comparison) -> String {
    let list = |items: &[String]| items.join(nav.t(k::punct::list));
    // A set of values: the old column says what went, the new one what came.
    let change = |ch: &ListChange| -> [String; 2] {
        if ch.is_empty() {
            let same = nav.t(k::cert::compare::unchanged).to_owned();
            return [same.clone(), same];
        }
        let side = |items: &[String], key| {
            if items.is_empty() {
                String::new()
            } else {
                nav.fill(key, &[("list", &list(items))])
            }
        };
        [
            side(&ch.removed, k::cert::compare::removed),
            side(&ch.added, k::cert::compare::added),
        ]
    };
    let days = |n: i64| nav.fill(k::cert::compare::days, &[("n", &n.to_string())]);
    let span = |(from, to)| {
        nav.fill(
            k::cert::compare::span,
            &[("from", &utc_text(from)), ("to", &utc_text(to))],
        )
    };
    let pair = |(a, b): &(String, String)| [a.clone(), b.clone()];
    let key_new = if c.key_reused {
        nav.fill(k::cert::compare::same_key, &[("key", &c.key.1)])
    } else {
        c.key.1.clone()
    };
    let rows: [(Key, [String; 2]); 12] = [
        (k::cert::compare::row_subject, pair(&c.subject)),
        (k::cert::compare::row_names, change(&c.names)),
        (k::cert::compare::row_issuer, pair(&c.issuer)),
        (
            k::cert::compare::row_intermediates,
            change(&c.intermediates),
        ),
        (k::cert::compare::row_key, [c.key.0.clone(), key_new]),
        (
            k::cert::compare::row_signature,
            pair(&c.signature_algorithm),
        ),
        (
            k::cert::compare::row_valid,
            [span(c.validity.0), span(c.validity.1)],
        ),
        (
            k::cert::compare::row_lifetime,
            [days(c.lifetime_days.0), days(c.lifetime_days.1)],
        ),
        (k::cert::compare::row_key_usage, change(&c.key_usage)),
        (
            k::cert::compare::row_ext_key_usage,
            change(&c.ext_key_usage),
        ),
        (k::cert::compare::row_policies, change(&c.policies)),
        (
            k::cert::compare::row_scts,
            [c.scts.0.to_string(), c.scts.1.to_string()],
        ),
    ];
    let mut m = Markup::default();
    m.element("h4", &[], nav.t(k::cert::compare::follows));
    if c.consequences.is_empty() {
        m.element(
            "p",
            &[("class", "compare-clean")],
            nav.t(k::cert::compare::none),
        );
    } else {
        m.open("ul", &[("class", "compare-consequences")]);
        for item in &c.consequences {
            m.element("li", &[], &consequence(nav, item));
        }
        m.close("ul");
    }
    m.open("div", &[("class", "chart-box")])
        .open("table", &[("class", "compare-table")])
        .element("caption", &[], nav.t(k::cert::compare::table_caption));
    let head = [
        nav.t(k::cert::compare::col_field),
        nav.t(k::cert::compare::col_old),
        nav.t(k::cert::compare::col_new),
    ];
    m.table_body(
        &head,
        rows.iter()
            .map(|(name, [old, new])| [nav.t(*name), old.as_str(), new.as_str()]),
        true,
    );
    m.close("table").close("div");
    m.finish()
}

/// The old chain without the private keys in its text: the cleaned bytes, and whether a
/// key was removed. Bytes that are not UTF-8 (DER) go as they are: the engine reads a bare
/// key as a key, never as a certificate.
fn without_keys(bytes: Vec<u8>) -> (Vec<u8>, bool) {
    match std::str::from_utf8(&bytes)
        .ok()
        .and_then(without_private_keys)
    {
        Some(cleaned) => (cleaned.into_bytes(), true),
        None => (bytes, false),
    }
}

/// The comparison section, shown once the input above holds a certificate.
#[component]
pub fn CompareView() -> impl IntoView {
    let state = use_cert();
    let text = RwSignal::new(String::new());
    let key_removed = RwSignal::new(false);
    let from_files = RwSignal::new(None::<Vec<String>>);
    let run = move |_| {
        let pasted = text.get_untracked();
        // A private key never reaches the engine, here as in the box above.
        let (cleaned, removed) = without_keys(pasted.into_bytes());
        key_removed.set(removed);
        if removed {
            text.set(String::from_utf8_lossy(&cleaned).into_owned());
        }
        from_files.set(None);
        state.compare_with(vec![cleaned]);
    };
    // Files (PEM or DER, one or several: an old certificate and its chain) are read as one
    // old chain, as the box above reads several files as one input.
    let take_files = move |files: web_sys::FileList| {
        leptos::task::spawn_local(async move {
            let (contents, names) = super::input::read_files(files).await;
            if contents.is_empty() {
                return;
            }
            let mut removed = false;
            let old = contents
                .into_iter()
                .map(|bytes| {
                    let (bytes, key) = without_keys(bytes);
                    removed |= key;
                    bytes
                })
                .collect();
            key_removed.set(removed);
            text.set(String::new());
            from_files.set(Some(names));
            state.compare_with(old);
        });
    };
    let on_files = move |event: ev::Event| {
        if let Some(files) = super::input::chosen_files(&event) {
            take_files(files);
        }
    };
    let on_drop = Callback::new(take_files);
    let nav = use_nav();
    let shown = move || {
        state.comparison.get().map(|Shared(c)| match c.as_ref() {
            Some(c) => result_markup(nav, c),
            None => Markup::paragraph(nav.t(k::cert::compare::no_certificate)),
        })
    };
    // What was read and what was removed, in one live region that is always there.
    let status = move || {
        let files = from_files.get().map(|names| {
            let names = names.join(nav.t(k::punct::list));
            nav.fill(k::cert::input::from_files, &[("names", &names)])
        });
        let key = key_removed
            .get()
            .then(|| nav.t(k::cert::compare::key_removed).to_owned());
        let parts: Vec<String> = files.into_iter().chain(key).collect();
        parts.join(nav.lang.get().sentence_gap())
    };
    view! {
        <section class="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{tr(k::cert::compare::heading)}</h2>
            <p>{tr(k::cert::compare::intro)}</p>
            <super::input::DropZone on_files=on_drop>
                <label for="compare-old">{tr(k::cert::compare::label)}</label>
                <textarea
                    id="compare-old"
                    class="code-box"
                    rows="6"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input:target=move |ev| text.set(super::input::box_text(&ev.target()))
                ></textarea>
                <p>
                    <button type="button" on:click=run>{tr(k::cert::compare::button)}</button>
                </p>
                <div class="input-row">
                    <label for="compare-files">{tr(k::cert::compare::files_label)}</label>
                    <input
                        id="compare-files"
                        type="file"
                        multiple
                        accept=super::input::FILE_TYPES
                        on:change=on_files
                    />
                </div>
                <p class="hint">{tr(k::cert::compare::drop_zone)}</p>
            </super::input::DropZone>
            <p class="compare-status" class:note=move || !status().is_empty() role="status">
                {status}
            </p>
            <div class="compare-result" aria-live="polite" inner_html=shown></div>
        </section>
    }
}
