// `npm start`: build the web app if the build is missing or stale, then serve it
// from this process with the adapter-node server.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildEntry = path.join(root, 'build', 'index.js');
// Inputs of the build: a change to any of these makes build/ stale.
const buildInputs = ['src', 'engine', 'static', 'svelte.config.js', 'vite.config.ts'];

/** The newest file under `p` as { file, mtime } (mtime 0 if there is none). */
function newestFile(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return { file: null, mtime: 0 };
  }
  if (!st.isDirectory()) return { file: p, mtime: st.mtimeMs };
  let newest = { file: null, mtime: 0 };
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.DS_Store') continue;
    const n = newestFile(path.join(p, entry.name));
    if (n.mtime > newest.mtime) newest = n;
  }
  return newest;
}

/** Why build/ must be (re)built, or null when it is up to date. */
function buildIsStale() {
  let built;
  try {
    built = fs.statSync(buildEntry).mtimeMs;
  } catch {
    return 'not found';
  }
  for (const input of buildInputs) {
    const { file, mtime } = newestFile(path.join(root, input));
    if (mtime > built) return `out of date (${path.relative(root, file)} changed)`;
  }
  return null;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * Cross-process lock so that several servers started at once (e.g. parallel
 * test files) do not run two builds into the same build/ directory.
 */
async function withBuildLock(fn) {
  const id = createHash('sha1').update(root).digest('hex').slice(0, 12);
  const lock = path.join(os.tmpdir(), `yanlian-build-${id}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* being created or removed */
      }
      let age = 0;
      try {
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      if ((Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) || (Number.isNaN(owner) && age > 30_000)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function runViteBuild() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      // Always a production build, whatever the caller's NODE_ENV (test runners set it).
      env: { ...process.env, NODE_ENV: 'production' }
    });
    // Stopping this process stops the build too, instead of leaving it running.
    const forward = (signal) => {
      child.kill(signal);
      process.exitCode = 130;
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

async function ensureBuild() {
  if (!buildIsStale()) return;
  await withBuildLock(async () => {
    const reason = buildIsStale(); // another process may have built it meanwhile
    if (!reason) return;
    console.log(`Yanlian: build ${reason}; building the web app once (vite build)…`);
    await runViteBuild();
  });
}

/**
 * The organiser key: $YANLIAN_ADMIN_KEY, or the one kept beside the database (admin.key, mode
 * 0600), made here on the first start and printed that once. The server reads the same file.
 */
function organiserKey(dbFile) {
  if (process.env.YANLIAN_ADMIN_KEY?.trim()) return { source: 'env' };
  const file = path.join(path.dirname(dbFile), 'admin.key');
  try {
    if (fs.readFileSync(file, 'utf8').trim()) {
      fs.chmodSync(file, 0o600);
      return { source: 'file', file };
    }
  } catch {
    /* made below */
  }
  const key = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, key + '\n', { mode: 0o600 });
  return { source: 'new', file, key };
}

/** The IPv4 addresses other machines on the local network can reach this one by (private ranges first). */
function lanAddresses() {
  const out = [];
  for (const [name, list] of Object.entries(os.networkInterfaces())) {
    if (/^(docker|br-|veth|virbr)/.test(name)) continue;
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  const rank = (ip) => (/^192\.168\./.test(ip) ? 0 : /^10\./.test(ip) ? 1 : /^172\.(1[6-9]|2\d|3[01])\./.test(ip) ? 2 : 3);
  return out.sort((a, b) => rank(a) - rank(b));
}

async function main() {
  // Paths given relative to the caller's directory stay valid after the chdir below.
  for (const key of ['YANLIAN_DB', 'YANLIAN_SCENARIOS']) {
    if (process.env[key]) process.env[key] = path.resolve(process.env[key]);
  }
  process.chdir(root);

  await ensureBuild();

  process.env.HOST ||= '127.0.0.1';
  process.env.PORT ||= '3000';
  process.env.YANLIAN_DB ||= path.join(root, 'data', 'yanlian.db');
  const everywhere = ['0.0.0.0', '::'].includes(process.env.HOST);
  const lan = everywhere ? lanAddresses() : [];
  // Plain http on a known address: without ORIGIN the server would take every request for https.
  // Join links are built from ORIGIN (never from a request's Host header): on every interface,
  // the first LAN address.
  if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
    const h = everywhere ? (lan[0] ?? '127.0.0.1') : process.env.HOST;
    process.env.ORIGIN = `http://${h.includes(':') ? `[${h}]` : h}:${process.env.PORT}`;
  }
  // Scenario uploads carry their map files.
  process.env.BODY_SIZE_LIMIT ||= '32M';
  fs.mkdirSync(path.dirname(process.env.YANLIAN_DB), { recursive: true });
  const key = organiserKey(process.env.YANLIAN_DB);

  const { server } = await import(pathToFileURL(buildEntry).href);
  const host = process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST;
  const origin = process.env.ORIGIN ?? `http://${host}:${process.env.PORT}`;
  const announce = () => {
    const lines = [`Yanlian listening on http://${host}:${process.env.PORT}`];
    if (everywhere) {
      lines.push(`  on this network 局域网地址: ${lan.length ? lan.map((a) => `http://${a}:${process.env.PORT}`).join('  ') : '(none found)'}`);
      lines.push(`  join links use 加入链接使用 ${origin} (set ORIGIN=http://<address>:${process.env.PORT} to choose another)`);
    }
    lines.push(`  organiser login 组织者登录: ${origin}/login`);
    if (key.source === 'env') lines.push('  organiser key 组织者密钥: the value of YANLIAN_ADMIN_KEY');
    else if (key.source === 'new') lines.push(`  organiser key 组织者密钥 (shown once 仅显示一次; kept in ${key.file}, mode 0600):`, `    ${key.key}`);
    else lines.push(`  organiser key 组织者密钥: in ${key.file}`);
    console.log(lines.join('\n'));
  };
  const http = server?.server;
  if (!http || http.listening) announce();
  else http.once('listening', announce);
}

main().catch((err) => {
  console.error(`Yanlian: ${err?.message ?? err}`);
  process.exit(1);
});
