//! Where the reader is: the hash route and its query (`#/mail?lang=ja&step=3`).
//!
//! Routes live in the URL's fragment so the built site works from any static host at any
//! sub-path, with back/forward and deep links, and without server configuration. This
//! module is pure: [`Location::parse`] reads a fragment, [`Location::to_hash`] prints one,
//! and the two round-trip. Query keys are owned by the pages that use them; the shell only
//! knows `lang` ([`LANG`]).

use std::fmt::Write as _;

use super::i18n::{Bundle, Lang};

/// The query key that carries the page language.
pub const LANG: &str = "lang";

/// The query key that asks for the compact, chrome-less layout used inside an iframe
/// (`embed=1`).
pub const EMBED: &str = "embed";

/// The pages the site has.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    Mail,
    Cert,
    Glossary,
    About,
    /// For teachers: lesson plans, every URL option with a link builder (#/teach).
    Teach,
    /// A scenario's predict-then-reveal questions as a quiz (#/quiz?scenario=…).
    Quiz,
    /// A route that exists only to prove the panic screen works (used by the tests).
    PanicCheck,
    /// Anything else; holds the path the reader asked for.
    NotFound(String),
}

impl Page {
    /// Every page a reader can navigate to from the menu, in menu order.
    pub const MENU: [Page; 4] = [Page::Home, Page::Mail, Page::Cert, Page::About];

    /// Every page with a route of its own (all but [`Page::NotFound`]).
    pub const ROUTED: [Page; 8] = [
        Page::Home,
        Page::Mail,
        Page::Cert,
        Page::Glossary,
        Page::About,
        Page::Teach,
        Page::Quiz,
        Page::PanicCheck,
    ];

    /// The texts the page needs (see build.rs): the shell's, its own, and the glossary's
    /// where its terms link to their explanations. (A test in `i18n` reads the view files
    /// and checks that no page uses a text it did not ask for.)
    pub fn bundles(&self) -> &'static [Bundle] {
        match self {
            Page::Mail => &[Bundle::Core, Bundle::Mail, Bundle::Glossary],
            Page::Cert => &[Bundle::Core, Bundle::Cert, Bundle::Glossary],
            Page::Glossary => &[Bundle::Core, Bundle::Glossary],
            // The link builder names the scenarios and the samples by their titles.
            Page::Teach => &[Bundle::Core, Bundle::Teach, Bundle::Mail, Bundle::Cert],
            // The questions are the mail page's own.
            Page::Quiz => &[Bundle::Core, Bundle::Teach, Bundle::Mail],
            Page::Home | Page::About | Page::PanicCheck | Page::NotFound(_) => &[Bundle::Core],
        }
    }

    /// The program that draws the page, if only one does: the site is built as several
    /// WebAssembly programs (one per explainer) so that a page's first load carries the
    /// views of that page and not the others'. The light pages (home, glossary, about,
    /// the error pages) are in every program; `None` for them.
    pub fn program(&self) -> Option<Program> {
        match self {
            Page::Mail => Some(Program::Mail),
            Page::Cert => Some(Program::Cert),
            Page::Teach | Page::Quiz => Some(Program::Teach),
            Page::Home | Page::Glossary | Page::About | Page::PanicCheck | Page::NotFound(_) => {
                None
            }
        }
    }

    /// The path of the page inside the fragment (`/mail`).
    pub fn path(&self) -> &str {
        match self {
            Page::Home => "/",
            Page::Mail => "/mail",
            Page::Cert => "/cert",
            Page::Glossary => "/glossary",
            Page::About => "/about",
            Page::Teach => "/teach",
            Page::Quiz => "/quiz",
            Page::PanicCheck => "/check/panic",
            Page::NotFound(path) => path,
        }
    }

    fn from_path(path: &str) -> Page {
        let trimmed = path.trim_end_matches('/');
        match trimmed {
            "" => Page::Home,
            "/mail" => Page::Mail,
            "/cert" => Page::Cert,
            "/glossary" => Page::Glossary,
            "/about" => Page::About,
            "/teach" => Page::Teach,
            "/quiz" => Page::Quiz,
            "/check/panic" => Page::PanicCheck,
            _ => Page::NotFound(path.to_owned()),
        }
    }
}

/// The WebAssembly programs the site is built as (one `[[bin]]` each in Cargo.toml, one
/// `<link data-trunk rel="rust">` each in index.html). `static/boot.js` starts the one the
/// URL's page needs ([`Page::program`]); a navigation to a page another program draws
/// reloads the document, and `boot.js` starts that one. A native test keeps `boot.js`,
/// index.html and Cargo.toml in step with this list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Program {
    /// The home page, the glossary and the about page only: the lightest.
    Site,
    /// The mail explainer (`#/mail`).
    Mail,
    /// The padlock page (`#/cert`); its certificate engine is a worker of its own.
    Cert,
    /// The teachers' page and the quiz (`#/teach`, `#/quiz`).
    Teach,
}

impl Program {
    /// Every program.
    pub const ALL: [Program; 4] = [Program::Site, Program::Mail, Program::Cert, Program::Teach];

    /// The binary's name, which starts the names of its files in the build (`imasara-mail-….js`).
    pub fn binary(self) -> &'static str {
        match self {
            Program::Site => "imasara",
            Program::Mail => "imasara-mail",
            Program::Cert => "imasara-cert",
            Program::Teach => "imasara-teach",
        }
    }

    /// Whether this program draws `page`.
    pub fn draws(self, page: &Page) -> bool {
        page.program().is_none_or(|only| only == self)
    }
}

/// The most query keys a location keeps (the pages use about ten).
pub const MAX_QUERY_KEYS: usize = 64;

/// The query after the route: ordered `key=value` pairs, each key at most once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets `key` to `value`, keeping its position if it was already present.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key.to_owned(), value)),
        }
    }

    /// Removes `key` if present.
    pub fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| k != key);
    }

    /// The pairs in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Reads `a=1&b=2`: the first value of each key wins, and a crafted link cannot make
    /// this slow (each key is looked up once in a set: linear in the length) or large (at
    /// most [`MAX_QUERY_KEYS`] keys are kept).
    fn parse(text: &str) -> Query {
        let mut query = Query::default();
        let mut seen = std::collections::HashSet::new();
        for part in text.split('&').filter(|p| !p.is_empty()) {
            if query.pairs.len() >= MAX_QUERY_KEYS {
                break;
            }
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let key = percent_decode(key);
            if !key.is_empty() && seen.insert(key.clone()) {
                query.pairs.push((key, percent_decode(value)));
            }
        }
        query
    }
}

/// A parsed fragment: which page, and the state its query carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub page: Page,
    pub query: Query,
}

impl Location {
    /// A location on `page` with an empty query.
    pub fn new(page: Page) -> Location {
        Location {
            page,
            query: Query::default(),
        }
    }

    /// Reads a fragment as `window.location.hash` gives it (`#/mail?lang=ja`), with or
    /// without the leading `#`. A fragment that is not a route (empty, or an in-page anchor
    /// such as `#main`) is the home page.
    pub fn parse(fragment: &str) -> Location {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let page = if path.starts_with('/') {
            Page::from_path(&percent_decode(path))
        } else {
            Page::Home
        };
        Location {
            page,
            query: Query::parse(query),
        }
    }

    /// Prints the fragment, `#` included: `#/mail?lang=ja`.
    pub fn to_hash(&self) -> String {
        let mut out = String::from("#");
        out.push_str(&percent_encode(self.page.path(), true));
        for (i, (key, value)) in self.query.pairs().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&percent_encode(key, false));
            out.push('=');
            out.push_str(&percent_encode(value, false));
        }
        out
    }

    /// The language the URL asks for, if any.
    pub fn lang(&self) -> Option<Lang> {
        self.query.get(LANG).and_then(Lang::from_tag)
    }

    /// The same location in another language.
    pub fn with_lang(&self, lang: Lang) -> Location {
        let mut next = self.clone();
        next.query.set(LANG, lang.tag());
        next
    }

    /// Whether the page is shown in embed mode (`embed=1`).
    pub fn is_embed(&self) -> bool {
        self.query.get(EMBED) == Some("1")
    }

    /// Another page, keeping only what belongs to the reader rather than to the page: the
    /// language and embed mode.
    pub fn goto(&self, page: Page) -> Location {
        let mut next = Location::new(page);
        for key in [LANG, EMBED] {
            if let Some(value) = self.query.get(key) {
                next.query.set(key, value);
            }
        }
        next
    }
}

/// Characters left as they are in the fragment; everything else is `%XX`-encoded.
fn is_unreserved(byte: u8, in_path: bool) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'.' | b'_' | b'~' | b':' | b'@' | b'!' | b'*' | b',' | b';'
        )
        || (in_path && byte == b'/')
}

fn percent_encode(text: &str, in_path: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if is_unreserved(byte, in_path) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space, as forms write it). Malformed escapes and
/// invalid UTF-8 are kept or replaced, never a failure: URLs come from anywhere.
fn percent_decode(text: &str) -> String {
    fn hex(byte: u8) -> Option<u8> {
        char::from(byte)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, other) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The size report (tests/size.mjs) counts each page's texts from size-budget.json:
    /// the bundles listed there are the ones the page really fetches.
    #[test]
    fn the_size_budget_counts_the_texts_each_page_fetches() {
        let budget: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string("size-budget.json").unwrap()).unwrap();
        let pages = budget["pages"].as_object().unwrap();
        assert!(pages.len() >= 3, "{pages:?}");
        for (route, entry) in pages {
            let page = Location::parse(route).page;
            assert!(!matches!(page, Page::NotFound(_)), "{route} is not a page");
            let listed: Vec<&str> = entry["bundles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b.as_str().unwrap())
                .collect();
            let fetched: Vec<&str> = page.bundles().iter().map(|b| b.name()).collect();
            assert_eq!(listed, fetched, "{route}");
            let program = page.program().unwrap_or(Program::Site);
            assert_eq!(entry["program"].as_str(), Some(program.binary()), "{route}");
        }
        for page in Page::MENU {
            assert!(
                pages.contains_key(&format!("#{}", page.path())),
                "{page:?} has no budget"
            );
        }
    }

    /// boot.js starts the program a page needs from its own table; index.html builds each
    /// program and Cargo.toml has its binary. All four say what [`Page::program`] says.
    #[test]
    fn boot_js_index_html_and_cargo_know_every_program() {
        let boot = std::fs::read_to_string("static/boot.js").unwrap();
        let table = &boot[boot.find("const PROGRAMS = {").unwrap()..];
        let table = &table[..table.find("};").unwrap()];
        let listed: Vec<(&str, &str)> = table
            .lines()
            .filter_map(|line| {
                let (path, binary) = line.trim().trim_end_matches(',').split_once(": ")?;
                Some((path.trim_matches('\''), binary.trim_matches('\'')))
            })
            .collect();
        let expected: Vec<(&str, &str)> = Page::ROUTED
            .iter()
            .filter_map(|page| Some((page.path(), page.program()?.binary())))
            .collect();
        assert_eq!(listed, expected);
        // A page no program owns starts the lightest program, which boot.js loads from
        // the tag Trunk writes (the "main" program of index.html).
        assert_eq!(Program::Site.binary(), "imasara");

        let index = std::fs::read_to_string("index.html").unwrap();
        let cargo = std::fs::read_to_string("Cargo.toml").unwrap();
        for program in Program::ALL {
            let name = program.binary();
            let link = format!("rel=\"rust\" data-bin=\"{name}\"");
            let line = index.lines().find(|l| l.contains(&link));
            if program == Program::Mail {
                // Built in two modules by Trunk.toml's post_build hook, not by Trunk.
                assert!(
                    line.is_none(),
                    "index.html and the hook would both build {name}"
                );
                let trunk = std::fs::read_to_string("Trunk.toml").unwrap();
                assert!(trunk.contains("command_arguments = [\"scripts/post-build.sh\"]"));
                let post = std::fs::read_to_string("scripts/post-build.sh").unwrap();
                assert!(post.contains("sh scripts/build-mail.sh"));
                let build = std::fs::read_to_string("scripts/build-mail.sh").unwrap();
                // For size as the other programs, and as an ES module.
                for part in [
                    "profile=web",
                    "--bin imasara-mail",
                    "wasm-bindgen --target=web",
                ] {
                    assert!(build.contains(part), "scripts/build-mail.sh: {part}");
                }
            } else {
                let line = line.unwrap_or_else(|| panic!("index.html does not build {name}"));
                // Built for size as the other programs, and as an ES module.
                assert!(
                    line.contains("data-cargo-profile-release=\"web\""),
                    "{line}"
                );
                if program != Program::Site {
                    assert!(line.contains("data-bindgen-target=\"web\""), "{line}");
                }
            }
            let source = match program {
                Program::Site => "src/main.rs".to_owned(),
                _ => format!("src/bin/{name}.rs"),
            };
            let main = std::fs::read_to_string(&source).unwrap();
            assert!(
                main.contains(&format!("start(Program::{program:?}, ")),
                "{source}"
            );
            assert!(
                program == Program::Site || !cargo.contains(&format!("name = \"{name}\"")),
                "{name}: Cargo finds src/bin/ by itself"
            );
        }
        // Every page a program draws is drawn by exactly that one or by all of them.
        for page in Page::ROUTED {
            let drawn_by = Program::ALL.iter().filter(|p| p.draws(&page)).count();
            assert!(drawn_by == 1 || drawn_by == Program::ALL.len(), "{page:?}");
        }
    }

    #[test]
    fn a_crafted_query_is_read_in_linear_time_and_capped() {
        let many: String = (0..100_000).map(|i| format!("k{i}=v&")).collect();
        let repeated = "a=1&".repeat(100_000);
        let location = Location::parse(&format!("#/cert?{repeated}{many}"));
        assert_eq!(location.query.get("a"), Some("1"));
        assert_eq!(location.query.pairs().count(), MAX_QUERY_KEYS);
    }

    #[test]
    fn parses_routes() {
        assert_eq!(Location::parse("").page, Page::Home);
        assert_eq!(Location::parse("#").page, Page::Home);
        assert_eq!(Location::parse("#/").page, Page::Home);
        assert_eq!(Location::parse("#/mail").page, Page::Mail);
        assert_eq!(Location::parse("#/mail/").page, Page::Mail);
        assert_eq!(Location::parse("/cert").page, Page::Cert);
        assert_eq!(Location::parse("#/about?lang=ja").page, Page::About);
        assert_eq!(Location::parse("#/glossary").page, Page::Glossary);
        assert_eq!(Location::parse("#/teach?lang=ja").page, Page::Teach);
        assert_eq!(Location::parse("#/quiz?scenario=own_case").page, Page::Quiz);
        assert_eq!(Location::parse("#main").page, Page::Home);
        assert_eq!(
            Location::parse("#/nowhere").page,
            Page::NotFound("/nowhere".into())
        );
    }

    #[test]
    fn reads_language_and_other_keys() {
        let loc = Location::parse("#/mail?lang=ja&scenario=own_case&step=3");
        assert_eq!(loc.lang(), Some(Lang::Ja));
        assert_eq!(loc.query.get("scenario"), Some("own_case"));
        assert_eq!(loc.query.get("step"), Some("3"));
        assert_eq!(Location::parse("#/mail?lang=fr").lang(), None);
        assert_eq!(Location::parse("#/mail").lang(), None);
    }

    #[test]
    fn first_value_of_a_repeated_key_wins() {
        let loc = Location::parse("#/?lang=ja&lang=en");
        assert_eq!(loc.lang(), Some(Lang::Ja));
        assert_eq!(loc.to_hash(), "#/?lang=ja");
    }

    #[test]
    fn prints_canonical_fragments() {
        let loc = Location::parse("#/mail?lang=ja");
        assert_eq!(loc.to_hash(), "#/mail?lang=ja");
        assert_eq!(loc.with_lang(Lang::En).to_hash(), "#/mail?lang=en");
        assert_eq!(loc.goto(Page::Cert).to_hash(), "#/cert?lang=ja");
        assert_eq!(Location::new(Page::Home).to_hash(), "#/");
    }

    #[test]
    fn encodes_and_decodes_values() {
        let mut loc = Location::new(Page::Cert);
        loc.query.set("host", "日本語.jp");
        loc.query.set("note", "a&b=c d+e%");
        let hash = loc.to_hash();
        assert!(hash.is_ascii(), "{hash}");
        assert_eq!(Location::parse(&hash), loc);
        assert_eq!(
            Location::parse("#/cert?host=a+b").query.get("host"),
            Some("a b")
        );
    }

    #[test]
    fn malformed_escapes_do_not_fail() {
        let loc = Location::parse("#/cert?x=%&y=%zz&z=%e3%81");
        assert_eq!(loc.query.get("x"), Some("%"));
        assert_eq!(loc.query.get("y"), Some("%zz"));
        assert_eq!(loc.query.get("z"), Some("\u{fffd}"));
    }

    #[test]
    fn embed_mode_survives_navigation_but_page_state_does_not() {
        let loc = Location::parse("#/mail?embed=1&lang=ja&step=4");
        assert!(loc.is_embed());
        let next = loc.goto(Page::Glossary);
        assert!(next.is_embed());
        assert_eq!(next.to_hash(), "#/glossary?lang=ja&embed=1");
        assert!(!Location::parse("#/mail?embed=0").is_embed());
    }

    #[test]
    fn query_set_keeps_position_and_remove_works() {
        let mut loc = Location::parse("#/mail?a=1&b=2");
        loc.query.set("a", "3");
        loc.query.remove("b");
        loc.query.set("c", "4");
        assert_eq!(loc.to_hash(), "#/mail?a=3&c=4");
    }

    proptest::proptest! {
        #[test]
        fn printing_then_parsing_round_trips(
            keys in proptest::collection::vec("[a-z]{1,8}", 0..5),
            values in proptest::collection::vec(".{0,12}", 5),
            page in 0usize..Page::ROUTED.len(),
        ) {
            let page = Page::ROUTED[page].clone();
            let mut loc = Location::new(page);
            for (key, value) in keys.iter().zip(&values) {
                loc.query.set(key, value.clone());
            }
            proptest::prop_assert_eq!(Location::parse(&loc.to_hash()), loc);
        }

        #[test]
        fn any_fragment_parses_without_panic(fragment in ".{0,64}") {
            let loc = Location::parse(&fragment);
            let _ = loc.to_hash();
        }
    }
}
