//! The padlock explainer (#/cert): paste certificates, see who vouches for whom and what a
//! browser would decide.
//!
//! The page holds no X.509 logic: [`crate::cert::Analysis`] parses each input once and
//! judges it again on every change of host, date or trusted roots; the components only
//! turn the owned report into words and pictures. The URL carries the sample, host and
//! date (`#/cert?sample=expired&host=…&at=2020-04-22`), so every state can be linked.
//!
//! Files: [`explain`] (engine codes → words, samples), [`input`] (paste, files, drop,
//! samples, the private-key warning), [`verdict`], [`chain`] (the picture), [`controls`]
//! (host, date), [`details`] (fields, fingerprints, bytes), [`lessons`] (TLS, then and now,
//! how to get a certificate, terms).

use std::sync::Arc;

use leptos::prelude::*;

use crate::cert::{Analysis, Options, Report, UnixTime};
use crate::ui::i18n::k;
use crate::ui::route::Location;
use crate::ui::{Nav, use_nav};

pub mod chain;
pub mod controls;
pub mod details;
pub mod explain;
pub mod input;
pub mod lessons;
pub mod verdict;

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
    Files(String),
}

/// The page's state, shared by its parts through context.
#[derive(Clone, Copy)]
pub struct CertState {
    pub nav: Nav,
    /// The parsed input (parsed once per input).
    pub analysis: RwSignal<Option<Shared<Analysis>>>,
    pub source: RwSignal<Source>,
    /// A sample is being fetched, or it failed.
    pub loading: RwSignal<bool>,
    pub load_failed: RwSignal<bool>,
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
    /// The judgement of the current input.
    pub report: Memo<Option<Shared<Report>>>,
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

    /// Takes a new input: parse once, forget trusted roots from the previous one.
    pub fn load(&self, analysis: Analysis, source: Source) {
        self.trusted.set(Vec::new());
        self.analysis.set(Some(Shared(Arc::new(analysis))));
        self.source.set(source);
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
    let analysis = RwSignal::new(None::<Shared<Analysis>>);
    let trusted = RwSignal::new(Vec::<usize>::new());
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
    let report = Memo::new(move |_| {
        let analysis = analysis.get()?;
        let extra_anchors =
            trusted.with(|t| t.iter().filter_map(|&i| analysis.anchor(i)).collect());
        let options = Options {
            at: UnixTime(at.get()),
            host: host.get(),
            extra_anchors,
            mozilla_roots: true,
        };
        Some(Shared(Arc::new(analysis.judge(&options))))
    });
    let state = CertState {
        nav,
        analysis,
        source: RwSignal::new(Source::Nothing),
        loading: RwSignal::new(false),
        load_failed: RwSignal::new(false),
        key_pasted: RwSignal::new(false),
        key_left: StoredValue::new(None),
        trusted,
        now,
        host,
        at,
        report,
    };
    provide_context(state);

    let has_certs = move || {
        state
            .analysis
            .with(|a| a.as_ref().is_some_and(|a| !a.certificates().is_empty()))
    };

    view! {
        <h1>{tr(k::cert::heading)}</h1>
        <p class="lead">{tr(k::cert::lead)}</p>
        <input::InputPanel/>
        <verdict::Verdict/>
        <Show when=has_certs>
            <controls::Controls/>
            <chain::ChainView/>
            <details::AllDetails/>
        </Show>
        <lessons::Lessons/>
    }
}
