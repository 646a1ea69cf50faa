//! Component tests of the mail explainer in headless Chromium: the allowlist countdown,
//! the transcript and the player's controls (with deep links and keyboard shortcuts).
#![cfg(target_arch = "wasm32")]

use imasara::mail::{AllowlistEntry, AuthDecoded, SimTime, Speaker};
use imasara::ui::i18n::Lang;
use imasara::ui::pages::mail::allowlist::AllowlistView;
use imasara::ui::pages::mail::model::{LineView, Wire};
use imasara::ui::pages::mail::transcript::Transcript;
use imasara::ui::route::Location;
use imasara::ui::{App, Nav};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::{new_host, set_hash, settle};

fn host(id: &str) -> web_sys::HtmlElement {
    let host = new_host();
    host.set_id(id);
    host
}

fn within(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .expect("selector")
        .length()
}

fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

/// Provides what the shell would: an English page at #/mail.
fn provide_nav() {
    let (location, _) = signal(Location::parse("#/mail?lang=en"));
    let lang = Memo::new(|_| Lang::En);
    provide_context(Nav { location, lang });
}

fn entry(remaining: u64) -> AllowlistEntry {
    AllowlistEntry {
        ip: "203.0.113.7".parse().expect("ip"),
        user: "hanako".into(),
        added_at: SimTime(0),
        refreshed_at: SimTime(0),
        until: SimTime(600_000),
        remaining,
    }
}

#[wasm_bindgen_test]
async fn countdown_shows_mm_ss_a_bar_and_announces_only_milestones() {
    let root = host("countdown");
    let entries = RwSignal::new(Vec::<AllowlistEntry>::new());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_nav();
        view! {
            <AllowlistView
                entries=entries
                window=Signal::derive(|| 600_000)
                used=Signal::derive(|| true)
                id="t"
            />
        }
    });
    settle().await;
    let root: web_sys::Element = root.unchecked_into();
    assert!(text(&root).contains("Empty"), "{}", text(&root));
    let announcer = within(&root, "[aria-live=polite]");
    assert_eq!(text(&announcer), "");

    entries.set(vec![entry(480_000)]);
    settle().await;
    let timer = within(&root, "[role=timer]");
    assert_eq!(text(&timer), "08:00 left");
    assert!(text(&root).contains("203.0.113.7 (logged in as hanako)"));
    let bar = within(&root, ".bar-fill");
    assert_eq!(
        bar.unchecked_ref::<web_sys::HtmlElement>()
            .style()
            .get_property_value("width")
            .expect("width"),
        "80%"
    );
    assert!(text(&announcer).contains("is on the allowlist for the next 8 minutes"));

    // Ticking seconds do not change the announcement.
    entries.set(vec![entry(479_000)]);
    settle().await;
    assert_eq!(text(&within(&root, "[role=timer]")), "07:59 left");
    assert!(text(&announcer).contains("next 8 minutes"));

    entries.set(vec![entry(59_500)]);
    settle().await;
    assert_eq!(text(&within(&root, "[role=timer]")), "01:00 left");
    assert_eq!(count(&root, ".last-minute"), 1);
    assert_eq!(text(&announcer), "One minute left for 203.0.113.7.");

    entries.set(Vec::new());
    settle().await;
    assert_eq!(count(&root, "[role=timer]"), 0);
    assert!(text(&announcer).contains("has left the allowlist"));
    drop(handle);
}

fn line(speaker: Speaker, text: &str) -> LineView {
    // Keys unique within one transcript, as the page gives them.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    LineView {
        key: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        speaker,
        text: text.into(),
        auth: None,
        decoded: None,
        wire: Wire::HomeSmtp,
        conn: 1,
        refusal: false,
    }
}

fn click(el: &web_sys::Element) {
    el.unchecked_ref::<web_sys::HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn transcript_highlights_the_current_line_and_decodes_on_request() {
    let root = host("transcript");
    let mut auth = line(Speaker::Client, "AUTH PLAIN AGhhbmFrbwBzM2NyZXQ=");
    auth.auth = Some(AuthDecoded::Plain {
        authzid: String::new(),
        user: "hanako".into(),
        password: "s3cret".into(),
    });
    let mut refused = line(
        Speaker::Server,
        "554 5.7.1 <taro@example.org>: Relay access denied",
    );
    refused.refusal = true;
    let lines = RwSignal::new(vec![
        line(Speaker::Server, "220 mail.example.net ESMTP Postfix"),
        auth,
        line(Speaker::Client, "RCPT TO:<taro@example.org>"),
    ]);
    let current = RwSignal::new(Some(2_usize));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_nav();
        view! { <Transcript lines=lines current=current id="t"/> }
    });
    settle().await;
    let root: web_sys::Element = root.unchecked_into();
    let items = root.query_selector_all("li.line").expect("lines");
    assert_eq!(items.length(), 3);
    let texts: Vec<String> = (0..3)
        .map(|i| {
            items
                .item(i)
                .and_then(|n| n.text_content())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(texts[0], "S: 220 mail.example.net ESMTP Postfix");
    assert_eq!(texts[2], "C: RCPT TO:<taro@example.org>");
    assert_eq!(
        text(&within(&root, "li.current")),
        "C: RCPT TO:<taro@example.org>"
    );
    assert_eq!(
        within(&root, "li.current")
            .get_attribute("aria-current")
            .as_deref(),
        Some("step")
    );
    assert_eq!(count(&root, ".crlf"), 0);
    assert_eq!(count(&root, ".decoded"), 0);

    click(&within(&root, "#t-crlf"));
    settle().await;
    assert_eq!(count(&root, ".crlf"), 3);

    click(&within(&root, "#t-decode"));
    settle().await;
    assert_eq!(count(&root, ".decoded"), 1);
    assert!(text(&within(&root, ".decoded")).contains("hanako"));
    assert!(text(&within(&root, ".decoded")).contains("s3cret"));
    assert!(text(&root).contains("not encryption"));

    lines.update(|l| l.push(refused));
    current.set(Some(3));
    settle().await;
    assert_eq!(count(&root, "li.line"), 4);
    assert!(text(&within(&root, "li.current")).contains("Relay access denied"));
    assert_eq!(count(&root, "li.refusal"), 1);
    drop(handle);
}

fn hash() -> String {
    web_sys::window()
        .expect("window")
        .location()
        .hash()
        .expect("hash")
}

/// The value of one query parameter of the address's fragment (`step` in
/// `#/mail?step=3&speed=10`), compared whole: `speed=1` is not `speed=10`.
fn param(name: &str) -> Option<String> {
    let hash = hash();
    let (_, query) = hash.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn button(root: &web_sys::Element, name: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button").expect("buttons");
    for i in 0..buttons.length() {
        let b = buttons.item(i).expect("button");
        if b.text_content().unwrap_or_default().contains(name) {
            return b.unchecked_into();
        }
    }
    panic!("no button named {name}");
}

fn key(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    target.dispatch_event(&ev).expect("dispatch");
}

#[wasm_bindgen_test]
async fn controls_step_through_own_case_and_keep_the_url_in_step() {
    set_hash("#/mail?lang=en&scenario=own_case&step=2&speed=60");
    let root = host("app");
    let handle = leptos::mount::mount_to(root.clone(), App);
    settle().await;
    settle().await;
    let root: web_sys::Element = root.unchecked_into();
    let player = within(&root, ".player");
    // The deep link restored step 2 (two minutes in): 8 minutes left, speed 60.
    assert!(
        text(&within(&player, ".step-count")).contains("Step 2 of 6"),
        "{} / {}",
        text(&within(&player, ".step-count")),
        hash()
    );
    assert_eq!(text(&within(&player, "[role=timer]")), "08:00 left");
    assert_eq!(
        within(&player, ".speed-button[aria-pressed=true]")
            .text_content()
            .as_deref(),
        Some("60×")
    );
    // Starts paused.
    assert!(text(&within(&player, "[data-testid=play]")).contains("Play"));

    // Predictions off, so "Next step" goes straight on.
    click(&within(&player, "#predict-toggle"));
    settle().await;
    let next = button(&player, "Next step");
    assert!(!next.has_attribute("disabled"));
    next.click();
    settle().await;
    assert!(
        text(&within(&player, ".step-count")).contains("Step 3 of 6"),
        "{} / {}",
        text(&within(&player, ".step-count")),
        hash()
    );
    assert_eq!(param("step").as_deref(), Some("3"), "{}", hash());
    assert_eq!(count(&player, "[role=timer]"), 0);

    button(&player, "Next step").click();
    settle().await;
    assert!(
        text(&within(&player, ".transcript"))
            .contains("554 <taro@example.org>: Recipient address rejected: Relay access denied")
    );
    assert!(text(&within(&player, ".decisions")).contains("Refused"));
    assert!(text(&within(&player, ".dg-smtp")).contains("Refused"));

    // Keyboard shortcuts act while focus is inside the player.
    let back = button(&player, "Previous step");
    back.focus().expect("focus");
    key(&back, "ArrowLeft");
    settle().await;
    assert_eq!(param("step").as_deref(), Some("3"), "{}", hash());
    key(&back, "1");
    settle().await;
    assert_eq!(param("speed").as_deref(), Some("1"), "{}", hash());
    key(&back, "Home");
    settle().await;
    assert_eq!(param("step").as_deref(), Some("0"), "{}", hash());
    // ... and not outside it.
    key(&within(&root, "h1"), "ArrowRight");
    settle().await;
    assert_eq!(param("step").as_deref(), Some("0"), "{}", hash());

    // Jump to expiry from step 1.
    key(&back, "ArrowRight");
    settle().await;
    assert_eq!(text(&within(&player, "[role=timer]")), "10:00 left");
    button(&player, "Jump to expiry").click();
    settle().await;
    assert_eq!(count(&player, "[role=timer]"), 0);
    assert_eq!(param("step").as_deref(), Some("3"), "{}", hash());
    drop(handle);
}

#[wasm_bindgen_test]
async fn time_chart_draws_bands_and_arrows_at_the_charts_scale() {
    use imasara::mail::{Language, ScenarioId};
    use imasara::ui::pages::mail::chart::geometry::{Chart, Lane};
    use imasara::ui::pages::mail::chart::{TimeChart, groups_of_show};
    use imasara::ui::pages::mail::model::Show;

    let show = Show::new(ScenarioId::OwnCase, Language::English);
    let chart = Chart::build(&groups_of_show(&show), show.end);
    let expected = chart.clone();
    let root = host("time-chart");
    let reveal = RwSignal::new((2_usize, usize::MAX));
    let playhead = RwSignal::new((120_000_u64, true));
    let picked = RwSignal::new(None::<u64>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_nav();
        view! {
            <TimeChart
                chart=Signal::derive(move || chart.clone())
                reveal=reveal
                playhead=playhead
                on_pick=Callback::new(move |key| picked.set(Some(key)))
                id="t"
            />
        }
    });
    settle().await;
    let root: web_sys::Element = root.unchecked_into();
    let num = |el: &web_sys::Element, name: &str| -> f64 {
        el.get_attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} of {}", el.outer_html()))
    };
    // The band spans exactly login → expiry at the chart's scale.
    let band = within(&root, "g.band rect.band-rect");
    let (top, bottom) = (expected.y(0), expected.y(600_000));
    // (Lengths are whole pixels.)
    assert!((num(&band, "y") - top).abs() <= 0.5);
    assert!((num(&band, "y") + num(&band, "height") - bottom).abs() <= 1.0);
    let (left, width) = expected.lane_span(Lane::Allowlist(0));
    assert!(num(&band, "x") > left && num(&band, "x") + num(&band, "width") < left + width);
    // Two steps have happened: the login, the relayed RCPT and its hand-over.
    assert_eq!(count(&root, "g.mark"), 3);
    assert_eq!(count(&root, "g.mark.refused"), 0);
    let relayed = root
        .query_selector_all("g.mark line.arrow")
        .expect("selector")
        .item(1)
        .expect("second arrow")
        .unchecked_into::<web_sys::Element>();
    let mark = &expected.marks[1];
    assert!((num(&relayed, "y1") - expected.mark_y(mark)).abs() <= 0.5);
    assert!((num(&relayed, "x1") - (expected.x(mark.from) + 6.0)).abs() <= 0.5);
    // The playhead stands below the exchanges of 02:00.
    let head = within(&root, "g.playhead");
    assert_eq!(
        head.get_attribute("transform").as_deref(),
        Some(format!("translate(0 {})", expected.y_after(120_000).round()).as_str())
    );
    assert_eq!(head.get_attribute("role").as_deref(), Some("img"));
    // The refused send appears when its step has happened, and names its reply.
    reveal.set((4, usize::MAX));
    settle().await;
    let refused = within(&root, "g.mark.refused");
    assert_eq!(text(&refused), "RCPT 554 ✖");
    assert!(
        refused
            .get_attribute("aria-label")
            .is_some_and(|l| l.starts_with(
                "25:00, Your PC (203.0.113.7) to SMTP: relaying to taro@example.org refused (554)"
            ))
    );
    // An SVG element has no click(): dispatch the event as a pointer would.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("click", &init).expect("event");
    refused.dispatch_event(&ev).expect("dispatch");
    settle().await;
    assert_eq!(picked.get_untracked(), expected.marks[3].line_key);
    drop(handle);
}
