/** Where the queue lives: `redis://[user:password@]HOST[:PORT][/DB]`, parsed with clear errors. */
import { SweepUsageError } from '../errors.ts';

export interface RedisTarget {
  url: string;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
}

export function parseRedisUrl(arg: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(arg);
  } catch {
    throw new SweepUsageError(`--queue expects redis://HOST:PORT, not "${arg}"`);
  }
  if (u.protocol !== 'redis:') throw new SweepUsageError(`--queue expects a redis:// address, not "${arg}" (${u.protocol.replace(/:$/, '')})`);
  if (!u.hostname) throw new SweepUsageError(`--queue "${arg}" names no host; expected redis://HOST:PORT`);
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText && !/^\d+$/.test(dbText)) throw new SweepUsageError(`--queue "${arg}": the path must be a database number, not "${dbText}"`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return {
    url: `redis://${u.host}${dbText ? `/${dbText}` : ''}`,
    host, port, db: dbText ? Number(dbText) : 0,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined
  };
}
