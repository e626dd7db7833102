import { describe, expect, it } from 'vitest';
import { InputFileError, parseScenarioText, parsePlanText } from '../../engine/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenarioText, variant, SCENARIOS } from '../helpers/scenario.ts';

function issuesOf(fn: () => unknown): { file: string; issues: { path: string; message: string }[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputFileError) return { file: e.file, issues: e.issues };
    throw e;
  }
  throw new Error('expected an InputFileError');
}

describe('scenario files: bad input is refused with file, field path and what was expected', () => {
  it('names a wrong type by its path', () => {
    const text = readScenarioText().replace('size: 12,', 'size: twelve,');
    const r = issuesOf(() => parseScenarioText(text, 'my.yaml'));
    expect(r.file).toBe('my.yaml');
    expect(r.issues[0].path).toBe('teams[0].size');
    expect(r.issues[0].message).toMatch(/expected number/);
  });

  it('names a missing field and an unknown (misspelt) one', () => {
    const text = readScenarioText().replace(/^summary:/m, 'sumary:');
    const r = issuesOf(() => parseScenarioText(text, 'x.yaml'));
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain('summary');
    expect(r.issues.some((i) => /sumary/.test(i.message))).toBe(true);
  });

  it('explains a duration it cannot read', () => {
    const text = readScenarioText().replace('duration: 72h', 'duration: three days');
    const r = issuesOf(() => parseScenarioText(text, 'x.yaml'));
    expect(r.issues[0]).toMatchObject({ path: 'duration' });
    expect(r.issues.map((i) => i.message).join(' ')).toMatch(/duration such as "90min"/);
  });

  it('refuses a scenario without the format version', () => {
    const text = readScenarioText().replace('format: yanlian/scenario@1', 'format: yanlian/scenario@9');
    const r = issuesOf(() => parseScenarioText(text, 'x.yaml'));
    expect(r.issues[0].path).toBe('format');
  });

  it('checks references: an unknown seat, place, team and district', () => {
    // The bundled plan lives in its own file: inline it here so one edit can break both.
    const planYaml = readFileSync(join(SCENARIOS, 'plans', 'chemical-leak.yaml'), 'utf8').replace(/^(#.*|format:.*|scenario:.*)\n/gm, '');
    const r = issuesOf(() =>
      variant('chemical-leak', (y) =>
        y
          .replace(/^plan: .*$/m, 'plan:\n' + planYaml.replace(/^(?=.)/gm, '  '))
          .replace('owner: district-tiexi, base: plant-gate', 'owner: district-tiexl, base: plant-gait')
          .replace('districts: ["210114"], colour: yellow', 'districts: ["999999"], colour: yellow')
          .replace('do: { type: dispatch, team: medical-120, incident: leak }', 'do: { type: dispatch, team: medical-999, incident: leak }')
      )
    );
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath['teams[0].owner']).toMatch(/unknown seat "district-tiexl"; expected one of: city-committee/);
    expect(byPath['teams[0].base']).toMatch(/unknown place "plant-gait"/);
    expect(Object.keys(byPath).some((p) => /^plan\.rules\[\d+\]\.do\.districts\[0\]$/.test(p))).toBe(true);
    expect(Object.keys(byPath).some((p) => /^plan\.rules\[\d+\]\.do\.team$/.test(p))).toBe(true);
  });

  it('refuses duplicate ids and a loop in the command tree', () => {
    const r = issuesOf(() =>
      variant('chemical-leak', (y) => y.replace('  - id: field-post\n', '  - id: hq-safety\n').replace('tier: city\n    mayDeclare', 'tier: city\n    parent: district-tiexi\n    mayDeclare'))
    );
    const msgs = r.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(msgs).toMatch(/seats\[2\]\.id: duplicate id "hq-safety"/);
    expect(msgs).toMatch(/loops back|exactly one top seat/);
  });

  it('reports a referenced map file that cannot be read', () => {
    const r = issuesOf(() => variant('chemical-leak', (y) => y.replace('maps/shenyang-districts.geojson', 'maps/nowhere.geojson')));
    expect(r.issues[0].path).toBe('map.districts');
    expect(r.issues[0].message).toMatch(/cannot read "maps\/nowhere.geojson"/);
  });

  it('refuses a YAML alias bomb fast, without expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    // Expanded, this would be 9^10 nodes: the test finishing at all shows it was refused unexpanded.
    const r = issuesOf(() => parseScenarioText(lines.join('\n'), 'bomb.yaml'));
    expect(r.issues[0].message).toMatch(/aliases/);
  });

  it('refuses absurd nesting before parsing it', () => {
    const r = issuesOf(() => parseScenarioText('a: ' + '['.repeat(50_000) + ']'.repeat(50_000), 'deep.yaml'));
    expect(r.issues[0].message).toMatch(/nesting is \d+ levels deep; expected at most 64/);
  });

  it('reports broken YAML with line and column', () => {
    const r = issuesOf(() => parseScenarioText('format: yanlian/scenario@1\nid: [unclosed\n', 'broken.yaml'));
    expect(r.issues[0].path).toMatch(/line \d+, column \d+/);
    expect(r.issues[0].message).toMatch(/not valid YAML/);
  });

  it('validates a plan file on its own', () => {
    const ok = parsePlanText('format: yanlian/plan@1\nid: p\nname: { zh: 预案, en: Plan }\nrules:\n  - id: r1\n    when: { at: 10min }\n    by: hq-safety\n    do: { type: report-up }\n', 'p.yaml');
    expect(ok.rules[0].when).toEqual({ at: 10 });
    const r = issuesOf(() => parsePlanText('format: yanlian/plan@1\nid: p\nname: { zh: 预案, en: Plan }\nrules:\n  - id: r1\n    when: { at: 10min }\n    by: hq-safety\n    do: { type: launch-rockets }\n', 'p.yaml'));
    expect(r.issues[0].path).toBe('rules[0].do.type');
  });
});
