//! Long lists, drawn a part at a time.
//!
//! A pasted bundle can hold a thousand certificates, and with them a thousand findings.
//! Drawn at once, their elements are built, inserted and laid out in one main-thread task
//! (about 800 ms for 1,000 certificates in headless Chromium, a third of it layout), and the
//! page freezes for that long. So a long list draws its first items at once, and the rest
//! when the reader asks for them, a slice per animation frame so that no frame waits long.
//! Printing draws everything at once: a handout must hold every item.

use leptos::prelude::*;

use crate::ui::i18n::{Key, count};
use crate::ui::{use_nav, use_printing};

/// How many items of the rest are drawn per animation frame once the reader asks for them
/// (a certificate's collapsed details are about a dozen elements).
const PER_FRAME: usize = 25;

/// The first `first` of `total` items at once, the others when the reader presses the
/// button (worded by `button`, with `{n}` the number not shown yet and `{total}` all of
/// them) or the page is printed. `item(i)` draws item `i`.
///
/// Returns the items, to be put inside the list's element, and the button, to be put right
/// after that element: once pressed, the button goes and the focus moves to the first item
/// it brought (its first control, or the item itself).
pub fn first_of<V>(
    total: usize,
    first: usize,
    button: Key,
    item: impl Fn(usize) -> V + Clone + Send + Sync + 'static,
) -> (impl IntoView, impl IntoView)
where
    V: IntoView + 'static,
{
    // All but the drawing of the items is shared by every kind of list (one copy of the
    // code in the module, not one per kind of item).
    let (drawn, more) = more_button(total, first, button);
    // The first items, then one place per slice of the rest, each filled once when its
    // turn comes (a memo changes once, so a drawn slice is never drawn again, and keeps what
    // the reader opened in it). One kind of place for both: less code in the module.
    let places = 1 + slices_of(total, first);
    let items = (0..places)
        .map(|place| {
            let due = Memo::new(move |_| place == 0 || drawn.get() >= place);
            let item = item.clone();
            move || {
                due.get().then(|| {
                    let (from, to) = match place {
                        0 => (0, first),
                        _ => (first + (place - 1) * PER_FRAME, first + place * PER_FRAME),
                    };
                    (from..total.min(to)).map(&item).collect::<Vec<V>>()
                })
            }
        })
        .collect::<Vec<_>>();
    (items, more)
}

/// How many slices the items after the first `first` of `total` make.
fn slices_of(total: usize, first: usize) -> usize {
    total.saturating_sub(first).div_ceil(PER_FRAME)
}

/// How many slices of the rest are drawn (all of them while printing), and the button that
/// starts drawing them.
fn more_button(total: usize, first: usize, button: Key) -> (RwSignal<usize>, impl IntoView) {
    let nav = use_nav();
    let printing = use_printing();
    let rest = total.saturating_sub(first);
    let slices = slices_of(total, first);
    let drawn = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if printing.get() {
            drawn.set(slices);
        }
    });
    let paragraph = NodeRef::<leptos::html::P>::new();
    let press = move |_| {
        let list = paragraph
            .get_untracked()
            .and_then(|p| p.previous_element_sibling());
        drawn.set(1);
        grow(drawn, slices);
        // The button is gone: the focus goes to the first item it brought, drawn by now.
        request_animation_frame(move || {
            if let Some(first_new) = list.and_then(|l| l.children().item(first as u32)) {
                focus_into(&first_new);
            }
        });
    };
    let (n, all) = (count(rest), count(total));
    let hidden = move || rest != 0 && drawn.get() == 0;
    let more = view! {
        <Show when=hidden>
            <p class="more" node_ref=paragraph>
                <button type="button" on:click=press>
                    {let (n, all) = (n.clone(), all.clone());
                     move || nav.fill(button, &[("n", &n), ("total", &all)])}
                </button>
            </p>
        </Show>
    };
    (drawn, more)
}

/// Draws one more slice in the next animation frame, until all are drawn (or the list is
/// gone: a new input disposes its signal).
fn grow(drawn: RwSignal<usize>, slices: usize) {
    request_animation_frame(move || {
        let Some(now) = drawn.try_get_untracked() else {
            return;
        };
        if now < slices {
            drawn.set(now + 1);
            grow(drawn, slices);
        }
    });
}

/// Focuses the first control inside `element`, or the element itself.
fn focus_into(element: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let target = element
        .query_selector("summary, button, a[href], [tabindex]")
        .ok()
        .flatten()
        .unwrap_or_else(|| {
            let _ = element.set_attribute("tabindex", "-1");
            element.clone()
        });
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = target.focus();
    }
}
