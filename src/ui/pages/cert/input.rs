//! The input: a paste box, a file picker, a drop zone, the samples, the privacy note and
//! the private-key warning. Each input goes to the engine once ([`CertState::load`]).

use leptos::ev;
use leptos::prelude::*;

use super::tr;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::engine::Failure;
use super::explain::{self, SAMPLES, Sample};
use super::{AT, CertState, HOST, SAMPLE, Source, use_cert};
use crate::cert::input::without_private_keys;
use crate::ui::i18n::k;
use crate::ui::use_nav;

/// Pastes longer than this never stay in the box. Chromium lays a textarea's whole text out
/// in the frame after the paste: for Debian's root bundle (210 KB) that frame took about
/// 100 ms of the main thread, longer than the verdict's own drawing. A paste this long is
/// taken from the clipboard event, and the browser is kept from putting it in the box at
/// all: putting 10 MB in and taking it out again cost the main thread about 180 ms in a
/// trace (`on_paste` in [`InputPanel`]). Text that arrives otherwise (dropped on the box,
/// typed, filled in by a script) is read in the `input` handler and the box emptied there,
/// before the frame that would lay it out. A chain of a few certificates is under 20 KB.
const LARGE_PASTE: usize = 64_000;

/// The file types the file pickers offer: PEM, DER, PKCS#7 and text.
pub(super) const FILE_TYPES: &str =
    ".pem,.crt,.cer,.der,.p7b,.p7c,.txt,application/x-x509-ca-cert,application/pkix-cert";

/// The files chosen in a file picker, if any.
pub(super) fn chosen_files(event: &ev::Event) -> Option<web_sys::FileList> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    input.files()
}

/// A drop zone around `children`: files dropped on it go to `on_files`, and it is marked
/// while files are dragged over it. The paste box and the comparison's box are both one.
#[component]
pub(super) fn DropZone(on_files: Callback<web_sys::FileList>, children: Children) -> impl IntoView {
    let dragging = RwSignal::new(false);
    view! {
        <div
            class="drop-zone"
            class:dragging=move || dragging.get()
            on:dragover=move |event: ev::DragEvent| {
                event.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |event: ev::DragEvent| {
                dragging.set(false);
                if let Some(files) = dropped_files(&event) {
                    on_files.run(files);
                }
            }
        >
            {children()}
        </div>
    }
}

/// The files of a drop onto a drop zone, if any (the browser is kept from opening them).
fn dropped_files(event: &ev::DragEvent) -> Option<web_sys::FileList> {
    event.prevent_default();
    event
        .data_transfer()
        .and_then(|d| d.files())
        .filter(|f| f.length() > 0)
}

/// Reads files (PEM or DER) as bytes.
pub(super) async fn read_files(files: web_sys::FileList) -> (Vec<Vec<u8>>, Vec<String>) {
    let mut contents = Vec::new();
    let mut names = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        names.push(file.name());
        if let Ok(buffer) = JsFuture::from(file.array_buffer()).await {
            contents.push(js_sys::Uint8Array::new(&buffer).to_vec());
        }
    }
    (contents, names)
}

/// The paste box's text, made UTF-8 by the browser's own encoder ([`crate::ui::utf8`]).
pub(super) fn box_text(area: &web_sys::HtmlTextAreaElement) -> String {
    crate::ui::utf8::string_of(&area.unchecked_ref::<TextBox>().value())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A text area, whose `value` is read as a JavaScript string and left one.
    type TextBox;
    #[wasm_bindgen(method, getter)]
    fn value(this: &TextBox) -> wasm_bindgen::JsValue;
    /// A paste's `DataTransfer`, whose text is read as a JavaScript string and left one.
    type Clipboard;
    #[wasm_bindgen(method, js_name = getData)]
    fn text(this: &Clipboard, format: &str) -> js_sys::JsString;
}

impl CertState {
    /// Parses the box's text; a private key is removed from the box first and never read.
    /// A text over [`LARGE_PASTE`] UTF-16 units (typed in, dropped, pasted into a box that
    /// was not empty) is emptied out of the box and handed to the engine unread, as a long
    /// paste is ([`CertState::take_long_paste`]): reading 210 KB here, making it UTF-8 and
    /// looking for keys in it was most of the 3 ms this handler took for Debian's roots.
    fn take_paste(&self, area: &web_sys::HtmlTextAreaElement) {
        let value = area.unchecked_ref::<TextBox>().value();
        if let Some(long) = value
            .dyn_ref::<js_sys::JsString>()
            .filter(|text| text.length() as usize > LARGE_PASTE)
        {
            area.set_value("");
            self.take_long_paste(long.clone());
            return;
        }
        let mut text = crate::ui::utf8::string_of(&value);
        match without_private_keys(&text) {
            Some(cleaned) => {
                // A long text leaves the box below anyway: it is not put back in first.
                if cleaned.len() <= LARGE_PASTE {
                    area.set_value(&cleaned);
                }
                text = cleaned;
                self.key_pasted.set(true);
                self.key_left.set_value(Some(text.clone()));
            }
            // The warning stays while the box still holds what was left of that paste.
            None if self
                .key_left
                .with_value(|left| left.as_deref() == Some(text.as_str())) => {}
            None => {
                self.key_pasted.set(false);
                self.key_left.set_value(None);
            }
        }
        self.load_failed.set(false);
        self.set_query(SAMPLE, None);
        if text.trim().is_empty() {
            self.unload();
        } else if text.len() > LARGE_PASTE {
            // The certificates are read, so the box can be emptied before the browser lays
            // the text out.
            area.set_value("");
            let length = text.len();
            self.load(vec![text.into_bytes()], Source::LargePaste(length));
        } else {
            self.load(vec![text.into_bytes()], Source::Pasted);
        }
    }

    /// Parses a long paste kept out of the (empty) box, handing its text to the engine as
    /// the browser holds it. The page does not read it at all: a private key in it is the
    /// engine's finding, never read and never shown. Its size is said in UTF-16 units, the
    /// bytes of an ASCII text such as PEM.
    fn take_long_paste(&self, text: js_sys::JsString) {
        self.key_pasted.set(false);
        self.key_left.set_value(None);
        self.load_failed.set(false);
        self.set_query(SAMPLE, None);
        let length = text.length() as usize;
        self.load_with_text(text, Source::LargePaste(length));
    }

    fn take_files(&self, files: web_sys::FileList, area: Option<web_sys::HtmlTextAreaElement>) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let (contents, names) = read_files(files).await;
            if contents.is_empty() {
                return;
            }
            if let Some(area) = area {
                area.set_value("");
            }
            // Whether a private key was among the files is known once they are read.
            state.key_pasted.set(false);
            state.load_failed.set(false);
            state.set_query(SAMPLE, None);
            state.load(contents, Source::Files(names));
        });
    }

    /// Loads a sample into the box and sets its host and date in the URL.
    fn take_sample(&self, sample: &'static Sample, area: Option<web_sys::HtmlTextAreaElement>) {
        let state = *self;
        // A link with only `sample=` gets the sample's own host and date.
        let mut next = state.nav.location.get_untracked();
        let before = next.clone();
        if next.query.get(HOST).is_none() {
            next.query.set(HOST, sample.host);
        }
        if next.query.get(AT).is_none() {
            next.query.set(AT, sample.at);
        }
        if next != before {
            state.nav.replace(&next);
        }
        state.loading.set(true);
        state.load_failed.set(false);
        state.key_pasted.set(false);
        leptos::task::spawn_local(async move {
            let text = crate::ui::fetch_text(&format!("samples/{}", sample.file)).await;
            state.loading.set(false);
            let Some(text) = text else {
                state.load_failed.set(true);
                return;
            };
            if let Some(area) = area {
                area.set_value(&text);
            }
            state.load(vec![text.into_bytes()], Source::Sample(sample.id));
        });
    }
}

/// Sets the URL to a sample with its host and date (the page then loads it).
fn choose_sample(state: CertState, sample: &'static Sample) {
    let mut next = state.nav.location.get_untracked();
    next.query.set(SAMPLE, sample.id);
    next.query.set(HOST, sample.host);
    next.query.set(AT, sample.at);
    state.nav.replace(&next);
}

/// A paste's size as the status line says it: "210 KB", "10.0 MB" (decimal units, one
/// decimal for megabytes, without float formatting code in the module).
fn paste_size(nav: crate::ui::Nav, bytes: usize) -> String {
    if bytes < 999_500 {
        let kb = ((bytes + 500) / 1000).to_string();
        nav.fill(k::cert::input::paste_kb, &[("n", &kb)])
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        let mb = format!("{}.{}", tenths / 10, tenths % 10);
        nav.fill(k::cert::input::paste_mb, &[("n", &mb)])
    }
}

/// The input section.
#[component]
pub fn InputPanel() -> impl IntoView {
    let nav = use_nav();
    let state = use_cert();
    let area = NodeRef::<leptos::html::Textarea>::new();

    // The URL's sample decides what is loaded (a deep link, or a click on a sample).
    let wanted = Memo::new(move |_| {
        nav.location
            .with(|l| l.query.get(SAMPLE).and_then(explain::sample))
    });
    Effect::new(move |_| {
        if let Some(sample) = wanted.get() {
            let loaded = state.source.get_untracked() == Source::Sample(sample.id);
            if !loaded {
                state.take_sample(sample, area.get_untracked());
            }
        }
    });

    let on_input = move |_: ev::Event| {
        if let Some(a) = area.get_untracked() {
            state.take_paste(&a);
        }
    };
    // A long paste into the empty box is taken from the clipboard event and kept out of
    // the box (see `LARGE_PASTE`); any other goes into the box as usual, and its `input`
    // event follows.
    let on_paste = move |event: ev::ClipboardEvent| {
        let (Some(a), Some(data)) = (area.get_untracked(), event.clipboard_data()) else {
            return;
        };
        let pasted = data.unchecked_ref::<Clipboard>().text("text/plain");
        if a.text_length() == 0 && pasted.length() as usize > LARGE_PASTE {
            event.prevent_default();
            state.take_long_paste(pasted);
        }
    };
    let on_files = move |event: ev::Event| {
        if let Some(files) = chosen_files(&event) {
            state.take_files(files, area.get_untracked());
        }
    };
    let on_drop = Callback::new(move |files| state.take_files(files, area.get_untracked()));
    let clear = move |_| {
        if let Some(a) = area.get_untracked() {
            a.set_value("");
            state.take_paste(&a);
            let _ = a.focus();
        }
    };

    let status = move || {
        if state.loading.get() {
            return nav.t(k::cert::input::loading).to_owned();
        }
        if state.load_failed.get() {
            return nav.t(k::cert::input::load_failed).to_owned();
        }
        if let Some(failure) = state.engine_failed.get() {
            return nav
                .t(match failure {
                    Failure::Unavailable => k::cert::input::engine_unavailable,
                    Failure::Crashed => k::cert::input::engine_crashed,
                })
                .to_owned();
        }
        if state.reading.get() {
            if state.stopped_busy.get() {
                return nav.t(k::cert::input::reading_after_stop).to_owned();
            }
            return nav.t(k::cert::input::reading).to_owned();
        }
        state.parsed.with(|a| match a {
            None => nav.t(k::cert::input::empty).to_owned(),
            Some(a) => {
                let certs = crate::ui::i18n::count(a.certificates().len());
                let blocks = crate::ui::i18n::count(a.blocks().len());
                let found = nav.fill(
                    k::cert::input::found,
                    &[("certs", &certs), ("blocks", &blocks)],
                );
                let before = match state.source.get() {
                    Source::LargePaste(bytes) => nav.fill(
                        k::cert::input::large_paste,
                        &[("size", &paste_size(nav, bytes))],
                    ),
                    Source::Files(names) => {
                        let names = names.join(nav.t(k::punct::list));
                        nav.fill(k::cert::input::from_files, &[("names", &names)])
                    }
                    _ => return found,
                };
                [before, found].join(nav.lang.get().sentence_gap())
            }
        })
    };

    view! {
        // The reader is about to give input: the engine starts now, not at the input.
        <section
            class="cert-input"
            aria-labelledby="cert-input-h"
            on:focusin=move |_| state.warm_up()
            on:pointerdown=move |_| state.warm_up()
            on:dragenter=move |_| state.warm_up()
        >
            <h2 id="cert-input-h">{tr(k::cert::input::heading)}</h2>
            <p class="privacy">{tr(k::cert::input::privacy)}</p>
            <DropZone on_files=on_drop>
                <label for="cert-paste">{tr(k::cert::input::paste_label)}</label>
                <textarea
                    id="cert-paste"
                    class="code-box"
                    node_ref=area
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="-----BEGIN CERTIFICATE-----"
                    on:input=on_input
                    on:paste=on_paste
                ></textarea>
                <div class="input-row">
                    <label for="cert-files">{tr(k::cert::input::files_label)}</label>
                    <input
                        id="cert-files"
                        type="file"
                        multiple
                        accept=FILE_TYPES
                        on:change=on_files
                    />
                    <button type="button" on:click=clear>{tr(k::cert::input::clear)}</button>
                </div>
                <p class="hint">{tr(k::cert::input::drop_zone)}</p>
            </DropZone>
            <p class="input-status" role="status">{status}</p>
            <KeyWarning/>
            <h3>{tr(k::cert::input::samples_heading)}</h3>
            <ul class="samples">
                {SAMPLES
                    .iter()
                    .map(|sample| {
                        let current = move || {
                            (state.source.get() == Source::Sample(sample.id)).then_some("true")
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    data-sample=sample.id
                                    aria-pressed=move || current().unwrap_or("false")
                                    on:click=move |_| choose_sample(state, sample)
                                >
                                    {move || nav.t(sample.label)}
                                    <span class="sample-date">
                                        {move || nav.fill(k::cert::input::sample_as_of, &[("date", sample.at)])}
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The warning shown when a private key was pasted. It never shows the key.
#[component]
fn KeyWarning() -> impl IntoView {
    let state = use_cert();
    view! {
        <Show when=move || state.key_pasted.get()>
            <div class="key-warning" role="alert">
                <h3>{tr(k::cert::key::heading)}</h3>
                <p>{tr(k::cert::key::body)}</p>
            </div>
        </Show>
    }
}
