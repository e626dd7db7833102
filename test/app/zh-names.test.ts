// Names instead of ids, and Chinese, in the display code: tanks, cascade rules and their incidents,
// roads, stock items, refusals that quote ids, upload errors in MB.
import { describe, expect, it } from 'vitest';
import { describeCommand, describeEvent } from '../../src/lib/client/describe';
import { makeNames } from '../../src/lib/client/names';
import type { DomainEvent, View } from '../../src/lib/client/types';
import { issueText, namedReason } from '../../src/lib/reasons';

const view = {
  exercise: { id: 'x', name: 'x', scenario: 'chemical-leak', seed: 1, t: 0, status: 'running', speed: 1, clock: 'running', title: { zh: '危化品泄漏', en: 'Chemical leak' } },
  map: {
    districts: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: '210112', name: { zh: '浑南区', en: 'Hunnan' } }, geometry: { type: 'Point', coordinates: [0, 0] } }] },
    places: [{ id: 'a', name: { zh: '甲地', en: 'A' }, at: [0, 0] }, { id: 'b', name: { zh: '乙地', en: 'B' }, at: [0, 0] }],
    roads: [{ id: 'r-a-b', from: 'a', to: 'b' }],
    facilities: []
  },
  teams: [{ id: 'zhangshi-volunteers', name: { zh: '张士街道应急分队', en: 'Zhangshi squad' } }],
  seats: [{ id: 'district-tiexi', name: { zh: '铁西区应急指挥部', en: 'Tiexi EOC' }, tier: 'district' }]
} as unknown as View;

const ev = (type: string, data: Record<string, unknown>, seq = 1): DomainEvent => ({ seq, t: 10, type, data });
const events = [ev('hazard.source', { tank: 'NH3-1', substance: 'ammonia', rateKgS: 23.28, massKg: 1000 })];

describe('names instead of ids', () => {
  const zh = makeNames(view, events, 'zh');
  const en = makeNames(view, events, 'en');

  it('names a tank by number and substance, and an engine cascade rule', () => {
    expect(describeEvent(events[0], zh)).toBe('1号液氨储罐（NH3-1）：泄漏速率 23.28 kg/s，泄漏量 1,000 kg');
    expect(describeEvent(events[0], en)).toBe('ammonia tank NH3-1: 23.28 kg/s, 1,000 kg');
    const blast = ev('cascade.triggered', { rule: 'domino-blast', parent: 'leak', child: 'leak', tank: 'NH3-2', outcome: 'release' });
    expect(describeEvent(blast, zh)).toBe('多米诺爆炸 · 2号液氨储罐（NH3-2）：leak → leak（泄漏）');
  });

  it('names a cascade incident "<rule>:<district>", a road and a stock item', () => {
    const named = makeNames(view, [ev('cascade.triggered', { rule: 'gas-main-break', name: { zh: '燃气管道破裂泄漏', en: 'Gas main breaks' }, entity: '210112' })], 'zh');
    expect(named.incident('gas-main-break:210112')).toBe('燃气管道破裂泄漏（浑南区）');
    expect(describeEvent(ev('road.changed', { road: 'r-a-b', blocked: true }), zh)).toBe('甲地—乙地: 中断');
    expect(describeCommand({ type: 'request-resources', resource: 'gas-masks', quantity: 10 }, zh)).toBe('请求物资支援: 防毒面具 × 10');
    expect(zh.capability('evacuation-support')).toBe('疏散引导');
    const withPlan = makeNames({ ...view, planRules: [{ id: 'field-isolate', name: { zh: '关阀堵漏', en: 'Isolate the leak' } }] } as View, [], 'zh');
    expect(describeEvent(ev('plan.rule-triggered', { rule: 'field-isolate', by: 'district-tiexi' }), withPlan)).toBe('关阀堵漏 · 铁西区应急指挥部');
  });

  it('names the ids a refusal quotes: every id in Chinese, quoted ones in English', () => {
    expect(namedReason('队伍“zhangshi-volunteers”当前为“待命”；只能召回已出动的队伍', zh)).toBe('队伍“张士街道应急分队”当前为“待命”；只能召回已出动的队伍');
    expect(namedReason('team "zhangshi-volunteers" is available; only a deployed team can be recalled', en)).toBe('team "Zhangshi squad" is available; only a deployed team can be recalled');
  });

  it('says upload sizes in MB, in Chinese', () => {
    expect(issueText('file is 14532993 bytes; expected at most 8388608', 'zh')).toBe('文件大小 13.9 MB，上限 8 MB');
    expect(issueText('9437206 bytes; at most 8388608 (8 MiB)', 'en')).toBe('9 MB; at most 8 MB');
    expect(issueText('expected at most 200 characters', 'zh')).toBe('最多 200 个字符');
    expect(issueText('Invalid input: expected number, received string', 'zh')).toBe('输入无效：应为数字，实际为文本');
  });
});
