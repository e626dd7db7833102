/** Small helpers the API routes share: the caller's token, JSON answers, errors as JSON, the origin of links. */
import os from 'node:os';
import type { Cookies } from '@sveltejs/kit';
import { ApiError, badRequest } from './errors.ts';
import { exerciseToken } from './auth.ts';

/**
 * The caller's exercise token: `Authorization: Bearer …`, or the HttpOnly cookie its join link
 * was exchanged for (never `?token=`: a URL ends up in logs and histories). `want`: the role an
 * endpoint is for (facilitator endpoints), used when the caller does not name one.
 */
export function tokenOf(event: { request: Request; cookies: Cookies }, want?: string): string | null {
  return exerciseToken(event.request, event.cookies, want);
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** Run a handler; a user's mistake becomes its JSON error, anything else a 500 without internals. */
export async function handle(fn: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError) return json(e.toJSON(), e.status);
    console.error('[yanlian] API error:', e);
    return json({ error: { code: 'internal', message: { zh: '服务器内部错误', en: 'internal server error' } } }, 500);
  }
}

/** The request body as JSON, or 400 naming what is wrong. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest('请求体不是有效的 JSON', `the request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The IPv4 addresses other machines on the local network can reach this one by (private ranges first). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const [name, list] of Object.entries(os.networkInterfaces())) {
    if (/^(docker|br-|veth|virbr)/.test(name)) continue;
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  const rank = (ip: string) => (/^192\.168\./.test(ip) ? 0 : /^10\./.test(ip) ? 1 : /^172\.(1[6-9]|2\d|3[01])\./.test(ip) ? 2 : 3);
  return out.sort((a, b) => rank(a) - rank(b));
}

/**
 * The origin join links are built from: \$ORIGIN when set (as adapter-node reads it); the
 * request's origin only when a trusted proxy's headers are configured (\$PROTOCOL_HEADER /
 * \$HOST_HEADER, which adapter-node then reads); else the address the server listens on (for
 * 0.0.0.0, its first LAN address). Never the Host or X-Forwarded-* headers of an unconfigured request.
 */
export function linkOrigin(url: URL): string {
  const configured = process.env.ORIGIN;
  if (configured) return new URL(configured).origin;
  if (process.env.PROTOCOL_HEADER || process.env.HOST_HEADER) return url.origin;
  const port = process.env.PORT;
  if (port) {
    let host = process.env.HOST || '0.0.0.0';
    if (host === '0.0.0.0' || host === '::') host = lanAddresses()[0] ?? '127.0.0.1';
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }
  // The development server (vite dev) on this machine.
  return url.origin;
}
