/**
 * Refusal reasons in both languages. The engine states a refusal in English; a trainee reads it
 * in Chinese as well. Each known sentence has its Chinese form with the same names filled in;
 * an unknown sentence is shown in English after a Chinese lead-in rather than lost.
 */
import { CAPABILITY_LABELS, ORDER_LABELS, TIER_LABELS } from './i18n';

export interface Bilingual {
  zh: string;
  en: string;
}

/** Engine state names as a Chinese reader knows them (team lifecycle, exercise status). */
const STATE_ZH: Record<string, string> = {
  available: '待命', mobilizing: '集结中', enRoute: '途中', onScene: '到场', returning: '返回中', resting: '休整',
  outOfService: '减员退出', setup: '准备中', running: '进行中', paused: '已暂停', ended: '已结束'
};
const st = (s: string) => STATE_ZH[s] ?? s;
const ord = (t: string) => ORDER_LABELS[t]?.zh ?? t;
const tier = (t: string) => TIER_LABELS[t]?.zh ?? t;
const caps = (c: string) => c.split(/,\s*/).map((x) => CAPABILITY_LABELS[x]?.zh ?? x).join('、');

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/^internal error: the server could not apply this command; it was refused and the exercise goes on$/, () => '内部错误：服务器无法执行此指令，已拒绝；演练继续进行'],
  [/^the exercise stopped on an internal error; the facilitator can export its log$/, () => '演练因内部错误已停止；导调方可导出其日志'],
  [/^the exercise has ended$/, () => '演练已结束'],
  [/^the exercise has not started$/, () => '演练尚未开始'],
  [/^the exercise is paused$/, () => '演练已暂停'],
  [/^the exercise is (\w+), not (\w+)$/, (a, b) => `演练当前为“${st(a)}”，不是“${st(b)}”`],
  [/^the facilitator directs the exercise and does not give "(.+)" orders; a seat does$/, (t) => `导调方只控制演练，不下达“${ord(t)}”指令；应由席位下达`],
  [/^only the facilitator may "(.+)"$/, (t) => `只有导调方可以执行“${ord(t)}”`],
  [/^seat "(.+)" \((.+)\) may not give "(.+)" orders$/, (s, ti, t) => `席位“${s}”（${tier(ti)}）无权下达“${ord(t)}”指令`],
  [/^the field command post "(.+)" has not been set up yet$/, (s) => `现场指挥部“${s}”尚未开设`],
  [/^unknown team "(.+)"$/, (t) => `未知队伍“${t}”`],
  [/^unknown seat "(.+)"$/, (s) => `未知席位“${s}”`],
  [/^unknown district "(.+)"$/, (d) => `未知区县“${d}”`],
  [/^unknown place "(.+)"$/, (p) => `未知地点“${p}”`],
  [/^unknown inject "(.+)"$/, (i) => `未知注入“${i}”`],
  [/^unknown place or incident "(.+)"$/, (p) => `未知地点或事件“${p}”`],
  [/^seat "(.+)" does not command team "(.+)"$/, (s, t) => `席位“${s}”不指挥队伍“${t}”`],
  [/^team "(.+)" is resting after a deployment$/, (t) => `队伍“${t}”出动后正在休整`],
  [/^team "(.+)" is (\w+); only a deployed team can be recalled$/, (t, s) => `队伍“${t}”当前为“${st(s)}”；只能召回已出动的队伍`],
  [/^team "(.+)" is (\w+)$/, (t, s) => `队伍“${t}”当前为“${st(s)}”`],
  [/^a dispatch needs an incident or a place$/, () => '调派需要指定事件或地点'],
  [/^no incident "(.+)" is under way$/, (i) => `事件“${i}”不存在或未发生`],
  [/^seat "(.+)" has no report of incident "(.+)" to pass on$/, (s, i) => `席位“${s}”没有收到事件“${i}”的报告，无从上报`],
  [/^seat "(.+)" has no report of incident "(.+)"$/, (s, i) => `席位“${s}”尚未收到事件“${i}”的报告`],
  [/^no road from (.+) to (.+)$/, (a, b) => `没有从 ${a} 到 ${b} 的道路`],
  [/^seat "(.+)" may warn only its own district (.+), not (.+)$/, (s, own, d) => `席位“${s}”只能向本区 ${own} 发布预警，不能向 ${d}`],
  [/^seat "(.+)" is already at level (.+)$/, (s, l) => `席位“${s}”已处于 ${l} 级响应`],
  [/^seat "(.+)" may not declare level (.+); it may declare (.+)$/, (s, l, may) => `席位“${s}”无权启动 ${l} 级响应；可启动：${may === 'no level' ? '无' : may}`],
  [/^seat "(.+)" may order protection only in its own district (.+), not (.+)$/, (s, own, d) => `席位“${s}”只能在本区 ${own} 下令防护，不能在 ${d}`],
  [/^the area holds no populated cells of the map grid$/, () => '该区域内没有有人口的网格'],
  [/^seat "(.+)" has no tier above to ask$/, (s) => `席位“${s}”没有上级可请求`],
  [/^incident "(.+)" already has a field command post \((.+)\)$/, (i, p) => `事件“${i}”已开设现场指挥部（${p}）`],
  [/^seat "(.+)" has no field command post seat under it to set up$/, (s) => `席位“${s}”下没有可开设的现场指挥部席位`],
  [/^team "(.+)" cannot isolate a leak \(it has (.+)\)$/, (t, c) => `队伍“${t}”不具备堵漏能力（其能力：${caps(c)}）`],
  [/^team "(.+)" is not on scene at incident "(.+)"$/, (t, i) => `队伍“${t}”不在事件“${i}”现场`],
  [/^team "(.+)" is already isolating the source$/, (t) => `队伍“${t}”正在堵漏`],
  [/^incident "(.+)" has no active release to isolate$/, (i) => `事件“${i}”没有正在泄漏的源可堵`],
  [/^seat "(.+)" is the top of the command structure; there is no one to report to$/, (s) => `席位“${s}”是最高层级，没有上级可报告`],
  [/^expectation for unknown seat "(.+)"$/, (s) => `期望所针对的席位“${s}”不存在`],
  [/^no expectation "(.+)" in the scenario's injects or the injects given so far$/, (x) => `想定注入及已下达的注入中没有期望“${x}”`]
];

/** One sentence of a reason (the engine joins shape errors with "; "). */
function sentenceZh(en: string): string | null {
  for (const [re, zh] of PATTERNS) {
    const m = re.exec(en);
    if (m) return zh(...m.slice(1));
  }
  return null;
}

export function bilingualReason(en: string): Bilingual {
  const zh = sentenceZh(en);
  if (zh) return { zh, en };
  // Shape errors ("area.radius: expected …") are field paths and validator text: keep them, in a Chinese frame.
  return { zh: `指令被拒绝：${en}`, en };
}

/** What the view can name: any id the page knows (a subset of client Names, so the server can import this file). */
export interface IdNamer {
  any(id: string): string | undefined;
  incident(id: unknown): string;
  lang: 'zh' | 'en';
}

/**
 * A reason with the ids it quotes replaced by names ("zhangshi-volunteers" → 张士街道应急分队).
 * In Chinese every Latin token that is a known id (and six-digit district codes) is named; in
 * English only quoted ids, so English words of the sentence stay as they are.
 */
export function namedReason(text: string, n: IdNamer): string {
  const name = (id: string) => {
    const a = n.any(id);
    if (a) return a;
    const i = n.incident(id);
    return i !== id ? i : undefined;
  };
  if (n.lang === 'en') return text.replace(/"([^"\s]+)"/g, (all, id: string) => (name(id) ? `"${name(id)}"` : all));
  return text.replace(/[A-Za-z0-9][A-Za-z0-9]*(?:[-_:][A-Za-z0-9]+)*/g, (tok) => name(tok) ?? tok);
}

/** Why a cascade did not happen (engine sentences), in both languages. */
export function cascadeReason(en: string): Bilingual {
  const known: Record<string, string> = {
    'released before ignition: source already isolated': '点火前泄漏源已被切断',
    'the fire went out before the tank failed': '储罐失效前火已熄灭',
    'tank cooled by teams on scene': '现场队伍冷却了储罐'
  };
  return { zh: known[en] ?? (en ? `未发生：${en}` : ''), en };
}

/**
 * An issue of a refused upload or form in the reader's language, sizes in MB for a human
 * ("file is 14532993 bytes; expected at most 8388608" → 文件大小 13.9 MB，上限 8 MB).
 */
export function issueText(message: unknown, lang: 'zh' | 'en'): string {
  if (message && typeof message === 'object') {
    const o = message as Partial<Bilingual>;
    return (lang === 'zh' ? o.zh : o.en) ?? o.zh ?? o.en ?? '';
  }
  const en = String(message ?? '');
  const mb = (b: string) => `${(Number(b) / 1048576).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
  let m = /^file is (\d+) bytes; expected at most (\d+)$/.exec(en);
  if (m) return lang === 'zh' ? `文件大小 ${mb(m[1])}，上限 ${mb(m[2])}` : `the file is ${mb(m[1])}; at most ${mb(m[2])}`;
  m = /^(\d+) bytes; at most (\d+)(?: \(.*\))?$/.exec(en);
  if (m) return lang === 'zh' ? `文件大小 ${mb(m[1])}，上限 ${mb(m[2])}` : `${mb(m[1])}; at most ${mb(m[2])}`;
  m = /^the file is larger than (\d+) bytes/.exec(en);
  if (m) return lang === 'zh' ? `文件超过上限 ${mb(m[1])}` : `the file is larger than ${mb(m[1])}`;
  m = /^(.*?)(\d+) bytes(.*)$/.exec(en);
  if (m && lang === 'en') return `${m[1]}${mb(m[2])}${m[3]}`;
  if (lang === 'en') return en;
  m = /^expected at most (\d+) characters(?:, got (\d+))?$/.exec(en);
  if (m) return `最多 ${m[1]} 个字符${m[2] ? `，实际 ${m[2]} 个` : ''}`;
  m = /^expected at most (\d+) items(?:, got (\d+))?$/.exec(en);
  if (m) return `最多 ${m[1]} 项${m[2] ? `，实际 ${m[2]} 项` : ''}`;
  m = /^expected at most (\d+) files(?:, got (\d+))?$/.exec(en);
  if (m) return `最多 ${m[1]} 个文件${m[2] ? `，实际 ${m[2]} 个` : ''}`;
  m = /^nesting is (\d+) levels deep; expected at most (\d+)$/.exec(en);
  if (m) return `嵌套 ${m[1]} 层，最多 ${m[2]} 层`;
  m = /^expected at most (\d+)$/.exec(en);
  if (m) return `不能大于 ${m[1]}`;
  // The validator's own sentences (zod): the YAML values they quote stay as written.
  const TYPE_ZH: Record<string, string> = { number: '数字', string: '文本', boolean: '布尔值', object: '对象', array: '列表', undefined: '空（缺少此项）', null: '空值', nan: '非数字' };
  const ty = (x: string) => TYPE_ZH[x] ?? x;
  m = /^Invalid input: expected (\w+), received (\w+)$/.exec(en);
  if (m) return m[2] === 'undefined' ? `缺少此项（应为${ty(m[1])}）` : `输入无效：应为${ty(m[1])}，实际为${ty(m[2])}`;
  m = /^Invalid option: expected one of (.+)$/.exec(en);
  if (m) return `取值无效，应为以下之一：${m[1]}`;
  m = /^Unrecognized keys?: (.+)$/.exec(en);
  if (m) return `无法识别的字段：${m[1]}`;
  m = /^Too (big|small): expected (\w+) to (?:be|have) ([<>]=?)\s*(\S+)(?: (\w+))?$/.exec(en);
  if (m) return `${m[1] === 'big' ? '过大' : '过小'}：应 ${m[3]} ${m[4]}${m[5] === 'characters' ? ' 个字符' : m[5] === 'items' ? ' 项' : ''}`;
  const zh = sentenceZh(en);
  return zh ?? `${en}`;
}
