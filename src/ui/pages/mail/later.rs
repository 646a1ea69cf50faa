//! The mail page's parts that may come after the rest of it: the ones [`Parts`] lists.
//!
//! They are most of the page's own views and none of its first screen, so the mail program
//! fetches them as a WebAssembly module of their own after the page: the program's
//! entry point (`src/bin/imasara-mail.rs`) marks one function as the split point, whose
//! answer is [`PARTS`], and the build (`scripts/build-mail.sh`) splits the program there
//! with wasm-split, the tool behind Leptos's `#[lazy]` (the split point's import is
//! resolved to a loader that fetches the second module into the same memory). The page
//! holds only this table's address, and asks for it when the first part's place is drawn
//! (a teacher's link may leave every part out): until it arrives, each place is empty; if it
//! cannot be fetched, the page says so and offers to try again, and the rest of the page
//! works as before.
//!
//! Where there is nothing to fetch (the whole site as one program, for the component
//! tests), [`at_once`] hands the table over without a fetch.
//!
//! Only this file may name the parts' components (`FreePlay`, `TimeChart`, `Handout`,
//! `RecordingOpener`, `RecordingBanner`) or [`PARTS`] in the mail program's code: a view
//! that names one directly pulls it, and all it reaches, back into the first module
//! (`make size` would show it: `#/mail`'s first load has a budget).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::chart::{TimeChart, TimeChartProps};
use super::free_play::FreePlay;
use super::handout::Handout;
use super::model::Show;
use super::recording::{Loaded, RecordingBanner, RecordingOpener};
use crate::ui::i18n::k;
use crate::ui::pages::text::tr;

/// The parts, each a function that draws it. Every field is a door into the second
/// module: what only these functions reach is left out of the first.
pub struct Parts {
    /// Free play, the whole section.
    pub free_play: fn() -> AnyView,
    /// The time chart, as [`TimeChart`] takes it.
    pub time_chart: fn(TimeChartProps) -> AnyView,
    /// The "Print handout" button and what the printer gets.
    pub handout: fn(Memo<Show>) -> AnyView,
    /// "Replay a real session": the file picker and drop box.
    pub recording_opener: fn(Callback<Loaded>) -> AnyView,
    /// While a recording plays: what it is and the way back.
    pub recording_banner: fn(Loaded, Callback<()>) -> AnyView,
}

/// The parts themselves.
pub static PARTS: Parts = Parts {
    free_play: || view! { <FreePlay/> }.into_any(),
    time_chart: |props| TimeChart(props).into_any(),
    handout: |show| view! { <Handout show/> }.into_any(),
    recording_opener: |on_open| view! { <RecordingOpener on_open/> }.into_any(),
    recording_banner: |loaded, on_close| view! { <RecordingBanner loaded on_close/> }.into_any(),
};

/// The parts once fetched: `None` if they could not be (a later call tries again).
pub type Fetched = Pin<Box<dyn Future<Output = Option<&'static Parts>>>>;

/// How a page gets [`PARTS`].
pub type Fetch = fn() -> Fetched;

/// [`Fetch`] where the parts are in the program already.
pub fn at_once() -> Fetched {
    Box::pin(std::future::ready(Some(&PARTS)))
}

/// Where the parts are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// No part has been asked for (a teacher's link may show none).
    Idle,
    Fetching,
    /// Fetching again after a failure: the message and its button stay where they are
    /// (the button keeps the keyboard focus).
    Retrying,
    Here(&'static Parts),
    Failed,
}

impl PartialEq for Parts {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for Parts {}

/// The page's handle on its later parts (in the context of the mail page).
#[derive(Clone, Copy)]
pub struct Later {
    state: RwSignal<State>,
    fetch: Fetch,
}

impl Later {
    /// Makes the handle available to the page's components; the first [`part`] drawn
    /// starts the fetch.
    pub fn provide(fetch: Fetch) {
        provide_context(Later {
            state: RwSignal::new(State::Idle),
            fetch,
        });
    }

    fn start(self) {
        let again = self.state.get_untracked() == State::Failed;
        self.state.set(if again {
            State::Retrying
        } else {
            State::Fetching
        });
        leptos::task::spawn_local(async move {
            let state = match (self.fetch)().await {
                Some(parts) => State::Here(parts),
                None => State::Failed,
            };
            // The page may have been left meanwhile.
            let _ = self.state.try_set(state);
        });
    }
}

/// The handle the mail page provided.
pub fn use_later() -> Later {
    expect_context::<Later>()
}

/// The place of one part: empty until the parts are here, then `draw`'s view. Where
/// `say_failure`, a failed fetch is said, with a button that tries again (as the shell
/// says a page's texts did not come: `role="status"`, since two places may say it).
pub fn part(
    draw: impl Fn(&'static Parts) -> AnyView + Send + Sync + 'static,
    say_failure: bool,
) -> impl IntoView {
    let later = use_later();
    if later.state.get_untracked() == State::Idle {
        later.start();
    }
    move || match later.state.get() {
        State::Idle | State::Fetching => ().into_any(),
        State::Here(parts) => draw(parts),
        state @ (State::Failed | State::Retrying) if say_failure => {
            let busy = (state == State::Retrying).then_some("true");
            view! {
                <div class="later-failed" role="status" aria-busy=busy>
                    <p>{tr(k::mail::later_failed)}</p>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            if later.state.get_untracked() == State::Failed {
                                later.start();
                            }
                        }
                    >
                        {tr(k::shell::page_retry)}
                    </button>
                </div>
            }
            .into_any()
        }
        State::Failed | State::Retrying => ().into_any(),
    }
}
