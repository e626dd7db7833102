// `yanlian replay` and `yanlian report` trust no log: its shape, its digests and the stream it replays to are checked.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHeadless, makeLog, eventsToJsonl, digestLog, sha256Hex, LOG_FORMAT_V1, type LoggedCommand, type RunLog } from '../../engine/index.ts';
import { cli } from '../helpers/cli.ts';
import { bundled, SCENARIOS } from '../helpers/scenario.ts';

const sc = bundled();
const until = 360;
const given = (t: number, seat: string, cmd: unknown): LoggedCommand => ({ t, seat, cmd: cmd as LoggedCommand['cmd'] });
const commands = [
  given(20, 'district-tiexi', { type: 'issue-warning', districts: ['210106'], colour: 'orange' }),
  given(45, 'facilitator', { type: 'free-inject', to: ['district-tiexi'], text: { zh: '群众来电', en: 'Residents call in' } }),
  given(60, 'district-tiexi', { type: 'set-response-level', level: 'III' }),
  given(90, 'district-tiexi', { type: 'report-up', text: { zh: '情况续报', en: 'Update' } })
];
const ex = runHeadless(sc, { seed: 7, until, commands });
const log = makeLog(ex, until, { scenario: 'chemical-leak' });
const dir = mkdtempSync(join(tmpdir(), 'yanlian-log-'));
const copy = (): RunLog => JSON.parse(JSON.stringify(log));

let n = 0;
function write(value: unknown): string {
  const file = join(dir, `log-${n++}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** Replay `value` as a file; the message must not be a stack trace. */
async function replayOf(value: unknown, ...flags: string[]) {
  const r = await cli('replay', write(value), ...flags);
  expect(r.err).not.toMatch(/\n\s+at .*:\d+/);
  return r;
}

/** The digests written again over the changed content (as someone with the engine could): only the checks the scenario makes, or the replayed stream, are left to find it. */
function forged(l: RunLog): RunLog {
  const events = l.digests!.events;
  return { ...l, digests: { ...digestLog({ ...l, engine: l.engine! }, []), events } };
}

describe('replay checks a yanlian/log@2 log', () => {
  it('a log as written replays to the stream the run produced, byte for byte, and records that stream\'s SHA-256', async () => {
    expect(log.format).toBe('yanlian/log@2');
    expect(log.commands.length).toBe(4);
    const out = join(dir, 'events.jsonl');
    const r = await replayOf(log, '--events', out);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(eventsToJsonl(ex.events));
    expect(log.digests!.events).toEqual({ count: ex.events.length, sha256: sha256Hex(text) });
    expect(log.digests!.commands.length).toBe(4);
  });

  const parts: [string, (l: RunLog) => void, RegExp][] = [
    ['seed', (l) => (l.seed = '8'), /随机种子与运行时记录的不同.* \/ the seed differs from the one the run was recorded with: the log was changed after the run/],
    ['plan', (l) => l.plan!.rules.pop(), /预案与运行时记录的不同.*the plan differs/],
    ['until', (l) => (l.until = 300), /推演截止时刻.*until \(where the run stopped\) differs/],
    ['scenario', (l) => (l.scenarioHash = sc.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'))), /the scenario \(id and hash\) differs/],
    ['engine', (l) => (l.engine = 'yanlian-engine@0'), /the engine version differs/]
  ];
  for (const [part, change, message] of parts) {
    it(`refuses a log whose ${part} was changed, naming it`, async () => {
      const l = copy();
      change(l);
      const r = await replayOf(l);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^.*log-\d+\.json: /);
      expect(r.err).toMatch(message);
    });
  }

  it('names the command whose time was moved, the one inserted (of a known seat or not) and the one removed', async () => {
    const moved = copy();
    moved.commands[2].t = 75;
    expect((await replayOf(moved)).err).toMatch(/commands\[2\]：这条指令与运行时记录的不同.* \/ commands\[2\] differs from the command the run recorded there \(changed after the run\)/);
    const inserted = copy();
    inserted.commands.splice(1, 0, given(30, 'district-tiexi', { type: 'set-response-level', level: 'IV' }));
    const r = await replayOf(inserted);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/commands\[1\]：运行时没有这条指令.* \/ commands\[1\] was not given in the run \(inserted after the run\)/);
    const removed = copy();
    removed.commands.splice(3, 1);
    expect((await replayOf(removed)).err).toMatch(/the command the run recorded as commands\[3\] is missing \(removed after the run\)/);
    const stranger = copy();
    stranger.commands.splice(1, 0, given(30, 'nobody', { type: 'pause' }));
    expect((await replayOf(stranger)).err).toMatch(/commands\[1\] was not given in the run \(inserted after the run\)/);
    const far = copy();
    far.commands[3].t = 1e308;
    expect((await replayOf(far)).err).toMatch(/commands\[3\] differs from the command the run recorded there/);
    const appended = copy();
    appended.commands.push(given(100, 'district-tiexi', { type: 'pause' }));
    expect((await replayOf(appended)).err).toMatch(/commands\[4\] was not given in the run \(inserted after the run\)/);
  });

  it('refuses a log whose digests were rewritten to fit: its commands replay to a different stream', async () => {
    const l = copy();
    l.seed = '8';
    const r = await replayOf(forged(l));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/日志中的指令重放出的事件流与运行时不同.* \/ the log's commands replay to a different event stream than the run produced \(same engine version: a determinism bug/);
    const other = copy();
    other.engine = 'yanlian-engine@0';
    const older = await replayOf(forged(other)); // an older engine's log whose commands still give the same stream
    expect(older.err).toBe('');
    expect(older.code).toBe(0);
    const e = copy();
    e.digests!.events.count += 1;
    expect((await replayOf(e)).err).toMatch(/replay to a different event stream/);
  });

  it('report reads through the same checks', async () => {
    const l = copy();
    l.commands[0].t = 21;
    const r = await cli('report', write(l), '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/commands\[0\] differs from the command the run recorded there/);
    expect((await cli('report', write(log), '--format', 'json')).code).toBe(0);
  });
});

describe('replay refuses a malformed log with the field path, never a stack trace', () => {
  const cases: [string, (l: RunLog & Record<string, unknown>) => void, RegExp][] = [
    ['a time of "soon"', (l) => ((l.commands[1] as { t: unknown }).t = 'soon'), /commands\[1\]\.t: 应为推演分钟数（数字） \/ expected sim-minutes \(a number\)/],
    ['a negative time', (l) => (l.commands[0].t = -5), /commands\[0\]\.t: .*sim-minutes cannot be negative/],
    ['commands out of order', (l) => (l.commands[2].t = 30), /commands\[2\]\.t: .*earlier than the command before it \(45\)/],
    ['a null command', (l) => ((l.commands as unknown[])[1] = null), /commands\[1\]: 应为指令 \{ t, seat, cmd \} \/ expected a command \{ t, seat, cmd \}/],
    ['no scenarioHash', (l) => delete (l as Partial<RunLog>).scenarioHash, /: scenarioHash: .*expected string/],
    ['a garbage plan', (l) => ((l as { plan: unknown }).plan = { rules: 'all of them' }), /: plan\.id: .*\n.*: plan\.name: .*\n.*: plan\.rules: .*expected array/],
    ['no digests', (l) => delete l.digests, /: digests: 应为摘要对象 \/ expected the digests object/],
    ['a digest that is not one', (l) => (l.digests!.commands[2] = 'abc'), /digests\.commands\[2\]: .*expected a SHA-256 as 64 hex digits/],
    ['another format', (l) => ((l as { format: string }).format = 'yanlian/log@9'), /: format: .*expected "yanlian\/log@2" \(a log written by yanlian run --log or exported from a live exercise; "yanlian\/log@1" is read too\)/]
  ];
  for (const [what, change, message] of cases) {
    it(what, async () => {
      const l = copy() as RunLog & Record<string, unknown>;
      change(l);
      const r = await replayOf(l);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
    });
  }

  it('a command nested too deep to hash', async () => {
    const file = join(dir, 'deep.json');
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const head = '"commands":[{"t":20,"seat":"district-tiexi","cmd":';
    writeFileSync(file, JSON.stringify(log).replace(head, `${head}${deep},"was":`));
    const r = await cli('replay', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/deep\.json: commands\[0\]\.cmd(\[0\])+: 嵌套超过 64 层 \/ nested more than 64 levels deep\n$/);
  });

  it('checks what the scenario knows even when the digests were rewritten to fit', async () => {
    const far = copy();
    far.commands[3].t = 1e308;
    expect((await replayOf(forged(far))).err).toMatch(/commands\[3\]\.t: 超过想定时长 4320 分钟 \/ after the scenario's end \(4320 sim-minutes\)/);
    const late = copy();
    late.until = 1e308;
    expect((await replayOf(forged(late))).err).toMatch(/: until: .*after the scenario's end \(4320 sim-minutes\)/);
    // A command of an unknown seat is refused in the stream (the engine logs every command it is given): the stream tells.
    const stranger = copy();
    stranger.commands.splice(1, 0, given(30, 'nobody', { type: 'pause' }));
    expect((await replayOf(forged(stranger))).err).toMatch(/replay to a different event stream/);
    const plan = copy();
    plan.plan!.rules[0].by = 'constructor';
    expect((await replayOf(forged(plan))).err).toMatch(/plan\.rules\[0\]\.by: 预案与想定不符 \/ unknown seat "constructor"/);
  });
});

describe('a yanlian/log@1 log (no digests)', () => {
  const v1 = (l: RunLog) => {
    const { digests: _d, engine: _e, ...rest } = JSON.parse(JSON.stringify(l)) as RunLog;
    return { ...rest, format: LOG_FORMAT_V1 };
  };

  it('replays with a warning that it cannot be checked, to the same stream', async () => {
    const out = join(dir, 'v1.jsonl');
    const r = await replayOf(v1(log), '--events', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/yanlian\/log@1 日志没有摘要，无法检查运行后是否被改动 \/ a yanlian\/log@1 log has no digests: whether it was changed after the run cannot be checked/);
    expect(readFileSync(out, 'utf8')).toBe(eventsToJsonl(ex.events));
  });

  it('is refused with the field path when malformed, or when a command names a seat the scenario lacks', async () => {
    const l = v1(log);
    l.commands.splice(1, 0, given(30, 'nobody', { type: 'pause' }));
    const r = await replayOf(l);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/commands\[1\]\.seat: 想定中没有席位 "nobody" \/ unknown seat "nobody": not a seat of scenario chemical-leak nor the facilitator/);
    const soon = v1(log);
    (soon.commands[0] as { t: unknown }).t = 'soon';
    expect((await replayOf(soon)).err).toMatch(/commands\[0\]\.t: .*expected sim-minutes/);
  });

  it('an order about an incident named "constructor" is refused like any unknown incident', async () => {
    const l = v1(log);
    l.commands.push(given(120, 'district-tiexi', { type: 'setup-field-post', incident: 'constructor' }));
    const out = join(dir, 'ctor.jsonl');
    const r = await replayOf(l, '--events', out, '--json');
    expect(r.code).toBe(0);
    const refused = readFileSync(out, 'utf8').trim().split('\n').map((x) => JSON.parse(x)).filter((e) => e.type === 'command.refused');
    expect(refused.at(-1).data).toMatchObject({ type: 'setup-field-post', reason: 'no incident "constructor" is under way' });
    expect(JSON.parse(r.out).commands.refused).toBe(refused.length);
  });
});

describe('replay finds the scenario a log names', () => {
  it('a bundled scenario by name or by id; otherwise the message says to give --scenario FILE', async () => {
    const byName = await replayOf({ ...log, scenario: 'chemical-leak' });
    expect(byName.err).toBe('');
    expect(byName.code).toBe(0);
    expect((await replayOf({ ...log, scenario: '/gone/leak.yaml' })).code).toBe(0); // falls back to the bundled scenario of its id
    const uploaded = await replayOf({ ...log, scenario: 'upload.yaml', scenarioUploaded: true });
    expect(uploaded.code).toBe(1);
    expect(uploaded.err).toMatch(/: scenario: 日志的想定（chemical-leak）是上传到在线演练的.* \/ the log's scenario \(chemical-leak\) was uploaded to the live app and is not on this machine: give the uploaded YAML file with --scenario FILE/);
    expect((await replayOf({ ...log, scenario: 'upload.yaml', scenarioUploaded: true }, '--scenario', join(SCENARIOS, 'chemical-leak.yaml'))).code).toBe(0);
    const lost = forged({ ...copy(), scenario: 'my-drill.yaml', scenarioId: 'my-drill' });
    const r = await replayOf(lost);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/: scenario: 找不到日志的想定 "my-drill\.yaml"（id my-drill）.* \/ cannot find the log's scenario "my-drill\.yaml" \(id my-drill\): it is neither a file here nor a bundled scenario; give it with --scenario FILE/);
  });
});
