// Live fan-out benchmark (`npm run bench:live`): the app started as `npm start` starts it, one
// chemical-leak exercise at 60×, and seat streams (server-sent events) on loopback held by client
// processes. Each event message carries the server's wall time at emission (`: emit=<ms>`); the
// clients measure the delay to its arrival. Baseline: the same run with one connection, measured
// first in this run. Server CPU comes from its /api/health (process.cpuUsage).
//
//   npm run bench:live [-- --connections 200 --seconds 30 --baseline-seconds 10]
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

// ---------- client process: holds connections, records latencies ----------

if (process.argv[2] === '--client') {
  const latencies = [];
  const reqs = [];
  let received = 0;
  process.on('message', (msg) => {
    if (msg.type === 'open') {
      let opened = 0;
      for (const { url, token } of msg.urls) {
        const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (res) => {
          if (res.statusCode !== 200) {
            process.send({ type: 'error', message: `stream answered ${res.statusCode}` });
            return;
          }
          if (++opened === msg.urls.length) process.send({ type: 'opened' });
          res.setEncoding('utf8');
          let buf = '';
          res.on('data', (chunk) => {
            const now = Date.now();
            buf += chunk;
            let i;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const m = /^: emit=(\d+)$/m.exec(block);
              // emit=0 marks a backlog message (sent on connect), not a live one.
              if (m && m[1] !== '0') {
                latencies.push(now - Number(m[1]));
                received++;
              }
            }
          });
        });
        req.on('error', () => {});
        reqs.push(req);
      }
    } else if (msg.type === 'collect') {
      process.send({ type: 'result', latencies: latencies.splice(0), received });
      received = 0;
    } else if (msg.type === 'close') {
      for (const r of reqs) r.destroy();
      process.exit(0);
    }
  });
  process.send({ type: 'ready' });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

// ---------- driver ----------

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The organiser key the benchmark's server is started with (creating exercises and reading the load need it). */
const ADMIN_KEY = randomBytes(24).toString('base64url');

async function call(base, method, p, token, body) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined
  });
  return { status: res.status, body: await res.json() };
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanlian-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'src', 'cli', 'start.mjs')], {
    cwd: root,
    // Many streams per seat token (one token stands for many clients here); the server allows 4 by default.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      YANLIAN_DB: path.join(dir, 'bench.db'),
      YANLIAN_ADMIN_KEY: ADMIN_KEY,
      YANLIAN_STREAMS_PER_TOKEN: '100000'
    },
    stdio: ['ignore', 'pipe', 'inherit']
  });
  child.stdout.on('data', () => {});
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the server exited early');
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('the server did not start within 180 s');
    await sleep(300);
  }
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

function startClients(n) {
  return Promise.all(
    Array.from({ length: n }, () => {
      const c = fork(fileURLToPath(import.meta.url), ['--client'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new Promise((resolve) => c.once('message', () => resolve(c)));
    })
  );
}

function once(c, type) {
  return new Promise((resolve, reject) =>
    c.on('message', function h(m) {
      if (m.type === 'error') reject(new Error(m.message));
      if (m.type !== type) return;
      c.off('message', h);
      resolve(m);
    })
  );
}

/** One measured phase: `connections` seat streams on one fresh exercise, the clock at 60× for `seconds`. */
async function phase(base, clients, connections, seconds) {
  const x = (await call(base, 'POST', '/api/exercises', ADMIN_KEY, { scenario: 'chemical-leak', seed: 1, speed: 60, name: `bench ${connections}` })).body;
  const fac = x.facilitator.token;
  // Seats in turn from the district where the leak is (so that one connection alone still gets traffic).
  const seats = [...x.seats.filter((s) => s.id === 'district-tiexi'), ...x.seats.filter((s) => s.id !== 'district-tiexi')];
  const urls = Array.from({ length: connections }, (_, i) => {
    const s = seats[i % seats.length];
    return { url: `${base}/api/exercises/${x.id}/stream`, token: s.token };
  });
  const per = Math.ceil(urls.length / clients.length);
  const parts = clients.map((_, i) => urls.slice(i * per, (i + 1) * per)).filter((p) => p.length);
  await Promise.all(parts.map((p, i) => (clients[i].send({ type: 'open', urls: p }), once(clients[i], 'opened'))));
  await call(base, 'POST', `/api/exercises/${x.id}/clock`, fac, { action: 'start' });
  // Straight to the first scripted inject: the leak is under way and reported by then.
  await call(base, 'POST', `/api/exercises/${x.id}/clock`, fac, { action: 'next-inject' });
  for (const c of clients) c.send({ type: 'collect' }); // drop the jump's burst: measure the steady run
  await Promise.all(clients.map((c) => once(c, 'result')));
  const cpu0 = (await call(base, 'GET', '/api/health', ADMIN_KEY)).body.cpu;
  const w0 = performance.now();
  const tiexi = x.seats.find((s) => s.id === 'district-tiexi').token;
  const zhangshi = x.seats.find((s) => s.id === 'township-zhangshi').token;
  let commands = 0;
  // Orders as trainees give them: a report up every half second, a facilitator inject to every seat every 2 s.
  for (let i = 0; performance.now() - w0 < seconds * 1000; i++) {
    await call(base, 'POST', `/api/exercises/${x.id}/commands`, i % 2 ? tiexi : zhangshi, { type: 'report-up', text: { zh: `第${i}次报告`, en: `report ${i}` } });
    commands++;
    if (i % 4 === 0) {
      await call(base, 'POST', `/api/exercises/${x.id}/commands`, fac, { type: 'free-inject', to: x.seats.map((s) => s.id), text: { zh: `注入${i}`, en: `inject ${i}` } });
      commands++;
    }
    await sleep(500);
  }
  const wall = (performance.now() - w0) / 1000;
  const cpu1 = (await call(base, 'GET', '/api/health', ADMIN_KEY)).body.cpu;
  const view = (await call(base, 'GET', `/api/exercises/${x.id}/view`, fac)).body;
  await sleep(300);
  for (const c of clients) c.send({ type: 'collect' });
  const results = await Promise.all(clients.map((c) => once(c, 'result')));
  await call(base, 'POST', `/api/exercises/${x.id}/clock`, fac, { action: 'pause' });
  const lat = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const cpuMs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000;
  return {
    connections,
    wall,
    simMinutes: view.exercise.t - 45,
    commands,
    delivered: lat.length,
    deliveredPerS: lat.length / wall,
    p50: quantile(lat, 0.5),
    p99: quantile(lat, 0.99),
    max: lat.at(-1),
    cpuPct: (cpuMs / (wall * 1000)) * 100
  };
}

async function main() {
  const connections = arg('connections', 200);
  const seconds = arg('seconds', 30);
  const baselineSeconds = arg('baseline-seconds', 10);
  const server = await startServer();
  const clients = await startClients(Math.min(2, Math.max(1, Math.ceil(connections / 100))));
  try {
    const [one] = await startClients(1);
    const base = await phase(server.base, [one], 1, baselineSeconds);
    one.send({ type: 'close' });
    const load = await phase(server.base, clients, connections, seconds);
    const row = (r) =>
      `| ${r.connections} | ${r.wall.toFixed(1)} | ${r.simMinutes.toFixed(1)} | ${r.commands} | ${r.delivered} | ${Math.round(r.deliveredPerS)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.cpuPct.toFixed(1)} % |`;
    console.log(`\nLive fan-out, chemical-leak at 60×, Node ${process.version}, ${os.cpus().length} cores, load average during the run ${os.loadavg()[0].toFixed(1)}`);
    console.log('| connections | wall s | sim-min | commands | messages delivered | per s | p50 ms | p99 ms | max ms | server CPU |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(row(base));
    console.log(row(load));
    console.log(`\np99 with ${connections} connections ÷ p99 with 1: ${(load.p99 / Math.max(1, base.p99)).toFixed(2)}× (target: p99 under 100 ms: ${load.p99 < 100 ? 'met' : 'NOT met'})`);
    console.log(`server CPU with ${connections} connections ÷ with 1: ${(load.cpuPct / Math.max(0.1, base.cpuPct)).toFixed(2)}×`);
  } finally {
    for (const c of clients) c.send({ type: 'close' });
    await server.stop();
  }
}
