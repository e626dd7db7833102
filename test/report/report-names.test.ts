// The Chinese report names things: warning colours in Chinese, cascade rules by their names.
import { describe, expect, it } from 'vitest';
import { runHeadless, scoreRun } from '../../engine/index.ts';
import { renderReport } from '../../src/report/index.ts';
import { bundled } from '../helpers/scenario.ts';

describe('report wording', () => {
  it('a typhoon run in Chinese: warnings by colour name, secondary disasters by rule name', () => {
    const scenario = bundled('typhoon');
    const ex = runHeadless(scenario, { seed: 3 });
    const input = { scenario, events: ex.events, scorecard: scoreRun({ scenario, plan: ex.plan, events: ex.events, commands: ex.commands }) };
    const zh = renderReport(input, 'md', 'zh');
    expect(ex.events.some((e) => e.type === 'warning.issued')).toBe(true);
    expect(zh).not.toMatch(/发布(blue|yellow|orange|red)预警/);
    expect(zh).toMatch(/发布(蓝色|黄色|橙色|红色)预警/);
    const fired = ex.events.find((e) => e.type === 'cascade.triggered')!;
    const rule = scenario.data.cascades.find((r) => r.id === fired.data.rule)!;
    expect(zh).toContain(`次生灾害：${rule.name.zh}`);
    expect(zh).not.toContain(`次生灾害：${rule.id} `);
    expect(renderReport(input, 'md', 'en')).toMatch(/issues a (blue|yellow|orange|red) warning/);
  });
});
