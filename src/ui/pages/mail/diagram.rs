//! The diagram: the reader's PC (and a neighbour behind the same router), the provider's
//! server with its POP3 and SMTP sides and the allowlist between them, and the Internet
//! with the recipient's server and the spammer. The current line travels as a labelled
//! packet on its wire; decisions are shown with an icon and words, never colour alone.
//! With `prefers-reduced-motion` the packet fades in at its destination instead (CSS).

use leptos::prelude::*;

use crate::ui::pages::text::tr;

use super::model::{Decision, LineView, Wire, countdown};
use crate::mail::{ActorId, RelayPermit, RelayRefusal};
use crate::ui::Nav;
use crate::ui::i18n::{Key, k};
use crate::ui::use_nav;

/// The line on the move, and a serial number that restarts its animation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    /// The line.
    pub line: LineView,
    /// Changes whenever a new line starts travelling.
    pub serial: u64,
}

/// Who is on the Internet side, with their IP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetActor {
    /// Which actor.
    pub id: ActorId,
    /// Their IP address, as text.
    pub ip: String,
}

fn refusal_key(r: RelayRefusal) -> Key {
    match r {
        RelayRefusal::NotInAllowlist => k::mail::refusal::not_in_allowlist,
        RelayRefusal::AllowlistExpired => k::mail::refusal::allowlist_expired,
        RelayRefusal::NotAuthenticated => k::mail::refusal::not_authenticated,
        RelayRefusal::NeitherAllowlistedNorAuthenticated => k::mail::refusal::neither,
        RelayRefusal::AuthenticationRequired => k::mail::refusal::authentication_required,
    }
}

/// One decision as an icon and words.
pub fn decision_view(nav: Nav, d: &Decision) -> impl IntoView + use<> {
    let (ok, icon, head, detail, rcpt) = match d {
        Decision::Relayed { rcpt, permit } => (
            true,
            "✔",
            nav.t(k::mail::diagram::relayed),
            match permit {
                RelayPermit::OpenRelay => nav.t(k::mail::permit::open_relay).to_owned(),
                RelayPermit::Allowlisted { remaining } => nav.fill(
                    k::mail::permit::allowlisted,
                    &[("time", &countdown(*remaining))],
                ),
                RelayPermit::Authenticated => nav.t(k::mail::permit::authenticated).to_owned(),
            },
            Some(rcpt.clone()),
        ),
        Decision::Refused { rcpt, refusal } => (
            false,
            "✖",
            nav.t(k::mail::diagram::refused),
            nav.t(refusal_key(*refusal)).to_owned(),
            rcpt.clone(),
        ),
        Decision::Delivered { rcpt } => (
            true,
            "✔",
            nav.t(k::mail::diagram::delivered),
            String::new(),
            Some(rcpt.clone()),
        ),
        Decision::Received => (
            true,
            "✔",
            nav.t(k::mail::free::receive_ok),
            String::new(),
            None,
        ),
    };
    view! {
        <li class="decision" class:ok=ok class:bad=!ok>
            <span class="decision-icon" aria-hidden="true">{icon}</span>
            <span class="decision-words">
                <strong>{head}</strong>
                {rcpt.map(|r| view! { " " <code>{r}</code> })}
                {(!detail.is_empty()).then(|| view! { <span class="decision-detail">{detail}</span> })}
            </span>
        </li>
    }
}

fn wire_class(w: Wire) -> &'static str {
    match w {
        Wire::HomePop3 => "w-home-pop3",
        Wire::HomeSmtp => "w-home-smtp",
        Wire::NeighbourSmtp => "w-nb-smtp",
        Wire::NetSmtp => "w-net-smtp",
        Wire::NetPop3 => "w-net-pop3",
        Wire::Onward => "w-onward",
    }
}

fn wire_name(w: Wire) -> Key {
    match w {
        Wire::HomePop3 | Wire::NetPop3 => k::mail::diagram::wire_pop3,
        Wire::Onward => k::mail::diagram::wire_onward,
        _ => k::mail::diagram::wire_smtp,
    }
}

/// The picture of who talks to whom.
#[component]
pub fn Diagram(
    /// The line travelling now.
    #[prop(into)]
    packet: Signal<Option<Packet>>,
    /// What the server decided just now.
    #[prop(into)]
    decisions: Signal<Vec<Decision>>,
    /// The reader's public IP.
    #[prop(into)]
    reader_ip: Signal<String>,
    /// Whether a neighbour behind the same router takes part.
    #[prop(into)]
    neighbour: Signal<bool>,
    /// Who is on the Internet side.
    #[prop(into)]
    net_actor: Signal<Option<NetActor>>,
    /// How many addresses the allowlist holds now.
    #[prop(into)]
    listed: Signal<usize>,
    /// A prefix that keeps element ids unique.
    id: &'static str,
) -> impl IntoView {
    let nav = use_nav();
    let caption_id = format!("{id}-diagram");
    let labelled_by = caption_id.clone();
    let wire = move |w: Wire| {
        let active = move || packet.with(|p| p.as_ref().is_some_and(|p| p.line.wire == w));
        view! {
            <div class=format!("dg-wire {}", wire_class(w)) class:active=active>
                <span class="wire-name">{move || nav.t(wire_name(w))}</span>
                {move || {
                    packet
                        .get()
                        .filter(|p| p.line.wire == w)
                        .map(|p| {
                            // Clients sit on the left, except those on the Internet side.
                            let client_on_left = !matches!(w, Wire::NetSmtp | Wire::NetPop3);
                            let dir = if p.line.to_server() == client_on_left {
                                "rightward"
                            } else {
                                "leftward"
                            };
                            let refused = p.line.refusal;
                            // The track carries the packet across the wire (static/mail.css).
                            let step = p.serial % 2;
                            view! {
                                <span class=format!("packet-track {dir} s{step}") aria-hidden="true">
                                    <span class=format!("packet {dir} s{step}") class:refused=refused>
                                        {refused.then_some("✖ ")}
                                        {p.line.token()}
                                    </span>
                                </span>
                            }
                        })
                }}
            </div>
        }
    };
    let refused_now = move || decisions.with(|d| d.iter().any(Decision::is_refusal));
    view! {
        <figure class="diagram" aria-labelledby=labelled_by>
            <figcaption id=caption_id class="sr-only">{tr(k::mail::diagram::label)}</figcaption>
            <div class="dg">
                <div class="dg-head dg-head-home">{tr(k::mail::diagram::router)}</div>
                <div class="dg-head dg-head-server">{tr(k::mail::diagram::server)}</div>
                <div class="dg-head dg-head-net">{tr(k::mail::diagram::internet)}</div>
                <div class="dg-node dg-pc">
                                        <strong>{tr(k::mail::actor::reader)}</strong>
                    <span class="dg-ip">{move || nav.fill(k::mail::diagram::ip, &[("ip", &reader_ip.get())])}</span>
                </div>
                {move || neighbour.get().then(|| view! {
                    <div class="dg-node dg-nb">
                                                <strong>{nav.t(k::mail::actor::nat_neighbour)}</strong>
                        <span class="dg-ip">{nav.fill(k::mail::diagram::ip, &[("ip", &reader_ip.get())])}</span>
                    </div>
                })}
                {wire(Wire::HomePop3)}
                {wire(Wire::HomeSmtp)}
                {move || neighbour.get().then(|| wire(Wire::NeighbourSmtp))}
                <div class="dg-server-box" aria-hidden="true"></div>
                <div class="dg-part dg-pop3">{tr(k::mail::diagram::pop3)}</div>
                <div class="dg-part dg-allow">
                    {tr(k::mail::diagram::allowlist)}
                    <span class="dg-count">
                        {tr(k::punct::open)}{move || listed.get()}{tr(k::punct::close)}
                    </span>
                </div>
                <div class="dg-part dg-smtp" class:refusing=refused_now>
                    {tr(k::mail::diagram::smtp)}
                    {move || refused_now().then(|| view! {
                        <span class="dg-badge">
                            <span aria-hidden="true">"✖ "</span>
                            {nav.t(k::mail::diagram::refused)}
                        </span>
                    })}
                </div>
                {wire(Wire::Onward)}
                {wire(Wire::NetSmtp)}
                <div class="dg-node dg-rcpt">
                                        <strong>{tr(k::mail::diagram::recipient)}</strong>
                    <span class="dg-ip">"mx.example.org"</span>
                </div>
                <div class="dg-node dg-net">
                    {move || net_actor.get().map(|a| view! {
                                                <strong>{super::model::actor_key(a.id).map(|key| nav.t(key))}</strong>
                        <span class="dg-ip">{nav.fill(k::mail::diagram::ip, &[("ip", &a.ip)])}</span>
                    })}
                </div>
            </div>
            <p class="dg-now">
                {move || match packet.get() {
                    Some(p) => view! {
                        <span class="dg-now-wire">{nav.t(wire_name(p.line.wire))}</span>
                        {nav.t(k::punct::open)}
                        {if p.line.to_server() { nav.t(k::mail::diagram::to_server) } else { nav.t(k::mail::diagram::to_client) }}
                        {nav.t(k::punct::close)}
                        {nav.t(k::punct::colon)}
                        <code>{p.line.visible()}</code>
                    }.into_any(),
                    None => view! { <span>{nav.t(k::mail::diagram::idle)}</span> }.into_any(),
                }}
            </p>
            {move || {
                let list = decisions.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="decisions">
                        {list.iter().map(|d| decision_view(nav, d)).collect_view()}
                    </ul>
                })
            }}
        </figure>
    }
}
