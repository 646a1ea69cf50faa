// Auto-resize for iframes: tells a parent page how tall imasara's content is, in the three
// conventions course sites use, and again whenever the layout changes. Loaded by boot.js
// only when the page is inside a frame. Only heights are sent; nothing the reader entered.
//
// - iframe-resizer (v4 parent script): the parent sends '[iFrameSizer]ID:…' to start; we
//   answer '[iFrameSizer]ID:HEIGHT:WIDTH:TYPE'.
// - H5P (Moodle): we say {context:'h5p', action:'hello'}; after the parent's 'hello' each
//   change is a 'prepareResize' → 'resizePrepared' → 'resize' {height} exchange.
// - Canvas LMS: {subject:'lti.frameResize', height}.
const MSG_ID = '[iFrameSizer]';
let resizerId = null; // set once an iframe-resizer parent has introduced itself
let h5p = false; // set once an H5P parent has answered our hello
let lastSent = -1;

const contentHeight = () => Math.ceil(document.body.getBoundingClientRect().height);
const contentWidth = () => Math.ceil(document.documentElement.scrollWidth);
const post = (message) => window.parent.postMessage(message, '*');

function report(type, force = false) {
  const height = contentHeight();
  if (!force && height === lastSent) return;
  lastSent = height;
  if (resizerId !== null) post(`${MSG_ID}${resizerId}:${height}:${contentWidth()}:${type}`);
  if (h5p) {
    post({
      context: 'h5p',
      action: 'prepareResize',
      scrollHeight: document.documentElement.scrollHeight,
      clientHeight: document.documentElement.clientHeight,
    });
  }
  post({ subject: 'lti.frameResize', height });
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return;
  const data = event.data;
  if (typeof data === 'string' && data.startsWith(MSG_ID)) {
    const fields = data.slice(MSG_ID.length).split(':');
    if (fields[2] === 'true' || fields[2] === 'false') {
      resizerId = fields[0]; // the parent's init message
      report('init', true);
    } else if (fields[0] === 'resize') {
      report('resizeParent', true);
    }
  } else if (data && data.context === 'h5p') {
    if (data.action === 'hello') {
      h5p = true;
      report('hello', true);
    } else if (data.action === 'resizePrepared') {
      post({ context: 'h5p', action: 'resize', height: contentHeight() });
    } else if (data.action === 'resize') {
      report('parentResize', true);
    }
  }
});

let scheduled = false;
new ResizeObserver(() => {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    report('resizeObserver');
  });
}).observe(document.body);

// Parents that loaded before us wait for these to (re)start their handshakes.
post('[iFrameResizerChild]Ready');
post({ context: 'h5p', action: 'hello' });
report('load', true);
