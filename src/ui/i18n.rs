//! Languages and localised text.
//!
//! Every user-facing sentence lives in `locales/{en,ja}/*.toml`; `build.rs` turns them into
//! typed keys (`k::home::lead`) and one table per language, and refuses to build when a key
//! is missing in either language. The published page fetches only the reader's language,
//! and of it only the [`Bundle`]s the open page needs ([`load`]; files `build.rs` writes
//! and Trunk's post-build hook copies into the site); native builds and the
//! `self-contained` feature compile everything in. Apart from [`load`] this module is pure:
//! the view keeps the current [`Lang`] in a signal and asks [`text`] or [`fill`] for
//! strings.

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// A typed reference to one localised string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key(pub u16);

impl Key {
    /// The dotted name of the key, as written in the locale files (`home.title`).
    pub fn name(self) -> &'static str {
        KEY_NAMES[usize::from(self.0)]
    }
}

/// The languages the page speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The BCP 47 tag used in `<html lang>` and in the URL (`?lang=ja`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Parses a tag from the URL (`en`, `ja`); anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    /// What goes between two sentences written one after the other: a space in English,
    /// nothing in Japanese (a Japanese sentence ends with 。, which carries its own space).
    pub fn sentence_gap(self) -> &'static str {
        match self {
            Lang::En => " ",
            Lang::Ja => "",
        }
    }

    /// What goes between two items the view sets side by side on one line (a time and a
    /// state): a space in English, a full-width space in Japanese, which sets them apart
    /// where a half-width one would stand beside Japanese text.
    pub fn item_gap(self) -> &'static str {
        match self {
            Lang::En => " ",
            Lang::Ja => "\u{3000}",
        }
    }

    /// Picks the page language from the browser's preference list (`navigator.languages`):
    /// the first entry we speak wins; English when none matches.
    pub fn from_preferences<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Lang {
        preferences
            .into_iter()
            .find_map(|p| {
                let primary = p.split(['-', '_']).next().unwrap_or_default();
                Lang::from_tag(&primary.to_ascii_lowercase())
            })
            .unwrap_or_default()
    }
}

impl Bundle {
    /// The bundle that holds `key`.
    pub fn of(key: Key) -> Bundle {
        let index = usize::from(key.0);
        Bundle::ALL
            .into_iter()
            .find(|b| b.keys().contains(&index))
            .unwrap_or(Bundle::ALL[0])
    }
}

/// The text of `key` in `lang`; empty while its bundle in that language is not loaded.
pub fn text(lang: Lang, key: Key) -> &'static str {
    let bundle = Bundle::of(key);
    tables::get(lang, bundle)
        .and_then(|table| table.get(usize::from(key.0) - bundle.keys().start))
        .copied()
        .unwrap_or_default()
}

/// Whether the texts of every one of `bundles` in `lang` are at hand.
pub fn is_loaded(lang: Lang, bundles: &[Bundle]) -> bool {
    bundles.iter().all(|b| tables::get(lang, *b).is_some())
}

/// Where the published page fetches a bundle's texts in a language (relative to the page;
/// the version makes every build's files new addresses, so no cache serves an old one).
pub fn language_file_path(lang: Lang, bundle: Bundle) -> String {
    format!(
        "locales/{}.{}.txt?v={LOCALE_VERSION}",
        bundle.name(),
        lang.tag()
    )
}

/// Why a language file was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LanguageFileError {
    /// Not a language file, or one for another language or bundle.
    NotALanguageFile,
    /// Written for another version of the page.
    OtherVersion,
    /// The number of texts is not the number of the bundle's keys.
    WrongCount,
}

/// Reads a bundle's language file (see `build.rs`: a header line, then each text ended by
/// a NUL).
pub fn parse_language_file(
    lang: Lang,
    bundle: Bundle,
    file: &str,
) -> Result<Vec<&str>, LanguageFileError> {
    let (header, body) = file
        .split_once('\n')
        .ok_or(LanguageFileError::NotALanguageFile)?;
    let mut words = header.split(' ');
    if words.next() != Some("imasara-locale")
        || words.next() != Some(lang.tag())
        || words.next() != Some(bundle.name())
    {
        return Err(LanguageFileError::NotALanguageFile);
    }
    if words.next() != Some(LOCALE_VERSION) {
        return Err(LanguageFileError::OtherVersion);
    }
    let texts: Vec<&str> = body
        .strip_suffix('\0')
        .unwrap_or(body)
        .split('\0')
        .collect();
    let count = bundle.keys().len();
    if words.next() != Some(count.to_string().as_str()) || texts.len() != count {
        return Err(LanguageFileError::WrongCount);
    }
    Ok(texts)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "self-contained"))]
mod tables {
    //! Both languages compiled in.
    use super::{Bundle, EN, JA, Lang};

    pub fn get(lang: Lang, bundle: Bundle) -> Option<&'static [&'static str]> {
        let table: &'static [&'static str] = match lang {
            Lang::En => &EN,
            Lang::Ja => &JA,
        };
        table.get(bundle.keys())
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "self-contained")))]
mod tables {
    //! Bundles fetched by the page, kept for the rest of its life once read.
    use std::sync::OnceLock;

    use super::{Bundle, Lang, LanguageFileError, parse_language_file};

    type Slots = [OnceLock<Vec<&'static str>>; Bundle::ALL.len()];
    static EN: Slots = [const { OnceLock::new() }; Bundle::ALL.len()];
    static JA: Slots = [const { OnceLock::new() }; Bundle::ALL.len()];

    fn slot(lang: Lang, bundle: Bundle) -> Option<&'static OnceLock<Vec<&'static str>>> {
        let slots = match lang {
            Lang::En => &EN,
            Lang::Ja => &JA,
        };
        let index = Bundle::ALL.iter().position(|b| *b == bundle)?;
        slots.get(index)
    }

    pub fn get(lang: Lang, bundle: Bundle) -> Option<&'static [&'static str]> {
        slot(lang, bundle)?.get().map(Vec::as_slice)
    }

    /// Takes a fetched language file. At most one file per bundle and language is ever
    /// kept, so its text can live as long as the page.
    pub fn install(lang: Lang, bundle: Bundle, file: String) -> Result<(), LanguageFileError> {
        if get(lang, bundle).is_some() {
            return Ok(());
        }
        // Checked before it is kept: a refused file is freed.
        parse_language_file(lang, bundle, &file)?;
        let file: &'static str = Box::leak(file.into_boxed_str());
        if let Some(slot) = slot(lang, bundle) {
            let _ = slot.set(parse_language_file(lang, bundle, file)?);
        }
        Ok(())
    }
}

/// Fetches and keeps the texts of `bundles` in `lang` (all requests start at once).
/// `true` once every one is at hand.
pub async fn load(lang: Lang, bundles: &[Bundle]) -> bool {
    #[cfg(all(target_arch = "wasm32", not(feature = "self-contained")))]
    {
        let missing: Vec<Bundle> = bundles
            .iter()
            .copied()
            .filter(|b| !is_loaded(lang, &[*b]))
            .collect();
        let requests: Vec<_> = missing
            .iter()
            .map(|b| crate::ui::start_fetch(&language_file_path(lang, *b)))
            .collect();
        for (bundle, request) in missing.into_iter().zip(requests) {
            let Some(file) = crate::ui::text_of(request).await else {
                return false;
            };
            if let Err(error) = tables::install(lang, bundle, file) {
                web_sys::console::error_1(
                    &format!(
                        "imasara: the {} {} texts were not taken: {error:?}",
                        lang.tag(),
                        bundle.name()
                    )
                    .into(),
                );
                return false;
            }
        }
    }
    is_loaded(lang, bundles)
}

/// A count as both languages write it in running text: digits grouped by three with commas
/// ("10,000"; Japanese technical writing groups the same way, 「10,000個」).
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The text of `key` in `lang` with `{name}` placeholders replaced by the given values.
/// Unknown placeholders are left as written, so a mistake shows rather than vanishes.
pub fn fill(lang: Lang, key: Key, values: &[(&str, &str)]) -> String {
    let mut out = text(lang, key).to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod guards;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn counts_are_grouped_by_three() {
        assert_eq!(super::count(0), "0");
        assert_eq!(super::count(999), "999");
        assert_eq!(super::count(1000), "1,000");
        assert_eq!(super::count(9980), "9,980");
        assert_eq!(super::count(1_234_567), "1,234,567");
    }

    use super::*;

    #[test]
    fn the_language_files_hold_the_compiled_tables() {
        macro_rules! file {
            ($bundle:literal, $lang:literal) => {
                include_str!(concat!(env!("OUT_DIR"), "/", $bundle, ".", $lang, ".txt"))
            };
        }
        let files = [
            (Bundle::Core, file!("core", "en"), file!("core", "ja")),
            (Bundle::Mail, file!("mail", "en"), file!("mail", "ja")),
            (Bundle::Cert, file!("cert", "en"), file!("cert", "ja")),
            (
                Bundle::Glossary,
                file!("glossary", "en"),
                file!("glossary", "ja"),
            ),
            (Bundle::Teach, file!("teach", "en"), file!("teach", "ja")),
        ];
        assert_eq!(
            files.len(),
            Bundle::ALL.len(),
            "a bundle is not checked here"
        );
        let mut covered = 0;
        for (bundle, en, ja) in files {
            assert_eq!(bundle.keys().start, covered, "bundles are contiguous");
            covered = bundle.keys().end;
            assert_eq!(
                parse_language_file(Lang::En, bundle, en).unwrap(),
                &EN[bundle.keys()]
            );
            assert_eq!(
                parse_language_file(Lang::Ja, bundle, ja).unwrap(),
                &JA[bundle.keys()]
            );
            // The file of the other language, another bundle or another build is refused.
            assert_eq!(
                parse_language_file(Lang::Ja, bundle, en),
                Err(LanguageFileError::NotALanguageFile)
            );
            let other = en.replacen(LOCALE_VERSION, "0000000000000000", 1);
            assert_eq!(
                parse_language_file(Lang::En, bundle, &other),
                Err(LanguageFileError::OtherVersion)
            );
            let short = en.rsplitn(3, '\0').nth(2).unwrap().to_owned() + "\0";
            assert_eq!(
                parse_language_file(Lang::En, bundle, &short),
                Err(LanguageFileError::WrongCount)
            );
        }
        assert_eq!(covered, KEY_COUNT, "every key is in a bundle");
        assert_eq!(
            parse_language_file(Lang::En, Bundle::Mail, file!("cert", "en")),
            Err(LanguageFileError::NotALanguageFile)
        );
        for junk in ["", "<!doctype html>\n<p>Not found</p>", "\0\0\0"] {
            assert!(
                parse_language_file(Lang::En, Bundle::Core, junk).is_err(),
                "{junk:?}"
            );
        }
        assert!(language_file_path(Lang::Ja, Bundle::Mail).starts_with("locales/mail.ja.txt?v="));
        // Each key finds its own bundle's text.
        assert_eq!(Bundle::of(k::mail::heading), Bundle::Mail);
        assert_eq!(Bundle::of(k::shell::title::mail), Bundle::Core);
        assert_eq!(text(Lang::En, k::shell::title::home), "Home");
    }

    /// The pages whose views a file of `src/ui` is part of; `None` for every page.
    fn pages_of(file: &str) -> Option<Vec<crate::ui::route::Page>> {
        use crate::ui::route::Page;
        let name = file.strip_prefix("src/ui/pages/")?;
        if name.starts_with("teach/quiz") {
            return Some(vec![Page::Quiz]);
        }
        let page = name.split(['/', '.']).next()?;
        Some(match page {
            "mail" => vec![Page::Mail],
            "cert" => vec![Page::Cert],
            "home" => vec![Page::Home],
            "about" => vec![Page::About],
            "check" => vec![Page::PanicCheck],
            "not_found" => vec![Page::NotFound(String::new())],
            "teach" => vec![Page::Teach],
            // Its term links stand in the explainers too.
            "glossary" => vec![Page::Glossary, Page::Mail, Page::Cert],
            _ => return None,
        })
    }

    /// Every `.rs` file below `dir`.
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }

    /// A text from a bundle the open page did not fetch would show as nothing: every
    /// `k::<namespace>::` a view file names must be in a bundle of each page it is part of
    /// (`Page::bundles`); files shared by every page may use only the core bundle.
    #[test]
    fn pages_ask_for_the_texts_they_use() {
        use crate::ui::route::Page;
        let every_page: Vec<Page> = Page::ROUTED
            .into_iter()
            .chain([Page::NotFound(String::new())])
            .collect();
        let bundle_of_namespace = |namespace: &str| {
            let prefix = format!("{namespace}.");
            let index = KEY_NAMES.iter().position(|n| n.starts_with(&prefix))?;
            Some(Bundle::of(Key(u16::try_from(index).unwrap())))
        };
        let mut files = Vec::new();
        rust_files(std::path::Path::new("src/ui"), &mut files);
        let mut problems = Vec::new();
        for path in files {
            let file = path.to_string_lossy().replace('\\', "/");
            if file.starts_with("src/ui/i18n") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            let pages = pages_of(&file).unwrap_or_else(|| every_page.to_vec());
            for used in code.split("k::").skip(1) {
                let namespace: String = used
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let Some(bundle) = bundle_of_namespace(&namespace) else {
                    continue;
                };
                for page in pages.iter().filter(|p| !p.bundles().contains(&bundle)) {
                    problems.push(format!("{file}: k::{namespace} on {page:?}"));
                }
            }
        }
        problems.dedup();
        assert!(
            problems.is_empty(),
            "texts a page does not fetch: {problems:#?}"
        );
        // Checked the other way: the core bundle really is fetched by every page.
        assert!(
            every_page
                .iter()
                .all(|p| p.bundles().contains(&Bundle::Core))
        );
    }

    /// Values that are the same in both languages on purpose (names, protocol words).
    /// Each entry is a key name; everything else must be written in Japanese.
    const SAME_IN_BOTH: &[&str] = &[
        "app.name",
        "app.lang_name_en",
        "app.lang_name_ja",
        // The value of `embed=` in the teachers' table of link options.
        "teach.options.values_embed",
        // Sizes: the units are written alike in Japanese technical text.
        "cert.input.paste_kb",
        "cert.input.paste_mb",
        // The redrawn figure's button and addresses.
        "cert.then_now.fig_ok",
        "cert.then_now.fig_https",
        "cert.then_now.fig_http",
        // Program names, as typed at a command line.
        "cert.verdict.client_curl",
        "cert.verdict.client_openssl_verify",
        "cert.verdict.family_firefox",
        // The lab program's name, as typed at a command line.
        "mail.recording.source_lab",
        // A slot for one of the code's sentences, chosen by the finding's data.
        "cert_codes.authority_alone",
        "cert_codes.root_not_embedded",
        "cert_codes.root_removed_from_mozilla",
        "cert_codes.weak_key",
    ];

    fn has_japanese(s: &str) -> bool {
        s.chars().any(|c| {
            matches!(c,
                '\u{3040}'..='\u{30ff}' // hiragana, katakana
                | '\u{4e00}'..='\u{9fff}' // CJK ideographs
                | '\u{ff01}'..='\u{ff60}' // full-width forms
                | '\u{3000}'..='\u{303f}') // CJK punctuation
        })
    }

    #[test]
    fn every_japanese_value_is_written_in_japanese() {
        let mut copies = Vec::new();
        for (i, name) in KEY_NAMES.iter().enumerate() {
            if SAME_IN_BOTH.contains(name) {
                continue;
            }
            let (en, ja) = (EN[i], JA[i]);
            if en == ja || !has_japanese(ja) {
                copies.push(*name);
            }
        }
        assert!(
            copies.is_empty(),
            "not translated into Japanese: {copies:?}"
        );
    }

    #[test]
    fn no_value_is_empty() {
        for (i, name) in KEY_NAMES.iter().enumerate() {
            assert!(!EN[i].trim().is_empty(), "{name} is empty in English");
            assert!(!JA[i].trim().is_empty(), "{name} is empty in Japanese");
        }
    }

    #[test]
    fn placeholders_agree_between_languages() {
        fn placeholders(s: &str) -> Vec<&str> {
            let mut found: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
                .collect();
            found.sort_unstable();
            found
        }
        for (i, name) in KEY_NAMES.iter().enumerate() {
            assert_eq!(
                placeholders(EN[i]),
                placeholders(JA[i]),
                "placeholders differ in {name}"
            );
        }
    }

    #[test]
    fn same_in_both_lists_only_real_keys() {
        for name in SAME_IN_BOTH {
            assert!(KEY_NAMES.contains(name), "{name} is not a key");
        }
    }

    #[test]
    fn language_from_browser_preferences() {
        assert_eq!(Lang::from_preferences(["ja-JP", "en-US"]), Lang::Ja);
        assert_eq!(Lang::from_preferences(["fr-FR", "JA"]), Lang::Ja);
        assert_eq!(Lang::from_preferences(["en-GB", "ja"]), Lang::En);
        assert_eq!(Lang::from_preferences(["de", "fr"]), Lang::En);
        assert_eq!(Lang::from_preferences([]), Lang::En);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        // A text with two placeholders, in both languages.
        let key = k::cert::input::found;
        for lang in Lang::ALL {
            let template = text(lang, key);
            assert!(template.contains("{certs}") && template.contains("{blocks}"));
            let filled = fill(lang, key, &[("certs", "37"), ("blocks", "41")]);
            assert!(filled.contains("37") && filled.contains("41"), "{filled}");
            assert!(!filled.contains('{'), "{filled}");
            // The rest of the text is untouched.
            assert_eq!(
                filled.replace("37", "{certs}").replace("41", "{blocks}"),
                template
            );
            // A value not given leaves its placeholder visible, so a mistake shows.
            let partial = fill(lang, key, &[("certs", "37")]);
            assert!(partial.contains("{blocks}") && !partial.contains("{certs}"));
        }
        // A text without placeholders is returned as it is.
        assert_eq!(
            fill(Lang::En, k::app::name, &[("x", "y")]),
            text(Lang::En, k::app::name)
        );
    }
}
