// Calls to the live API (docs/live-api.md). A page holds no token: its join link was exchanged
// for an HttpOnly cookie scoped to the exercise's API, and the page names the role it acts as
// (`X-Yanlian-Role`), since one browser may hold several (a facilitator testing a seat).
import type { LocalText } from '../i18n';

export interface ApiIssue {
  path?: string | (string | number)[];
  row?: number;
  column?: string;
  message: string | LocalText;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly text: LocalText;
  readonly issues: ApiIssue[];
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const err = (body as { error?: { code?: string; message?: LocalText | string; issues?: ApiIssue[] } })?.error;
    const reason = (body as { reason?: LocalText | string })?.reason;
    const msg = err?.message ?? reason ?? `HTTP ${status}`;
    const text = typeof msg === 'string' ? { zh: msg, en: msg } : msg;
    super(text.en);
    this.status = status;
    this.code = err?.code ?? String(status);
    this.text = text;
    this.issues = err?.issues ?? (body as { issues?: ApiIssue[] })?.issues ?? [];
    this.body = body;
  }
}

export interface CallOptions {
  /** The role the page acts as (its cookie is used): a seat id or 'facilitator'. */
  as?: string;
  method?: string;
  body?: unknown;
  /** Raw body (a file) with its content type, instead of JSON. */
  raw?: { data: BodyInit; type: string };
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

/** A fresh key for an Idempotency-Key header (crypto.randomUUID needs a secure context; a LAN http page has only getRandomValues). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export async function call<T>(path: string, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.as) headers['X-Yanlian-Role'] = opts.as;
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.type;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await (opts.fetch ?? fetch)(path, {
    method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    signal: opts.signal
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { error: { code: 'bad-response', message: { zh: `服务器返回了非 JSON 内容（HTTP ${res.status}）`, en: `the server answered with something other than JSON (HTTP ${res.status})` } } };
    if (res.ok) throw new ApiError(res.status, parsed);
  }
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed as T;
}

/** `/api/exercises/:id/<rest>` with query parameters, for links a browser opens (downloads, the report frame): the cookie authenticates them. */
export function exerciseUrl(id: string, rest: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams(query);
  return `/api/exercises/${encodeURIComponent(id)}/${rest}${q.size ? `?${q}` : ''}`;
}
