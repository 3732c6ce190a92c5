/**
 * Content-Security-Policy for the renderer, the same in Electron and the browser host: nothing
 * inline, nothing remote; the only non-self sources are blob: URLs for the PDF preview we make.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  'frame-src blob:',
  'object-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
