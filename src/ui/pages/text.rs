//! Localised text as a view, shared by every page that wants to stay small.
//!
//! Each `move || nav.t(key)` written in a view is a closure of its own type, and Leptos
//! generates rendering code for every one of them. [`tr`] returns the same closure type for
//! every key, so that code exists once. The text still follows the language.

use crate::ui::i18n::Key;
use crate::ui::use_nav;

/// The text of `key` in the current language, as a reactive view or attribute value.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let nav = use_nav();
    move || nav.t(key)
}
