//! Browser entry point: install the panic screen, then mount the app.
fn main() {
    imasara::ui::start();
}
