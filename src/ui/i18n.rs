//! Languages and localised text.
//!
//! Every user-facing sentence lives in `locales/{en,ja}/*.toml`; `build.rs` turns them into
//! typed keys (`k::home::title`) and one table per language, and refuses to build when a key
//! is missing in either language. The published page fetches only the reader's language
//! ([`load`], a file `build.rs` writes and Trunk's post-build hook copies into the site);
//! native builds and the `self-contained` feature compile both in. Apart from [`load`] this
//! module is pure: the view keeps the current [`Lang`] in a signal and asks [`text`] or
//! [`fill`] for strings.

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

/// The text of `key` in `lang`; empty while that language is not loaded.
pub fn text(lang: Lang, key: Key) -> &'static str {
    tables::get(lang)
        .and_then(|table| table.get(usize::from(key.0)))
        .copied()
        .unwrap_or_default()
}

/// Whether the texts of `lang` are at hand.
pub fn is_loaded(lang: Lang) -> bool {
    tables::get(lang).is_some()
}

/// Where the published page fetches a language's texts (relative to the page; the
/// version makes every build's file a new address, so no cache serves an old one).
pub fn language_file_path(lang: Lang) -> String {
    format!("locales/{}.txt?v={LOCALE_VERSION}", lang.tag())
}

/// Why a language file was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LanguageFileError {
    /// Not a language file, or one for another language.
    NotALanguageFile,
    /// Written for another version of the page.
    OtherVersion,
    /// The number of texts is not the number of keys.
    WrongCount,
}

/// Reads a language file (see `build.rs`: a header line, then each text ended by a NUL).
pub fn parse_language_file(lang: Lang, file: &str) -> Result<Vec<&str>, LanguageFileError> {
    let (header, body) = file
        .split_once('\n')
        .ok_or(LanguageFileError::NotALanguageFile)?;
    let mut words = header.split(' ');
    if words.next() != Some("imasara-locale") || words.next() != Some(lang.tag()) {
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
    if words.next() != Some(KEY_COUNT.to_string().as_str()) || texts.len() != KEY_COUNT {
        return Err(LanguageFileError::WrongCount);
    }
    Ok(texts)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "self-contained"))]
mod tables {
    //! Both languages compiled in.
    use super::{EN, JA, Lang};

    pub fn get(lang: Lang) -> Option<&'static [&'static str]> {
        Some(match lang {
            Lang::En => &EN,
            Lang::Ja => &JA,
        })
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "self-contained")))]
mod tables {
    //! Languages fetched by the page, kept for the rest of its life once read.
    use std::sync::OnceLock;

    use super::{Lang, LanguageFileError, parse_language_file};

    static EN: OnceLock<Vec<&'static str>> = OnceLock::new();
    static JA: OnceLock<Vec<&'static str>> = OnceLock::new();

    fn slot(lang: Lang) -> &'static OnceLock<Vec<&'static str>> {
        match lang {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }

    pub fn get(lang: Lang) -> Option<&'static [&'static str]> {
        slot(lang).get().map(Vec::as_slice)
    }

    /// Takes a fetched language file. At most one file per language is ever kept, so
    /// its text can live as long as the page.
    pub fn install(lang: Lang, file: String) -> Result<(), LanguageFileError> {
        if get(lang).is_some() {
            return Ok(());
        }
        // Checked before it is kept: a refused file is freed.
        parse_language_file(lang, &file)?;
        let file: &'static str = Box::leak(file.into_boxed_str());
        let _ = slot(lang).set(parse_language_file(lang, file)?);
        Ok(())
    }
}

/// Fetches and keeps the texts of `lang` (the published page loads only the reader's
/// language). `true` once they are at hand.
pub async fn load(lang: Lang) -> bool {
    #[cfg(all(target_arch = "wasm32", not(feature = "self-contained")))]
    if !is_loaded(lang) {
        let Some(file) = crate::ui::fetch_text(&language_file_path(lang)).await else {
            return false;
        };
        if let Err(error) = tables::install(lang, file) {
            web_sys::console::error_1(
                &format!(
                    "imasara: the {} texts were not taken: {error:?}",
                    lang.tag()
                )
                .into(),
            );
            return false;
        }
    }
    is_loaded(lang)
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
    use super::*;

    #[test]
    fn the_language_files_hold_the_compiled_tables() {
        let en = include_str!(concat!(env!("OUT_DIR"), "/en.txt"));
        let ja = include_str!(concat!(env!("OUT_DIR"), "/ja.txt"));
        assert_eq!(parse_language_file(Lang::En, en).unwrap(), EN.to_vec());
        assert_eq!(parse_language_file(Lang::Ja, ja).unwrap(), JA.to_vec());
        // The file of the other language, or of another build, is refused.
        assert_eq!(
            parse_language_file(Lang::Ja, en),
            Err(LanguageFileError::NotALanguageFile)
        );
        let other = en.replacen(LOCALE_VERSION, "0000000000000000", 1);
        assert_eq!(
            parse_language_file(Lang::En, &other),
            Err(LanguageFileError::OtherVersion)
        );
        let short = en.rsplitn(3, '\0').nth(2).unwrap().to_owned() + "\0";
        assert_eq!(
            parse_language_file(Lang::En, &short),
            Err(LanguageFileError::WrongCount)
        );
        for junk in ["", "<!doctype html>\n<p>Not found</p>", "\0\0\0"] {
            assert!(parse_language_file(Lang::En, junk).is_err(), "{junk:?}");
        }
        assert!(language_file_path(Lang::Ja).starts_with("locales/ja.txt?v="));
    }

    /// Values that are the same in both languages on purpose (names, protocol words).
    /// Each entry is a key name; everything else must be written in Japanese.
    const SAME_IN_BOTH: &[&str] = &[
        "app.name",
        "app.lang_name_en",
        "app.lang_name_ja",
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
