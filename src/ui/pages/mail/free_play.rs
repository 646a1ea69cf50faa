//! Free play: the reader drives a [`Lab`] with buttons (receive, send, send as spammer,
//! let time pass), sets the window, the relay policy and the server software, and types
//! raw POP3, SMTP or submission lines into a console. The lab's clock runs from the
//! reader's first action, at 1×, 10× or 60×, with a pause button; it waits while the reader
//! types in the console, and "Wait 1 minute" and "Jump past the window" still move it at
//! once.

use leptos::prelude::*;

use crate::ui::pages::text::tr;

use super::allowlist::AllowlistView;
use super::chart::TimeChart;
use super::chart::geometry::{Chart, Group};
use super::diagram::{Diagram, NetActor, Packet};
use super::model::{self, Decision, LineView, SPEEDS};
use super::transcript::Transcript;
use crate::mail::recording::{self, Header, Recording, Source};
use crate::mail::scenario::{Action, SendStyle};
use crate::mail::{
    ActorId, ConnId, Era, Event, Flavour, Lab, MINUTE, RelayPolicy, SECOND, ServerConfig, Service,
    closes, server_lines,
};
use crate::ui::i18n::{Key, k};
use crate::ui::use_nav;

/// Longest console line accepted from the page (the engine refuses over-long lines too).
pub const MAX_CONSOLE_LINE: usize = 512;

/// The server software free play offers, the page's default (2001) first.
pub const FLAVOURS: [Flavour; 5] = [
    Flavour::Postfix2001,
    Flavour::Sendmail811,
    Flavour::Qmail103,
    Flavour::JapaneseIsp,
    Flavour::Postfix311,
];

/// A flavour's name and its note for the reader.
pub fn flavour_keys(flavour: Flavour) -> (Key, Key) {
    match flavour {
        Flavour::Postfix2001 => (
            k::mail::flavour::postfix_2001,
            k::mail::flavour_note::postfix_2001,
        ),
        Flavour::Sendmail811 => (k::mail::flavour::sendmail, k::mail::flavour_note::sendmail),
        Flavour::Qmail103 => (k::mail::flavour::qmail, k::mail::flavour_note::qmail),
        Flavour::JapaneseIsp => (
            k::mail::flavour::japanese_isp,
            k::mail::flavour_note::japanese_isp,
        ),
        Flavour::Postfix311 => (k::mail::flavour::postfix, k::mail::flavour_note::postfix),
    }
}

/// A fresh lab with the given window (minutes), policy and server software; the reader's
/// program logs in with SMTP AUTH when the policy asks for it.
pub fn new_lab(window_minutes: u64, policy: RelayPolicy, flavour: Flavour) -> Lab {
    let mut lab = Lab::with_classic_actors(ServerConfig::example().for_flavour(flavour));
    configure(&mut lab, window_minutes, policy);
    lab
}

fn configure(lab: &mut Lab, window_minutes: u64, policy: RelayPolicy) {
    lab.apply(&Action::SetWindow {
        ms: window_minutes.clamp(1, 60) * MINUTE,
    });
    lab.apply(&Action::SetPolicy { policy });
    // Outlook Express (2001) logged in with AUTH LOGIN; today's programs use PLAIN.
    let style = match (policy, lab.server().config().flavour.era()) {
        (RelayPolicy::SmtpAuth, Era::Y2001) => SendStyle::AuthLogin,
        (RelayPolicy::SmtpAuth, Era::Today) => SendStyle::AuthPlain,
        _ => SendStyle::Plain,
    };
    lab.set_send_style(ActorId::Reader, style);
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Console {
    conn: Option<ConnId>,
    actor: ActorId,
    lines: Vec<LineView>,
    closed: bool,
}

/// The free-play section, with its console.
/// A counter that moves in a task of its own once the frame after a change of what `track`
/// reads is drawn ([`crate::ui::after_next_frame`]): a view that reads it is drawn a frame
/// after the change, and changes that come before it is drawn are drawn together.
fn a_frame_after(track: impl Fn() + Send + Sync + 'static) -> RwSignal<u64> {
    let drawn = RwSignal::new(0_u64);
    let due = StoredValue::new(false);
    Effect::new(move |_| {
        track();
        if due.get_value() {
            return;
        }
        due.set_value(true);
        crate::ui::after_next_frame(move || {
            due.try_set_value(false);
            drawn.try_update(|n| *n += 1);
        });
    });
    drawn
}

#[component]
pub fn FreePlay() -> impl IntoView {
    let nav = use_nav();
    let window_minutes = RwSignal::new(10_u64);
    let policy = RwSignal::new(RelayPolicy::PopBeforeSmtp);
    let flavour = RwSignal::new(Flavour::Postfix2001);
    let lab = RwSignal::new(new_lab(
        10,
        RelayPolicy::PopBeforeSmtp,
        Flavour::Postfix2001,
    ));
    // Every action's events, in order: the transcript, the last result and the time chart
    // are read from them.
    let history: RwSignal<Vec<Group>> = RwSignal::new(Vec::new());
    // How many of the earliest actions `history` no longer holds (it keeps the last
    // `model::FREE_PLAY_SHOWN`; the journal below keeps them all).
    let left_out = RwSignal::new(0_usize);
    let next_key = StoredValue::new(0_u64);
    let serial = RwSignal::new(0_u64);
    // Every event of the buttons and the console in the order they happened, for saving
    // free play as a recording.
    let journal: StoredValue<Vec<Event>> = StoredValue::new(Vec::new());
    let save_status: RwSignal<Option<String>> = RwSignal::new(None);
    let log: Memo<Vec<LineView>> = Memo::new(move |_| {
        history.with(|h| {
            h.iter()
                .flat_map(|g| model::lines_of(&g.events, g.actor, g.first_key))
                .collect()
        })
    });
    let last: Memo<Vec<Decision>> = Memo::new(move |_| {
        history.with(|h| {
            h.last()
                .map(|g| model::decisions_of(&g.events))
                .unwrap_or_default()
        })
    });

    // The lab's clock runs on its own once the reader has acted (a countdown that stands
    // still after a login misleads), at 1×, 10× or 60×; the reader can pause it, and it
    // waits while the reader types in the console. Screen readers hear the allowlist's
    // milestones, not every second.
    let started = RwSignal::new(false);
    let paused = RwSignal::new(false);
    let typing = RwSignal::new(false);
    let clock_speed = RwSignal::new(1_u64);
    Effect::new(move |_| {
        if !started.get() || paused.get() || typing.get() {
            return;
        }
        let speed = clock_speed.get();
        let last = StoredValue::new(js_sys::Date::now());
        // Simulated milliseconds not yet given to the lab: it moves a whole second at a
        // time, so the page redraws once a second at 1×.
        let owed = StoredValue::new(0_u64);
        let handle = set_interval_with_handle(
            move || {
                let now = js_sys::Date::now();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let real_ms = (now - last.get_value()).clamp(0.0, 1000.0) as u64;
                last.set_value(now);
                let due = owed
                    .get_value()
                    .saturating_add(real_ms.saturating_mul(speed));
                let whole = due - due % SECOND;
                owed.set_value(due - whole);
                if whole > 0 {
                    lab.update(|l| {
                        l.advance(whole);
                    });
                }
            },
            std::time::Duration::from_millis(250),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });

    let record = move |actor: ActorId, events: Vec<Event>| {
        started.set(true);
        let first = next_key.get_value();
        let lines = events.iter().filter(|e| e.line().is_some()).count();
        next_key.set_value(first.saturating_add(lines as u64));
        serial.update(|s| *s += 1);
        journal.update_value(|j| j.extend(events.iter().cloned()));
        let mut dropped = 0;
        history.update(|h| {
            h.push(Group {
                actor,
                events,
                first_key: first,
            });
            dropped = model::trim_history(h, model::FREE_PLAY_SHOWN);
        });
        if dropped > 0 {
            left_out.update(|n| *n = n.saturating_add(dropped));
        }
    };
    // The actors write their mails in the reader's language at the moment they act.
    let act = move |action: fn(&mut Lab) -> Vec<Event>| {
        let language = model::mail_language(nav.lang.get_untracked());
        lab.try_update(|l| {
            l.set_language(language);
            action(l)
        })
        .unwrap_or_default()
    };
    let receive = move |_| record(ActorId::Reader, act(Lab::receive_as_reader));
    let send = move |_| record(ActorId::Reader, act(Lab::send_as_reader));
    let spam = move |_| record(ActorId::Spammer, act(Lab::send_as_spammer));
    let wait = move |_| {
        lab.update(|l| {
            l.advance(MINUTE);
        });
    };
    let jump = move |_| {
        lab.update(|l| {
            let latest = l.allowlist().iter().map(|e| e.remaining).max();
            let ms = latest.unwrap_or(l.server().config().window) + SECOND;
            l.advance(ms);
        });
    };
    let reset = move |_| {
        lab.set(new_lab(
            window_minutes.get_untracked(),
            policy.get_untracked(),
            flavour.get_untracked(),
        ));
        history.set(Vec::new());
        left_out.set(0);
        journal.set_value(Vec::new());
        save_status.set(None);
        started.set(false);
    };
    // Other software: a fresh server of that kind (same window and policy).
    let set_flavour = move |f: Flavour| {
        flavour.set(f);
        lab.set(new_lab(
            window_minutes.get_untracked(),
            policy.get_untracked(),
            f,
        ));
        history.set(Vec::new());
        left_out.set(0);
        journal.set_value(Vec::new());
        save_status.set(None);
    };
    let set_window = move |text: String| {
        if let Ok(m) = text.trim().parse::<u64>() {
            let m = m.clamp(1, 60);
            window_minutes.set(m);
            lab.update(|l| configure(l, m, policy.get_untracked()));
        }
    };
    let set_policy = move |p: RelayPolicy| {
        policy.set(p);
        lab.update(|l| configure(l, window_minutes.get_untracked(), p));
    };

    // Everything done so far, as a recording the player can open (passwords masked).
    let save = move |_| {
        let mut events = journal.get_value();
        if events.is_empty() {
            save_status.set(Some(nav.t(k::mail::recording::save_empty).to_owned()));
            return;
        }
        events.iter_mut().for_each(recording::mask_password);
        let bytes = lab.with_untracked(|l| {
            let mut header = Header::for_server(l.server().config(), Source::FreePlay, true);
            // The lab's time 0 in the real world: now, less the time it has run.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let now = (js_sys::Date::now() / 1000.0) as u64;
            header.clock_origin = now.saturating_sub(l.now().0 / 1000);
            header.actors = l.actors().iter().map(|a| (a.ip, a.id)).collect();
            Recording::new(header, events).to_bytes()
        });
        let name = recording::FREE_PLAY_NAME;
        if super::recording::save_file(name, &bytes) {
            save_status.set(Some(nav.fill(k::mail::recording::saved, &[("name", name)])));
        }
    };
    let entries = Signal::derive(move || lab.with(Lab::allowlist));
    let window = Signal::derive(move || window_minutes.get() * MINUTE);
    let used = Signal::derive(move || policy.get().uses_allowlist());
    let packet = Signal::derive(move || {
        log.with(|l| l.last().cloned()).map(|line| Packet {
            line,
            serial: serial.get(),
        })
    });
    // The transcript is drawn a frame after the rest of an action, and the time chart a
    // frame after the transcript (below): the click's own task and the frame after it show
    // the allowlist, the diagram and the result; each of the others follows in a task of
    // its own, so that on a slow machine no task or frame of an action grows past 50 ms
    // (issue #15). Changes that come before a part is drawn are drawn together.
    let log_drawn = a_frame_after(move || log.track());
    let shown_log: Memo<Vec<LineView>> = Memo::new(move |_| {
        log_drawn.track();
        log.get_untracked()
    });
    let current = Signal::derive(move || shown_log.with(|l| l.len().checked_sub(1)));
    let reader_ip = Signal::derive(move || {
        lab.with(|l| l.actor(ActorId::Reader).map(|a| a.ip.to_string()))
            .unwrap_or_default()
    });
    let net_actor = Signal::derive(move || {
        lab.with(|l| {
            l.actor(ActorId::Spammer).map(|a| NetActor {
                id: ActorId::Spammer,
                ip: a.ip.to_string(),
            })
        })
    });
    let listed = Signal::derive(move || entries.with(Vec::len));
    let decisions = Signal::from(last);
    let now = Signal::derive(move || lab.with(|l| l.now().0));
    // The time chart, a frame after the transcript (or after the clock moved): a tenth to
    // a third of an action's work at once, on a slow machine enough to take a task and its
    // frame over 50 ms.
    let chart_drawn = a_frame_after(move || {
        log_drawn.track();
        now.track();
    });
    let chart = Memo::new(move |_| {
        chart_drawn.track();
        history.with_untracked(|h| Chart::build(h, now.get_untracked()))
    });
    let picked: RwSignal<Option<u64>> = RwSignal::new(None);
    Effect::new(move |_| {
        log.track();
        picked.set(None);
    });

    let policies = [
        (RelayPolicy::OpenRelay, k::mail::free::policy_open, "open"),
        (RelayPolicy::PopBeforeSmtp, k::mail::free::policy_pop, "pop"),
        (RelayPolicy::SmtpAuth, k::mail::free::policy_auth, "auth"),
    ];

    view! {
        <section class="free-play" aria-labelledby="free-heading">
            <h2 id="free-heading">{tr(k::mail::free::heading)}</h2>
            <p>{tr(k::mail::free::intro)}</p>
            <div class="free-settings">
                <p class="free-field">
                    <label for="free-window">{tr(k::mail::free::window_label)}</label>
                    <input
                        id="free-window"
                        type="number"
                        min="1"
                        max="60"
                        step="1"
                        inputmode="numeric"
                        prop:value=move || window_minutes.get().to_string()
                        on:change:target=move |ev| set_window(ev.target().value())
                    />
                </p>
                <p class="free-field">
                    <label for="free-flavour">{tr(k::mail::free::flavour_label)}</label>
                    <select
                        id="free-flavour"
                        on:change:target=move |ev| {
                            if let Some(f) = Flavour::from_cli_name(&ev.target().value()) {
                                set_flavour(f);
                            }
                        }
                    >
                        {FLAVOURS
                            .into_iter()
                            .map(|f| view! {
                                <option value=f.cli_name() selected=move || flavour.get() == f>
                                    {move || nav.t(flavour_keys(f).0)}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </p>
                <p class="flavour-note" data-testid="flavour-note">
                    {move || nav.t(flavour_keys(flavour.get()).1)}
                </p>
                <fieldset class="free-policy">
                    <legend>{tr(k::mail::free::policy_label)}</legend>
                    {policies
                        .into_iter()
                        .map(|(p, key, code)| {
                            let id = format!("policy-{code}");
                            let for_id = id.clone();
                            view! {
                                <label for=for_id>
                                    <input
                                        type="radio"
                                        name="free-policy"
                                        id=id
                                        value=code
                                        prop:checked=move || policy.get() == p
                                        on:change=move |_| set_policy(p)
                                    />
                                    {tr(key)}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
            <div class="free-actions" role="group" aria-label=tr(k::mail::free::actions_label)>
                <button type="button" on:click=receive>{tr(k::mail::free::receive)}</button>
                <button type="button" on:click=send>{tr(k::mail::free::send)}</button>
                <button type="button" on:click=spam>{tr(k::mail::free::spam)}</button>
                <button type="button" class="secondary" on:click=wait>{tr(k::mail::free::wait)}</button>
                <button type="button" class="secondary" on:click=jump>{tr(k::mail::free::jump)}</button>
                <button type="button" class="secondary" on:click=reset>{tr(k::mail::free::reset)}</button>
            </div>
            <div class="free-clock" role="group" aria-label=tr(k::mail::free::clock_label)>
                <p class="clock" data-testid="free-clock">
                    {move || nav.fill(k::mail::free::clock, &[("time", &model::clock(lab.with(|l| l.now().0)))])}
                    // A space in English, a full-width one in Japanese (the time and a state
                    // that may begin with a number must not run together).
                    {move || nav.lang.get().item_gap()}
                    <span class="clock-state" data-testid="free-clock-state">
                        {move || {
                            if paused.get() {
                                nav.t(k::mail::free::clock_paused).to_owned()
                            } else if typing.get() && started.get() {
                                nav.t(k::mail::free::clock_typing).to_owned()
                            } else if started.get() {
                                nav.fill(k::mail::free::clock_running, &[("n", &clock_speed.get().to_string())])
                            } else {
                                nav.t(k::mail::free::clock_waiting).to_owned()
                            }
                        }}
                    </span>
                </p>
                <button type="button" class="secondary" on:click=move |_| paused.update(|p| *p = !*p)>
                    {move || tr(if paused.get() { k::mail::free::clock_run } else { k::mail::free::clock_pause })}
                </button>
                <span class="speed" role="group" aria-label=tr(k::mail::player::speed_label)>
                    {SPEEDS
                        .into_iter()
                        .map(|s| view! {
                            <button
                                type="button"
                                class="secondary speed-button"
                                aria-pressed=move || if clock_speed.get() == s { "true" } else { "false" }
                                on:click=move |_| clock_speed.set(s)
                            >
                                {move || nav.fill(k::mail::player::speed_value, &[("n", &s.to_string())])}
                            </button>
                        })
                        .collect_view()}
                </span>
            </div>
            <div class="stage">
                <div class="stage-main">
                    <Diagram
                        packet=packet
                        decisions=decisions
                        reader_ip=reader_ip
                        neighbour=Signal::derive(|| false)
                        net_actor=net_actor
                        listed=listed
                        id="free"
                    />
                    <div class="free-result" aria-live="polite" data-testid="free-result">
                        <h3>{tr(k::mail::free::last_result)}</h3>
                        {move || {
                            let list = last.get();
                            if list.is_empty() {
                                view! { <p>{nav.t(k::mail::free::nothing_yet)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="decisions">
                                        {list.iter().map(|d| super::diagram::decision_view(nav, d)).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                        }}
                    </div>
                </div>
                <div class="stage-side">
                    <AllowlistView entries=entries window=window used=used id="free"/>
                </div>
            </div>
            {move || {
                let count = left_out.get();
                (count > 0).then(|| view! {
                    <p class="history-trimmed" data-testid="free-trimmed">
                        {nav.fill(
                            k::mail::free::history_trimmed,
                            &[
                                ("shown", &model::FREE_PLAY_SHOWN.to_string()),
                                ("count", &count.to_string()),
                            ],
                        )}
                    </p>
                })
            }}
            <div class="record-pair">
                <div class="record-transcript">
                    <h3>{tr(k::mail::transcript::heading)}</h3>
                    <Transcript
                        lines=shown_log
                        current=current
                        picked=picked
                        id="free"
                        label=k::mail::free::transcript_label
                    />
                </div>
                <div class="record-chart">
                    <h3>{tr(k::mail::chart::heading)}</h3>
                    <p class="chart-intro">{tr(k::mail::chart::free_intro)}</p>
                    <TimeChart
                        chart
                        reveal=Signal::derive(|| (usize::MAX, usize::MAX))
                        playhead=Signal::derive(move || (now.get(), true))
                        on_pick=Callback::new(move |key| picked.set(Some(key)))
                        id="free"
                    />
                </div>
            </div>
            <ConsolePanel lab=lab typing=typing started=started journal=journal/>
            <div class="free-save">
                <button type="button" class="secondary" on:click=save>{tr(k::mail::recording::save)}</button>
                " "{tr(k::mail::recording::save_note)}
                <p class="free-save-status" role="status" data-testid="free-save-status">
                    {move || save_status.get()}
                </p>
            </div>
        </section>
    }
}

/// The console: the reader types raw protocol lines and reads the server's replies.
#[component]
fn ConsolePanel(
    /// The free-play lab the console talks to.
    lab: RwSignal<Lab>,
    /// The reader is typing in the console: the lab's clock waits.
    typing: RwSignal<bool>,
    /// Set when the reader first connects: the lab's clock starts.
    started: RwSignal<bool>,
    /// Every event of free play in order (the console's are added), for saving it as a
    /// recording.
    journal: StoredValue<Vec<Event>>,
) -> impl IntoView {
    let nav = use_nav();
    let console = RwSignal::new(Console {
        conn: None,
        actor: ActorId::Reader,
        lines: Vec::new(),
        closed: false,
    });
    let actor_choice = RwSignal::new(ActorId::Reader);
    // The reader's account in the hints comes from the lab's configuration.
    let reader = move || {
        lab.with(|l| {
            l.actor(ActorId::Reader)
                .map(|a| {
                    let (user, password) = a
                        .account
                        .as_ref()
                        .map(|acc| (acc.name.clone(), acc.password.clone()))
                        .unwrap_or_default();
                    (user, password, a.from.clone())
                })
                .unwrap_or_default()
        })
    };
    let hint = move |key| {
        let (user, password, address) = reader();
        // AUTH PLAIN's response (RFC 4616): authzid, user and password, NUL-separated.
        let plain = crate::mail::base64::encode(format!("\0{user}\0{password}").as_bytes());
        nav.fill(
            key,
            &[
                ("user", &user),
                ("password", &password),
                ("address", &address),
                ("plain", &plain),
            ],
        )
    };
    let next_key = StoredValue::new(1_u64 << 48);
    let keyed = move |events: &[Event], actor: ActorId| {
        let first = next_key.get_value();
        let lines = model::lines_of(events, actor, first);
        next_key.set_value(first.saturating_add(lines.len() as u64));
        lines
    };
    let service_choice = RwSignal::new(Service::Pop3);
    let input = RwSignal::new(String::new());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // The server's latest reply, spoken by screen readers (the log itself stays quiet).
    let reply = RwSignal::new(String::new());

    let connect = move |_| {
        let actor = actor_choice.get_untracked();
        let service = service_choice.get_untracked();
        let opened = lab.try_update(|l| {
            if let Some(conn) = console.with_untracked(|c| c.conn) {
                l.close_console(conn);
            }
            l.open_console(actor, service)
        });
        started.set(true);
        if let Some(Some((conn, events))) = opened {
            journal.update_value(|j| j.extend(events.iter().cloned()));
            reply.set(server_lines(&events, conn).join(" "));
            console.set(Console {
                conn: Some(conn),
                actor,
                lines: keyed(&events, actor),
                closed: closes(&events, conn),
            });
            // Focus the command line once it is enabled.
            request_animation_frame(move || {
                if let Some(el) = input_ref.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };
    let hang_up = move |_| {
        if let Some(conn) = console.with_untracked(|c| c.conn) {
            let events = lab
                .try_update(|l| l.close_console(conn))
                .unwrap_or_default();
            journal.update_value(|j| j.extend(events));
            console.update(|c| {
                c.conn = None;
                c.closed = true;
            });
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(conn) = console.with_untracked(|c| c.conn) else {
            return;
        };
        let text: String = input
            .get_untracked()
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_CONSOLE_LINE)
            .collect();
        let actor = console.with_untracked(|c| c.actor);
        let events = lab
            .try_update(|l| l.type_line(conn, &text))
            .unwrap_or_default();
        let closed = closes(&events, conn);
        journal.update_value(|j| j.extend(events.iter().cloned()));
        reply.set(server_lines(&events, conn).join(" "));
        console.update(|c| {
            c.lines.extend(keyed(&events, actor));
            if closed {
                c.conn = None;
                c.closed = true;
            }
        });
        input.set(String::new());
    };
    let lines = Signal::derive(move || console.with(|c| c.lines.clone()));
    let current = Signal::derive(move || console.with(|c| c.lines.len().checked_sub(1)));
    let connected = move || console.with(|c| c.conn.is_some());
    let actors = [
        (ActorId::Reader, "reader"),
        (ActorId::Spammer, "spammer"),
        (ActorId::NatNeighbour, "nat_neighbour"),
    ];
    let services = [
        (Service::Pop3, "pop3", k::mail::console::service_pop3),
        (Service::Smtp, "smtp", k::mail::console::service_smtp),
        (
            Service::Submission,
            "submission",
            k::mail::console::service_submission,
        ),
    ];

    view! {
        <section class="console" aria-labelledby="console-heading">
            <h3 id="console-heading">{tr(k::mail::console::heading)}</h3>
            <p>{tr(k::mail::console::intro)}</p>
            <ul class="console-hints">
                <li><code>{move || hint(k::mail::console::hint_pop3)}</code></li>
                <li><code>{move || hint(k::mail::console::hint_smtp)}</code></li>
                <li><code>{move || hint(k::mail::console::hint_submission)}</code></li>
            </ul>
            <div class="console-connect">
                <p class="free-field">
                    <label for="console-actor">{tr(k::mail::console::actor_label)}</label>
                    <select
                        id="console-actor"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            if let Some((a, _)) = actors.iter().find(|(_, c)| *c == v) {
                                actor_choice.set(*a);
                            }
                        }
                    >
                        {actors
                            .into_iter()
                            .map(|(a, code)| view! {
                                <option value=code selected=move || actor_choice.get() == a>
                                    {move || model::actor_key(a).map(|key| nav.t(key))}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </p>
                <p class="free-field">
                    <label for="console-service">{tr(k::mail::console::service_label)}</label>
                    <select
                        id="console-service"
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            if let Some((s, _, _)) = services.iter().find(|(_, c, _)| *c == v) {
                                service_choice.set(*s);
                            }
                        }
                    >
                        {services
                            .into_iter()
                            .map(|(s, code, label)| view! {
                                <option value=code selected=move || service_choice.get() == s>{tr(label)}</option>
                            })
                            .collect_view()}
                    </select>
                </p>
                <button type="button" on:click=connect>{tr(k::mail::console::connect)}</button>
                <button type="button" class="secondary" on:click=hang_up disabled=move || !connected()>
                    {tr(k::mail::console::disconnect)}
                </button>
            </div>
            <form class="console-form" on:submit=submit>
                <label for="console-input">{tr(k::mail::console::input_label)}</label>
                <input
                    id="console-input"
                    type="text"
                    node_ref=input_ref
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="off"
                    maxlength=MAX_CONSOLE_LINE.to_string()
                    prop:value=move || input.get()
                    on:input:target=move |ev| input.set(ev.target().value())
                    on:focus=move |_| typing.set(true)
                    on:blur=move |_| typing.set(false)
                    disabled=move || !connected()
                />
                <button type="submit" disabled=move || !connected()>{tr(k::mail::console::send)}</button>
            </form>
            <p class="console-status" aria-live="polite">
                {move || {
                    let (conn, closed) = console.with(|c| (c.conn, c.closed));
                    match (conn, closed) {
                        (Some(_), _) => reply.get(),
                        (None, true) => nav.t(k::mail::console::closed).to_owned(),
                        (None, false) => nav.t(k::mail::console::not_connected).to_owned(),
                    }
                }}
            </p>
            <Transcript lines=lines current=current id="console" label=k::mail::console::log_label/>
        </section>
    }
}
