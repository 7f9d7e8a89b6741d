// The security headers of every answer, the app's pages and the API alike.
//
// The Content-Security-Policy allows only the app's own origin: no inline script (the build emits
// none: index.html loads its modules by URL), no inline style sheet, no frames, no plug-ins, and
// no framing by any other page (clickjacking). Preact sets styles through the DOM, which the
// policy does not restrict. The Permissions-Policy turns off what the app never uses (camera,
// microphone, location, payment...) and keeps the clipboard for the new-password screen.
// HSTS is sent only over HTTPS (as the TLS proxy in front says with X-Forwarded-Proto): over plain
// HTTP a browser ignores it, and on a phone testing `npm start` on the LAN it would only confuse.
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const SELF = ["'self'"];
const NONE = ["'none'"];

const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: SELF,
    scriptSrc: SELF,
    styleSrc: SELF,
    imgSrc: [...SELF, 'data:', 'blob:'],
    connectSrc: SELF,
    fontSrc: SELF,
    manifestSrc: SELF,
    workerSrc: SELF,
    objectSrc: NONE,
    baseUri: SELF,
    formAction: SELF,
    frameAncestors: NONE,
  },
  permissionsPolicy: {
    camera: [],
    microphone: [],
    geolocation: [],
    payment: [],
    usb: [],
    bluetooth: [],
    serial: [],
    hid: [],
    midi: [],
    accelerometer: [],
    gyroscope: [],
    magnetometer: [],
    displayCapture: [],
    clipboardWrite: ['self'],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  strictTransportSecurity: false,
});

const HSTS = 'max-age=63072000; includeSubDomains';

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    // Before the answer exists, so it is made with it (see the API's Cache-Control in app.ts).
    if (overHttps(c)) c.header('Strict-Transport-Security', HSTS);
    await headers(c, next);
  };
}

function overHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}
