import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { registry } from '$lib/server/live/registry.ts';
import { TOKEN_COOKIE_DAYS, roleCookieName } from '$lib/server/live/auth.ts';
import { securityHeaders } from '$lib/server/http/securityHeaders.ts';

/** At server start: open the store and resume every exercise from its log (running clocks go on). */
export const init: ServerInit = () => {
  registry();
};

/** Pages a join link opens, and the role each is for. */
const PAGE = /^\/x\/([^/]+)\/(facilitator|cells|report|seat\/([^/]+))\/?$/;

/**
 * A join link (`/x/<id>/seat/<seat>?token=…`, `/x/<id>/facilitator?token=…`) is exchanged on its
 * first visit for an HttpOnly, SameSite=Strict cookie whose Path is that exercise's API
 * (`/api/exercises/<id>`) and whose name is the role's; then the browser is sent to the same page
 * without the token, so that it is neither in the address bar nor in the history. A token that
 * does not open the page sets nothing (the page then says the link is not valid).
 */
const joinLinks: Handle = async ({ event, resolve }) => {
  const { url } = event;
  const m = event.request.method === 'GET' && url.searchParams.has('token') ? PAGE.exec(url.pathname) : null;
  if (!m) return resolve(event);
  const token = url.searchParams.get('token') ?? '';
  let scopes: string[] | null = null;
  let role = 'facilitator';
  try {
    const id = decodeURIComponent(m[1]);
    if (m[3] !== undefined) role = decodeURIComponent(m[3]);
    scopes = registry().cookieScopes(token, id, role);
  } catch {
    scopes = null; // a malformed path opens nothing
  }
  const clean = new URL(url);
  clean.searchParams.delete('token');
  const headers = new Headers({ location: clean.pathname + clean.search, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  for (const scope of scopes ?? []) {
    headers.append(
      'set-cookie',
      event.cookies.serialize(roleCookieName(role), token, {
        path: `/api/exercises/${scope}`,
        httpOnly: true,
        sameSite: 'strict',
        secure: url.protocol === 'https:',
        maxAge: TOKEN_COOKIE_DAYS * 24 * 3600
      })
    );
  }
  return new Response(null, { status: 303, headers });
};

/**
 * Security headers first, so that they are on every answer: pages, API answers, and the
 * join-link redirects and refusals answered before a route runs.
 */
export const handle = sequence(securityHeaders, joinLinks);
