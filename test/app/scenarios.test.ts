import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hazardLabel, langFromAcceptLanguage, resolveLang, t } from '../../src/lib/i18n';
import { listScenarios } from '../../src/lib/server/scenarios';

describe('listScenarios', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  function tmp(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yanlian-list-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('reads top-level *.yaml scenarios, sorted by file, and skips the rest with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = tmp({
      'b.yaml': [
        'format: yanlian/scenario@1',
        'id: b',
        'title: { zh: 乙, en: B }',
        'summary: { zh: 乙摘要, en: B summary }',
        'hazard: flood',
        'region: { zh: 乙地, en: B land }'
      ].join('\n'),
      'a.yaml': 'format: yanlian/scenario@1\nid: a\ntitle: { zh: 甲, en: A }\n',
      'bad.yaml': 'title: [unclosed\n',
      'other.yaml': 'format: something/else@1\nid: x\ntitle: { zh: x, en: x }\n',
      'c.yml.txt': 'ignored'
    });
    const list = await listScenarios(dir);
    expect(list.map((s) => s.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(list[1]).toEqual({
      file: 'b.yaml',
      id: 'b',
      title: { zh: '乙', en: 'B' },
      summary: { zh: '乙摘要', en: 'B summary' },
      hazard: 'flood',
      region: { zh: '乙地', en: 'B land' }
    });
    expect(list[0].summary).toEqual({ zh: '', en: '' });
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('returns [] with a warning for a missing directory', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await listScenarios(path.join(os.tmpdir(), 'yanlian-does-not-exist-42'))).toEqual([]);
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('i18n', () => {
  it('picks the language from Accept-Language', () => {
    expect(langFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langFromAcceptLanguage('zh-TW')).toBe('zh');
    expect(langFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(langFromAcceptLanguage('en;q=0.5,zh;q=0.9')).toBe('zh');
    expect(langFromAcceptLanguage('fr-FR')).toBe('en');
    expect(langFromAcceptLanguage('')).toBe('en');
    expect(langFromAcceptLanguage(null)).toBe('en');
  });

  it('lets ?lang override and ignores bad values', () => {
    expect(resolveLang('en', 'zh-CN')).toBe('en');
    expect(resolveLang('zh', 'en-US')).toBe('zh');
    expect(resolveLang('fr', 'zh-CN')).toBe('zh');
  });

  it('formats messages and hazard labels', () => {
    expect(t('en', 'noScenarios', { dir: 'scenarios' })).toContain('scenarios');
    expect(hazardLabel('chemical-leak', 'zh')).toBe('危化品泄漏');
    expect(hazardLabel('solar-flare', 'en')).toBe('solar flare');
  });
});
