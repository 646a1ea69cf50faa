//! "Compare with the certificate it replaces" (a section of the padlock page): the reader pastes the old certificate (or
//! chain) beside the one above, and the engine says what changed and what follows for the
//! site's visitors (`crate::cert::compare`). Like the input above, the old text stays in
//! this browser; a private key pasted here is removed before anything is read, and a link
//! never carries either.

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

/// The comparison section, folded away until the reader opens it.
#[component]
pub fn CompareView() -> impl IntoView {
    let state = use_cert();
    let text = RwSignal::new(String::new());
    let key_removed = RwSignal::new(false);
    let run = move |_| {
        let pasted = text.get_untracked();
        // A private key never reaches the engine, here as in the box above.
        let cleaned = match without_private_keys(&pasted) {
            Some(cleaned) => {
                key_removed.set(true);
                text.set(cleaned.clone());
                cleaned
            }
            None => {
                key_removed.set(false);
                pasted
            }
        };
        state.compare_with(cleaned.into_bytes());
    };
    let nav = use_nav();
    let shown = move || {
        state.comparison.get().map(|Shared(c)| match c.as_ref() {
            Some(c) => result_markup(nav, c),
            None => Markup::paragraph(nav.t(k::cert::compare::no_certificate)),
        })
    };
    view! {
        <section class="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{tr(k::cert::compare::heading)}</h2>
            <p>{tr(k::cert::compare::intro)}</p>
            <label for="compare-old">{tr(k::cert::compare::label)}</label>
            <textarea
                id="compare-old"
                class="code-box"
                rows="6"
                spellcheck="false"
                autocomplete="off"
                prop:value=move || text.get()
                on:input:target=move |ev| text.set(ev.target().value())
            ></textarea>
            <p>
                <button type="button" on:click=run>{tr(k::cert::compare::button)}</button>
            </p>
            <Show when=move || key_removed.get()>
                <p class="note" role="status">{tr(k::cert::compare::key_removed)}</p>
            </Show>
            <div class="compare-result" aria-live="polite" inner_html=shown></div>
        </section>
    }
}
