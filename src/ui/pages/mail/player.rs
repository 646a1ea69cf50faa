//! The scenario player: picks a scenario, owns the clock (real elapsed time × speed becomes
//! simulated time for the engine's timeline), and keeps scenario, step and speed in the URL
//! so a deep link restores them. It starts paused: nothing moves until the reader asks.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::ui::pages::text::tr;
use wasm_bindgen::JsCast;

use super::allowlist::AllowlistView;
use super::chart::geometry::Chart;
use super::chart::{TimeChartProps, groups_of_show};
use super::controls::{Controls, ScenarioPicker, Scrubber, Shortcuts, Transport};
use super::diagram::{Diagram, NetActor, Packet};
use super::explain::{PredictPanel, StepExplain};
use super::later;
use super::model::{self, Cursor, DEFAULT_SPEED, SPEEDS, Show, Tick};
use super::recording::Loaded;
use super::transcript::Transcript;
use crate::mail::{ActorId, ScenarioId};
use crate::ui::i18n::k;
use crate::ui::route::Page;
use crate::ui::{Nav, use_nav};

/// Query keys this page owns.
pub const SCENARIO: &str = "scenario";
/// The number of steps that have happened (0: none).
pub const STEP: &str = "step";
/// Simulated seconds per real second.
pub const SPEED: &str = "speed";

/// The scenario the URL names (`None`: it names none, or none we know), the step and the
/// speed.
fn initial(nav: Nav) -> (Option<ScenarioId>, usize, u64) {
    nav.location.with_untracked(|l| {
        let scenario = l.query.get(SCENARIO).and_then(ScenarioId::from_code);
        let step = l.query.get(STEP).and_then(|s| s.parse().ok()).unwrap_or(0);
        let speed = l
            .query
            .get(SPEED)
            .and_then(|s| s.parse().ok())
            .filter(|s| SPEEDS.contains(s))
            .unwrap_or(DEFAULT_SPEED);
        (scenario, step, speed)
    })
}

/// The scenario player: owns the state (scenario, cursor, speed, predictions), the clock,
/// the URL and the keyboard; the parts it composes each take what they show.
#[component]
pub fn Player(
    /// Whether the time chart is shown (a teacher's link may leave it out).
    #[prop(into)]
    chart: Signal<bool>,
) -> impl IntoView {
    let nav = use_nav();
    let (scenario0, step0, speed0) = initial(nav);
    let scenario = RwSignal::new(scenario0.unwrap_or(ScenarioId::OwnCase));
    // A recording the reader opened plays instead of the scenario until closed.
    let loaded: RwSignal<Option<Loaded>> = RwSignal::new(None);
    // The scenario's mails are written in the reader's language; a recording's are as sent.
    let show = Memo::new(move |_| match loaded.get() {
        Some(l) => Show::recorded(&l.recording, l.serial),
        None => Show::new(scenario.get(), model::mail_language(nav.lang.get())),
    });
    let cursor = RwSignal::new(show.with_untracked(|s| Cursor::at_step(s, step0)));
    let playing = RwSignal::new(false);
    let speed = RwSignal::new(speed0);
    let predict = RwSignal::new(
        nav.location
            .with_untracked(|l| super::preset::predict(l.query.get(super::preset::PREDICT))),
    );
    // Steps the reader has predicted, with the guess (true: "it will be relayed").
    let answered: RwSignal<Vec<(usize, bool)>> = RwSignal::new(Vec::new());
    let resume_after_answer = RwSignal::new(false);

    let pos = Memo::new(move |_| cursor.with(|c| c.pos));
    let shown = Memo::new(move |_| cursor.with(|c| c.shown));
    let complete = Memo::new(move |_| show.with(|s| cursor.with(|c| c.step_complete(s))));

    // The clock: only while playing.
    Effect::new(move |_| {
        if !playing.get() {
            return;
        }
        let last = StoredValue::new(js_sys::Date::now());
        let handle = set_interval_with_handle(
            move || {
                let now = js_sys::Date::now();
                let elapsed = (now - last.get_value()).clamp(0.0, 1000.0);
                last.set_value(now);
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let real_ms = elapsed as u64;
                let ask_on = predict.get_untracked();
                let mut outcome = Tick::Running;
                show.with_untracked(|s| {
                    let done = answered.get_untracked();
                    cursor.update(|c| {
                        outcome = c.tick(s, real_ms, speed.get_untracked(), |i| {
                            ask_on && s.has_relay_decision(i) && !done.iter().any(|(a, _)| *a == i)
                        });
                    });
                });
                match outcome {
                    Tick::Running => {}
                    Tick::Ask(_) => {
                        resume_after_answer.set(true);
                        playing.set(false);
                        // The question is what matters now: take keyboard and screen-reader
                        // users to it (its group label is read on arrival).
                        request_animation_frame(|| {
                            if let Ok(Some(el)) = document().query_selector(".question button")
                                && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
                            {
                                let _ = el.focus();
                            }
                        });
                    }
                    Tick::Ended => playing.set(false),
                }
            },
            Duration::from_millis(100),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });

    // A deep link opened while the page is showing (a pasted or edited URL): follow it.
    // The page's own URL updates arrive here too and change nothing.
    Effect::new(move |_| {
        let (wanted_scenario, wanted_step, wanted_speed) = {
            let _ = nav.location.get();
            initial(nav)
        };
        if nav.location.with_untracked(|l| l.page != Page::Mail) {
            return;
        }
        if wanted_speed != speed.get_untracked() {
            speed.set(wanted_speed);
        }
        // While a recording plays the URL names no scenario; a link that names one (or the
        // plain page address followed from elsewhere) brings the scenarios back.
        let recorded = loaded.with_untracked(Option::is_some);
        if recorded && wanted_scenario.is_none() {
            if wanted_step != pos.get_untracked() {
                playing.set(false);
                show.with_untracked(|s| cursor.set(Cursor::at_step(s, wanted_step)));
            }
            return;
        }
        let wanted_scenario = wanted_scenario.unwrap_or(ScenarioId::OwnCase);
        let scenario_changed = recorded || wanted_scenario != scenario.get_untracked();
        if scenario_changed {
            playing.set(false);
            answered.set(Vec::new());
            loaded.set(None);
            scenario.set(wanted_scenario);
        }
        if scenario_changed || wanted_step != pos.get_untracked() {
            playing.set(false);
            show.with_untracked(|s| cursor.set(Cursor::at_step(s, wanted_step)));
        }
    });

    // Deep links: the URL always says which scenario, step and speed are on screen (a
    // recording is not in the URL: it never leaves the browser).
    Effect::new(move |_| {
        let recorded = loaded.with(Option::is_some);
        let code = scenario.get().code();
        let step = pos.get().to_string();
        let speed = speed.get().to_string();
        let current = nav.location.get_untracked();
        if current.page != Page::Mail {
            return;
        }
        let mut next = current.clone();
        if recorded {
            next.query.remove(SCENARIO);
            next.query.set(STEP, step);
            next.query.set(SPEED, speed);
        } else if code == ScenarioId::OwnCase.code()
            && step == "0"
            && speed == DEFAULT_SPEED.to_string()
        {
            // At the very start the plain page address says it all (#/mail?lang=ja).
            for key in [SCENARIO, STEP, SPEED] {
                next.query.remove(key);
            }
        } else {
            next.query.set(SCENARIO, code);
            next.query.set(STEP, step);
            next.query.set(SPEED, speed);
        }
        if next != current {
            nav.replace(&next);
        }
    });

    let toggle_play = move || {
        if playing.get_untracked() {
            playing.set(false);
            return;
        }
        show.with_untracked(|s| {
            if cursor.with_untracked(|c| c.at_end(s)) {
                cursor.set(Cursor::START);
            }
        });
        resume_after_answer.set(false);
        playing.set(true);
    };
    let forward = move || {
        playing.set(false);
        show.with_untracked(|s| cursor.update(|c| c.forward(s)));
    };
    let back = move || {
        playing.set(false);
        show.with_untracked(|s| cursor.update(|c| c.back(s)));
    };
    let restart = move || {
        playing.set(false);
        cursor.set(Cursor::START);
    };
    let expiry = Memo::new(move |_| show.with(|s| cursor.with(|c| c.next_expiry(s))));
    let jump_to_expiry = move || {
        if let Some(t) = expiry.get_untracked() {
            playing.set(false);
            show.with_untracked(|s| cursor.set(Cursor::at_time(s, t)));
        }
    };
    let set_speed = move |s: u64| speed.set(s);

    let on_keydown = move |ev: ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let (field, clickable) = crate::ui::keys::is_form_field(ev.target());
        if field {
            return;
        }
        // KeyboardEvent.key, compared in lower case (k and K, arrowright, home).
        let key = ev.key().to_ascii_lowercase();
        let handled = match key.as_str() {
            " " if clickable => false,
            " " | "k" => {
                toggle_play();
                true
            }
            "arrowright" => {
                forward();
                true
            }
            "arrowleft" => {
                back();
                true
            }
            "1" | "2" | "3" => {
                let i = usize::from(key.as_bytes()[0] - b'1');
                if let Some(s) = SPEEDS.get(i) {
                    set_speed(*s);
                }
                true
            }
            "e" => {
                jump_to_expiry();
                true
            }
            "home" => {
                restart();
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };

    // What the parts show.
    let all_lines = Memo::new(move |_| {
        let (p, n) = (pos.get(), shown.get());
        show.with(|s| {
            let mut out = Vec::new();
            for (i, lines) in s.lines.iter().enumerate().take(p) {
                if i + 1 == p {
                    out.extend(lines.iter().take(n).cloned());
                } else {
                    out.extend(lines.iter().cloned());
                }
            }
            out
        })
    });
    let current_line = Signal::derive(move || {
        let n = all_lines.with(Vec::len);
        let has = show.with(|s| cursor.with(|c| !c.current_lines(s).is_empty()));
        (has && n > 0).then(|| n - 1)
    });
    let packet = Memo::new(move |_| {
        let (p, n) = (pos.get(), shown.get());
        show.with(|s| {
            cursor
                .with_untracked(|c| c.current_lines(s).last().cloned())
                .map(|line| Packet {
                    line,
                    serial: (p as u64) * 10_000 + (n.min(9_999) as u64),
                })
        })
    });
    let decisions = Memo::new(move |_| {
        let p = pos.get();
        if !complete.get() || p == 0 {
            return Vec::new();
        }
        show.with(|s| s.decisions[p - 1].clone())
    });
    let entries = Memo::new(move |_| show.with(|s| cursor.with(|c| c.allowlist(s))));
    let reader_ip = Signal::derive(move || {
        show.with(|s| s.ip_of(ActorId::Reader, pos.get()))
            .map(|ip| ip.to_string())
            .unwrap_or_default()
    });
    let neighbour = Signal::derive(move || show.with(|s| s.has_actor(ActorId::NatNeighbour)));
    let net_actor = Signal::derive(move || {
        let p = pos.get();
        show.with(|s| {
            let current = p
                .checked_sub(1)
                .map(|i| s.actor(i))
                .filter(|a| model::side_of(*a) == model::Side::Net);
            let id = current.unwrap_or(ActorId::Spammer);
            s.ip_of(id, p).map(|ip| NetActor {
                id,
                ip: ip.to_string(),
            })
        })
    });
    let listed = Signal::derive(move || entries.with(Vec::len));
    let window = Signal::derive(move || show.with(|s| s.timeline.config.window));
    let uses_allowlist =
        Signal::derive(move || show.with(|s| s.timeline.config.policy.uses_allowlist()));
    let total = Signal::derive(move || show.with(Show::len));
    let end_secs = Signal::derive(move || show.with(|s| s.end / 1000));
    let t_secs = Signal::derive(move || cursor.with(|c| c.t / 1000));

    // Predict, then reveal.
    let question = Memo::new(move |_| {
        let p = pos.get();
        // Asked while paused (playing stops here by itself), never while things move.
        let ready = predict.get()
            && !playing.get()
            && complete.get()
            && show.with(|s| s.has_relay_decision(p))
            && !answered.with(|a| a.iter().any(|(i, _)| *i == p));
        ready.then_some(p)
    });
    let asked = Signal::derive(move || {
        let i = question.get()?;
        show.with(|s| s.question(i))
    });
    let answer = move |guess: bool| {
        let Some(i) = question.get_untracked() else {
            return;
        };
        answered.update(|a| a.push((i, guess)));
        let resume = resume_after_answer.get_untracked();
        show.with_untracked(|s| {
            cursor.update(|c| {
                c.reveal(s);
                if !resume {
                    c.shown = model::ALL_LINES;
                }
            });
        });
        if resume {
            resume_after_answer.set(false);
            playing.set(true);
        }
    };
    let feedback = Memo::new(move |_| {
        let p = pos.get();
        let guess = answered.with(|a| {
            a.iter()
                .find(|(i, _)| p.checked_sub(1) == Some(*i))
                .map(|(_, g)| *g)
        })?;
        let actual = show.with(|s| s.first_relay(p - 1))?.0;
        Some(guess == actual)
    });

    let pick_scenario = move |id: ScenarioId| {
        playing.set(false);
        answered.set(Vec::new());
        loaded.set(None);
        scenario.set(id);
        cursor.set(Cursor::START);
    };
    let open_recording = Callback::new(move |l: Loaded| {
        playing.set(false);
        answered.set(Vec::new());
        loaded.set(Some(l));
        cursor.set(Cursor::START);
    });
    let close_recording = Callback::new(move |()| {
        playing.set(false);
        answered.set(Vec::new());
        loaded.set(None);
        cursor.set(Cursor::START);
    });

    let step_text = Signal::derive(move || {
        let p = pos.get();
        if p == 0 {
            return nav.t(k::mail::player::not_started).to_owned();
        }
        show.with(|s| super::explain::step_text(nav, s, p - 1))
    });
    let count = Signal::derive(move || {
        let p = pos.get();
        (p > 0).then(|| (p, total.get()))
    });
    let ended = Signal::derive(move || {
        let over = show.with(|s| cursor.with(|c| c.at_end(s)));
        over.then(|| {
            if loaded.with(Option::is_some) {
                k::mail::recording::ended
            } else {
                k::mail::player::ended
            }
        })
    });
    let transport = Transport {
        restart: Callback::new(move |()| restart()),
        back: Callback::new(move |()| back()),
        toggle: Callback::new(move |()| toggle_play()),
        forward: Callback::new(move |()| forward()),
        expiry: Callback::new(move |()| jump_to_expiry()),
        speed: Callback::new(set_speed),
    };
    let seek = Callback::new(move |secs: u64| {
        playing.set(false);
        show.with_untracked(|s| cursor.set(Cursor::at_time(s, secs * 1000)));
    });

    // The time chart: drawn once per scenario; what has happened shows as the cursor moves.
    let show_chart = chart;
    let chart = Memo::new(move |_| show.with(|s| Chart::build(&groups_of_show(s), s.end)));
    let reveal = Signal::derive(move || (pos.get(), shown.get()));
    let playhead = Signal::derive(move || {
        let c = cursor.get();
        let after = show.with(|s| {
            c.pos
                .checked_sub(1)
                .and_then(|i| s.timeline.steps.get(i))
                .is_some_and(|step| step.at.0 == c.t)
        });
        (c.t, after)
    });
    // An arrow chosen in the chart: its line in the transcript, until the cursor moves.
    let picked: RwSignal<Option<u64>> = RwSignal::new(None);
    Effect::new(move |_| {
        cursor.track();
        picked.set(None);
    });
    let pick = Callback::new(move |key: u64| {
        playing.set(false);
        picked.set(Some(key));
    });

    view! {
        <section class="player" aria-labelledby="player-heading" on:keydown=on_keydown>
            <h2 id="player-heading">{tr(k::mail::player::heading)}</h2>
            {move || match loaded.get() {
                Some(l) => later::part(
                    move |parts| (parts.recording_banner)(l.clone(), close_recording),
                    false,
                )
                .into_any(),
                None => view! {
                    <ScenarioPicker scenario=scenario on_pick=Callback::new(pick_scenario)/>
                }
                .into_any(),
            }}
            <Controls
                playing=playing
                can_back=Signal::derive(move || pos.get() > 0)
                can_forward=Signal::derive(move || pos.get() < total.get() || !complete.get())
                can_expire=Signal::derive(move || expiry.get().is_some())
                speed=speed
                transport=transport
            />
            <Scrubber t_secs=t_secs end_secs=end_secs on_seek=seek/>

            <div class="stage" class:speed-1=move || speed.get() == 1 class:speed-60=move || speed.get() == 60>
                <div class="stage-main">
                    <Diagram
                        packet=packet
                        decisions=decisions
                        reader_ip=reader_ip
                        neighbour=neighbour
                        net_actor=net_actor
                        listed=listed
                        id="player"
                    />
                </div>
                <div class="stage-side">
                    <AllowlistView entries=entries window=window used=uses_allowlist id="player"/>
                </div>
            </div>

            <StepExplain count=count text=step_text feedback=feedback ended=ended/>
            <PredictPanel enabled=predict question=asked on_answer=Callback::new(answer)/>

            <div class="record-pair">
                <div class="record-transcript">
                    <h3>{tr(k::mail::transcript::heading)}</h3>
                    <Transcript lines=all_lines current=current_line picked=picked id="player"/>
                </div>
                {move || show_chart.get().then(|| view! {
                    <div class="record-chart">
                        <h3>{tr(k::mail::chart::heading)}</h3>
                        <p class="chart-intro">{tr(k::mail::chart::intro)}</p>
                        {later::part(
                            move |parts| {
                                (parts.time_chart)(
                                    TimeChartProps::builder()
                                        .chart(chart)
                                        .reveal(reveal)
                                        .playhead(playhead)
                                        .on_seek(seek)
                                        .on_pick(pick)
                                        .id("player")
                                        .build(),
                                )
                            },
                            true,
                        )}
                    </div>
                })}
            </div>

            {later::part(move |parts| (parts.handout)(show), false)}
            // Says a failed fetch when the time chart, which would, is left out.
            {later::part(
                move |parts| (parts.recording_opener)(open_recording),
                !show_chart.get_untracked(),
            )}
            <Shortcuts/>
        </section>
    }
}
