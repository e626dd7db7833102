import type { RequestHandler } from './$types';
import { handle, json, readJson } from '$lib/server/live/http.ts';
import { ORGANISER_COOKIE, adminKey, organiserSession, sameSecret } from '$lib/server/live/auth.ts';
import { ApiError, badRequest } from '$lib/server/live/errors.ts';

const DAY_S = 24 * 3600;

/** The organiser's login: `{ key }` → an HttpOnly, SameSite=Strict session cookie (12 hours). */
export const POST: RequestHandler = ({ request, url, cookies }) =>
  handle(async () => {
    const body = (await readJson(request)) as { key?: unknown };
    if (typeof body?.key !== 'string' || !body.key.trim()) throw badRequest('请输入组织者密钥', 'enter the organiser key', [{ path: 'key', message: 'expected a non-empty string' }]);
    if (!sameSecret(body.key.trim(), adminKey())) throw new ApiError(401, 'unauthorized', '组织者密钥不正确', 'the organiser key is not right');
    cookies.set(ORGANISER_COOKIE, organiserSession(), { path: '/', httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', maxAge: DAY_S / 2 });
    return json({ ok: true });
  });

/** Log out: the session cookie is removed. */
export const DELETE: RequestHandler = ({ url, cookies }) =>
  handle(() => {
    cookies.delete(ORGANISER_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:' });
    return json({ ok: true });
  });
