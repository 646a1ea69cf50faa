// The parent side of the demo course page. iframe-resizer's own script handles the first
// frame. For the others, this file plays the platform: it answers H5P's resize handshake
// the way Moodle's H5P integration does, and applies Canvas's lti.frameResize message.
/* global iFrameResize */
iFrameResize({ checkOrigin: [location.origin], warningTimeout: 0 }, '#frame-resizer');

function frameOf(source) {
  return [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === source);
}

window.addEventListener('message', (event) => {
  if (event.origin !== location.origin) return;
  const frame = frameOf(event.source);
  if (!frame) return;
  const data = event.data;
  const convention = frame.dataset.convention;
  if (convention === 'h5p' && data && data.context === 'h5p') {
    const reply = (action, extra = {}) => event.source.postMessage({ ...extra, context: 'h5p', action }, event.origin);
    if (data.action === 'hello') reply('hello');
    else if (data.action === 'prepareResize') {
      frame.style.height = '1px';
      reply('resizePrepared', {});
    } else if (data.action === 'resize') frame.style.height = `${data.height}px`;
  } else if (convention === 'canvas') {
    const message = typeof data === 'string' ? safeParse(data) : data;
    if (message && message.subject === 'lti.frameResize') frame.style.height = `${message.height}px`;
  }
});

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
