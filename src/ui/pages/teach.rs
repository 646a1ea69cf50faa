//! For teachers (#/teach): lesson plans ([`plans`]), every option a link can carry with a
//! form that builds the link ([`links`]), and the way to the quiz ([`quiz`], #/quiz).
//! Nothing here is stored or sent; the form's link, snippet and preview are made in the
//! page.

use leptos::prelude::*;

use crate::mail::ScenarioId;
use crate::ui::i18n::{Key, Lang, k};
use crate::ui::markup::Markup;
use crate::ui::pages::cert::explain::SAMPLES;
use crate::ui::pages::mail::model::{DEFAULT_SPEED, SCENARIOS, SPEEDS, scenario_key};
use crate::ui::pages::mail::preset::Panel;
use crate::ui::pages::text::tr;
use crate::ui::route::Page;
use crate::ui::share::{CopyStatus, absolute_url, copy, iframe_snippet};
use crate::ui::{Nav, use_nav};

pub mod links;
pub mod plans;
pub mod quiz;

use links::{Choice, OPTIONS, Values};
use plans::{PLANS, Plan, Target};

/// The words for a part of the mail page.
pub fn panel_key(panel: Panel) -> Key {
    use k::teach::panel as p;
    match panel {
        Panel::Player => p::player,
        Panel::Chart => p::chart,
        Panel::Free => p::free,
        Panel::Now => p::now,
        Panel::Lab => p::lab,
    }
}

/// A scenario's title.
pub fn scenario_title(nav: Nav, id: ScenarioId) -> &'static str {
    scenario_key(id).map(|key| nav.t(key)).unwrap_or_default()
}

/// What a link to `target` is called.
fn target_label(nav: Nav, target: Target) -> String {
    match target {
        Target::Scenario(id) => scenario_title(nav, id).to_owned(),
        Target::Step(step) => nav.fill(
            k::teach::plans::step_link,
            &[
                ("scenario", scenario_title(nav, step.scenario())),
                ("n", &plans::step_number(step).to_string()),
            ],
        ),
        Target::MailPart(panel) => nav.t(panel_key(panel)).to_owned(),
        Target::Sample(id) => SAMPLES
            .iter()
            .find(|s| s.id == id)
            .map(|s| nav.t(s.label))
            .unwrap_or_default()
            .to_owned(),
        Target::Cert => nav.t(k::shell::title::cert).to_owned(),
        Target::Quiz(Some(id)) => nav.fill(
            k::teach::plans::quiz_link,
            &[("scenario", scenario_title(nav, id))],
        ),
        Target::Quiz(None) => nav.t(k::teach::plans::quiz_all_link).to_owned(),
    }
}

/// The teachers' page.
#[component]
pub fn TeachPage() -> impl IntoView {
    let nav = use_nav();
    view! {
        <h1>{tr(k::teach::heading)}</h1>
        <p class="lead">{tr(k::teach::lead)}</p>
        <p>{tr(k::teach::privacy)}</p>
        <nav class="teach-toc" aria-labelledby="teach-toc-label" on:click=jump
            inner_html=move || toc_markup(nav)></nav>
        <p class="no-print">
            <button type="button" class="secondary" on:click=|_| { let _ = window().print(); }>
                {tr(k::teach::print)}
            </button>
        </p>
        <section class="plans" aria-labelledby="plans-heading">
            <h2 id="plans-heading">{tr(k::teach::plans::heading)}</h2>
            <p>{tr(k::teach::plans::intro)}</p>
            <div inner_html=move || plans_markup(nav)></div>
        </section>
        <section id="teach-options" aria-labelledby="options-heading">
            <h2 id="options-heading" tabindex="-1">{tr(k::teach::options::heading)}</h2>
            <p>{tr(k::teach::options::intro)}</p>
            <div inner_html=move || options_markup(nav)></div>
        </section>
        <Builder/>
    }
}

/// A plan's title with its length ("Mail: … (15 minutes)").
fn titled(nav: Nav, plan: &Plan) -> String {
    let minutes = nav.fill(
        k::teach::plans::minutes,
        &[("n", &plan.minutes.to_string())],
    );
    nav.fill(
        k::teach::plans::with_length,
        &[("title", nav.t(plan.title)), ("minutes", &minutes)],
    )
}

/// The table of contents: the plans, the options, the builder (in-page jumps, marked
/// `data-jump`) and the quiz (a route).
fn toc_markup(nav: Nav) -> String {
    let mut m = Markup::default();
    m.element("p", &[("id", "teach-toc-label")], nav.t(k::teach::contents))
        .open("ul", &[]);
    let jumps = PLANS.iter().map(|p| (p.id, titled(nav, p))).chain([
        (
            "teach-options",
            nav.t(k::teach::options::heading).to_owned(),
        ),
        (
            "teach-builder",
            nav.t(k::teach::builder::heading).to_owned(),
        ),
    ]);
    for (id, text) in jumps {
        let href = format!("#{id}");
        m.open("li", &[])
            .element("a", &[("href", &href), ("data-jump", id)], &text)
            .close("li");
    }
    m.open("li", &[])
        .element(
            "a",
            &[("href", &nav.href(Page::Quiz))],
            nav.t(k::shell::title::quiz),
        )
        .close("li")
        .close("ul");
    m.finish()
}

/// Follows an in-page link (`data-jump`): the route lives in the fragment, so scroll to
/// the section and focus its heading instead of navigating.
fn jump(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(id) = crate::ui::markup::delegated(&ev, "a[data-jump]", "data-jump") else {
        return;
    };
    ev.prevent_default();
    if let Some(section) = document().get_element_by_id(&id) {
        section.scroll_into_view();
        if let Some(heading) = section
            .query_selector("h2, h3")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
    }
}

/// The lesson plans, as escaped markup (text only, no views: the page module stays small).
fn plans_markup(nav: Nav) -> String {
    let mut m = Markup::default();
    let minutes = |n: u32| nav.fill(k::teach::plans::minutes, &[("n", &n.to_string())]);
    let link = |m: &mut Markup, target: Target| {
        let href = nav.href_to(&target.location());
        m.element("a", &[("href", &href)], &target_label(nav, target));
    };
    for plan in PLANS {
        let heading = format!("{}-heading", plan.id);
        m.open(
            "article",
            &[
                ("class", "plan"),
                ("id", plan.id),
                ("aria-labelledby", &heading),
            ],
        )
        .open("h3", &[("id", &heading), ("tabindex", "-1")])
        .text(&titled(nav, plan))
        .close("h3");
        m.element("h4", &[], nav.t(k::teach::plans::goals))
            .open("ul", &[]);
        for goal in plan.goals {
            m.element("li", &[], nav.t(*goal));
        }
        m.close("ul")
            .element("h4", &[], nav.t(k::teach::plans::sequence));
        m.open("ol", &[("class", "plan-sequence")]);
        for activity in plan.sequence {
            m.open("li", &[])
                .element(
                    "span",
                    &[("class", "plan-minutes")],
                    &minutes(activity.minutes),
                )
                .text(nav.t(activity.text));
            if !activity.open.is_empty() {
                m.open("span", &[("class", "plan-links")]);
                for target in activity.open {
                    link(&mut m, *target);
                }
                m.close("span");
            }
            m.close("li");
        }
        m.close("ol")
            .element("h4", &[], nav.t(k::teach::plans::pause))
            .open("ul", &[]);
        for question in plan.pauses {
            m.element("li", &[], nav.t(*question));
        }
        m.close("ul")
            .element("h4", &[], nav.t(k::teach::plans::misconceptions));
        m.open("dl", &[("class", "misconceptions")]);
        for myth in plan.misconceptions {
            m.element("dt", &[], nav.t(myth.belief))
                .open("dd", &[])
                .text(nav.t(myth.answer))
                .open("span", &[("class", "plan-links")])
                .text(nav.t(k::teach::plans::shows));
            link(&mut m, myth.open);
            m.close("span").close("dd");
        }
        m.close("dl").close("article");
    }
    m.finish()
}

/// Every option a link can carry, as an escaped table.
fn options_markup(nav: Nav) -> String {
    let page_name = |page: &Option<Page>| match page {
        None => nav.t(k::teach::options::all_pages),
        Some(Page::Mail) => nav.t(k::shell::menu_mail),
        Some(Page::Cert) => nav.t(k::shell::menu_cert),
        Some(Page::Glossary) => nav.t(k::shell::title::glossary),
        Some(_) => nav.t(k::shell::title::quiz),
    };
    let values = |values: Values| {
        let list: Vec<String> = match values {
            Values::Words(key) => return nav.t(key).to_owned(),
            Values::Scenarios => SCENARIOS.map(|s| s.code().to_owned()).to_vec(),
            Values::Speeds => SPEEDS.map(|s| s.to_string()).to_vec(),
            Values::Panels => Panel::ALL.map(|p| p.code().to_owned()).to_vec(),
            Values::Samples => SAMPLES.iter().map(|s| s.id.to_owned()).collect(),
        };
        list.join(nav.t(k::teach::options::separator))
    };
    let mut m = Markup::default();
    m.open("table", &[("class", "options")])
        .open("thead", &[])
        .open("tr", &[]);
    for column in [
        k::teach::options::col_key,
        k::teach::options::col_page,
        k::teach::options::col_values,
        k::teach::options::col_meaning,
    ] {
        m.element("th", &[("scope", "col")], nav.t(column));
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for option in OPTIONS {
        m.open("tr", &[])
            .open("th", &[("scope", "row")])
            .element("code", &[], option.key)
            .close("th")
            .element("td", &[], page_name(&option.page))
            .element("td", &[("class", "values")], &values(option.values))
            .element("td", &[], nav.t(option.meaning))
            .close("tr");
    }
    m.close("tbody").close("table");
    m.finish()
}

/// The id of the note beside the step field that says its range.
const STEP_RANGE: &str = "b-step-range";

/// The builder's form, as escaped markup: read as a whole by [`Choice::from_form`].
fn form_markup(nav: Nav, lang: Lang) -> String {
    let f = &links::FIELDS;
    let mut m = Markup::default();
    let label = |m: &mut Markup, id: &str, key: Key| {
        m.element("label", &[("for", id)], nav.t(key));
    };
    let select = |m: &mut Markup, id: &str, options: &[(String, String, bool)]| {
        m.open("select", &[("id", id)]);
        for (value, text, selected) in options {
            let mut attrs = vec![("value", value.as_str())];
            if *selected {
                attrs.push(("selected", ""));
            }
            m.element("option", &attrs, text);
        }
        m.close("select");
    };
    let check = |m: &mut Markup, id: &str, key: Key, on: bool| {
        let mut attrs = vec![("type", "checkbox"), ("id", id)];
        if on {
            attrs.push(("checked", ""));
        }
        m.open("span", &[("class", "check")]).leaf("input", &attrs);
        label(m, id, key);
        m.close("span");
    };
    let option = |value: &str, text: &str| (value.to_owned(), text.to_owned(), false);
    let scenarios: Vec<_> = SCENARIOS
        .iter()
        .map(|id| option(id.code(), scenario_title(nav, *id)))
        .collect();

    label(&mut m, f.page, k::teach::builder::explainer);
    select(
        &mut m,
        f.page,
        &[
            option("mail", nav.t(k::shell::title::mail)),
            option("cert", nav.t(k::shell::title::cert)),
            option("quiz", nav.t(k::shell::title::quiz)),
        ],
    );
    label(&mut m, f.lang, k::teach::builder::language);
    let languages: Vec<_> = [
        (Lang::En, k::app::lang_name_en),
        (Lang::Ja, k::app::lang_name_ja),
    ]
    .into_iter()
    .map(|(l, key)| (l.tag().to_owned(), nav.t(key).to_owned(), l == lang))
    .collect();
    select(&mut m, f.lang, &languages);
    check(&mut m, f.embed, k::teach::builder::embed, false);

    m.open("fieldset", &[("class", "for-mail")]).element(
        "legend",
        &[],
        nav.t(k::shell::title::mail),
    );
    label(&mut m, f.scenario, k::teach::builder::scenario);
    select(&mut m, f.scenario, &scenarios);
    label(&mut m, f.step, k::teach::builder::step);
    let steps = links::steps_in(ScenarioId::OwnCase).to_string();
    m.leaf(
        "input",
        &[
            ("type", "number"),
            ("id", f.step),
            ("min", "0"),
            ("max", &steps),
            ("value", "0"),
            ("aria-describedby", STEP_RANGE),
        ],
    );
    m.element(
        "span",
        &[("id", STEP_RANGE), ("class", "field-note")],
        &nav.fill(k::teach::builder::step_range, &[("n", &steps)]),
    );
    label(&mut m, f.speed, k::teach::builder::speed);
    let speeds: Vec<_> = SPEEDS
        .iter()
        .map(|s| {
            let text = nav.fill(k::mail::player::speed_value, &[("n", &s.to_string())]);
            (s.to_string(), text, *s == DEFAULT_SPEED)
        })
        .collect();
    select(&mut m, f.speed, &speeds);
    check(&mut m, f.predict, k::teach::builder::predict, true);
    m.open("fieldset", &[("class", "panels")]).element(
        "legend",
        &[],
        nav.t(k::teach::builder::panels),
    );
    for panel in Panel::ALL {
        check(&mut m, &links::panel_field(panel), panel_key(panel), true);
    }
    m.close("fieldset").close("fieldset");

    m.open("fieldset", &[("class", "for-cert")]).element(
        "legend",
        &[],
        nav.t(k::shell::title::cert),
    );
    label(&mut m, f.sample, k::teach::builder::sample);
    let samples: Vec<_> = std::iter::once(option("", nav.t(k::teach::builder::sample_none)))
        .chain(SAMPLES.iter().map(|s| option(s.id, nav.t(s.label))))
        .collect();
    select(&mut m, f.sample, &samples);
    label(&mut m, f.host, k::teach::builder::host);
    let max_host = links::MAX_HOST.to_string();
    m.leaf(
        "input",
        &[
            ("type", "text"),
            ("id", f.host),
            ("maxlength", &max_host),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
        ],
    );
    label(&mut m, f.at, k::teach::builder::at);
    m.leaf("input", &[("type", "date"), ("id", f.at)]);
    m.close("fieldset");

    m.open("fieldset", &[("class", "for-quiz")]).element(
        "legend",
        &[],
        nav.t(k::shell::title::quiz),
    );
    label(&mut m, f.quiz, k::teach::builder::scenario);
    let quiz: Vec<_> = std::iter::once(option("", nav.t(k::teach::builder::all_scenarios)))
        .chain(scenarios.iter().cloned())
        .collect();
    select(&mut m, f.quiz, &quiz);
    m.close("fieldset");
    m.finish()
}

/// The value of the form field `id` (an input or a select), or "" when there is none.
fn field_value(id: &str) -> String {
    use wasm_bindgen::JsCast;
    let Some(element) = document().get_element_by_id(id) else {
        return String::new();
    };
    if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        return select.value();
    }
    element
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(web_sys::HtmlInputElement::value)
        .unwrap_or_default()
}

/// Whether the checkbox `id` is checked.
fn field_checked(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

/// The link builder: a plain form read as a whole on every change (one handler, so the
/// page module stays small), the link and snippet it makes, and a preview on demand.
/// The fields of the pages not chosen are hidden by CSS (`data-page`).
#[component]
fn Builder() -> impl IntoView {
    let nav = use_nav();
    let choice = RwSignal::new(Choice::new(nav.lang.get_untracked()));
    // The form is drawn again in a new language, with its defaults: so is the choice.
    Effect::new(move |_| choice.set(Choice::new(nav.lang.get())));
    let location = Memo::new(move |_| choice.with(Choice::location));
    let url = Signal::derive(move || absolute_url(&location.get()));
    let snippet = Signal::derive(move || {
        let mut embedded = location.get();
        embedded.query.set(crate::ui::route::EMBED, "1");
        let title = match embedded.page {
            Page::Cert => k::share::frame_title_cert,
            _ => k::share::frame_title_mail,
        };
        iframe_snippet(&absolute_url(&embedded), nav.t(title))
    });
    let (copied, set_copied) = signal(None::<bool>);
    let preview = RwSignal::new(false);
    // The link opens the mail page, the padlock page or the quiz: each drawn by a program
    // of its own (`Page::program`), so the page stands for the program.
    let frame_page = Memo::new(move |_| location.with(|l| l.page.clone()));
    let changed = move |_| {
        set_copied.set(None);
        choice.set(Choice::from_form(field_value, field_checked));
    };
    // The step field's range follows the scenario chosen: its maximum, and the note that
    // says it (the form's markup is drawn once per language, with the first scenario's).
    Effect::new(move |_| {
        let steps = choice.with(|c| links::steps_in(c.scenario)).to_string();
        let _ = nav.lang.get();
        if let Some(field) = document().get_element_by_id(links::FIELDS.step) {
            let _ = field.set_attribute("max", &steps);
        }
        if let Some(note) = document().get_element_by_id(STEP_RANGE) {
            note.set_text_content(Some(
                &nav.fill(k::teach::builder::step_range, &[("n", &steps)]),
            ));
        }
    });

    view! {
        <section id="teach-builder" class="builder no-print" aria-labelledby="builder-heading">
            <h2 id="builder-heading" tabindex="-1">{tr(k::teach::builder::heading)}</h2>
            <p>{tr(k::teach::builder::intro)}</p>
            <form class="builder-form" data-page=move || location.with(|l| l.page.path().to_owned())
                on:input=changed on:change=changed on:submit=|ev| ev.prevent_default()
                inner_html=move || form_markup(nav, nav.lang.get())></form>
            <label for="b-link">{tr(k::teach::builder::link)}</label>
            <textarea id="b-link" class="code-box" readonly rows="2" prop:value=move || url.get()></textarea>
            <label for="b-snippet">{tr(k::teach::builder::snippet)}</label>
            <textarea id="b-snippet" class="code-box" readonly rows="3" prop:value=move || snippet.get()></textarea>
            <div class="share-actions">
                <button type="button" on:click=move |_| copy(url.get_untracked(), set_copied)>
                    {tr(k::teach::builder::copy_link)}
                </button>
                <button type="button" class="secondary" on:click=move |_| copy(snippet.get_untracked(), set_copied)>
                    {tr(k::teach::builder::copy_snippet)}
                </button>
                <a class="button secondary" href=move || location.get().to_hash()>{tr(k::teach::open)}</a>
            </div>
            <CopyStatus copied/>
            <h3>{tr(k::teach::builder::preview)}</h3>
            // The preview is the whole app again in a frame: loaded only when asked for.
            <button type="button" class="secondary" aria-expanded=move || preview.get().to_string()
                on:click=move |_| preview.update(|on| *on = !*on)>
                {tr(k::teach::builder::show_preview)}
            </button>
            // A frame of its own for each page the link opens: a page another program draws
            // makes the framed document reload (app.rs, `Site`), and a change of the link
            // that arrives while it reloads would be lost (the reload takes the address it
            // had when it began). Within one program the frame follows the link's fragment.
            {move || preview.get().then(|| {
                frame_page.track();
                view! {
                    <iframe class="preview" src=move || url.get() title=move || nav.t(k::teach::builder::preview_title)
                        sandbox="allow-scripts allow-same-origin"></iframe>
                }
            })}
        </section>
    }
}
