//! Languages and localised text.
//!
//! Every user-facing sentence lives in `locales/{en,ja}/*.toml`; `build.rs` turns them into
//! typed keys (`k::home::title`) and one table per language, and refuses to build when a key
//! is missing in either language. This module is pure: the view keeps the current [`Lang`]
//! in a signal and asks [`text`] or [`fill`] for strings.

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

/// The text of `key` in `lang`.
pub fn text(lang: Lang, key: Key) -> &'static str {
    let table = match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    };
    table[usize::from(key.0)]
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
mod tests {
    use super::*;

    /// Values that are the same in both languages on purpose (names, protocol words).
    /// Each entry is a key name; everything else must be written in Japanese.
    const SAME_IN_BOTH: &[&str] = &["app.name", "app.lang_name_en", "app.lang_name_ja"];

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
        let key = k::app::name;
        assert_eq!(fill(Lang::En, key, &[]), text(Lang::En, key));
    }
}
