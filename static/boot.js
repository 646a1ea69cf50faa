// Starts the WebAssembly app. This file replaces Trunk's inline start-up script, which the
// page's Content-Security-Policy forbids. The site is built as four programs, one per
// explainer, so that a page's first load carries only its own views. The <script> tag that
// loads this file carries the (content-hashed) names of the lightest program's
// wasm-bindgen glue and module; the others have fixed names beside it
// (`imasara-mail.js`, `imasara-mail_bg.wasm`: index.html builds them as Trunk builds a
// worker, which it does not rename).
const tag = document.querySelector('script[data-wasm]');

// The program that draws each page: `Page::program` and `Program::binary` in
// src/ui/route.rs (a native test keeps this table in step). The other pages (home,
// glossary, about) are in every program; the lightest starts for them.
const PROGRAMS = {
  '/mail': 'imasara-mail',
  '/cert': 'imasara-cert',
  '/teach': 'imasara-teach',
  '/quiz': 'imasara-teach',
};

// `#/mail?lang=ja` → `/mail`, as Location::parse reads it. (Should a URL written oddly be
// read differently here, the program started sees that it does not draw the page, puts the
// URL in its canonical form and reloads.)
let path = location.hash.replace(/^#/, '').split('?')[0];
try {
  path = decodeURIComponent(path.replace(/\+/g, ' '));
} catch {
  // Not valid percent-encoding: as written.
}
path = path.startsWith('/') ? path.replace(/\/+$/, '') : '';
const program = PROGRAMS[path];
const base = tag.dataset.js.replace(/[^/]*$/, '');
// A checksum of the three programs' files, written here by the build (Trunk.toml's
// post_build hook), so that no cached copy of another build is used.
const version = '@PROGRAMS_VERSION@';
const files = program
  ? { js: `${base}${program}.js?v=${version}`, wasm: `${base}${program}_bg.wasm?v=${version}` }
  : { js: tag.dataset.js, wasm: tag.dataset.wasm };

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

// The program's own stylesheets (index.html: `disabled` until enabled here, so a page
// fetches only the styles of the explainer it shows), loaded before the program draws.
function enableStyles(name) {
  const links = [...document.querySelectorAll('link[data-programs]')].filter((link) =>
    link.dataset.programs.split(/\s+/).includes(name),
  );
  return Promise.all(
    links.map(
      (link) =>
        new Promise((done) => {
          link.addEventListener('load', done, { once: true });
          link.addEventListener('error', done, { once: true }); // unstyled beats not at all
          link.disabled = false;
          // A browser that fetched it despite `disabled` has its sheet (and its load event)
          // already: nothing to wait for.
          if (link.sheet) done();
        }),
    ),
  );
}

try {
  // The module (the large file) downloads beside the glue, not after it: Trunk's preload
  // links did that for one program, and only here is it known which one the page needs.
  const styles = enableStyles(program ?? 'imasara');
  const wasm = fetch(files.wasm);
  wasm.catch(() => {}); // a failure is reported where init awaits it, below
  const { default: init } = await import(files.js);
  await styles;
  // The app marks <html data-ready> itself once its language is loaded and it is drawn.
  await init({ module_or_path: wasm });
  // Inside an iframe (a course page): report our height to the parent.
  if (window.parent !== window) await import('./embed.js');
  dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
} catch (error) {
  console.error('imasara could not start:', error);
  showBootError();
}
