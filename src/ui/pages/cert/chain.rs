//! The chain as a picture: leaf, intermediates, root as cards, each issued-by step with its
//! checks, the trust anchor on top (or a gap with the issuer's download address), and
//! unrelated certificates set aside.

use leptos::prelude::*;

use super::tr;

use super::explain::{check_key, result_key, utc_text};
use super::longlist::first_of;
use super::use_cert;
use crate::cert::session::Parsed;
use crate::cert::{AnchorSource, CheckName, CheckResult, LinkReport, Report, ValidityStatus};
use crate::ui::i18n::{Key, k};
use crate::ui::use_nav;

/// The short name of certificate `index`.
fn short_name(parsed: &Parsed, index: usize) -> String {
    parsed
        .certificates()
        .get(index)
        .map(|c| c.short_name().to_owned())
        .unwrap_or_default()
}

/// What a card in the chain is.
pub(super) fn role(parsed: &Parsed, report: &Report, position: usize) -> Key {
    let index = report.chain[position];
    let last = position + 1 == report.chain.len();
    let self_signed = parsed.certificates()[index].self_signed;
    if position == 0 {
        k::cert::chain::leaf
    } else if last && self_signed {
        k::cert::chain::root
    } else {
        k::cert::chain::intermediate
    }
}

pub(super) fn status_key(status: ValidityStatus) -> (Key, &'static str) {
    match status {
        ValidityStatus::Valid => (k::cert::chain::status_valid, "ok"),
        ValidityStatus::Expired => (k::cert::chain::status_expired, "bad"),
        ValidityStatus::NotYetValid => (k::cert::chain::status_not_yet_valid, "bad"),
    }
}

/// The checks of one issued-by step.
fn link_view(parsed: &Parsed, link: &LinkReport) -> impl IntoView + use<> {
    let nav = use_nav();
    let algorithm = parsed
        .certificates()
        .get(link.child)
        .map(|c| c.signature_algorithm.clone())
        .unwrap_or_default();
    let checks: Vec<_> = link
        .checks
        .iter()
        .map(|c| {
            let (result, symbol) = result_key(c.result);
            let name = check_key(c.check);
            let class = match c.result {
                CheckResult::Pass => "check pass",
                CheckResult::Fail => "check fail",
                CheckResult::NotApplicable => "check notapplicable",
                CheckResult::Unsupported => "check unsupported",
            };
            let alg: Option<String> = (c.check == CheckName::Signature).then(|| algorithm.clone());
            view! {
                <li class=class>
                    <span class="check-symbol" aria-hidden="true">{symbol}</span>
                    " "
                    {tr(name)}
                    {tr(k::punct::colon)}
                    <strong>{tr(result)}</strong>
                    {alg.map(|alg| view! {
                        {tr(k::punct::open)}
                        {move || nav.fill(k::cert::chain::algorithm, &[("alg", &alg)])}
                        {tr(k::punct::close)}
                    })}
                </li>
            }
        })
        .collect();
    view! {
        <li class="chain-link">
            <p class="link-title"><span aria-hidden="true">"↑ "</span>{tr(k::cert::chain::link)}</p>
            <ul class="checks">{checks}</ul>
        </li>
    }
}

/// One certificate as a card.
fn card_view(parsed: &Parsed, report: &Report, position: usize) -> impl IntoView + use<> {
    let nav = use_nav();
    let state = use_cert();
    let index = report.chain[position];
    let cert = &parsed.certificates()[index];
    let role = role(parsed, report, position);
    let name = short_name(parsed, index);
    let from = utc_text(cert.not_before);
    let to = utc_text(cert.not_after);
    let issuer = cert.issuer.clone();
    let (status, status_class) = status_key(report.validity[index]);
    let last = position + 1 == report.chain.len();
    let can_trust = last && cert.self_signed;
    let self_signed = cert.self_signed;
    let trust_id = format!("trust-{index}");
    view! {
        <li class="chain-card" data-cert=index.to_string() data-position=position.to_string()>
            <p class="card-role">{tr(role)}</p>
            <p class="card-name">{name}</p>
            <p class="card-dates">
                {move || nav.fill(k::cert::chain::valid, &[("from", &from), ("to", &to)])}
                " "
                <span class=format!("badge {status_class}")>{tr(status)}</span>
            </p>
            <p class="card-issuer">{move || nav.fill(k::cert::chain::issued_by, &[("name", &issuer)])}</p>
            {self_signed.then(|| view! { <p class="badge">{tr(k::cert::chain::self_signed)}</p> })}
            {can_trust
                .then(|| {
                    let checked = move || state.trusted.with(|t| t.contains(&index));
                    let toggle = move |_| {
                        state.trusted.update(|t| {
                            if let Some(p) = t.iter().position(|&i| i == index) {
                                t.remove(p);
                            } else {
                                t.push(index);
                            }
                        });
                    };
                    view! {
                        <div class="trust-this">
                            <input
                                type="checkbox"
                                id=trust_id.clone()
                                prop:checked=checked
                                // While a new input is read, these cards are the old one's.
                                disabled=move || state.reading.get()
                                on:change=toggle
                            />
                            <label for=trust_id>{tr(k::cert::chain::trust_this)}</label>
                            <p class="hint">{tr(k::cert::chain::trust_note)}</p>
                        </div>
                    }
                })}
        </li>
    }
}

/// The top of the picture: which root vouches, or the gap where the issuer is missing.
fn top_view(parsed: &Parsed, report: &Report) -> impl IntoView + use<> {
    let nav = use_nav();
    let trust = &report.trust;
    let root_set = parsed.root_set.clone();
    if let Some(missing) = &report.missing_issuer {
        let child = parsed.certificates().get(missing.child);
        let name = child.map(|c| c.issuer.clone()).unwrap_or_default();
        let urls = child.map(|c| c.ca_issuers_urls.clone()).unwrap_or_default();
        let has_urls = !urls.is_empty();
        return view! {
            <li class="chain-gap">
                <p class="card-role">{move || nav.fill(k::cert::chain::gap, &[("name", &name)])}</p>
                {if has_urls {
                    view! {
                        <p>{tr(k::cert::chain::gap_urls)}</p>
                        <ul class="urls">{urls.into_iter().map(|u| view! { <li><code>{u}</code></li> }).collect_view()}</ul>
                    }
                    .into_any()
                } else {
                    view! { <p>{tr(k::cert::chain::gap_no_urls)}</p> }.into_any()
                }}
                <p class="anchor-line bad"><span aria-hidden="true">"✗ "</span>{tr(k::cert::chain::no_anchor)}</p>
            </li>
        }
        .into_any();
    }
    let line = match (trust.trusted || trust.anchor.is_some(), trust.source) {
        (true, Some(AnchorSource::Custom)) => {
            view! { <p class="anchor-line good"><span aria-hidden="true">"✓ "</span>{tr(k::cert::chain::anchor_custom)}</p> }.into_any()
        }
        (true, Some(AnchorSource::Mozilla)) => {
            let date = root_set.date.to_owned();
            let count = root_set.anchors.to_string();
            let by_key = (!trust.is_anchor_certificate).then(|| trust.anchor.clone().unwrap_or_default());
            view! {
                {by_key.map(|name| view! { <p class="card-role">{move || nav.fill(k::cert::chain::anchor_by_key, &[("name", &name)])}</p> })}
                <p class="anchor-line good">
                    <span aria-hidden="true">"✓ "</span>
                    {move || nav.fill(k::cert::chain::anchor_mozilla, &[("date", &date), ("count", &count)])}
                </p>
            }
            .into_any()
        }
        _ => view! { <p class="anchor-line bad"><span aria-hidden="true">"✗ "</span>{tr(k::cert::chain::no_anchor)}</p> }.into_any(),
    };
    view! { <li class="chain-anchor">{line}</li> }.into_any()
}

/// How many certificates set aside are named at once.
const SET_ASIDE_SHOWN: usize = 50;

/// The chain section.
#[component]
pub fn ChainView() -> impl IntoView {
    let nav = use_nav();
    let state = use_cert();
    let picture = move || {
        let report = state.report.get()?;
        let parsed = state.parsed.get()?;
        let mut items = Vec::new();
        for position in 0..report.chain.len() {
            items.push(card_view(&parsed, &report, position).into_any());
            let child = report.chain[position];
            if let Some(link) = report.links.iter().find(|l| l.child == child) {
                items.push(link_view(&parsed, link).into_any());
            }
        }
        items.push(top_view(&parsed, &report).into_any());
        let aside: Vec<usize> = parsed
            .certificates()
            .iter()
            .map(|c| c.index)
            .filter(|i| !report.chain.contains(i))
            .collect();
        let has_aside = !aside.is_empty();
        let date = parsed.root_set.date.clone();
        // A bundle sets aside all but its chain: drawn on request (see `longlist`).
        let (aside, more) = first_of(
            aside.len(),
            SET_ASIDE_SHOWN,
            k::cert::chain::show_rest,
            move |n| {
                aside.get(n).map(|&i| {
                    let name = short_name(&parsed, i);
                    view! { <li data-cert=i.to_string()>{name}</li> }
                })
            },
        );
        Some(view! {
            <ol class="chain">{items}</ol>
            <p class="hint">{move || nav.fill(k::cert::chain::root_set_note, &[("date", &date)])}</p>
            {has_aside.then(|| view! {
                <h3>{tr(k::cert::chain::set_aside)}</h3>
                <ul class="set-aside">{aside}</ul>
                {more}
            })}
        })
    };
    view! {
        <section class="cert-chain" aria-labelledby="cert-chain-h">
            <h2 id="cert-chain-h">{tr(k::cert::chain::heading)}</h2>
            <super::charts::ChainGraph/>
            <p>{tr(k::cert::chain::intro)}</p>
            {picture}
        </section>
    }
}
