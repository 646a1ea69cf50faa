//! Opening a recording of real sessions ([`crate::mail::recording`]) in the player, and
//! saving free play as one. The file is read in the browser and never leaves it; what it
//! holds is shown as text, like every protocol line.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::mail::recording::{MAX_BYTES, ReadError, Recording, Source};
use crate::ui::i18n::{Key, k};
use crate::ui::pages::text::tr;
use crate::ui::use_nav;

/// A recording the reader opened, numbered in the order opened (its lines' keys differ).
#[derive(Clone, Debug)]
pub struct Loaded {
    /// What was read.
    pub recording: Arc<Recording>,
    /// 1 for the first file opened on this page, then 2, …
    pub serial: u64,
}

/// What the reader is told when a file is not a recording the player can show.
pub fn error_key(error: ReadError) -> Key {
    match error {
        ReadError::Empty => k::mail::recording::error_empty,
        ReadError::TooLarge => k::mail::recording::error_too_large,
        ReadError::NotARecording => k::mail::recording::error_not_recording,
        ReadError::OtherVersion => k::mail::recording::error_other_version,
        ReadError::Damaged => k::mail::recording::error_damaged,
        ReadError::NoSessions => k::mail::recording::error_no_sessions,
    }
}

/// Reads a chosen or dropped file into a recording, or says why it cannot.
fn take(
    files: web_sys::FileList,
    error: RwSignal<Option<Key>>,
    opened: StoredValue<u64>,
    on_open: Callback<Loaded>,
) {
    let Some(file) = files.get(0) else { return };
    // Refused before reading: 8 MB is far more than a lesson's sessions.
    #[allow(clippy::cast_precision_loss)]
    if file.size() > MAX_BYTES as f64 {
        error.set(Some(error_key(ReadError::TooLarge)));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
            error.set(Some(k::mail::recording::error_unreadable));
            return;
        };
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        match Recording::read(&bytes) {
            Ok(recording) => {
                error.set(None);
                opened.update_value(|n| *n += 1);
                on_open.run(Loaded {
                    recording: Arc::new(recording),
                    serial: opened.get_value(),
                });
            }
            Err(e) => error.set(Some(error_key(e))),
        }
    });
}

/// "Replay a real session": a file picker and drop box, folded away until wanted (a
/// teacher's business, not every reader's).
#[component]
pub fn RecordingOpener(
    /// A file was read.
    on_open: Callback<Loaded>,
) -> impl IntoView {
    let nav = use_nav();
    let error: RwSignal<Option<Key>> = RwSignal::new(None);
    let dragging = RwSignal::new(false);
    let opened = StoredValue::new(0_u64);

    let on_files = move |event: ev::Event| {
        let input: Option<web_sys::HtmlInputElement> =
            event.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(files) = input.files() {
                take(files, error, opened, on_open);
            }
            // The same file chosen again is read again.
            input.set_value("");
        }
    };
    let on_drop = move |event: ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(files) = event.data_transfer().and_then(|d| d.files()) {
            take(files, error, opened, on_open);
        }
    };
    let on_dragover = move |event: ev::DragEvent| {
        event.prevent_default();
        dragging.set(true);
    };

    view! {
        <details
            class="recording-open drop-box"
            class:dragging=move || dragging.get()
            on:drop=on_drop
            on:dragover=on_dragover
            on:dragleave=move |_| dragging.set(false)
        >
            <summary>{tr(k::mail::recording::heading)}</summary>
            <p>{tr(k::mail::recording::intro)}</p>
            <p>
                <label for="recording-file">{tr(k::mail::recording::open_label)}</label>
                " "
                <input type="file" id="recording-file" on:change=on_files/>
            </p>
            <p class="recording-drop">{tr(k::mail::recording::drop)}</p>
            <p class="recording-error" role="alert">
                {move || error.get().map(|key| nav.t(key))}
            </p>
        </details>
    }
}

/// While a recording plays: what it is, and the way back to the scenarios.
#[component]
pub fn RecordingBanner(
    /// The recording on screen.
    loaded: Loaded,
    /// The reader went back to the scenarios.
    on_close: Callback<()>,
) -> impl IntoView {
    let nav = use_nav();
    let recording = loaded.recording;
    let about = move || {
        let h = &recording.header;
        let source = match h.source {
            Source::MailLab => nav.t(k::mail::recording::source_lab),
            Source::FreePlay => nav.t(k::mail::recording::source_free),
        };
        let date = i64::try_from(h.clock_origin)
            .map(|s| crate::ui::pages::cert::explain::utc_text(crate::cert::UnixTime(s)))
            .unwrap_or_default();
        let software = [
            h.flavour.smtp_server().product(),
            h.flavour.pop3_server().product(),
        ]
        .join(nav.t(k::punct::list));
        let playing = nav.fill(
            k::mail::recording::playing,
            &[
                ("source", source),
                ("date", &date),
                ("server", &h.hostname),
                ("software", &software),
            ],
        );
        let masked = nav.t(if h.passwords_masked {
            k::mail::recording::masked
        } else {
            k::mail::recording::not_masked
        });
        let cut = recording
            .cut_short
            .then(|| view! { <p>{nav.t(k::mail::recording::cut_short)}</p> });
        view! {
            <p>{playing}</p>
            <p>{masked}</p>
            {cut}
        }
    };
    view! {
        <div class="recording-playing" data-testid="recording-playing">
            <h3>{tr(k::mail::recording::title)}</h3>
            {about}
            <button type="button" class="secondary" on:click=move |_| on_close.run(())>
                {tr(k::mail::recording::close)}
            </button>
        </div>
    }
}

/// Offers `bytes` to the reader as a file named `name` (the browser's download).
pub fn save_file(name: &str, bytes: &[u8]) -> bool {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&parts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let link = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(link) = link else { return false };
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", name);
    link.click();
    // Released once the download has surely started.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    true
}
