/**
 * Who is calling: the organiser (the server's key), or a facilitator or a seat of one exercise
 * (its token). Keys and tokens are compared in constant time; a browser holds them only in
 * HttpOnly, SameSite=Strict cookies, an API client sends `Authorization: Bearer …`.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Cookies } from '@sveltejs/kit';
import { ApiError } from './errors.ts';

/** The SQLite file of the live exercises ($YANLIAN_DB, default data/yanlian.db). */
export function dbFile(): string {
  return path.resolve(process.env.YANLIAN_DB ?? path.join('data', 'yanlian.db'));
}

/** Where a generated organiser key is kept: beside the database file. */
export function keyFile(): string {
  return path.join(path.dirname(dbFile()), 'admin.key');
}

let generated: string | null = null;

/** The organiser key: $YANLIAN_ADMIN_KEY, else the one kept beside the database (made on first use, mode 0600). */
export function adminKey(): string {
  const env = process.env.YANLIAN_ADMIN_KEY?.trim();
  if (env) return env;
  if (generated) return generated;
  const file = keyFile();
  try {
    const k = fs.readFileSync(file, 'utf8').trim();
    if (k) return (generated = k);
  } catch {
    /* not made yet */
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(24).toString('base64url');
  try {
    fs.writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
    console.log(`[yanlian] organiser key generated and kept in ${file}:\n  ${key}\n  log in at /login (组织者登录) or send "Authorization: Bearer <key>"`);
    generated = key;
  } catch {
    // Another process made it first.
    generated = fs.readFileSync(file, 'utf8').trim();
  }
  return generated;
}

/** Equal strings, in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export const ORGANISER_COOKIE = 'yl_organiser';

/** The organiser cookie's value: derived from the key (so the key itself is never in a cookie; a new key ends every session). */
export function organiserSession(): string {
  return createHmac('sha256', adminKey()).update('yanlian organiser session 1').digest('base64url');
}

export function bearerOf(request: Request): string | null {
  const h = request.headers.get('authorization');
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : null;
}

export function isOrganiser(request: Request, cookies: Cookies): boolean {
  const bearer = bearerOf(request);
  if (bearer !== null) return sameSecret(bearer, adminKey());
  const c = cookies.get(ORGANISER_COOKIE);
  return c !== undefined && sameSecret(c, organiserSession());
}

export const unauthorized = () =>
  new ApiError(401, 'unauthorized', '需要组织者登录（组织者密钥）', 'the organiser key is needed: log in at /login or send Authorization: Bearer <key>');

export function requireOrganiser(request: Request, cookies: Cookies): void {
  if (!isOrganiser(request, cookies)) throw unauthorized();
}

// ---------- exercise tokens in cookies ----------

/** One cookie per role, scoped by its Path to one exercise's API (`/api/exercises/<id>`). */
export function roleCookieName(role: string): string {
  return `yl_t_${Buffer.from(role, 'utf8').toString('base64url')}`;
}

export const ROLE_HEADER = 'x-yanlian-role';

/**
 * The exercise token of a call: `Authorization: Bearer` first; else the cookie of the role the
 * page names (`X-Yanlian-Role`), else of `want` (facilitator endpoints), else the facilitator's,
 * else the only seat cookie there is.
 */
export function exerciseToken(request: Request, cookies: Cookies, want?: string): string | null {
  const bearer = bearerOf(request);
  if (bearer !== null) return bearer;
  const named = request.headers.get(ROLE_HEADER);
  const role = named ?? want;
  if (role) return cookies.get(roleCookieName(role)) ?? null;
  const fac = cookies.get(roleCookieName('facilitator'));
  if (fac) return fac;
  const mine = cookies.getAll().filter((c) => c.name.startsWith('yl_t_'));
  return mine.length === 1 ? mine[0].value : null;
}

export const TOKEN_COOKIE_DAYS = 14;
