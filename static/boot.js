// Starts the WebAssembly app. This file replaces Trunk's inline start-up script, which the
// page's Content-Security-Policy forbids. The <script> tag that loads it carries the
// (content-hashed) names of the wasm-bindgen glue and the module.
const tag = document.querySelector('script[data-wasm]');

function showBootError() {
  const box = document.getElementById('boot-error');
  if (box) box.hidden = false;
}

// The panic screen (src/ui/panic_screen.rs) draws a reload button; wire it here, outside
// the stopped program.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('#fatal [data-reload]')) {
    location.reload();
  }
});

try {
  const { default: init } = await import(tag.dataset.js);
  // The app marks <html data-ready> itself once its language is loaded and it is drawn.
  await init({ module_or_path: tag.dataset.wasm });
  // Inside an iframe (a course page): report our height to the parent.
  if (window.parent !== window) await import('./embed.js');
  dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
} catch (error) {
  console.error('imasara could not start:', error);
  showBootError();
}
