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
  cliNote: '以上想定也可以不经界面、在命令行中直接推演：',
  // ---- start page ----
  startTitle: '新建演练',
  startIntro: '选择想定、随机种子与推演速度，为指挥体系的每个席位生成加入链接。',
  chooseScenario: '选择想定',
  uploadScenario: '上传想定文件',
  uploadHint: '选择想定 YAML（可同时选择其引用的预案文件），与命令行一样校验。',
  uploaded: '已上传',
  chooseFiles: '选择文件…',
  noFileChosen: '未选择文件',
  exerciseName: '演练名称',
  defaultExerciseName: '{title}演练',
  seed: '随机种子',
  speed: '推演速度',
  speedHint: '1× 为实时，60× 为每秒推进 1 分钟',
  cells: '平行分组',
  cellsHint: '同一想定与种子的并行副本，每组一套席位',
  autopilot: '预案自动执行',
  autopilotHint: '由想定的预案代替未就位的席位下达指令（演示用）',
  create: '创建演练',
  creating: '正在创建…',
  createFailed: '创建失败',
  joinLinks: '加入链接',
  joinIntro: '把链接分发给各席位；导调（主持人）链接可控制时钟并看到全部信息，请勿分发给学员。',
  facilitator: '导调',
  facilitatorConsole: '导调控制台',
  openConsole: '打开导调控制台',
  openCells: '打开分组对比',
  seatLink: '席位链接',
  copy: '复制',
  copied: '已复制',
  seats: '席位',
  tier: '层级',
  recentExercises: '近期演练',
  noExercises: '暂无演练。',
  status: '状态',
  scenario: '想定',
  // ---- console ----
  simTime: '推演时间',
  wallClock: '想定时钟',
  start: '开始',
  pause: '暂停',
  resume: '继续',
  nextInject: '跳至下一注入',
  setSpeed: '设定速度',
  map: '态势图',
  timeline: '时间线',
  events: '事件',
  participants: '参演席位',
  injects: '注入 (MSEL)',
  cascade: '灾害链',
  observations: '评估记录',
  fork: '分支推演',
  report: '复盘报告',
  teams: '队伍',
  ownTeams: '本席位队伍',
  ownResources: '本席位物资储备',
  noResources: '本席位无物资储备',
  inbox: '收件箱',
  orders: '下达指令',
  noEvents: '暂无事件。',
  noInbox: '尚未收到信息。',
  noTeams: '没有可见的队伍。',
  noOrders: '该席位不能下达指令。',
  connected: '已连接',
  reconnecting: '正在重连…',
  offline: '连接中断',
  online: '在线',
  notJoined: '未加入',
  lastOrder: '最近指令',
  ordersGiven: '已下达指令',
  refused: '被拒绝',
  accepted: '已执行',
  reason: '原因',
  send: '下达',
  sending: '发送中…',
  orderSent: '指令已执行',
  orderRefused: '指令被拒绝',
  chooseOrder: '指令类型',
  team: '队伍',
  incident: '事件',
  place: '地点',
  districts: '区县',
  district: '区县',
  colour: '预警颜色',
  message: '内容',
  level: '响应级别',
  mode: '防护方式',
  area: '范围',
  around: '以…为中心',
  radius: '半径（米）',
  resource: '物资',
  quantity: '数量',
  text: '文本',
  textZh: '中文',
  textEn: 'English',
  optional: '可选',
  none: '无',
  selectOne: '请选择…',
  fireInject: '发出',
  fired: '已发出',
  freeInject: '临时注入',
  freeInjectHint: '现场编写一条注入，发给任意席位。',
  to: '发给',
  from: '来自',
  at: '时间',
  manual: '手动',
  scripted: '自动',
  importMsel: '导入 MSEL',
  exportCsv: '导出 CSV',
  exportXlsx: '导出 Excel',
  exportMd: '导出 Markdown',
  exportHtml: '导出 HTML',
  exportJson: '导出 JSON',
  saveMsel: '保存 MSEL',
  addRow: '添加一行',
  removeRow: '删除',
  mselSaved: 'MSEL 已保存（{n} 条）',
  mselErrors: 'MSEL 有错误，未作任何修改：',
  row: '行',
  column: '列',
  sheet: '工作表',
  mselTemplate: '中文模板',
  mselTemplateCsv: '模板 CSV',
  mselReplaceTitle: '确认替换演练中添加的注入？',
  mselReplace: '替换并导入',
  mselPickSheet: '未找到 MSEL 表头。请选择包含 MSEL 的工作表：',
  mselUseSheet: '从此工作表导入',
  mselReplaceText: '此文件将替换或删除演练中添加的 {n} 条注入：{ids}。未确认前不会作任何更改。',
  mselKeep: '取消导入',
  addObservation: '添加记录',
  observationPlaceholder: '在此时刻的观察与评价…',
  noObservations: '暂无评估记录。',
  forkAt: '分支时刻（推演分钟）',
  forkName: '分支名称',
  forkHint: '从过去某一时刻分出一条新的推演（例如“如果预警提前一小时发布会怎样？”），与原推演并行运行。',
  createFork: '创建分支',
  forkCreated: '分支已创建',
  openBranch: '打开分支',
  selectedMoment: '选中时刻',
  useSelected: '用选中时刻',
  now: '当前',
  exerciseStatus: '演练状态',
  statusSetup: '准备',
  statusRunning: '进行中',
  statusPaused: '已暂停',
  statusEnded: '已结束',
  clockRunning: '时钟运行',
  clockStopped: '时钟停止',
  loading: '加载中…',
  loadFailed: '无法加载',
  wrongToken: '链接无效或已失效。',
  legend: '图例',
  fitCity: '全市',
  fitIncident: '事发地',
  incidents: '事件',
  facilities: '设施',
  roadBlocked: '道路中断',
  plume: '毒气扩散范围',
  warningIssued: '已发布预警',
  hazardField: '灾害场',
  aeglLevel: 'AEGL 等级',
  people: '人',
  details: '详情',
  cause: '起因',
  causedBy: '由…引起',
  caused: '引发',
  seq: '序号',
  audience: '可见范围',
  audienceAll: '全体',
  facilitatorOnly: '仅导调',
  seatView: '席位视图',
  yourSeat: '本席位',
  mayOrder: '可下达',
  mayDeclare: '可宣布级别',
  cascadeEmpty: '尚无因果链。',
  debrief: '复盘',
  score: '评分',
  summary: '概要',
  afterAction: '行动后报告',
  exports: '导出',
  reportNotReady: '报告尚不可用',
  backToConsole: '返回导调控制台',
  compareCells: '分组对比',
  cell: '分组',
  decisions: '决策',
  outcome: '结果',
  deaths: '死亡',
  evacuated: '疏散',
  exposed: '暴露人数',
  firstReport: '首次接报时刻',
  firstOnScene: '首队到场时刻',
  sourceStopped: '泄漏源切断时刻',
  maxLevel: '最高响应',
  inversion: '响应倒挂',
  yes: '是',
  no: '否',
  all: '全部',
  filter: '筛选',
  refusedTitle: '被拒绝的指令',
  wind: '风',
  windFrom: '风向',
  unitMin: '分钟',
  selectOnTimeline: '点击时间线上的事件查看详情',
  cellsGroup: '平行分组（{n} 组）',
  groupControls: '统一控制所有分组',
  seatsOfCell: '{cell} 的席位',
  copyAll: '复制全部链接',
  scenarioUpload: '上传的想定',
  issues: '问题',
  fileField: '文件 / 字段',
  // ---- organiser ----
  organiser: '组织者',
  organiserLogin: '组织者登录',
  organiserKey: '组织者密钥',
  organiserKeyHint: '密钥见服务器首次启动时的输出，或服务器数据目录中的 admin.key 文件（设置了 YANLIAN_ADMIN_KEY 时即为该值）。',
  logIn: '登录',
  loggingIn: '正在登录…',
  logOut: '退出登录',
  loginNeeded: '新建和管理演练需要组织者登录。',
  organiserPage: '组织者页面',
  organiserTitle: '全部演练与加入链接',
  organiserIntro: '每个演练的导调链接和各席位的加入链接。学员用手机扫描二维码即可加入；链接泄露时可重新签发，旧链接随即失效。',
  close: '关闭',
  newExercise: '新建演练',
  kindSingle: '演练',
  kindGroup: '平行分组',
  kindFork: '分支',
  forkOf: '分支自 {id} @{at}',
  createdAt: '创建于',
  qrCode: '二维码',
  reissue: '重新签发',
  reissued: '已重新签发，旧链接已失效',
  reissueConfirm: '重新签发“{who}”的链接？旧链接将立即失效，已打开的页面会断开。',
  deleteExercise: '删除演练',
  deleteConfirm: '删除“{name}”及其全部记录？此操作不可撤销。',
  scanToJoin: '用手机扫描以加入',
  keepSecret: '请勿分发给学员',
  statusUnavailable: '无法恢复',
  organiserUnresumable: '服务器重启后无法恢复此演练：{reason}。打开导调链接可下载其日志。',
  organiserHalted: '演练在 {t} 因内部错误停止，无法继续：{reason}。打开导调链接可下载其日志。'
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
  cliNote: 'The same scenarios run headless from the command line:',
  startTitle: 'New exercise',
  startIntro: 'Choose a scenario, a random seed and a speed; every seat of the command structure gets a join link.',
  chooseScenario: 'Scenario',
  uploadScenario: 'Upload a scenario file',
  uploadHint: 'Pick the scenario YAML (and the plan file it names, if any); it is checked as the command line checks it.',
  uploaded: 'uploaded',
  chooseFiles: 'Choose files…',
  noFileChosen: 'no file chosen',
  exerciseName: 'Exercise name',
  defaultExerciseName: '{title} drill',
  seed: 'Random seed',
  speed: 'Speed',
  speedHint: '1× is real time, 60× is one sim-minute per second',
  cells: 'Parallel cells',
  cellsHint: 'copies of the same scenario and seed, one set of seats each',
  autopilot: 'Plan on autopilot',
  autopilotHint: "the scenario's plan gives orders for seats nobody plays (for demonstrations)",
  create: 'Create exercise',
  creating: 'Creating…',
  createFailed: 'Could not create the exercise',
  joinLinks: 'Join links',
  joinIntro: 'Hand each seat its link. The facilitator link controls the clock and sees everything: keep it away from trainees.',
  facilitator: 'Facilitator',
  facilitatorConsole: 'Facilitator console',
  openConsole: 'Open the facilitator console',
  openCells: 'Open the cells comparison',
  seatLink: 'Seat link',
  copy: 'Copy',
  copied: 'Copied',
  seats: 'Seats',
  tier: 'Tier',
  recentExercises: 'Recent exercises',
  noExercises: 'No exercises yet.',
  status: 'Status',
  scenario: 'Scenario',
  simTime: 'Sim time',
  wallClock: 'Scenario clock',
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  nextInject: 'Jump to next inject',
  setSpeed: 'Set speed',
  map: 'Situation map',
  timeline: 'Timeline',
  events: 'Events',
  participants: 'Participants',
  injects: 'Injects (MSEL)',
  cascade: 'Disaster chain',
  observations: 'Observations',
  fork: 'Fork',
  report: 'Debrief report',
  teams: 'Teams',
  ownTeams: 'Own teams',
  ownResources: 'Own stockpiles',
  noResources: 'This seat holds no stockpile',
  inbox: 'Inbox',
  orders: 'Give an order',
  noEvents: 'No events yet.',
  noInbox: 'Nothing received yet.',
  noTeams: 'No teams in view.',
  noOrders: 'This seat gives no orders.',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Disconnected',
  online: 'online',
  notJoined: 'not joined',
  lastOrder: 'Last order',
  ordersGiven: 'Orders given',
  refused: 'Refused',
  accepted: 'Carried out',
  reason: 'Reason',
  send: 'Send order',
  sending: 'Sending…',
  orderSent: 'Order carried out',
  orderRefused: 'Order refused',
  chooseOrder: 'Order',
  team: 'Team',
  incident: 'Incident',
  place: 'Place',
  districts: 'Districts',
  district: 'District',
  colour: 'Warning colour',
  message: 'Message',
  level: 'Response level',
  mode: 'Protective action',
  area: 'Area',
  around: 'Around',
  radius: 'Radius (m)',
  resource: 'Resource',
  quantity: 'Quantity',
  text: 'Text',
  textZh: '中文',
  textEn: 'English',
  optional: 'optional',
  none: 'none',
  selectOne: 'Choose…',
  fireInject: 'Fire',
  fired: 'fired',
  freeInject: 'Ad-hoc inject',
  freeInjectHint: 'Write an inject on the spot and send it to any seat.',
  to: 'To',
  from: 'From',
  at: 'At',
  manual: 'manual',
  scripted: 'scripted',
  importMsel: 'Import MSEL',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  exportMd: 'Export Markdown',
  exportHtml: 'Export HTML',
  exportJson: 'Export JSON',
  saveMsel: 'Save MSEL',
  addRow: 'Add row',
  removeRow: 'Remove',
  mselSaved: 'MSEL saved ({n} injects)',
  mselErrors: 'The MSEL has errors; nothing was changed:',
  row: 'Row',
  column: 'Column',
  sheet: 'Sheet',
  mselTemplate: 'Chinese template',
  mselTemplateCsv: 'template CSV',
  mselReplaceTitle: 'Replace injects added to this exercise?',
  mselReplace: 'Replace and import',
  mselPickSheet: 'No MSEL header was found. Pick the sheet that holds the MSEL:',
  mselUseSheet: 'Import from this sheet',
  mselReplaceText: 'This file would replace or remove {n} inject(s) added to this exercise: {ids}. Nothing changes until you confirm.',
  mselKeep: 'Cancel import',
  addObservation: 'Add observation',
  observationPlaceholder: 'What you observe at this moment…',
  noObservations: 'No observations yet.',
  forkAt: 'Branch at (sim-minutes)',
  forkName: 'Branch name',
  forkHint: 'Branch the exercise at a past moment ("what if the warning had gone out an hour earlier?") and run the branch beside the original.',
  createFork: 'Create branch',
  forkCreated: 'Branch created',
  openBranch: 'Open branch',
  selectedMoment: 'Selected moment',
  useSelected: 'Use selected moment',
  now: 'now',
  exerciseStatus: 'Exercise status',
  statusSetup: 'Setup',
  statusRunning: 'Running',
  statusPaused: 'Paused',
  statusEnded: 'Ended',
  clockRunning: 'clock running',
  clockStopped: 'clock stopped',
  loading: 'Loading…',
  loadFailed: 'Could not load',
  wrongToken: 'This link is not valid (or no longer valid).',
  legend: 'Legend',
  fitCity: 'City',
  fitIncident: 'Scene',
  incidents: 'Incidents',
  facilities: 'Facilities',
  roadBlocked: 'Road blocked',
  plume: 'Toxic plume reach',
  warningIssued: 'Warning issued',
  hazardField: 'Hazard field',
  aeglLevel: 'AEGL level',
  people: 'people',
  details: 'Details',
  cause: 'Cause',
  causedBy: 'Caused by',
  caused: 'Led to',
  seq: 'Seq',
  audience: 'Seen by',
  audienceAll: 'everyone',
  facilitatorOnly: 'facilitator only',
  seatView: 'Seat view',
  yourSeat: 'Your seat',
  mayOrder: 'May order',
  mayDeclare: 'May declare',
  cascadeEmpty: 'No causal chain yet.',
  debrief: 'Debrief',
  score: 'Score',
  summary: 'Summary',
  afterAction: 'After-action report',
  exports: 'Export',
  reportNotReady: 'The report is not available yet',
  backToConsole: 'Back to the console',
  compareCells: 'Cells comparison',
  cell: 'Cell',
  decisions: 'Decisions',
  outcome: 'Outcome',
  deaths: 'Deaths',
  evacuated: 'Evacuated',
  exposed: 'Exposed',
  firstReport: 'First incident reported at',
  firstOnScene: 'First team on scene at',
  sourceStopped: 'Source stopped at',
  maxLevel: 'Highest level',
  inversion: 'Response inversion',
  yes: 'yes',
  no: 'no',
  all: 'All',
  filter: 'Filter',
  refusedTitle: 'Refused orders',
  wind: 'Wind',
  windFrom: 'from',
  unitMin: 'min',
  selectOnTimeline: 'Click an event on the timeline for details',
  cellsGroup: 'Parallel cells ({n})',
  groupControls: 'One clock for every cell',
  seatsOfCell: 'Seats of {cell}',
  copyAll: 'Copy all links',
  scenarioUpload: 'Uploaded scenario',
  issues: 'Issues',
  fileField: 'File / field',
  // ---- organiser ----
  organiser: 'Organiser',
  organiserLogin: 'Organiser login',
  organiserKey: 'Organiser key',
  organiserKeyHint: 'The key was printed when the server first started, and is kept in admin.key beside the database (or is YANLIAN_ADMIN_KEY when that is set).',
  logIn: 'Log in',
  loggingIn: 'Logging in…',
  logOut: 'Log out',
  loginNeeded: 'Creating and managing exercises needs the organiser login.',
  organiserPage: 'Organiser page',
  organiserTitle: 'All exercises and their join links',
  organiserIntro: "Each exercise's facilitator link and every seat's join link. Trainees can scan the QR code with a phone; if a link leaks, reissue it and the old one stops working.",
  close: 'Close',
  newExercise: 'New exercise',
  kindSingle: 'Exercise',
  kindGroup: 'Parallel cells',
  kindFork: 'Branch',
  forkOf: 'branch of {id} @{at}',
  createdAt: 'Created',
  qrCode: 'QR code',
  reissue: 'Reissue',
  reissued: 'Reissued: the old link no longer works',
  reissueConfirm: 'Reissue the link of “{who}”? The old link stops working at once and open pages are disconnected.',
  deleteExercise: 'Delete exercise',
  deleteConfirm: 'Delete “{name}” and everything recorded for it? This cannot be undone.',
  scanToJoin: 'Scan with a phone to join',
  keepSecret: 'do not hand to trainees',
  statusUnavailable: 'could not be resumed',
  organiserUnresumable: 'This exercise could not be resumed after a restart: {reason}. Its log can be downloaded from the facilitator link.',
  organiserHalted: 'The exercise stopped on an internal error at {t} and cannot go on: {reason}. Its log can be downloaded from the facilitator link.'
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

// ---- domain vocabulary: event types, orders, statuses ----

export type LocalText = { zh: string; en: string };

/** Readable names of the engine's event types. */
export const EVENT_LABELS: Record<string, LocalText> = {
  'exercise.started': { zh: '演练开始', en: 'Exercise started' },
  'exercise.paused': { zh: '演练暂停', en: 'Exercise paused' },
  'exercise.resumed': { zh: '演练继续', en: 'Exercise resumed' },
  'exercise.ended': { zh: '演练结束', en: 'Exercise ended' },
  'hazard.release-started': { zh: '开始泄漏', en: 'Release started' },
  'hazard.source': { zh: '泄漏源', en: 'Release source' },
  'hazard.source-exhausted': { zh: '泄漏源耗尽', en: 'Source exhausted' },
  'hazard.plume': { zh: '毒气扩散', en: 'Plume update' },
  'hazard.runoff': { zh: '消防废水外流', en: 'Fire-water runoff' },
  'hazard.field': { zh: '灾害场更新', en: 'Hazard field update' },
  'exposure.aegl': { zh: '人员暴露（AEGL）', en: 'Exposure (AEGL)' },
  'casualties.estimate': { zh: '伤亡估计', en: 'Casualty estimate' },
  'incident.reported': { zh: '事件报告', en: 'Incident reported' },
  'incident.verified': { zh: '事件核实', en: 'Incident verified' },
  'incident.responding': { zh: '开始处置', en: 'Response under way' },
  'incident.escalated': { zh: '事件升级', en: 'Incident escalated' },
  'incident.contained': { zh: '事件得到控制', en: 'Incident contained' },
  'incident.closed': { zh: '事件处置完毕', en: 'Incident closed' },
  'cascade.triggered': { zh: '次生灾害触发', en: 'Cascade triggered' },
  'cascade.prevented': { zh: '次生灾害被阻止', en: 'Cascade prevented' },
  'cascade.threat': { zh: '次生灾害威胁', en: 'Cascade threat' },
  'cascade.blast': { zh: '爆炸冲击', en: 'Blast effect' },
  'command.accepted': { zh: '指令执行', en: 'Order carried out' },
  'command.refused': { zh: '指令被拒绝', en: 'Order refused' },
  'plan.rule-triggered': { zh: '预案条款触发', en: 'Plan rule triggered' },
  'team.mobilizing': { zh: '队伍集结', en: 'Team mobilizing' },
  'team.en-route': { zh: '队伍出发', en: 'Team en route' },
  'team.arrived': { zh: '队伍到场', en: 'Team arrived' },
  'team.returning': { zh: '队伍返回', en: 'Team returning' },
  'team.resting': { zh: '队伍休整', en: 'Team resting' },
  'team.available': { zh: '队伍待命', en: 'Team available' },
  'team.casualty': { zh: '队伍减员', en: 'Team casualties' },
  'team.stranded': { zh: '队伍返回受阻', en: 'Team stranded' },
  'team.return-resumed': { zh: '队伍恢复返回', en: 'Team heads back' },
  'run.aborted': { zh: '推演中止', en: 'Run aborted' },
  'response.level': { zh: '响应级别变更', en: 'Response level changed' },
  'response.inversion': { zh: '响应倒挂', en: 'Response inversion' },
  'response.inversion-resolved': { zh: '响应倒挂解除', en: 'Response inversion resolved' },
  'inject.delivered': { zh: '注入信息', en: 'Inject delivered' },
  'warning.issued': { zh: '发布预警', en: 'Warning issued' },
  'protection.ordered': { zh: '防护行动下令', en: 'Protective action ordered' },
  'protection.effective': { zh: '防护行动生效', en: 'Protective action in effect' },
  'report.received': { zh: '收到报告', en: 'Report received' },
  'resources.requested': { zh: '物资请求', en: 'Resources requested' },
  'field-post.established': { zh: '现场指挥部成立', en: 'Field command post set up' },
  'source.isolating': { zh: '正在堵漏', en: 'Isolating the source' },
  'source.isolated': { zh: '泄漏源已切断', en: 'Source isolated' },
  'road.blocked': { zh: '道路中断', en: 'Road blocked' },
  'road.cleared': { zh: '道路恢复', en: 'Road cleared' },
  'road.changed': { zh: '道路通行变化', en: 'Road status changed' },
  'hazard.quake': { zh: '地震发生', en: 'Earthquake' },
  'hazard.aftershock': { zh: '余震', en: 'Aftershock' },
  'hazard.typhoon-track': { zh: '台风路径', en: 'Typhoon track' },
  'hazard.typhoon': { zh: '台风实况', en: 'Typhoon update' },
  'hazard.signal': { zh: '气象预警信号', en: 'Weather warning signal' },
  'facility.status': { zh: '设施状态变化', en: 'Facility status changed' },
  'rescue.progress': { zh: '搜救进展', en: 'Rescue progress' },
  'incident.resolved': { zh: '险情排除', en: 'Incident resolved' },
  'expectation.judged': { zh: '预期评定', en: 'Expectation judged' },
  'plan.rule-unstaffed': { zh: '预案条款无可派队伍', en: 'Plan rule: no team free' },
  'observation.added': { zh: '评估记录', en: 'Observation' }
};

/** Event type → label; unknown types read as their dotted name. */
export function eventLabel(type: string, lang: Lang): string {
  return EVENT_LABELS[type]?.[lang] ?? type;
}

/** The order types of engine/scenario/schema.ts. */
export const ORDER_LABELS: Record<string, LocalText> = {
  dispatch: { zh: '派遣队伍', en: 'Dispatch a team' },
  recall: { zh: '召回队伍', en: 'Recall a team' },
  'issue-warning': { zh: '发布预警', en: 'Issue a warning' },
  'set-response-level': { zh: '启动/调整响应级别', en: 'Set the response level' },
  'order-protection': { zh: '疏散或就地避险', en: 'Order evacuation or shelter' },
  'request-resources': { zh: '请求物资支援', en: 'Request resources' },
  'setup-field-post': { zh: '成立现场指挥部', en: 'Set up a field command post' },
  'isolate-source': { zh: '堵漏 / 切断泄漏源', en: 'Isolate the source' },
  'report-up': { zh: '向上级报告', en: 'Report up the chain' },
  'fire-inject': { zh: '发出注入', en: 'Fire an inject' },
  'free-inject': { zh: '临时注入', en: 'Ad-hoc inject' },
  pause: { zh: '暂停', en: 'Pause' },
  resume: { zh: '继续', en: 'Resume' },
  end: { zh: '结束演练', en: 'End the exercise' },
  judge: { zh: '评定预期', en: 'Judge an expectation' }
};

export const TEAM_STATUS_LABELS: Record<string, LocalText> = {
  available: { zh: '待命', en: 'available' },
  mobilizing: { zh: '集结中', en: 'mobilizing' },
  enRoute: { zh: '途中', en: 'en route' },
  onScene: { zh: '到场', en: 'on scene' },
  returning: { zh: '返回中', en: 'returning' },
  resting: { zh: '休整', en: 'resting' },
  outOfService: { zh: '失去战斗力', en: 'out of service' }
};

export const TIER_LABELS: Record<string, LocalText> = {
  city: { zh: '市应急委', en: 'City committee' },
  'special-hq': { zh: '专项指挥部', en: 'Special HQ' },
  field: { zh: '现场指挥部', en: 'Field command post' },
  district: { zh: '区县', en: 'District' },
  township: { zh: '乡镇街道', en: 'Township' }
};

export const COLOUR_LABELS: Record<string, LocalText> = {
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' }
};

export const LEVEL_LABELS: Record<string, LocalText> = {
  none: { zh: '未启动', en: 'none' },
  IV: { zh: 'Ⅳ级', en: 'Level IV' },
  III: { zh: 'Ⅲ级', en: 'Level III' },
  II: { zh: 'Ⅱ级', en: 'Level II' },
  I: { zh: 'Ⅰ级', en: 'Level I' }
};

export const PROTECTION_LABELS: Record<string, LocalText> = {
  evacuate: { zh: '疏散', en: 'evacuate' },
  shelter: { zh: '就地避险（关窗闭户）', en: 'shelter in place' },
  lift: { zh: '解除防护', en: 'lift the order' }
};

export const FIELD_LABELS: Record<string, LocalText> = {
  wind: { zh: '风速', en: 'Wind speed' },
  rain: { zh: '降雨', en: 'Rainfall' },
  intensity: { zh: '地震烈度', en: 'Seismic intensity' },
  flood: { zh: '积水深度', en: 'Standing water' },
  typhoon: { zh: '台风', en: 'Typhoon' },
  aegl: { zh: '氨暴露（AEGL）', en: 'Exposure (AEGL)' }
};

/** Units the engine writes on hazard fields (in English), as the reader's language says them. */
export const UNIT_LABELS: Record<string, LocalText> = {
  'm/s (3-s gust)': { zh: 'm/s（3秒阵风）', en: 'm/s (3-s gust)' },
  'mm (storm total)': { zh: 'mm（过程累计）', en: 'mm (storm total)' },
  'China seismic intensity (GB/T 17742-2020)': { zh: '度（中国地震烈度表 GB/T 17742-2020）', en: 'China seismic intensity (GB/T 17742-2020)' }
};

/** Look up `key` in a vocabulary; unknown keys are shown as they are. */
export function vocab(dict: Record<string, LocalText>, key: string | null | undefined, lang: Lang): string {
  if (key === null || key === undefined || key === '') return '—';
  return dict[key]?.[lang] ?? key;
}

/** A bilingual text from the server or the scenario, or a plain string as it is. */
export function local(text: unknown, lang: Lang): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    const o = text as Partial<LocalText>;
    return o[lang] ?? o.zh ?? o.en ?? '';
  }
  return '';
}

// ---- Names for engine and scenario ids shown on the live screens (issue #12, "Chinese throughout") ----

/** Stockpile items of the bundled scenarios (request-resources, stock lists). */
export const RESOURCE_LABELS: Record<string, LocalText> = {
  'gas-masks': { zh: '防毒面具', en: 'gas masks' },
  'chemical-suits-a': { zh: 'A级防化服', en: 'Level A chemical suits' },
  'foam-t': { zh: '泡沫灭火剂（吨）', en: 'firefighting foam (t)' },
  'neutraliser-t': { zh: '中和剂（吨）', en: 'neutraliser (t)' },
  'water-curtain-hoses': { zh: '水幕水带', en: 'water-curtain hoses' },
  'life-detectors': { zh: '生命探测仪', en: 'life detectors' },
  quilts: { zh: '棉被', en: 'quilts' },
  tents: { zh: '帐篷', en: 'tents' },
  generators: { zh: '发电机', en: 'generators' },
  'mobile-pumps': { zh: '移动泵车', en: 'mobile pumps' },
  sandbags: { zh: '沙袋', en: 'sandbags' }
};

/** Team capabilities (team lists, refusals). */
export const CAPABILITY_LABELS: Record<string, LocalText> = {
  decontamination: { zh: '洗消', en: 'decontamination' },
  'evacuation-support': { zh: '疏散引导', en: 'evacuation support' },
  'fire-suppression': { zh: '灭火', en: 'fire suppression' },
  'isolate-leak': { zh: '堵漏', en: 'leak isolation' },
  medical: { zh: '医疗救护', en: 'medical care' },
  monitoring: { zh: '环境监测', en: 'monitoring' },
  rescue: { zh: '救援', en: 'rescue' },
  'tank-cooling': { zh: '储罐冷却', en: 'tank cooling' },
  'traffic-control': { zh: '交通管制', en: 'traffic control' },
  'gas-repair': { zh: '燃气抢修', en: 'gas repair' },
  'power-repair': { zh: '电力抢修', en: 'power repair' },
  repair: { zh: '抢修', en: 'repair' },
  'road-clearing': { zh: '道路清障', en: 'road clearing' },
  pumping: { zh: '排涝', en: 'pumping' }
};

/** The engine's own cascade rules (a scenario's rules carry their names). */
export const RULE_LABELS: Record<string, LocalText> = {
  'domino-blast': { zh: '多米诺爆炸', en: 'domino blast' },
  'domino-fire': { zh: '多米诺火灾（热辐射烤罐）', en: 'domino fire (tank heated by fire)' },
  'fire-water-runoff': { zh: '消防废水外流', en: 'fire-water runoff' },
  ignition: { zh: '泄漏物被点燃', en: 'ignition of the release' }
};

/** Substances of chemical tanks. */
export const SUBSTANCE_LABELS: Record<string, LocalText> = {
  ammonia: { zh: '液氨', en: 'ammonia' },
  lpg: { zh: '液化石油气', en: 'LPG' },
  chlorine: { zh: '液氯', en: 'chlorine' }
};

/** Release modes, facility and incident states, verdicts, end reasons, outcomes. */
export const STATE_LABELS: Record<string, LocalText> = {
  continuous: { zh: '持续泄漏', en: 'continuous' },
  instantaneous: { zh: '瞬时泄漏', en: 'instantaneous' },
  ok: { zh: '正常', en: 'ok' },
  offline: { zh: '停运', en: 'offline' },
  damaged: { zh: '受损', en: 'damaged' },
  flooded: { zh: '进水', en: 'flooded' },
  intact: { zh: '完好', en: 'intact' },
  met: { zh: '达成', en: 'met' },
  late: { zh: '迟延', en: 'late' },
  missed: { zh: '未达成', en: 'missed' },
  duration: { zh: '推演时长已到', en: 'duration reached' },
  facilitator: { zh: '导调结束', en: 'ended by the facilitator' },
  release: { zh: '泄漏', en: 'release' },
  fire: { zh: '火灾', en: 'fire' },
  explosion: { zh: '爆炸', en: 'explosion' },
  'jet-fire': { zh: '喷射火', en: 'jet fire' },
  'pool-fire': { zh: '池火', en: 'pool fire' },
  mainshock: { zh: '主震', en: 'mainshock' },
  aftershock: { zh: '余震', en: 'aftershock' },
  bleve: { zh: '沸腾液体扩展蒸气爆炸', en: 'BLEVE' }
};

/** One-character map glyphs of team types, in the reader's language. */
export const TEAM_GLYPHS: Record<string, LocalText> = {
  hazmat: { zh: '危', en: 'H' },
  fire: { zh: '消', en: 'F' },
  medical: { zh: '医', en: 'M' },
  police: { zh: '警', en: 'P' },
  rescue: { zh: '救', en: 'R' },
  monitoring: { zh: '测', en: 'E' },
  utility: { zh: '修', en: 'U' },
  volunteer: { zh: '志', en: 'V' }
};

/** A tank by its substance and number ("NH3-1" of ammonia → "1号液氨罐 NH3-1"). */
export function tankName(id: unknown, substance: unknown, lang: Lang): string {
  const s = String(id ?? '');
  if (!s) return '—';
  const no = /-(\d+)$/.exec(s)?.[1];
  const sub = substance ? vocab(SUBSTANCE_LABELS, String(substance), lang) : '';
  if (lang === 'zh') return `${no ? `${no}号` : ''}${sub}储罐（${s}）`;
  return `${sub ? `${sub} ` : ''}tank ${s}`;
}

/** Bytes for a human: MB with one decimal. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}
