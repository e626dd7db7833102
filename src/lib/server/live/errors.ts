/** Errors the live API answers with: an HTTP status, a code and a message in both languages. */
export interface Issue {
  path?: string;
  /** A MSEL workbook's sheet. */
  sheet?: string;
  row?: number;
  column?: string;
  /** A MSEL column's header as the file writes it. */
  header?: string;
  /** A MSEL inject the issue is about (409 msel-replace). */
  inject?: string;
  /** A workbook's sheets, when its MSEL header was not found (to pick one with ?sheet=). */
  sheets?: string[];
  message: string | { zh: string; en: string };
}

export class ApiError extends Error {
  /** Extra response headers (e.g. Retry-After on a 429). */
  headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly issues?: Issue[]
  ) {
    super(en);
    this.name = 'ApiError';
  }

  toJSON(): { error: { code: string; message: { zh: string; en: string }; issues?: Issue[] } } {
    return { error: { code: this.code, message: { zh: this.zh, en: this.en }, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export const forbidden = () => new ApiError(403, 'forbidden', '令牌无效或无权访问此演练', 'the token is missing, wrong, or does not give access to this');
export const notFound = (what: string) => new ApiError(404, 'not-found', `未找到：${what}`, `not found: ${what}`);
export const badRequest = (zh: string, en: string, issues?: Issue[]) => new ApiError(400, 'bad-request', zh, en, issues);
export const conflict = (zh: string, en: string) => new ApiError(409, 'conflict', zh, en);
export const tooLarge = (what: { zh: string; en: string }, limit: number, issues?: Issue[]) =>
  new ApiError(413, 'too-large', `${what.zh}超过上限（${formatBytes(limit)}）`, `${what.en} is larger than the limit (${formatBytes(limit)})`, issues);
export function tooMany(zh: string, en: string, retryAfterS: number): ApiError {
  const e = new ApiError(429, 'too-many-requests', zh, en);
  e.headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterS)));
  return e;
}
export const internalError = () => new ApiError(500, 'internal', '服务器内部错误', 'internal server error');

/** "64 KiB", "2 MiB": sizes in messages. */
export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
