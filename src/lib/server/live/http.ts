/** Small helpers the API routes share: the caller's token, JSON answers, errors as JSON, size-limited bodies, the origin of links. */
import os from 'node:os';
import type { Cookies } from '@sveltejs/kit';
import { ApiError, badRequest, tooLarge } from './errors.ts';
import { LIMITS } from './limits.ts';
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
    if (e instanceof ApiError) return json(e.toJSON(), e.status, e.headers);
    // The server's own cap on any body (BODY_SIZE_LIMIT) is raised while the body is read.
    if (isPayloadTooLarge(e)) return json(tooLarge({ zh: '请求体', en: 'the request body' }, bodySizeLimit()).toJSON(), 413);
    console.error('[yanlian] API error:', e);
    return json({ error: { code: 'internal', message: { zh: '服务器内部错误', en: 'internal server error' } } }, 500);
  }
}

function isPayloadTooLarge(e: unknown): boolean {
  const x = e as { status?: unknown } | null;
  return !!x && typeof x === 'object' && x.status === 413;
}

/** The server-wide body cap in bytes (adapter-node's BODY_SIZE_LIMIT, as `npm start` sets it). */
export function bodySizeLimit(): number {
  const v = (process.env.BODY_SIZE_LIMIT ?? '512K').trim();
  const m = /^(\d+)([KMG]?)$/i.exec(v);
  if (!m) return 512 * 1024;
  const mult = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * mult;
}

/**
 * The request body as bytes, at most `limit` of them: a larger body (by its Content-Length, or
 * as it arrives) is refused with 413; no more than `limit` bytes of it are ever held.
 */
export async function readBytes(request: Request, limit: number, what = { zh: '请求体', en: 'the request body' }): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) over = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Past the limit the rest is read and dropped (never held), so that the client, still
      // sending, gets the 413 instead of a reset connection; the server-wide cap ends it anyway.
      if (size > limit) over = true;
      if (!over) chunks.push(value);
    }
  } catch (e) {
    if (over || isPayloadTooLarge(e)) throw tooLarge(what, over ? limit : bodySizeLimit());
    throw e;
  }
  if (over) throw tooLarge(what, limit);
  return Buffer.concat(chunks, size);
}

/** The request body as text (UTF-8), at most `limit` bytes. */
export async function readText(request: Request, limit: number = LIMITS.jsonBody): Promise<string> {
  return (await readBytes(request, limit)).toString('utf8');
}

/** The request body as JSON (at most `limit` bytes, 413 beyond), or 400 naming what is wrong. */
export async function readJson(request: Request, limit: number = LIMITS.jsonBody): Promise<unknown> {
  const text = await readText(request, limit);
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
