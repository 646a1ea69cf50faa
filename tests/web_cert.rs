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
