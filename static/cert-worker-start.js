// Starts the certificate engine's Web Worker (src/bin/cert-worker.rs): loads the
// wasm-bindgen glue, then the module. The module posts "ready" once it listens. If it
// cannot load, the page is told so ("failed") instead of waiting for an answer that never
// comes: a rejected promise in a worker raises no error event on the page. The page's
// build version (?v=…) is passed on, so no cached file of another build is used.
const version = self.location.search;
importScripts('./cert-worker.js' + version);
wasm_bindgen({ module_or_path: './cert-worker_bg.wasm' + version }).catch((error) => {
  console.error('imasara: the certificate engine could not start:', error);
  postMessage('failed');
});
