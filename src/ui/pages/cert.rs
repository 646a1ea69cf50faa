//! The padlock explainer (#/cert): paste certificates, see who vouches for whom and what a
//! browser would decide.
//!
//! The page holds no X.509 logic: the certificate engine ([`engine`], a Web Worker in the
//! published build) parses each input once and judges it again on every change of host,
//! date or trusted roots; the components only turn the owned report into words and
//! pictures. The URL carries the sample, host and
//! date (`#/cert?sample=expired&host=…&at=2020-04-22`), so every state can be linked.
//!
//! Files: [`engine`] (the worker, or the engine in-process in tests), [`explain`] (engine
//! codes → words, samples), [`input`] (paste, files, drop,
//! samples, the private-key warning), [`verdict`], [`chain`] (the picture), [`controls`]
//! (host, date), [`details`] (fields, fingerprints, bytes), [`lessons`] (TLS, then and now,
//! how to get a certificate, terms).

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::cert::Report;
use crate::cert::compare::{Comparison, Side, compare as compare_chains};
use crate::cert::session::{Judging, Parsed, Request, Response};
use crate::ui::i18n::k;
use crate::ui::route::Location;
use crate::ui::{Nav, use_nav};
use engine::{Answer, Engine, Failure};

/// The page's shortcuts, for the `?` dialog (crate::ui::keys).
pub const SHORTCUTS: &[crate::ui::i18n::Key] = &[k::cert::controls::key_slider];

pub mod chain;
pub mod charts;
pub mod compare;
pub mod controls;
pub mod details;
pub mod documents;
pub mod engine;
pub mod explain;
pub mod geometry;
pub mod input;
pub mod lessons;
pub mod longlist;
pub mod verdict;

/// An input with more certificates than this has its verdict line drawn first, and the
/// rest (the other programs' answers and the findings under it, then the date and host,
/// the charts, the chain, every certificate's details) in a task after the browser has
/// painted the verdict: for a root bundle that is most of the drawing, and the verdict
/// need not wait for it.
const VERDICT_FIRST_FROM: usize = 10;

/// URL keys this page owns.
pub const SAMPLE: &str = "sample";
pub const HOST: &str = "host";
pub const AT: &str = "at";

/// A value compared by identity, so memos of big reports never compare them field by field.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where the current input came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Nothing,
    Pasted,
    /// A paste too long to keep in the box (its length in bytes).
    LargePaste(usize),
    Sample(&'static str),
    /// Files the reader chose, by name.
    Files(Vec<String>),
}

/// The page's state, shared by its parts through context.
#[derive(Clone, Copy)]
pub struct CertState {
    pub nav: Nav,
    /// What was read from the current input (replaced once per input).
    pub parsed: RwSignal<Option<Shared<Parsed>>>,
    pub source: RwSignal<Source>,
    /// A sample is being fetched, or it failed.
    pub loading: RwSignal<bool>,
    pub load_failed: RwSignal<bool>,
    /// The engine is working on a request whose answer the page waits for.
    pub working: RwSignal<bool>,
    /// A new input is being read: what is shown belongs to the previous one.
    pub reading: RwSignal<bool>,
    /// The engine could not start, or stopped on the last input.
    pub engine_failed: RwSignal<Option<Failure>>,
    /// The engine was still busy with earlier work when the input being read came, and
    /// was replaced so that this input need not wait.
    pub stopped_busy: RwSignal<bool>,
    /// A private key was found (and removed from the paste box).
    pub key_pasted: RwSignal<bool>,
    /// What the paste box held after a private key was removed from it.
    pub key_left: StoredValue<Option<String>>,
    /// Certificates (input order) the reader chose to trust as roots.
    pub trusted: RwSignal<Vec<usize>>,
    /// The time the page opened, seconds (the UI owns the clock).
    pub now: i64,
    /// The host from the URL.
    pub host: Memo<Option<String>>,
    /// The "as of" time: the URL's date, else now.
    pub at: Memo<i64>,
    /// The latest judgement the engine answered (of `parsed`, for the host, date and
    /// roots asked for last, once `working` is false).
    pub report: RwSignal<Option<Shared<Report>>>,
    /// The older chain the reader compares the input with (a renewal), as pasted.
    pub old_input: StoredValue<Option<Vec<Vec<u8>>>>,
    /// The engine's comparison with it: `Some(None)` when it held no certificate.
    pub comparison: RwSignal<Option<Shared<Option<Comparison>>>>,
    /// Whether the parts below the verdict show the input read last (false for the moment
    /// between a large input's verdict and the rest: see `VERDICT_FIRST_FROM`).
    pub below_verdict: RwSignal<bool>,
    engine: StoredValue<Engine, LocalStorage>,
    requests: StoredValue<Requests>,
}

/// Request ids: the last one sent, the newest whose answer was shown, and the last new
/// input. Answers to older requests, and to anything asked before the last new input, are
/// dropped, so a slow answer never overwrites a newer one. Pure bookkeeping, tested
/// natively below; the state around it only sends and shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Requests {
    sent: u32,
    shown: u32,
    last_parse: u32,
    /// Where the last new input came from (decides the private-key warning).
    last_parse_from_files: bool,
    /// Whether the engine holds an input to judge again.
    has_input: bool,
}

/// What to do with an answer that arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arrival {
    /// Show it; `last` when no newer request is on its way.
    Show { last: bool },
    /// Drop it: a newer answer was shown, or it belongs to an input replaced since.
    Stale,
}

impl Requests {
    /// A request is about to be sent: its id.
    fn send(&mut self) -> u32 {
        self.sent += 1;
        self.sent
    }

    /// A new input is about to be sent for parsing: its id.
    fn send_input(&mut self, from_files: bool) -> u32 {
        let id = self.send();
        self.has_input = true;
        self.last_parse = id;
        self.last_parse_from_files = from_files;
        id
    }

    /// The input was forgotten: every answer still on its way is stale.
    fn forget_input(&mut self) {
        let id = self.send();
        self.shown = id;
        self.last_parse = id;
        self.has_input = false;
    }

    /// Whether an answer is awaited (the page shows "Reading…" meanwhile).
    fn waiting(&self) -> bool {
        self.shown < self.sent
    }

    /// The answer to request `id` arrived.
    fn arrive(&mut self, id: u32) -> Arrival {
        if id <= self.shown || id < self.last_parse || id > self.sent {
            return Arrival::Stale;
        }
        self.shown = id;
        Arrival::Show {
            last: id == self.sent,
        }
    }

    /// Whether a correction of the answer to `id` applies: it answered the input still
    /// held, and was shown.
    fn corrects(&self, id: u32) -> bool {
        id == self.last_parse && id <= self.shown
    }

    /// The engine failed: it held the input, which is gone with it.
    fn engine_lost(&mut self) {
        self.shown = self.sent;
        self.has_input = false;
    }
}

impl CertState {
    /// Rewrites one URL key (or removes it), without a history entry.
    pub fn set_query(&self, key: &str, value: Option<&str>) {
        let current: Location = self.nav.location.get_untracked();
        let mut next = current.clone();
        match value {
            Some(v) if !v.is_empty() => next.query.set(key, v),
            _ => next.query.remove(key),
        }
        if next != current {
            self.nav.replace(&next);
        }
    }

    /// How to judge now (host, date, trusted roots), read without tracking.
    fn judging(&self) -> Judging {
        Judging {
            at: self.at.get_untracked(),
            host: self.host.get_untracked(),
            trusted: self.trusted.get_untracked(),
        }
    }

    /// Whether the page this state belongs to is gone (the reader left #/cert while a
    /// file or sample was still being read).
    fn is_gone(&self) -> bool {
        self.engine.is_disposed()
    }

    /// Starts the engine ahead of the first input (the reader is about to give one).
    pub fn warm_up(&self) {
        if !self.is_gone() {
            self.engine.with_value(Engine::warm_up);
        }
    }

    /// Takes new input (each file or paste one entry): the engine parses it once and
    /// judges it; trusted roots from the previous input are forgotten.
    pub fn load(&self, inputs: Vec<Vec<u8>>, source: Source) {
        self.send_input(inputs, None, source);
    }

    /// [`CertState::load`] for a long paste, given as the browser holds its text (the
    /// engine makes it UTF-8 off this thread: `Engine::send_input_with_text`).
    pub fn load_with_text(&self, text: js_sys::JsString, source: Source) {
        self.send_input(Vec::new(), Some(text), source);
    }

    fn send_input(&self, inputs: Vec<Vec<u8>>, text: Option<js_sys::JsString>, source: Source) {
        if self.is_gone() {
            return;
        }
        if !self.trusted.with_untracked(Vec::is_empty) {
            self.trusted.set(Vec::new());
        }
        let from_files = matches!(source, Source::Files(_));
        self.source.set(source);
        // A comparison belongs to the input it was made with.
        self.old_input.set_value(None);
        self.comparison.set(None);
        self.engine_failed.set(None);
        self.working.set(true);
        self.reading.set(true);
        let mut id = 0;
        self.requests
            .update_value(|r| id = r.send_input(from_files));
        let request = Request::Parse {
            id,
            inputs,
            judging: self.judging(),
        };
        self.stopped_busy.set(false);
        self.engine.with_value(|e| match text {
            None => e.send_input(&request),
            Some(text) => e.send_input_with_text(&request, text),
        });
    }

    /// Forgets the input (an emptied paste box).
    pub fn unload(&self) {
        if self.is_gone() {
            return;
        }
        self.requests.update_value(Requests::forget_input);
        self.reading.set(false);
        self.parsed.set(None);
        self.report.set(None);
        self.source.set(Source::Nothing);
        self.working.set(false);
        self.engine_failed.set(None);
    }

    /// Judges the held input again (host, date or trusted roots changed).
    fn rejudge(&self) {
        if self.is_gone() || !self.requests.with_value(|r| r.has_input) {
            return;
        }
        self.working.set(true);
        let mut id = 0;
        self.requests.update_value(|r| id = r.send());
        let request = Request::Judge {
            id,
            judging: self.judging(),
        };
        self.engine.with_value(|e| e.send(&request));
        // The comparison follows the same host, date and roots.
        if self.old_input.with_value(Option::is_some) {
            self.send_compare();
        }
    }

    /// Compares the held input with an older chain (pasted text or the files' bytes, read
    /// as one input; a private key in text is never sent: the caller has removed it).
    pub fn compare_with(&self, old: Vec<Vec<u8>>) {
        if self.is_gone() || !self.requests.with_value(|r| r.has_input) {
            return;
        }
        self.old_input.set_value(Some(old));
        self.send_compare();
    }

    fn send_compare(&self) {
        let Some(old) = self.old_input.get_value() else {
            return;
        };
        self.working.set(true);
        let mut id = 0;
        self.requests.update_value(|r| id = r.send());
        let request = Request::Compare {
            id,
            old,
            judging: self.judging(),
        };
        self.engine.with_value(|e| e.send(&request));
    }

    /// Shows what was read and its judgement: a large input's verdict first, the parts
    /// below it after the browser has painted it (see [`VERDICT_FIRST_FROM`]).
    fn show_reading(&self, input: Parsed, report: Report) {
        let large = input.certificates().len() > VERDICT_FIRST_FROM;
        if large {
            self.below_verdict.set(false);
        }
        // The page does not read a long paste itself (`take_long_paste`): a private key in
        // it is the engine's finding, and the same warning is shown.
        if matches!(self.source.get_untracked(), Source::LargePaste(_))
            && input
                .input_findings
                .iter()
                .any(|f| f.code() == crate::cert::Code::PrivateKeyPasted)
        {
            self.key_pasted.set(true);
        }
        self.report.set(Some(Shared(Arc::new(report))));
        self.parsed.set(Some(Shared(Arc::new(input))));
        if large {
            let below = self.below_verdict;
            // After the frame that paints the verdict, in a task of its own.
            crate::ui::after_next_frame(move || {
                below.try_set(true);
            });
        }
    }

    /// Shows an answer from the engine, unless a newer one was shown already.
    fn take_answer(&self, answer: Answer) {
        if self.is_gone() {
            return;
        }
        if let Err(failure) = answer {
            // The worker is gone, and with it the input it held. Said only when the page
            // was waiting for it; the next input starts a fresh worker.
            let waiting = self.requests.with_value(Requests::waiting);
            self.requests.update_value(Requests::engine_lost);
            if waiting {
                self.working.set(false);
                self.reading.set(false);
                self.parsed.set(None);
                self.report.set(None);
                self.engine_failed.set(Some(failure));
                // The sample (if any) is not loaded: choosing it again must load it.
                if matches!(self.source.get_untracked(), Source::Sample(_)) {
                    self.set_query(SAMPLE, None);
                }
                self.source.set(Source::Nothing);
            }
            return;
        }
        let Ok(response) = answer else { return };
        // Parts of a long answer are put together before they are handed on (`engine`,
        // `Gathering`): one that came here alone is no answer.
        if let Response::Certificates { .. } = response {
            return;
        }
        if let Response::Corrected { id, input, report } = response {
            // The input shown was read with a self-issued certificate that does not sign
            // itself: its reading with every signature checked replaces it (a judgement
            // asked for since comes after it, as the worker answers in order).
            if self.requests.with_value(|r| r.corrects(id)) {
                self.show_reading(*input, *report);
            }
            return;
        }
        let mut arrival = Arrival::Stale;
        self.requests
            .update_value(|r| arrival = r.arrive(response.id()));
        let Arrival::Show { last } = arrival else {
            return;
        };
        if last {
            self.working.set(false);
        }
        let last_parse_from_files = self.requests.with_value(|r| r.last_parse_from_files);
        match response {
            Response::Parsed { input, report, .. } => {
                // A pasted key is cut out of the box before reading (see `take_paste`);
                // in files it is found by the engine.
                if last_parse_from_files {
                    let key = input
                        .input_findings()
                        .iter()
                        .any(|f| f.code() == crate::cert::Code::PrivateKeyPasted);
                    self.key_pasted.set(key);
                }
                self.show_reading(*input, *report);
                self.reading.set(false);
            }
            Response::Judged { report, .. } => self.report.set(Some(Shared(Arc::new(*report)))),
            Response::Compared { input, report, .. } => {
                // Compared here with what the page shows (`crate::cert::compare`, pure).
                let comparison = self.report.with_untracked(|now| {
                    self.parsed.with_untracked(|parsed| {
                        let (Some(Shared(now)), Some(Shared(parsed))) = (now, parsed) else {
                            return None;
                        };
                        compare_chains(
                            Side {
                                certificates: input.certificates(),
                                report: &report,
                            },
                            Side {
                                certificates: parsed.certificates(),
                                report: now,
                            },
                        )
                    })
                });
                self.comparison.set(Some(Shared(Arc::new(comparison))));
            }
            // Nothing to show for a refusal; a correction was applied above.
            Response::Refused { .. }
            | Response::Corrected { .. }
            | Response::Settled { .. }
            | Response::Certificates { .. } => {}
        }
    }
}

/// Fixed sentences: the shared text closure (see `pages::text`).
pub use crate::ui::pages::text::tr;

/// Reads the context set up by [`CertPage`].
pub fn use_cert() -> CertState {
    expect_context::<CertState>()
}

fn clock_now() -> i64 {
    // Milliseconds to whole seconds.
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The padlock explainer page.
#[component]
pub fn CertPage() -> impl IntoView {
    let nav = use_nav();
    let now = clock_now();
    let host = Memo::new(move |_| {
        nav.location
            .with(|l| l.query.get(HOST).map(str::trim).map(str::to_owned))
            .filter(|h| !h.is_empty())
    });
    let at = Memo::new(move |_| {
        nav.location
            .with(|l| l.query.get(AT).and_then(explain::parse_at))
            .unwrap_or(now)
    });
    // The engine answers through a cell filled right below: answers need the state, and
    // the state holds the engine.
    let answers: Rc<OnceCell<CertState>> = Rc::new(OnceCell::new());
    let to_state = Rc::clone(&answers);
    let replaced_in = Rc::clone(&answers);
    let engine = Engine::new(
        move |answer| {
            if let Some(state) = to_state.get() {
                state.take_answer(answer);
            }
        },
        move || {
            if let Some(state) = replaced_in.get().filter(|s| !s.is_gone()) {
                state.stopped_busy.set(state.reading.get_untracked());
            }
        },
    );
    let state = CertState {
        nav,
        parsed: RwSignal::new(None),
        source: RwSignal::new(Source::Nothing),
        loading: RwSignal::new(false),
        load_failed: RwSignal::new(false),
        working: RwSignal::new(false),
        reading: RwSignal::new(false),
        engine_failed: RwSignal::new(None),
        stopped_busy: RwSignal::new(false),
        key_pasted: RwSignal::new(false),
        key_left: StoredValue::new(None),
        trusted: RwSignal::new(Vec::new()),
        now,
        host,
        at,
        report: RwSignal::new(None),
        old_input: StoredValue::new(None),
        comparison: RwSignal::new(None),
        below_verdict: RwSignal::new(true),
        engine: StoredValue::new_local(engine),
        requests: StoredValue::new(Requests::default()),
    };
    let _ = answers.set(state);
    provide_context(state);
    // A new host, date or trusted root: judge the same input again.
    Effect::watch(
        move || (at.get(), host.get(), state.trusted.get()),
        move |_, _, _| state.rejudge(),
        false,
    );

    let has_certs = move || {
        state
            .parsed
            .with(|p| p.as_ref().is_some_and(|p| !p.certificates().is_empty()))
    };

    view! {
        <h1>{tr(k::cert::heading)}</h1>
        <p class="lead">{tr(k::cert::lead)}</p>
        <input::InputPanel/>
        <verdict::Verdict/>
        <documents::Documents/>
        <Show when=move || has_certs() && state.below_verdict.get()>
            <controls::Controls/>
            <charts::ValidityChart/>
            <chain::ChainView/>
            <details::AllDetails/>
            <compare::CompareView/>
        </Show>
        <lessons::Lessons/>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{Arrival, Requests};

    #[test]
    fn answers_out_of_order_never_replace_newer_ones() {
        let mut r = Requests::default();
        let parse = r.send_input(false);
        let judge_a = r.send();
        let judge_b = r.send();
        assert!(r.waiting());
        // The newest arrives first and is shown; the older ones after it are dropped.
        assert_eq!(r.arrive(judge_b), Arrival::Show { last: true });
        assert_eq!(r.arrive(judge_a), Arrival::Stale);
        assert_eq!(r.arrive(parse), Arrival::Stale);
        assert!(!r.waiting());
    }

    #[test]
    fn answers_in_order_are_all_shown_and_the_last_ends_the_wait() {
        let mut r = Requests::default();
        let parse = r.send_input(true);
        let judge = r.send();
        assert_eq!(r.arrive(parse), Arrival::Show { last: false });
        assert!(r.waiting());
        assert_eq!(r.arrive(judge), Arrival::Show { last: true });
        assert!(r.last_parse_from_files);
    }

    #[test]
    fn answers_about_a_replaced_or_forgotten_input_are_dropped() {
        let mut r = Requests::default();
        let _first = r.send_input(false);
        let old_judge = r.send();
        let second = r.send_input(false);
        // A judgement of the first input, arriving after the second was sent.
        assert_eq!(r.arrive(old_judge), Arrival::Stale);
        assert_eq!(r.arrive(second), Arrival::Show { last: true });
        // Emptied box: what was on its way is stale.
        let judge = r.send();
        r.forget_input();
        assert!(!r.has_input);
        assert_eq!(r.arrive(judge), Arrival::Stale);
        // An id never sent (a confused worker) is not shown either.
        assert_eq!(r.arrive(r.sent + 5), Arrival::Stale);
    }

    #[test]
    fn a_lost_engine_ends_the_wait_and_forgets_the_input() {
        let mut r = Requests::default();
        let parse = r.send_input(false);
        r.engine_lost();
        assert!(!r.waiting() && !r.has_input);
        assert_eq!(r.arrive(parse), Arrival::Stale);
    }
}
