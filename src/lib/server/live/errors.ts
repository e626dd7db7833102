/** Errors the live API answers with: an HTTP status, a code and a message in both languages. */
export interface Issue {
  path?: string;
  row?: number;
  column?: string;
  message: string;
}

export class ApiError extends Error {
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
