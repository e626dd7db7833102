// Every refusal the engine can give reaches a trainee in Chinese as well as English.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bilingualReason } from '../../src/lib/reasons.ts';
import { repoRoot } from '../helpers/chromium.ts';

/** The refusal sentences written in the engine's command pipeline, with each `${…}` filled by a sample name. */
function engineRefusals(): string[] {
  const dir = path.join(repoRoot, 'engine', 'commands');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const src = readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/refuse\((?:`([^`]*)`|'([^']*)')\)/g)) out.add((m[1] ?? m[2]).replace(/\$\{[^}]*\}/g, 'sample'));
  }
  return [...out];
}

describe('refusal reasons in both languages', () => {
  it('finds the engine’s refusals', () => {
    expect(engineRefusals().length).toBeGreaterThan(30);
  });

  it.each(engineRefusals())('has a Chinese sentence for: %s', (en) => {
    const r = bilingualReason(en);
    expect(r.en).toBe(en);
    expect(r.zh.startsWith('指令被拒绝：')).toBe(false);
    expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps an unknown sentence, in a Chinese frame', () => {
    expect(bilingualReason('area.radius: expected a length')).toEqual({ zh: '指令被拒绝：area.radius: expected a length', en: 'area.radius: expected a length' });
  });
});
