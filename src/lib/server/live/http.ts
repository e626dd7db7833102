/** Small helpers the API routes share: the caller's token, JSON answers, errors as JSON. */
import { ApiError, badRequest } from './errors.ts';

/** The token from `?token=` or `Authorization: Bearer …`. */
export function tokenOf(request: Request, url: URL): string | null {
  const q = url.searchParams.get('token');
  if (q) return q;
  const h = request.headers.get('authorization');
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : null;
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

/** The origin the caller reached us by (for join links): its Host header, http unless a proxy says otherwise. */
export function originOf(request: Request, url: URL): string {
  const host = request.headers.get('host');
  if (!host) return url.origin;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0].trim() || (process.env.ORIGIN ? new URL(process.env.ORIGIN).protocol.replace(':', '') : 'http');
  return `${proto}://${host}`;
}
