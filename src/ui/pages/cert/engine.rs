//! The page's end of the certificate engine: send a [`Request`], get an [`Answer`] later.
//!
//! In the published build the engine runs in a Web Worker (`cert-worker`, built by Trunk
//! from `src/bin/cert-worker.rs`, started by `static/cert-worker-start.js`), fetched the
//! first time the padlock page needs it. The
//! first load then carries no X.509 parser, no signature code and no root set, and an
//! analysis that fails or takes long cannot freeze the page: a worker that dies is
//! reported ([`Failure::Crashed`]) and a fresh one starts with the next request, and a new
//! input never waits long behind an old one: a worker still busy with earlier work
//! [`REPLACE_AFTER`] after a new input was sent is stopped, and a fresh one reads the new
//! input ([`Engine::send_input`]).
//!
//! The worker is fetched when the reader shows an intent to give input (the paste box or
//! a sample button gets the focus or is pressed, a file is dragged in:
//! [`Engine::warm_up`]), so that its start-up (a few hundred milliseconds for its module)
//! is over before the first input comes; merely opening the page fetches nothing.
//!
//! Native builds (unit tests) and the browser component tests (feature `self-contained`)
//! run the same [`Session`](crate::cert::session::Session) in-process instead, through the
//! same encoded messages, so only the `postMessage` transport is left to the end-to-end
//! tests.

use std::rc::Rc;
use std::time::Duration;

use crate::cert::session::{Request, Response};

/// How long a new input may wait behind earlier work before the busy worker is replaced.
/// Each analysis is bounded (see `crate::cert::signature::MAX_SIGNATURE_WORK` and
/// `crate::cert::input::MAX_BLOCKS`), but earlier work is moot once the reader gives a
/// new input. The wait is not zero so that a burst of input events (typing, or a paste
/// that arrives line by line) does not start a worker for each; replacing only costs the
/// worker's start-up (its module is cached).
pub const REPLACE_AFTER: Duration = Duration::from_millis(400);

/// Why no response came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The engine could not be started (the worker file is missing, or the browser has no
    /// Web Workers).
    Unavailable,
    /// The engine stopped while working on the input.
    Crashed,
}

/// What comes back for a request.
pub type Answer = Result<Response, Failure>;

/// The engine as the page sees it.
pub struct Engine {
    imp: imp::Engine,
}

impl Engine {
    /// An engine that hands every answer to `on_answer` (in request order), and calls
    /// `on_replaced` when a busy worker was stopped so that a new input need not wait.
    pub fn new(on_answer: impl Fn(Answer) + 'static, on_replaced: impl Fn() + 'static) -> Engine {
        Engine {
            imp: imp::Engine::new(Rc::new(on_answer), Rc::new(on_replaced)),
        }
    }

    /// Starts the engine if none runs, so that the first request need not wait for its
    /// start-up. Nothing is answered: an engine that cannot start says so when a request
    /// needs it.
    pub fn warm_up(&self) {
        self.imp.warm_up();
    }

    /// Sends one request; its answer arrives through `on_answer`.
    pub fn send(&self, request: &Request) {
        self.imp
            .send(Message::new(crate::cert::session::encode(request)));
    }

    /// Sends a new input, which makes every earlier request moot: requests still waiting
    /// for the worker to start are dropped, and if the worker is still busy with earlier
    /// work [`REPLACE_AFTER`] later, it is stopped and a fresh one reads the new input (an
    /// input that keeps the engine busy cannot hold the next one hostage). Requests sent
    /// after this one (a new date or host) go to the fresh worker too.
    pub fn send_input(&self, request: &Request) {
        self.imp
            .send_input(Message::new(crate::cert::session::encode(request)));
    }

    /// [`Engine::send_input`] for a `Parse` request whose last input is a long paste,
    /// given as the browser holds its text: the worker makes it UTF-8
    /// (`Session::handle_bytes_with_input`), so this thread never copies it.
    pub fn send_input_with_text(&self, request: &Request, text: js_sys::JsString) {
        self.imp.send_input(Message {
            request: crate::cert::session::encode(request),
            text: Some(text),
        });
    }
}

/// A request as it goes to the engine: encoded, and for a long paste the paste's text
/// beside it.
#[derive(Clone)]
struct Message {
    request: Vec<u8>,
    text: Option<js_sys::JsString>,
}

impl Message {
    fn new(request: Vec<u8>) -> Message {
        Message {
            request,
            text: None,
        }
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "self-contained"))]
mod imp {
    //! In-process: the session runs right here, on encoded messages all the same.

    use std::cell::RefCell;
    use std::rc::Rc;

    use super::{Answer, Failure, Message};
    use crate::cert::session::{Gathering, Session, decode_response};

    pub struct Engine {
        session: RefCell<Session>,
        on_answer: Rc<dyn Fn(Answer)>,
    }

    impl Engine {
        pub fn new(on_answer: Rc<dyn Fn(Answer)>, _on_replaced: Rc<dyn Fn()>) -> Engine {
            Engine {
                session: RefCell::new(Session::new()),
                on_answer,
            }
        }

        pub fn send(&self, message: Message) {
            let messages = match message.text {
                None => self.session.borrow_mut().handle_bytes(&message.request),
                Some(text) => {
                    let input = crate::ui::utf8::bytes_of(&text);
                    self.session
                        .borrow_mut()
                        .handle_bytes_with_input(&message.request, input)
                }
            };
            (self.on_answer)(Gathering::whole(&messages).ok_or(Failure::Crashed));
            let after = self.session.borrow_mut().follow_up_bytes();
            for bytes in after {
                match decode_response(&bytes) {
                    Some(crate::cert::session::Response::Settled { .. }) => {}
                    answer => (self.on_answer)(answer.ok_or(Failure::Crashed)),
                }
            }
        }

        /// In-process, every request is answered before `send` returns: never busy.
        pub fn send_input(&self, message: Message) {
            self.send(message);
        }

        /// In-process, the session is always there.
        pub fn warm_up(&self) {}
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "self-contained")))]
mod imp {
    //! In a Web Worker. The worker says "ready" once its module is running; requests sent
    //! before that wait in a queue (a message posted too early would be lost).

    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    use super::{Answer, Failure, Message};
    use crate::cert::session::{Gathering, Refusal, Response, decode_response};

    include!(concat!(env!("OUT_DIR"), "/version.rs"));

    /// The worker's start-up script, relative to the page (static/cert-worker-start.js).
    /// The worker's files have fixed names; the build's version in the address keeps a
    /// cached copy from another build away.
    fn worker_script() -> String {
        format!("cert-worker-start.js?v={BUILD_VERSION}")
    }
    /// What the worker posts once it listens.
    const READY: &str = "ready";
    /// What the start-up script posts when the module could not load.
    const FAILED: &str = "failed";

    struct Running {
        worker: web_sys::Worker,
        /// Requests waiting for "ready"; `None` once it came.
        waiting: Option<Vec<Message>>,
        /// Requests sent (or queued) and not yet answered.
        unanswered: Rc<Cell<usize>>,
        _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    /// What the engine and its watchdog timer share.
    struct Shared {
        running: Rc<RefCell<Option<Running>>>,
        on_answer: Rc<dyn Fn(Answer)>,
        on_replaced: Rc<dyn Fn()>,
        /// The last input and the last request sent after it: what a fresh worker is
        /// given when a busy one is replaced.
        replay: RefCell<Vec<Message>>,
        /// Which watchdog timer is the current one (an earlier one, when it fires, does
        /// nothing).
        watch: Cell<u64>,
    }

    pub struct Engine {
        shared: Rc<Shared>,
    }

    impl Engine {
        pub fn new(on_answer: Rc<dyn Fn(Answer)>, on_replaced: Rc<dyn Fn()>) -> Engine {
            Engine {
                shared: Rc::new(Shared {
                    running: Rc::new(RefCell::new(None)),
                    on_answer,
                    on_replaced,
                    replay: RefCell::new(Vec::new()),
                    watch: Cell::new(0),
                }),
            }
        }

        pub fn send(&self, message: Message) {
            {
                let mut replay = self.shared.replay.borrow_mut();
                if !replay.is_empty() {
                    replay.truncate(1);
                    replay.push(message.clone());
                }
            }
            deliver(&self.shared, message);
        }

        pub fn warm_up(&self) {
            if self.shared.running.borrow().is_some() {
                return;
            }
            let running = start(&self.shared.running, &self.shared.on_answer);
            *self.shared.running.borrow_mut() = running;
        }

        pub fn send_input(&self, message: Message) {
            *self.shared.replay.borrow_mut() = vec![message.clone()];
            let busy = match self.shared.running.borrow_mut().as_mut() {
                None => false,
                // Not started yet: what waits is moot, and nothing is being worked on.
                Some(running) => match running.waiting.as_mut() {
                    Some(queue) => {
                        queue.clear();
                        running.unanswered.set(0);
                        false
                    }
                    None => running.unanswered.get() > 0,
                },
            };
            deliver(&self.shared, message);
            if busy {
                watch(&self.shared);
            }
        }
    }

    /// Hands a request to the worker, starting one if none runs.
    fn deliver(shared: &Shared, message: Message) {
        if shared.running.borrow().is_none() {
            match start(&shared.running, &shared.on_answer) {
                Some(running) => *shared.running.borrow_mut() = Some(running),
                None => return (shared.on_answer)(Err(Failure::Unavailable)),
            }
        }
        let mut slot = shared.running.borrow_mut();
        let Some(running) = slot.as_mut() else { return };
        running
            .unanswered
            .set(running.unanswered.get().saturating_add(1));
        match running.waiting.as_mut() {
            Some(queue) => queue.push(message),
            None => post(&running.worker, &message),
        }
    }

    /// A new input went to a busy worker: if it is still busy after
    /// [`super::REPLACE_AFTER`] (and no newer input came meanwhile), it is stopped and a
    /// fresh one is given the new input.
    fn watch(shared: &Rc<Shared>) {
        let this = shared.watch.get().wrapping_add(1);
        shared.watch.set(this);
        let shared = Rc::downgrade(shared);
        leptos::prelude::set_timeout(
            move || {
                let Some(shared) = shared.upgrade() else {
                    return;
                };
                let still_busy = shared.running.borrow().as_ref().is_some_and(|running| {
                    running.waiting.is_none() && running.unanswered.get() > 0
                });
                if shared.watch.get() != this || !still_busy {
                    return;
                }
                retire(shared.running.borrow_mut().take());
                let replay = shared.replay.borrow().clone();
                for message in replay {
                    deliver(&shared, message);
                }
                (shared.on_replaced)();
            },
            super::REPLACE_AFTER,
        );
    }

    impl Drop for Engine {
        fn drop(&mut self) {
            retire(self.shared.running.borrow_mut().take());
        }
    }

    /// Stops a worker for good. Its handlers are detached first; the closures themselves
    /// are freed on the browser's next turn, as one of them may be the code running now.
    fn retire(running: Option<Running>) {
        let Some(running) = running else { return };
        running.worker.set_onmessage(None);
        running.worker.set_onerror(None);
        running.worker.terminate();
        wasm_bindgen_futures::spawn_local(async move { drop(running) });
    }

    /// Posts a message: its encoded request as bytes, handing over their buffer; with a
    /// long paste's text, the pair `[bytes, text]` (a string is copied as it is, without
    /// being encoded here: src/bin/cert-worker.rs).
    fn post(worker: &web_sys::Worker, message: &Message) {
        let bytes = js_sys::Uint8Array::from(message.request.as_slice());
        let transfer = js_sys::Array::of1(&bytes.buffer());
        // Posting to a live worker does not fail; a dead one reports through onerror.
        let _ = match &message.text {
            None => worker.post_message_with_transfer(&bytes, &transfer),
            Some(text) => {
                worker.post_message_with_transfer(&js_sys::Array::of2(&bytes, text), &transfer)
            }
        };
    }

    /// An answer this long (encoded), or one that came in parts, is handed to the page in a
    /// task of its own, after the task that decoded it: for 2,000 certificates (a 4 MB
    /// answer) decoding the reading and drawing its verdict in one task took 63–94 ms of the
    /// page's thread. Debian's root bundle answers in 293 KB, the certificate with 10,000
    /// names in 404 KB (measured); a reading whose certificates hold more than
    /// [`crate::cert::session::PART_DER`] bytes of DER comes in parts, each decoded in the
    /// task its message arrives in.
    const LONG_ANSWER: usize = 512 * 1024;

    /// Hands a worker's answers and failures to the page in the order they came; one after
    /// a long answer waits for it.
    #[derive(Clone)]
    struct InOrder {
        answer: Rc<dyn Fn(Answer)>,
        /// Answers waiting for their own task.
        waiting: Rc<Cell<usize>>,
    }

    impl InOrder {
        fn give(&self, answer: Answer, own_task: bool) {
            if !own_task && self.waiting.get() == 0 {
                return (self.answer)(answer);
            }
            self.waiting.set(self.waiting.get().saturating_add(1));
            let this = self.clone();
            // Timers of equal delay run in the order they were set.
            leptos::prelude::set_timeout(
                move || {
                    this.waiting.set(this.waiting.get().saturating_sub(1));
                    (this.answer)(answer);
                },
                std::time::Duration::ZERO,
            );
        }
    }

    fn start(
        slot: &Rc<RefCell<Option<Running>>>,
        on_answer: &Rc<dyn Fn(Answer)>,
    ) -> Option<Running> {
        let worker = web_sys::Worker::new(&worker_script()).ok()?;
        let unanswered = Rc::new(Cell::new(0_usize));
        let in_order = InOrder {
            answer: Rc::clone(on_answer),
            waiting: Rc::new(Cell::new(0)),
        };

        let message_slot = Rc::clone(slot);
        let answered = Rc::clone(&unanswered);
        let answer = in_order.clone();
        // A long answer's parts, each decoded in the task its message came in, kept until
        // the answer that ends them (`Gathering`); then it is handed on as a long one.
        let mut gathering = Gathering::default();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                let word = data.as_string();
                if word.as_deref() == Some(READY) {
                    let mut slot = message_slot.borrow_mut();
                    if let Some(running) = slot.as_mut() {
                        for message in running.waiting.take().unwrap_or_default() {
                            post(&running.worker, &message);
                        }
                    }
                    return;
                }
                if word.as_deref() == Some(FAILED) {
                    retire(message_slot.borrow_mut().take());
                    // Started ahead of any request (`warm_up`): said when one needs it.
                    if answered.get() > 0 {
                        answer.give(Err(Failure::Unavailable), false);
                    }
                    return;
                }
                let bytes = js_sys::Uint8Array::new(&data).to_vec();
                let long = bytes.len() > LONG_ANSWER;
                let response = decode_response(&bytes);
                // A request is pending until the worker says it is settled (after its
                // answer, and after a correction if one follows): only then is the worker
                // free for the next input.
                if let Some(Response::Settled { .. }) = response {
                    answered.set(answered.get().saturating_sub(1));
                    return;
                }
                match response {
                    // A worker of another version of the page (a stale cached copy) cannot
                    // read our requests, nor we its answers: as good as none. The next
                    // request starts a fresh one.
                    None
                    | Some(Response::Refused {
                        why: Refusal::Undecodable,
                        ..
                    }) => {
                        retire(message_slot.borrow_mut().take());
                        answer.give(Err(Failure::Crashed), false);
                    }
                    Some(response) => {
                        let gathered = gathering.holds_parts();
                        if let Some(response) = gathering.take(response) {
                            answer.give(Ok(response), long || gathered);
                        }
                    }
                }
            },
        );

        let error_slot = Rc::clone(slot);
        let answer = in_order;
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            // Handled here: the page says what happened in words.
            event.prevent_default();
            // A worker that never said "ready" could not start; one that did has died.
            // Either way it is dropped, and the next request starts a fresh one.
            let running = error_slot.borrow_mut().take();
            let failure = match &running {
                None => return,
                Some(r) if r.waiting.is_some() => Failure::Unavailable,
                Some(_) => Failure::Crashed,
            };
            // Started ahead of any request (`warm_up`): said when one needs it.
            let pending = running.as_ref().is_some_and(|r| r.unanswered.get() > 0);
            retire(running);
            if pending {
                answer.give(Err(failure), false);
            }
        });

        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Running {
            worker,
            waiting: Some(Vec::new()),
            unanswered,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}
