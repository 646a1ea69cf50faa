//! Text from the browser as UTF-8 bytes, made by the browser's own `TextEncoder`.
//!
//! Reading a JavaScript string as a Rust `String` goes through wasm-bindgen's string glue,
//! which copies an ASCII text one character at a time in JavaScript: rarely run, so not
//! optimised, and slow for a long paste (8 ms of the main thread for Debian's 210 KB root
//! bundle). `TextEncoder.encode` does the same work natively. The page reads its paste box
//! this way, and the certificate worker a long paste posted to it as text.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder` (always UTF-8).
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    /// `encode`, given a JavaScript string as it is (not copied into the module first).
    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Utf8Encoder, text: &wasm_bindgen::JsValue) -> js_sys::Uint8Array;
}

/// A JavaScript string as UTF-8 bytes (a lone surrogate becomes U+FFFD, as wasm-bindgen's
/// glue makes it too).
pub fn bytes_of(text: &wasm_bindgen::JsValue) -> Vec<u8> {
    Utf8Encoder::new().encode(text).to_vec()
}

/// A JavaScript string as a Rust string (see [`bytes_of`]).
pub fn string_of(text: &wasm_bindgen::JsValue) -> String {
    // The encoder writes UTF-8, so nothing is lost here.
    String::from_utf8(bytes_of(text))
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}
