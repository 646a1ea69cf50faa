//! The view: Leptos components that render what the engines return.
pub mod i18n;

/// Installs the panic screen and mounts the app.
pub fn start() {}
