/**
 * Security headers on every answer of the app (pages and API; the build's static files are served
 * by adapter-node before hooks run). Pages get their Content-Security-Policy from SvelteKit
 * (`kit.csp` in svelte.config.js, with a nonce for its own inline script); every other response
 * gets a policy that allows nothing to load or run, except the HTML report, whose inline scripts
 * (d3 and its charts) are allowed by their hashes. All may be framed by the app itself only (the
 * report page shows the report in a frame).
 */
import { createHash } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';

export const BASE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-opener-policy': 'same-origin'
};

/** For JSON, CSV, event streams and files: nothing in them may load or run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** The policy of a standalone HTML document (the report): its own inline scripts by hash, inline styles, data: images. */
export function htmlDocumentCsp(html: string): string {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/type\s*=\s*["']?application\/json/i.test(m[1])) continue; // data, never run
    hashes.add(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return [
    "default-src 'none'",
    `script-src ${hashes.size ? [...hashes].join(' ') : "'none'"}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ');
}

function setHeaders(response: Response, page: boolean): Response {
  let h = response.headers;
  try {
    for (const [k, v] of Object.entries(BASE_HEADERS)) if (!h.has(k)) h.set(k, v);
    if (!page && !h.has('content-security-policy')) h.set('content-security-policy', API_CSP);
    return response;
  } catch {
    // Immutable headers (a Response from fetch): copy it.
    const copy = new Response(response.body, response);
    h = copy.headers;
    for (const [k, v] of Object.entries(BASE_HEADERS)) if (!h.has(k)) h.set(k, v);
    if (!page && !h.has('content-security-policy')) h.set('content-security-policy', API_CSP);
    return copy;
  }
}

/** The `handle` hook: adds the headers to whatever the app answers. */
export const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  // A page's policy comes from kit.csp; API routes and errors get the closed one.
  const page = !event.url.pathname.startsWith('/api/') && (response.headers.get('content-type') ?? '').startsWith('text/html') && response.headers.has('content-security-policy');
  return setHeaders(response, page);
};
