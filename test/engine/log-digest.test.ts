// The command chain of a log names the first command changed, inserted or removed, wherever it is.
import { describe, expect, it } from 'vitest';
import { commandChain, canonicalJson, type LoggedCommand } from '../../engine/index.ts';
import { commandsDifference } from '../../engine/sim/logDigest.ts';

const commands: LoggedCommand[] = [0, 10, 20, 30, 40].map((t, i) => ({ t, seat: 'district-tiexi', cmd: { type: 'report-up', text: { zh: `第${i}`, en: `no. ${i}` } } as LoggedCommand['cmd'] }));
const recorded = commandChain(commands);
const extra: LoggedCommand = { t: 25, seat: 'district-tiexi', cmd: { type: 'pause' } };

describe('command chain', () => {
  it('finds nothing in the commands it was made from, and a link depends on every command before it', () => {
    expect(commandsDifference(commands, recorded)).toBeNull();
    expect(commandsDifference([], [])).toBeNull();
    expect(new Set(recorded).size).toBe(recorded.length);
    expect(commandChain(commands.slice(0, 3))).toEqual(recorded.slice(0, 3));
  });

  for (let i = 0; i < commands.length; i++) {
    it(`names command ${i} changed, inserted before or removed`, () => {
      const changed = commands.map((c, j) => (j === i ? { ...c, t: c.t + 1 } : c));
      expect(commandsDifference(changed, recorded)).toMatchObject({ part: 'commands', index: i, change: 'changed' });
      const inserted = [...commands.slice(0, i), extra, ...commands.slice(i)];
      expect(commandsDifference(inserted, recorded)).toMatchObject({ index: i, change: 'inserted' });
      const removed = commands.filter((_, j) => j !== i);
      expect(commandsDifference(removed, recorded)).toMatchObject({ index: i, change: 'removed' });
    });
  }

  it('names a command added at the end, and says where the commands part when the edit is not one of these', () => {
    expect(commandsDifference([...commands, extra], recorded)).toMatchObject({ index: 5, change: 'inserted' });
    const d = commandsDifference(commands.slice(0, 2), recorded);
    expect(d).toMatchObject({ index: 2 });
    expect(d!.change).toBeUndefined();
    expect(d!.en).toBe('the commands differ from the recorded ones from commands[2] on (the log has 2 commands, the run recorded 5)');
    const swapped = [commands[0], commands[2], commands[1], ...commands.slice(3)];
    expect(commandsDifference(swapped, recorded)).toMatchObject({ index: 1 });
    expect(commandsDifference(swapped, recorded)!.change).toBeUndefined();
  });

  it('covers a key "__proto__" given in a command like any other key', () => {
    const cmd = JSON.parse('{"type":"pause","__proto__":{"x":1}}');
    expect(canonicalJson(cmd)).toBe('{"__proto__":{"x":1},"type":"pause"}');
    expect(commandChain([{ t: 0, seat: 'facilitator', cmd }])).not.toEqual(commandChain([{ t: 0, seat: 'facilitator', cmd: { type: 'pause' } }]));
  });
});
