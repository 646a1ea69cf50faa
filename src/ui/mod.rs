//! The view: Leptos components that render what the engines return.
//!
//! - [`app`]: the shell (header, language switch, routing, titles, focus).
//! - [`route`]: the pure URL model (`#/mail?lang=ja`), tested natively.
//! - [`i18n`]: languages and the generated string tables, tested natively.
//! - [`pages`]: one file per page.
//! - [`panic_screen`]: the visible, translated message shown if the app ever panics.
//!
//! The view owns the clock, the language and the URL; nothing here implements protocol or
//! X.509 rules.
pub mod app;
pub mod i18n;
pub mod pages;
pub mod panic_screen;
pub mod route;
pub mod share;

pub use app::{App, Nav, use_nav};

/// Installs the panic screen and mounts the app on `<body>`.
pub fn start() {
    panic_screen::install();
    leptos::mount::mount_to_body(App);
}
