// Tiny bilingual dictionary for the web UI (zh / en).

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const zh = {
  appName: '演练',
  tagline: '应急演练推演引擎',
  intro: '面向应急管理的仿真与桌面推演引擎：想定以 YAML 描述，推演以随机种子驱动，结果可复现、可回放。',
  language: '语言',
  scenarios: '内置想定',
  scenarioCount: '共 {n} 个',
  sourceDir: '目录',
  noScenarios: '在 {dir} 中没有找到想定文件（*.yaml）。',
  hazard: '灾种',
  region: '地区',
  file: '文件',
  id: '编号',
  cliTitle: '命令行推演',
  cliNote: '以上想定也可以不经界面、在命令行中直接推演：'
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appName: 'Yanlian',
  tagline: 'emergency exercise engine',
  intro:
    'A simulation and tabletop-exercise engine for emergency management: scenarios are written in YAML, runs are driven by a random seed and can be reproduced and replayed.',
  language: 'Language',
  scenarios: 'Bundled scenarios',
  scenarioCount: '{n} found',
  sourceDir: 'directory',
  noScenarios: 'No scenario files (*.yaml) found in {dir}.',
  hazard: 'Hazard',
  region: 'Region',
  file: 'File',
  id: 'ID',
  cliTitle: 'Command line',
  cliNote: 'The same scenarios run headless from the command line:'
};

export const messages: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Label for a hazard key; unknown keys are shown as-is with dashes turned into spaces. */
const hazards: Record<string, { zh: string; en: string }> = {
  'chemical-leak': { zh: '危化品泄漏', en: 'Chemical leak' },
  'hazmat': { zh: '危险化学品事故', en: 'Hazardous materials' },
  'fire': { zh: '火灾', en: 'Fire' },
  'wildfire': { zh: '森林草原火灾', en: 'Wildfire' },
  'flood': { zh: '洪涝', en: 'Flood' },
  'typhoon': { zh: '台风', en: 'Typhoon' },
  'earthquake': { zh: '地震', en: 'Earthquake' },
  'landslide': { zh: '地质灾害', en: 'Landslide' },
  'blizzard': { zh: '雨雪冰冻', en: 'Snow and ice storm' },
  'heatwave': { zh: '高温', en: 'Heatwave' },
  'power-outage': { zh: '大面积停电', en: 'Power outage' },
  'epidemic': { zh: '突发公共卫生事件', en: 'Public health emergency' },
  'mass-casualty': { zh: '群死群伤事故', en: 'Mass-casualty incident' }
};

export function hazardLabel(hazard: string, lang: Lang): string {
  const known = hazards[hazard];
  if (known) return known[lang];
  return hazard ? hazard.replace(/[-_]+/g, ' ') : '—';
}

export function isLang(v: unknown): v is Lang {
  return v === 'zh' || v === 'en';
}

/** Message lookup with `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in vars ? String(vars[name]) : m
  );
}

/**
 * Language from an Accept-Language header: the most preferred of zh* / en* wins
 * (by q-value, then order); anything else, or no header, gives en.
 */
export function langFromAcceptLanguage(header: string | null | undefined): Lang {
  if (!header) return 'en';
  const prefs = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const p of prefs) {
    if (p.tag === 'zh' || p.tag.startsWith('zh-')) return 'zh';
    if (p.tag === 'en' || p.tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** `?lang=zh|en` wins; otherwise Accept-Language. */
export function resolveLang(query: string | null | undefined, acceptLanguage: string | null | undefined): Lang {
  return isLang(query) ? query : langFromAcceptLanguage(acceptLanguage);
}
