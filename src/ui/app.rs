//! The application shell: reads the route from the URL fragment, provides the language and
//! the location to every page, and keeps `<html lang>`, the title and focus in step.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::{self, Bundle, Key, Lang, k};
use super::pages;
use super::panic_screen;
use super::route::{Location, Page, Program};
use super::share::ShareButtons;

/// What every component may ask of the shell: where we are and in which language.
#[derive(Clone, Copy)]
pub struct Nav {
    /// The parsed URL fragment; changes on every navigation.
    pub location: ReadSignal<Location>,
    /// The language shown: the URL's `lang`, else the browser's preference, once its texts
    /// are loaded (until then, the language shown before).
    pub lang: Memo<Lang>,
}

impl Nav {
    /// The text of `key` in the current language (reactive inside closures).
    pub fn t(&self, key: Key) -> &'static str {
        i18n::text(self.lang.get(), key)
    }

    /// The text of `key` with `{name}` placeholders filled (reactive inside closures).
    pub fn fill(&self, key: Key, values: &[(&str, &str)]) -> String {
        i18n::fill(self.lang.get(), key, values)
    }

    /// A link to `page` that keeps the current language.
    pub fn href(&self, page: Page) -> String {
        let lang = self.lang.get();
        self.location
            .with(|l| l.goto(page).with_lang(lang).to_hash())
    }

    /// A link to `target` (a page with its own query) that keeps the current language and
    /// embed mode.
    pub fn href_to(&self, target: &Location) -> String {
        let lang = self.lang.get();
        let mut next = self
            .location
            .with(|l| l.goto(target.page.clone()).with_lang(lang));
        for (key, value) in target.query.pairs() {
            next.query.set(key, value);
        }
        next.to_hash()
    }

    /// Replaces the current history entry's fragment (for state such as a step number,
    /// which should not fill the back button).
    pub fn replace(&self, next: &Location) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&next.to_hash()),
            );
            // replaceState fires no hashchange: tell the shell ourselves.
            let _ = window().dispatch_event(&web_sys::Event::new("hashchange").expect("event"));
        }
    }
}

/// The shell's context, for any component below [`App`].
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// True while the page is being printed (between `beforeprint` and `afterprint`): parts
/// that render their content only on demand render it all for the printer.
#[derive(Clone, Copy)]
pub struct Printing(pub RwSignal<bool>);

/// Whether the page is being printed; see [`Printing`].
pub fn use_printing() -> RwSignal<bool> {
    use_context::<Printing>().map_or_else(|| RwSignal::new(false), |p| p.0)
}

fn current_location() -> Location {
    Location::parse(&window().location().hash().unwrap_or_default())
}

fn browser_language() -> Lang {
    let languages: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Lang::from_preferences(languages.iter().map(String::as_str))
}

/// The language the page opens in: the URL's, else the browser's.
pub fn initial_language() -> Lang {
    current_location().lang().unwrap_or_else(browser_language)
}

/// The page the site opens on.
pub fn initial_page() -> Page {
    current_location().page
}

fn page_title(page: &Page) -> Key {
    match page {
        Page::Home => k::shell::title::home,
        Page::Mail => k::shell::title::mail,
        Page::Cert => k::shell::title::cert,
        Page::Glossary => k::shell::title::glossary,
        Page::About => k::shell::title::about,
        Page::Teach => k::shell::title::teach,
        Page::Quiz => k::shell::title::quiz,
        Page::PanicCheck => k::shell::title::check,
        Page::NotFound(_) => k::shell::title::not_found,
    }
}

fn menu_label(page: &Page) -> Key {
    match page {
        Page::Home => k::shell::menu_home,
        Page::Mail => k::shell::menu_mail,
        Page::Cert => k::shell::menu_cert,
        _ => k::shell::menu_about,
    }
}

/// Moves keyboard focus to the page's main content.
fn focus_main() {
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// Opens every closed `<details>` for printing (marking it), or closes the marked ones.
fn set_details_open(open: bool) {
    let selector = if open {
        "details:not([open])"
    } else {
        "details[data-opened-for-print]"
    };
    let Ok(list) = document().query_selector_all(selector) else {
        return;
    };
    for i in 0..list.length() {
        let Some(element) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if open {
            let _ = element.set_attribute("open", "");
            let _ = element.set_attribute("data-opened-for-print", "");
        } else {
            let _ = element.remove_attribute("open");
            let _ = element.remove_attribute("data-opened-for-print");
        }
    }
}

/// The "Link to this" / "Embed this" buttons for the explainers, with what a link to each
/// cannot carry, and the keyboard shortcuts (`?`).
fn share_for(page: &Page) -> Option<AnyView> {
    let (limits, title, items) = match page {
        Page::Mail => (
            k::share::limits_mail,
            k::share::frame_title_mail,
            pages::mail::SHORTCUTS,
        ),
        Page::Cert => (
            k::share::limits_cert,
            k::share::frame_title_cert,
            pages::cert::SHORTCUTS,
        ),
        _ => return None,
    };
    Some(view! { <ShareButtons limits title keys=items/> }.into_any())
}

/// The whole site in one program: every page (the component tests mount this).
#[component]
pub fn App() -> impl IntoView {
    view! { <Site program=None render=pages::render/> }
}

/// The whole page: skip link, header, the current route, footer.
///
/// `render` draws the routes `program` has (`None`: all of them, as [`App`]); on a route
/// another program draws, the document reloads and `static/boot.js` starts that program.
#[component]
pub fn Site(
    /// The program this is ([`Program::draws`]), or `None` for the whole site.
    program: Option<Program>,
    /// Draws a page of this program ([`pages::render_mail`], …).
    render: fn(Page) -> AnyView,
) -> impl IntoView {
    let (location, set_location) = signal(current_location());
    let listener = window_event_listener(ev::hashchange, move |_| {
        set_location.set(current_location());
    });
    on_cleanup(move || listener.remove());

    // Printing: every collapsed section prints expanded, and closes again afterwards.
    // Content rendered on demand appears through `Printing`, before the printer lays the
    // page out (the reactive updates run as microtasks, right after this listener).
    let printing = RwSignal::new(false);
    provide_context(Printing(printing));
    let before_print = window_event_listener(ev::beforeprint, move |_| {
        printing.set(true);
        set_details_open(true);
    });
    let after_print = window_event_listener(ev::afterprint, move |_| {
        printing.set(false);
        set_details_open(false);
    });
    on_cleanup(move || {
        before_print.remove();
        after_print.remove();
    });

    let browser_lang = browser_language();
    // The language the URL asks for, and the one shown: a language whose texts are still
    // being fetched shows once they are here (the switch stays on the old one till then).
    let wanted = Memo::new(move |_| location.with(Location::lang).unwrap_or(browser_lang));
    let shown = RwSignal::new(wanted.get_untracked());
    let lang = Memo::new(move |_| shown.get());
    let page = Memo::new(move |_| location.with(|l| l.page.clone()));
    let embedded = Memo::new(move |_| location.with(Location::is_embed));
    let nav = Nav { location, lang };
    provide_context(nav);
    let download_failed = LanguageDownloadFailed(RwSignal::new(false));
    provide_context(download_failed);
    // The texts a page needs come with it (i18n::Bundle): `arrived` counts downloads, so
    // `ready` looks again; `page_failed` says the open page's texts could not be fetched
    // (the page then offers to try again, which bumps `retry`).
    let arrived = RwSignal::new(0_u32);
    let page_failed = RwSignal::new(false);
    let retry = RwSignal::new(0_u32);
    // A page another program draws is not drawn here (see below): its texts are not
    // fetched by this document.
    let elsewhere =
        Memo::new(move |_| program.is_some_and(|program| page.with(|p| !program.draws(p))));
    let ready = Memo::new(move |_| {
        arrived.track();
        elsewhere.get() || page.with(|p| i18n::is_loaded(lang.get(), p.bundles()))
    });
    Effect::new(move |_| {
        retry.track();
        let asked = wanted.get();
        let bundles = if elsewhere.get() {
            &[Bundle::Core][..]
        } else {
            page.with(Page::bundles)
        };
        page_failed.set(false);
        if i18n::is_loaded(asked, bundles) {
            // A switch to a language at hand clears an earlier failure; the URL going
            // back after that failure (same language as shown) does not.
            if shown.get_untracked() != asked {
                download_failed.0.set(false);
            }
            shown.set(asked);
            return;
        }
        leptos::task::spawn_local(async move {
            let loaded = i18n::load(asked, bundles).await;
            arrived.update(|n| *n = n.wrapping_add(1));
            if wanted.get_untracked() != asked {
                return;
            }
            if asked == shown.get_untracked() {
                // The same language, a page whose texts did not come.
                page_failed.set(!loaded);
                return;
            }
            download_failed.0.set(!loaded);
            if loaded {
                shown.set(asked);
            } else {
                // Could not be fetched (offline?): the URL goes back to the language
                // shown, so the switch can be tried again; the switch says so.
                let back = location.with_untracked(|l| l.with_lang(shown.get_untracked()));
                nav.replace(&back);
            }
        });
    });

    // <html lang>, the panic screen's language, the title and the description follow the
    // route (index.html carries both languages until here).
    Effect::new(move |_| {
        let lang = lang.get();
        panic_screen::set_lang(lang);
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        if let Ok(Some(meta)) = document().query_selector("meta[name=description]") {
            let _ = meta.set_attribute("content", i18n::text(lang, k::app::description));
        }
        let title = page.with(page_title);
        document().set_title(&format!(
            "{} — {}",
            i18n::text(lang, title),
            i18n::text(lang, k::app::name)
        ));
    });

    // Embed mode: a compact layout without the site's header and footer (see style.css).
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.class_list().toggle_with_force("embed", embedded.get());
        }
    });

    // A page another program draws: reload, and boot.js starts that program. boot.js reads
    // the page from the URL as written; the canonical form of the URL (`#/mail`, which
    // its table lists: a native test checks) goes in first, so that a URL boot.js reads
    // differently (`#/%6Dail/`) cannot make it start this program again.
    Effect::new(move |_| {
        if elsewhere.get() {
            let canonical = location.with_untracked(Location::to_hash);
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&canonical),
                );
            }
            let _ = window().location().reload();
        }
    });

    // After a navigation (not the first load), start reading at the top of the new page.
    Effect::new(move |previous: Option<Page>| {
        let current = page.get();
        if previous.is_some_and(|p| p != current) {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            focus_main();
        }
        current
    });

    let skip_to_main = move |event: ev::MouseEvent| {
        // The fragment holds the route, so the skip link moves focus itself.
        event.prevent_default();
        focus_main();
    };

    view! {
        <Show
            when=move || !embedded.get()
            fallback=|| view! { <header class="embed-bar"><LanguageSwitch/></header> }
        >
            <a class="skip-link" href="#main" on:click=skip_to_main>
                {move || nav.t(k::shell::skip_to_content)}
            </a>
            <SiteHeader page/>
        </Show>
        <main id="main" tabindex="-1">
            {move || share_for(&page.get())}
            {move || {
                if ready.get() {
                    render(page.get())
                } else {
                    view! { <PageTextsPending failed=page_failed retry/> }.into_any()
                }
            }}
        </main>
        <Show when=move || !embedded.get()>
            <footer class="site-footer">
                <p>{move || nav.t(k::shell::footer_privacy)}</p>
                <p>
                    <a href=move || nav.href(Page::About)>
                        {move || nav.t(k::shell::footer_about)}
                    </a>
                </p>
            </footer>
        </Show>
    }
}

/// The site's header: name, menu (the current page marked) and language switch.
#[component]
fn SiteHeader(
    /// The page being shown.
    page: Memo<Page>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <header class="site-header">
            <a class="brand" href=move || nav.href(Page::Home)>
                <img class="brand-mark" src="favicon.svg" alt="" width="28" height="28"/>
                <span>{move || nav.t(k::app::name)}</span>
            </a>
            <nav class="menu" aria-label=move || nav.t(k::shell::menu_label)>
                <ul>
                    {Page::MENU
                        .into_iter()
                        .map(|target| {
                            let current = {
                                let target = target.clone();
                                move || (page.get() == target).then_some("page")
                            };
                            let label = menu_label(&target);
                            view! {
                                <li>
                                    <a href=move || nav.href(target.clone()) aria-current=current>
                                        {move || nav.t(label)}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <LanguageSwitch/>
        </header>
    }
}

/// Stands where a page goes while its texts are downloaded (a moment on a working
/// connection), or says they could not be, with a button to try again.
#[component]
fn PageTextsPending(
    /// Whether the download failed.
    failed: RwSignal<bool>,
    /// Bumped to try again.
    retry: RwSignal<u32>,
) -> impl IntoView {
    let nav = use_nav();
    view! {
        <div class="page-pending" role="status" aria-busy=move || (!failed.get()).then_some("true")>
            <Show
                when=move || failed.get()
                fallback=move || view! { <p>{move || nav.t(k::shell::page_loading)}</p> }
            >
                <p>{move || nav.t(k::shell::page_failed)}</p>
                <button type="button" on:click=move |_| retry.update(|n| *n = n.wrapping_add(1))>
                    {move || nav.t(k::shell::page_retry)}
                </button>
            </Show>
        </div>
    }
}

/// Whether the last language asked for could not be downloaded (the switch says so, in
/// the language still shown).
#[derive(Clone, Copy)]
struct LanguageDownloadFailed(RwSignal<bool>);

/// Links to the same place in each language; the current one is marked.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let nav = use_nav();
    let failed = expect_context::<LanguageDownloadFailed>().0;
    view! {
        <nav class="lang-switch" aria-label=move || nav.t(k::shell::language_label)>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        let name = match lang {
                            Lang::En => k::app::lang_name_en,
                            Lang::Ja => k::app::lang_name_ja,
                        };
                        view! {
                            <li>
                                <a
                                    href=move || nav.location.with(|l| l.with_lang(lang).to_hash())
                                    hreflang=lang.tag()
                                    lang=lang.tag()
                                    aria-current=move || (nav.lang.get() == lang).then_some("true")
                                >
                                    // Each name is written in its own language, and the
                                    // same in both tables (only one may be loaded).
                                    {move || nav.t(name)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="lang-status" role="status">
                {move || failed.get().then(|| nav.t(k::shell::language_failed))}
            </p>
        </nav>
    }
}
