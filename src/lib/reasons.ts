/**
 * Refusal reasons in both languages. The engine states a refusal in English; a trainee reads it
 * in Chinese as well. Each known sentence has its Chinese form with the same names filled in;
 * an unknown sentence is shown in English after a Chinese lead-in rather than lost.
 */
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

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/^internal error: the server could not apply this command; it was refused and the exercise goes on$/, () => '内部错误：服务器无法执行此指令，已拒绝；演练继续进行'],
  [/^the exercise stopped on an internal error; the facilitator can export its log$/, () => '演练因内部错误已停止；导调方可导出其日志'],
  [/^the exercise has ended$/, () => '演练已结束'],
  [/^the exercise has not started$/, () => '演练尚未开始'],
  [/^the exercise is paused$/, () => '演练已暂停'],
  [/^the exercise is (\w+), not (\w+)$/, (a, b) => `演练当前为“${st(a)}”，不是“${st(b)}”`],
  [/^the facilitator directs the exercise and does not give "(.+)" orders; a seat does$/, (t) => `导调方只控制演练，不下达“${t}”指令；应由席位下达`],
  [/^only the facilitator may "(.+)"$/, (t) => `只有导调方可以执行“${t}”`],
  [/^seat "(.+)" \((.+)\) may not give "(.+)" orders$/, (s, tier, t) => `席位“${s}”（${tier}）无权下达“${t}”指令`],
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
  [/^team "(.+)" cannot isolate a leak \(it has (.+)\)$/, (t, c) => `队伍“${t}”不具备堵漏能力（其能力：${c}）`],
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
