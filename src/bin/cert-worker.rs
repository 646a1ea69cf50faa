//! The padlock page's Web Worker: the certificate engine in a module of its own.
//!
//! Trunk builds this binary as a worker (`data-type="worker"` in index.html); the page
//! starts it through `static/cert-worker-start.js` the first time it needs the engine (see
//! `src/ui/pages/cert/engine.rs`). Everything here is transport: each message is an encoded
//! request (a long paste's text beside it: [`Session::handle_bytes_with_input`]), answered
//! by [`Session::handle_bytes`] with encoded responses (a long answer's parts first), then
//! by [`Session::follow_up_bytes`] (rarely a correction, always `Settled`); the engine's rules
//! live in `src/cert`. On start the worker posts `"ready"`, so the page knows its
//! messages will be heard.
//!
//! [`Session::handle_bytes_with_input`]: imasara::cert::session::Session::handle_bytes_with_input
//! [`Session::handle_bytes`]: imasara::cert::session::Session::handle_bytes
//! [`Session::follow_up_bytes`]: imasara::cert::session::Session::follow_up_bytes
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;

    use imasara::cert::session::Session;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::{Closure, JsValue};

    // A panic stops the worker; the page sees the error event and says so in words. The
    // hook puts the reason in the console for developers.
    console_error_panic_hook::set_once();

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = RefCell::new(Session::new());
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            // An encoded request, or (a long paste) the pair [request, text], whose text is
            // made UTF-8 here rather than on the page's thread.
            let answer = if js_sys::Array::is_array(&data) {
                let pair: js_sys::Array = data.unchecked_into();
                let request = js_sys::Uint8Array::new(&pair.get(0)).to_vec();
                let input = imasara::ui::utf8::bytes_of(&pair.get(1));
                session
                    .borrow_mut()
                    .handle_bytes_with_input(&request, input)
            } else {
                let request = js_sys::Uint8Array::new(&data).to_vec();
                session.borrow_mut().handle_bytes(&request)
            };
            for message in answer {
                post(&reply_to, &message);
            }
            // The answer is on its way to the page; meanwhile the self-issued
            // certificates' own signatures it did not wait for are checked: a correction follows if one
            // fails, and then word that the request is settled.
            let after = session.borrow_mut().follow_up_bytes();
            for message in after {
                post(&reply_to, &message);
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it; so does its handler.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Posts encoded bytes to the page, handing over their buffer.
#[cfg(target_arch = "wasm32")]
fn post(to: &web_sys::DedicatedWorkerGlobalScope, message: &[u8]) {
    let bytes = js_sys::Uint8Array::from(message);
    let transfer = js_sys::Array::of1(&bytes.buffer());
    let _ = to.post_message_with_transfer(&bytes, &transfer);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "cert-worker is the padlock page's Web Worker and runs only in a browser (Trunk builds \
         it). On the command line, use the same engine through: cargo run --example inspect"
    );
    std::process::exit(2);
}
