/** A real redis-server for a test file: on a free port, no persistence, stopped afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, createConnection } from 'node:net';

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port });
    c.once('connect', () => c.write('PING\r\n'));
    c.once('data', (d) => { c.destroy(); resolve(d.toString().startsWith('+PONG')); });
    c.once('error', () => resolve(false));
  });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  let exited = false;
  proc.once('exit', () => (exited = true));
  for (let i = 0; i < 100 && !(await answers(port)); i++) {
    if (exited) throw new Error('redis-server did not start (is it installed? apt-get install redis-server)');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      if (exited) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    })
  };
}
