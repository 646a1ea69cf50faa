//! The transcript: protocol lines exactly as the engine produced them (control characters
//! shown as control pictures), the current one highlighted, with optional CR LF markers and
//! decoded AUTH lines, and under each encoded line of a sample mail its text. Lines are a
//! keyed list: a new line adds one row; the rows already there are not rebuilt. The current
//! and the picked line are [`Selector`]s: when the current line moves on, the two rows
//! concerned update, not every row (with a reactive read per row, each step re-ran an
//! effect in every row and each of them unsubscribed from a list as long as the transcript:
//! quadratic, about 12 ms a click in a long free play with the CPU slowed 4×).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::pages::text::tr;

use super::model::LineView;
use crate::mail::AuthDecoded;
use crate::ui::i18n::k;
use crate::ui::use_nav;

fn decoded_text(auth: &AuthDecoded, nul: &str) -> String {
    match auth {
        AuthDecoded::Plain {
            authzid,
            user,
            password,
        } => format!("{authzid}{nul}{user}{nul}{password}"),
        AuthDecoded::LoginUser { user } => user.clone(),
        AuthDecoded::LoginPassword { password } => password.clone(),
        AuthDecoded::Challenge { prompt } => prompt.clone(),
        AuthDecoded::Cancelled => "*".to_owned(),
        AuthDecoded::NotBase64 => "?".to_owned(),
    }
}

/// One row of the transcript. Only its highlight and the two display options change.
#[component]
fn TranscriptLine(
    /// The line.
    line: LineView,
    /// Its position in the list.
    index: usize,
    /// Which line is current (by index; `u64` like the keys, so one `Selector` type serves
    /// both).
    current: Selector<Option<u64>>,
    /// Show CR LF markers.
    crlf: Signal<bool>,
    /// Show decoded AUTH lines.
    decode: Signal<bool>,
    /// Which line was chosen in the time chart (by key).
    picked: Selector<Option<u64>>,
) -> impl IntoView {
    let nav = use_nav();
    let key = line.key;
    let position = u64::try_from(index).ok();
    let is_current = move || current.selected(&position);
    let side = if line.to_server() { "client" } else { "server" };
    let class = format!("line {side}");
    let text = line.prefixed();
    let auth = line.auth;
    let mail_text = line.decoded;
    view! {
        <li
            class=class
            class:refusal=line.refusal
            class:current=is_current.clone()
            class:picked=move || picked.selected(&Some(key))
            data-key=key.to_string()
            tabindex="-1"
            aria-current=move || is_current().then_some("step")
        >
            <code>{text}</code>
            {move || crlf.get().then(|| view! { <span class="crlf">"CR LF"</span> })}
            {move || {
                let auth = auth.clone()?;
                decode.get().then(|| {
                    let text = decoded_text(&auth, nav.t(k::mail::transcript::nul));
                    let text = nav.fill(k::mail::transcript::decoded, &[("text", &text)]);
                    view! { <span class="decoded">{text}</span> }
                })
            }}
            {mail_text.map(|text| view! {
                <span class="mail-text">
                    {move || nav.fill(k::mail::transcript::decoded, &[("text", text)])}
                </span>
            })}
        </li>
    }
}

/// A transcript panel. `lines` are shown in order; `current` (an index) is highlighted.
#[component]
pub fn Transcript(
    /// The lines to show.
    #[prop(into)]
    lines: Signal<Vec<LineView>>,
    /// The index of the current line, if any.
    #[prop(into)]
    current: Signal<Option<usize>>,
    /// A prefix that keeps element ids unique on the page.
    id: &'static str,
    /// The accessible name of the scrolling region.
    #[prop(optional)]
    label: Option<crate::ui::i18n::Key>,
    /// The key of a line to bring into view and focus (an arrow chosen in the time chart).
    #[prop(optional, into)]
    picked: Option<Signal<Option<u64>>>,
) -> impl IntoView {
    let nav = use_nav();
    let crlf = RwSignal::new(false);
    let decode = RwSignal::new(false);
    let scroller = NodeRef::<leptos::html::Div>::new();
    // A memo: a caller that sets its signal to the value it already holds (no arrow, and
    // again no arrow) moves nothing, and in particular does not scroll the panel, which
    // reads the page's layout.
    let picked = Memo::new(move |_| picked.and_then(|p| p.get()));
    let current_line = Selector::new(move || current.get().and_then(|i| u64::try_from(i).ok()));
    let picked_line = Selector::new(move || picked.get());
    // Keep the newest line in view inside the panel (never scrolls the page), or the line
    // chosen in the time chart, which also takes the focus so it is read out.
    Effect::new(move |_| {
        let _ = lines.with(Vec::len);
        let _ = current.get();
        let target = picked.get();
        if let Some(el) = scroller.get() {
            // After layout, so the height includes the lines just added.
            request_animation_frame(move || {
                let row = target
                    .and_then(|key| el.query_selector(&format!("[data-key=\"{key}\"]")).ok())
                    .flatten()
                    .and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok());
                match row {
                    Some(row) => {
                        el.set_scroll_top(row.offset_top() - 8);
                        let _ = row.focus();
                    }
                    None => el.set_scroll_top(el.scroll_height()),
                }
            });
        }
    });
    // The rows (inside a `Show`, whose children are built again whenever it shows).
    let rows = move || {
        let (current_line, picked_line) = (current_line.clone(), picked_line.clone());
        view! {
            <ol class="lines">
                <For
                    each=move || lines.get().into_iter().enumerate()
                    key=|(_, line)| line.key
                    children=move |(index, line)| view! {
                        <TranscriptLine
                            line
                            index
                            current=current_line.clone()
                            crlf=crlf.into()
                            decode=decode.into()
                            picked=picked_line.clone()
                        />
                    }
                />
            </ol>
        }
    };
    let label = label.unwrap_or(k::mail::transcript::region);
    let crlf_id = format!("{id}-crlf");
    let crlf_for = crlf_id.clone();
    let decode_id = format!("{id}-decode");
    let decode_for = decode_id.clone();
    let has_auth = move || lines.with(|ls| ls.iter().any(|l| l.auth.is_some()));
    let has_mail_text = move || lines.with(|ls| ls.iter().any(|l| l.decoded.is_some()));
    let empty = move || lines.with(Vec::is_empty);
    view! {
        <div class="transcript">
            <div class="transcript-options">
                <label for=crlf_for>
                    <input
                        type="checkbox"
                        id=crlf_id
                        prop:checked=move || crlf.get()
                        on:change:target=move |ev| crlf.set(ev.target().checked())
                    />
                    {tr(k::mail::transcript::show_crlf)}
                </label>
                <label for=decode_for>
                    <input
                        type="checkbox"
                        id=decode_id
                        prop:checked=move || decode.get()
                        on:change:target=move |ev| decode.set(ev.target().checked())
                    />
                    {tr(k::mail::transcript::decode_auth)}
                </label>
            </div>
            <p class="transcript-legend">{tr(k::mail::transcript::legend)}</p>
            <div
                class="transcript-lines"
                node_ref=scroller
                role="region"
                tabindex="0"
                aria-label=tr(label)
            >
                <Show
                    when=move || !empty()
                    fallback=move || view! {
                        <p class="transcript-empty">{nav.t(k::mail::transcript::empty)}</p>
                    }
                >
                    {rows.clone()}
                </Show>
            </div>
            <Show when=move || decode.get() && has_auth()>
                <p class="note base64-note">{tr(k::mail::transcript::base64_note)}</p>
            </Show>
            <Show when=has_mail_text>
                <p class="note charset-note">{tr(k::mail::transcript::charset_note)}</p>
            </Show>
        </div>
    }
}
