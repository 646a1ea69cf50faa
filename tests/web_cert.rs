//! Component tests of the padlock page in a real browser: the chain picture and the field
//! explanations, driven the way a reader does (paste, click, switch language).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::{document, mount, one, set_hash, settle, text_of};

const AMAZON: &str = include_str!("fixtures/cert/real-chains/amazon.com.pem");
const SELF_SIGNED: &str = include_str!("fixtures/cert/badssl/wildcard-self-signed.pem");

fn all(selector: &str) -> Vec<web_sys::Element> {
    let list = document().query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect()
}

/// Types `text` into the paste box as a reader would (an `input` event that bubbles).
fn paste(text: &str) {
    let area: web_sys::HtmlTextAreaElement = one("#cert-paste").unchecked_into();
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    area.dispatch_event(&event).expect("dispatch");
}

fn pem_blocks(text: &str) -> Vec<String> {
    text.split_inclusive("-----END CERTIFICATE-----")
        .filter(|b| b.contains("BEGIN CERTIFICATE"))
        .map(str::to_owned)
        .collect()
}

#[wasm_bindgen_test]
async fn the_chain_is_drawn_leaf_first_with_its_checks_and_anchor() {
    // Every test names the date it judges at: the leaf expires on 2027-01-23.
    set_hash("#/cert?lang=en&at=2026-06-01");
    let app = mount();
    settle().await;
    let blocks = pem_blocks(AMAZON);
    assert_eq!(blocks.len(), 3);
    // Root, leaf, intermediate: out of order on purpose.
    paste(&format!("{}\n{}\n{}", blocks[2], blocks[0], blocks[1]));
    settle().await;

    let cards = all(".chain-card");
    let order: Vec<String> = cards
        .iter()
        .map(|c| c.get_attribute("data-cert").unwrap_or_default())
        .collect();
    assert_eq!(order, ["1", "2", "0"]);
    let roles: Vec<String> = all(".chain-card .card-role")
        .iter()
        .map(|r| r.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        roles,
        [
            "The site's certificate",
            "Intermediate certificate",
            "Root certificate"
        ]
    );
    // One step between each pair, every check passing, the algorithm named.
    let links = all(".chain-link");
    assert_eq!(links.len(), 2);
    for link in &links {
        let text = link.text_content().unwrap_or_default();
        assert!(
            text.contains("The signature verifies with the issuer's key: yes"),
            "{text}"
        );
        assert!(text.contains("algorithm: "), "{text}");
        assert!(!text.contains(": no"), "{text}");
    }
    assert!(text_of(".chain-anchor").contains("Mozilla root set"));
    // No host yet: the verdict says the name was not checked.
    assert!(text_of(".verdict-line").contains("No site name was given"));
    assert!(text_of(".finding[data-code=out_of_order]").contains("chain order"));
    drop(app);
}

#[wasm_bindgen_test]
async fn a_paste_with_letters_beyond_ascii_and_a_lone_surrogate_is_read_whole() {
    // The box's text reaches the engine as UTF-8 made by the browser's own encoder
    // (`box_text` in src/ui/pages/cert/input.rs): a comment line with "ő" and a lone
    // surrogate (which UTF-8 cannot carry: it becomes U+FFFD) before the certificates
    // does not stop them being read.
    set_hash("#/cert?lang=en&at=2026-06-01");
    let app = mount();
    settle().await;
    let area: web_sys::HtmlTextAreaElement = one("#cert-paste").unchecked_into();
    // "# Fő \u{D800}\n", as UTF-16 code units.
    let comment = js_sys::JsString::from_char_code(&[0x23, 0x20, 0x46, 0x151, 0x20, 0xD800, 0x0A]);
    let value = comment.concat(&wasm_bindgen::JsValue::from_str(AMAZON));
    js_sys::Reflect::set(&area, &"value".into(), &value).expect("value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    area.dispatch_event(&event).expect("dispatch");
    settle().await;
    assert_eq!(all(".chain-card").len(), 3);
    assert!(
        text_of(".input-status").contains("Found 3 certificate(s)"),
        "{}",
        text_of(".input-status")
    );
    drop(app);
}

#[wasm_bindgen_test]
async fn a_self_signed_certificate_has_no_anchor_until_trusted() {
    set_hash("#/cert?lang=en&at=2016-09-08&host=self-signed.badssl.com");
    let app = mount();
    settle().await;
    paste(SELF_SIGNED);
    settle().await;
    assert_eq!(all(".chain-card").len(), 1);
    assert!(text_of(".chain-anchor").contains("Not trusted"));
    assert_eq!(
        one(".verdict-line")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("ERR_CERT_AUTHORITY_INVALID")
    );
    let trust: web_sys::HtmlElement = one(".trust-this input").unchecked_into();
    trust.click();
    settle().await;
    assert!(text_of(".chain-anchor").contains("you chose to trust"));
    assert_eq!(
        one(".verdict-line")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("ok")
    );
    drop(app);
}

#[wasm_bindgen_test]
async fn every_field_has_an_explanation_in_both_languages() {
    set_hash("#/cert?lang=en&host=amazon.com&at=2026-06-01");
    let app = mount();
    settle().await;
    paste(AMAZON);
    settle().await;
    // A certificate's fields are built when the reader opens it.
    assert!(all(".cert-details[data-cert='0'] .field").is_empty());
    one(".cert-details[data-cert='0']")
        .set_attribute("open", "")
        .expect("open");
    settle().await;
    let fields = all(".cert-details[data-cert='0'] .field");
    assert!(fields.len() >= 10, "{} fields", fields.len());
    for field in &fields {
        let explain = field
            .query_selector(".field-explain")
            .expect("selector")
            .expect("an explanation");
        assert!(
            explain.text_content().unwrap_or_default().len() > 20,
            "{:?}",
            field.get_attribute("data-field")
        );
    }
    let subject = ".cert-details[data-cert='0'] .field[data-field=subject] .field-explain";
    assert!(text_of(subject).contains("Who the certificate is about"));
    let names = ".cert-details[data-cert='0'] .field[data-field=san] .field-value";
    assert!(text_of(names).contains("amazon.com"), "{}", text_of(names));

    set_hash("#/cert?lang=ja&host=amazon.com&at=2026-06-01");
    settle().await;
    settle().await;
    assert!(
        text_of(subject).contains("証明書が誰のものかを表します"),
        "{}",
        text_of(subject)
    );
    // The pasted chain survives the language switch.
    assert_eq!(all(".chain-card").len(), 3);
    drop(app);
}

const EXPIRED: &str = include_str!("fixtures/cert/badssl/wildcard-expired.pem");
const INCOMPLETE: &str = include_str!("fixtures/cert/badssl/wildcard-incomplete-chain.pem");

fn number(element: &web_sys::Element, attribute: &str) -> f64 {
    element
        .get_attribute(attribute)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no number in {attribute}"))
}

#[wasm_bindgen_test]
async fn the_validity_chart_marks_the_expired_leaf_by_hatching_and_words() {
    // The leaf expired on 2015-04-12; its intermediate and root were valid on 2016-06-01
    // (a year on, so that on an axis of three decades the line is clear of the bar).
    set_hash("#/cert?lang=en&at=2016-06-01&host=expired.badssl.com");
    let app = mount();
    settle().await;
    paste(EXPIRED);
    settle().await;
    settle().await;

    let rows = all(".validity-chart .vrow");
    assert_eq!(rows.len(), 3, "one bar per certificate of the chain");
    let leaf = one(".validity-chart .vrow[data-cert='0']");
    assert_eq!(
        leaf.get_attribute("data-status").as_deref(),
        Some("expired")
    );
    assert!(leaf.class_list().contains("fail"));
    let status = leaf
        .query_selector(".vstatus")
        .expect("selector")
        .expect("a status label");
    assert_eq!(status.text_content().unwrap_or_default(), "✗ expired");
    // Focusable, and its label says name, dates and status.
    assert_eq!(leaf.get_attribute("tabindex").as_deref(), Some("0"));
    let label = leaf.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("*.badssl.com"), "{label}");
    assert!(label.contains("2015-04-12 23:59"), "{label}");
    assert!(label.contains("expired"), "{label}");
    // The "as of" line does not cross the leaf's bar: the bar ends left of it.
    let bar = leaf
        .query_selector(".vbar")
        .expect("selector")
        .expect("a bar");
    let line = one(".validity-chart .at-line");
    let at_x = number(&line, "x1");
    assert!(number(&bar, "x") + number(&bar, "width") < at_x);
    // The others are crossed, and not marked.
    for row in rows.iter().skip(1) {
        assert_eq!(row.get_attribute("data-status").as_deref(), Some("valid"));
        assert!(!row.class_list().contains("fail"));
        let bar = row
            .query_selector(".vbar")
            .expect("selector")
            .expect("a bar");
        assert!(number(&bar, "x") < at_x && at_x < number(&bar, "x") + number(&bar, "width"));
    }
    // The chart is named and described, and has its table.
    let svg = one(".validity-chart");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("group"));
    assert!(text_of("#validity-title").contains("Validity periods"));
    assert!(text_of("#validity-desc").contains("2016-06-01"));
    assert_eq!(all(".cert-validity table tbody tr").len(), 3);

    // The graph: three boxes, two arrows whose signatures verify, the anchor marked.
    assert_eq!(all(".graph-chart .node").len(), 3);
    let edges = all(".graph-chart .edge");
    assert_eq!(edges.len(), 2);
    for edge in &edges {
        let text = edge.text_content().unwrap_or_default();
        assert!(text.contains("✓ signature verifies"), "{text}");
        assert!(text.contains("sha"), "{text}");
    }
    assert!(text_of(".graph-chart .node.anchor").contains("Mozilla root set"));

    // In Japanese, the same marks in Japanese words.
    set_hash("#/cert?lang=ja&at=2016-06-01&host=expired.badssl.com");
    settle().await;
    settle().await;
    assert_eq!(
        text_of(".validity-chart .vrow[data-cert='0'] .vstatus"),
        "✗ 期限切れ"
    );
    assert!(text_of(".validity-chart .at-label").contains("判定日"));
    drop(app);
}

#[wasm_bindgen_test]
async fn the_graph_draws_a_missing_intermediate_as_a_gap_with_its_address() {
    set_hash("#/cert?lang=en&at=2020-04-22&host=incomplete-chain.badssl.com");
    let app = mount();
    settle().await;
    paste(INCOMPLETE);
    settle().await;
    settle().await;
    let gap = text_of(".graph-chart .node.gap");
    assert!(gap.contains("DigiCert SHA2 Secure Server CA"), "{gap}");
    assert!(gap.contains("http://"), "{gap}");
    let edge = one(".graph-chart .edge.gap");
    assert!(
        edge.text_content()
            .unwrap_or_default()
            .contains("✗ issuer not in the input")
    );
    drop(app);
}

const LIST_ROOT: &str = include_str!("fixtures/cert/documents/root.pem");
const REVOKED_LEAF: &str = include_str!("fixtures/cert/documents/revoked-leaf.pem");
const LIST: &str = include_str!("fixtures/cert/documents/list.pem");
const REQUEST: &str = include_str!("fixtures/cert/documents/request.csr");

#[wasm_bindgen_test]
async fn a_revocation_list_and_a_request_get_their_own_sections() {
    set_hash("#/cert?lang=en&at=2027-01-10");
    let app = mount();
    settle().await;
    paste(&format!("{REVOKED_LEAF}\n{LIST_ROOT}\n{LIST}\n{REQUEST}"));
    settle().await;
    assert_eq!(all("section.document").len(), 2);
    let request = text_of("section[data-document=request]");
    assert!(request.contains("Its signature checks out"), "{request}");
    assert!(request.contains("dns:www.shop.example.test"), "{request}");
    let list = text_of("section[data-document=crl]");
    assert!(list.contains("It revokes certificate 1"), "{list}");
    assert!(list.contains("reason keyCompromise"), "{list}");
    // The revoked entry's status is told by a mark as well as by colour.
    assert!(
        all("section[data-document=crl] .document-status.bad")
            .iter()
            .all(|p| p.text_content().unwrap_or_default().starts_with('✗'))
    );
    drop(app);
}

#[wasm_bindgen_test]
async fn choosing_an_element_of_the_structure_highlights_its_bytes() {
    set_hash("#/cert?lang=en&at=2026-06-01");
    let app = mount();
    settle().await;
    paste(AMAZON);
    settle().await;
    let leaf: web_sys::HtmlDetailsElement = one(".cert-details").unchecked_into();
    leaf.set_open(true);
    let structure: web_sys::HtmlDetailsElement =
        one(".cert-details .asn1-structure").unchecked_into();
    structure.set_open(true);
    settle().await;
    let buttons = all(".cert-details .asn1 button");
    assert!(buttons.len() > 100, "{}", buttons.len());
    // The serial number: the second INTEGER, at offset 13 in amazon.com's leaf.
    let serial = buttons
        .iter()
        .find(|b| b.get_attribute("data-at").as_deref() == Some("13"))
        .expect("an element at 13");
    serial.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(
        serial.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(text_of(".cert-details .der p.hint").contains("Serial number"));
    assert!(!text_of(".cert-details .hex mark").is_empty());
    drop(app);
}

/// Resolves after the next animation frame and a task after it.
async fn next_frame_and_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        window
            .request_animation_frame(after_paint.unchecked_ref())
            .expect("requestAnimationFrame");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("frame");
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn a_large_input_shows_its_verdict_first_and_the_rest_after_a_frame() {
    set_hash("#/cert?lang=en&at=2026-06-01");
    let app = mount();
    settle().await;
    // Sixty self-signed certificates: the verdict is drawn in the task the answer arrives
    // in, the chain and the details once the browser has painted it.
    paste(include_str!("fixtures/cert/bundle/sixty-self-signed.pem"));
    leptos::task::tick().await;
    assert_eq!(
        one(".verdict-line")
            .get_attribute("data-verdict")
            .as_deref(),
        Some("ERR_CERT_AUTHORITY_INVALID")
    );
    assert!(all(".chain-card").is_empty(), "the chain waits a frame");
    assert!(
        all(".verdict .clients").is_empty(),
        "so do the other programs' answers"
    );
    assert!(all(".verdict .findings").is_empty(), "and the findings");
    next_frame_and_task().await;
    next_frame_and_task().await;
    assert_eq!(all(".chain-card").len(), 1);
    assert!(!all(".verdict .clients").is_empty());
    assert!(!all(".verdict .findings").is_empty());
    // A chain of three is drawn at once, verdict and all.
    paste(AMAZON);
    leptos::task::tick().await;
    assert_eq!(all(".chain-card").len(), 3);
    drop(app);
}
