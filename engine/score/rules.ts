/**
 * Scoring rules as data: which capabilities are rated, by which critical tasks, each measured by
 * one metric against thresholds for P/S/M/U; how ratings become points on the Chinese score sheet
 * and findings (不足项 / 整改项 / 改进项); what each incident kind needs on scene; which events mean
 * a hazard has reached a district. docs/scoring.md explains every entry. A caller may pass its
 * own rules to `scoreRun` (same shape) to score by another standard.
 */
import type { CapabilityElement, FindingGrade, LocalText, Rating, SheetCategoryId } from './types.ts';
import type { Match } from '../scenario/schema.ts';

export interface Thresholds {
  /** 'lower': a value at or below P rates P; 'higher': at or above. */
  better: 'lower' | 'higher';
  P: number;
  S: number;
  M: number;
}

export interface CriticalTaskRule {
  id: string;
  name: LocalText;
  /** A key of the scorecard's `metrics`. */
  metric: string;
  thresholds: Thresholds;
  /** Per hazard, other thresholds (a warning lead that is fine for a leak is poor for a typhoon). */
  byHazard?: Record<string, Partial<Thresholds>>;
  /** Rated only for these hazards (all when absent). */
  hazards?: string[];
  /** Rated only when this metric is above `gt` (e.g. only when someone was trapped). */
  appliesIf?: { metric: string; gt: number };
  /** A null metric means the task was never done (U) or does not apply (na). */
  whenMissing: 'U' | 'na';
  sheet: SheetCategoryId;
  points: number;
  element: CapabilityElement;
  /** Corrective action for the improvement plan when the task falls short. */
  improve: LocalText;
}

export interface CapabilityRule {
  id: string;
  /** The HSEEP core capability (English) and its usual Chinese rendering. */
  name: LocalText;
  tasks: CriticalTaskRule[];
}

export interface ScoringRules {
  version: string;
  /** Share of an indicator's points each rating earns on the score sheet. */
  ratingShare: Record<Rating, number>;
  /** Finding grade for a task rated S, M or U. */
  findingForRating: Record<'S' | 'M' | 'U', FindingGrade>;
  findingForExpectation: Record<'late' | 'missed', FindingGrade>;
  findingForPlanRule: Record<'late' | 'missing' | 'refused', FindingGrade>;
  findingNames: Record<FindingGrade, LocalText>;
  /** Days from the exercise date to the due date of a corrective action, by finding grade. */
  dueDays: Record<FindingGrade, number>;
  sheetCategories: { id: SheetCategoryId; name: LocalText; weight: number }[];
  /** Total score → verdict; the first entry whose `min` the total reaches. */
  sheetGrades: { min: number; name: LocalText }[];
  /** Points of the "expectations met" indicator each category gets when injects expect something of it. */
  expectationPoints: number;
  expectationThresholds: Thresholds;
  /** Sheet category of an expectation, by the command type or event type it looks for. */
  categoryOfCommand: Record<string, SheetCategoryId>;
  categoryOfEvent: Record<string, SheetCategoryId>;
  /** Reports up the chain: minutes each level has, from learning of an incident to its report arriving above. */
  reporting: { firstWithinMin: number; eachLevelWithinMin: number; source: string };
  /** Events that mean a hazard has reached a district (`district` field), and the harm level they carry. */
  harmArrival: { type: string; match?: Match; levelField?: string; peopleField?: string }[];
  /** From this harm level on, a district counts as reached for protective action (AEGL-2: serious, lasting effects). */
  seriousHarmLevel: number;
  /** Team capabilities each incident kind needs on scene; a capability that never arrives is unmet demand. */
  demand: Record<string, string[]>;
  capabilities: CapabilityRule[];
}

const T = (better: 'lower' | 'higher', P: number, S: number, M: number): Thresholds => ({ better, P, S, M });

export const SCORING_RULES: ScoringRules = {
  version: 'yanlian/scoring@1',
  ratingShare: { P: 1, S: 0.8, M: 0.5, U: 0 },
  findingForRating: { U: 'deficiency', M: 'must-correct', S: 'improve' },
  findingForExpectation: { missed: 'must-correct', late: 'improve' },
  findingForPlanRule: { missing: 'must-correct', refused: 'must-correct', late: 'improve' },
  findingNames: {
    deficiency: { zh: '不足项', en: 'Deficiency' },
    'must-correct': { zh: '整改项', en: 'Must be corrected' },
    improve: { zh: '改进项', en: 'Could be improved' }
  },
  dueDays: { deficiency: 30, 'must-correct': 60, improve: 90 },
  sheetCategories: [
    { id: 'planning', name: { zh: '预案编制与执行', en: 'Planning' }, weight: 15 },
    { id: 'command', name: { zh: '指挥与协调', en: 'Command and coordination' }, weight: 20 },
    { id: 'response', name: { zh: '应急处置', en: 'Response actions' }, weight: 25 },
    { id: 'resources', name: { zh: '资源保障', en: 'Resource support' }, weight: 10 },
    { id: 'reporting', name: { zh: '信息报送', en: 'Information reporting' }, weight: 15 },
    { id: 'public', name: { zh: '信息发布与公众沟通', en: 'Public communication' }, weight: 15 }
  ],
  sheetGrades: [
    { min: 90, name: { zh: '优秀', en: 'Excellent' } },
    { min: 75, name: { zh: '良好', en: 'Good' } },
    { min: 60, name: { zh: '合格', en: 'Pass' } },
    { min: 0, name: { zh: '不合格', en: 'Fail' } }
  ],
  expectationPoints: 10,
  expectationThresholds: T('higher', 1, 0.8, 0.5),
  categoryOfCommand: {
    'report-up': 'reporting',
    'issue-warning': 'public',
    'set-response-level': 'command',
    'setup-field-post': 'command',
    'request-resources': 'resources',
    dispatch: 'response',
    recall: 'response',
    'order-protection': 'response',
    'isolate-source': 'response'
  },
  categoryOfEvent: {
    'report.received': 'reporting',
    'warning.issued': 'public',
    'response.level': 'command',
    'field-post.established': 'command',
    'resources.requested': 'resources',
    'team.arrived': 'response',
    'protection.ordered': 'response',
    'source.isolated': 'response'
  },
  reporting: {
    firstWithinMin: 60,
    eachLevelWithinMin: 120,
    source: '生产安全事故报告和调查处理条例 (State Council Order 493, 2007), art. 9 (the unit reports within 1 h) and art. 10 (each level passes it on within 2 h)'
  },
  harmArrival: [{ type: 'exposure.aegl', levelField: 'level', peopleField: 'people' }],
  seriousHarmLevel: 2,
  demand: {
    'chemical-leak': ['isolate-leak', 'monitoring', 'medical'],
    fire: ['fire-suppression'],
    explosion: ['rescue', 'medical'],
    'water-contamination': ['monitoring'],
    // typhoon and earthquake chains (scenario cascade rules spawn these kinds)
    waterlogging: ['pumping'],
    'power-outage': ['power-repair'],
    'pump-failure': ['power-repair'],
    'road-blocked': ['road-clearing'],
    'flash-flood': ['rescue'],
    landslide: ['rescue'],
    'dike-risk': ['repair'],
    'dike-breach': ['rescue'],
    'building-collapse': ['rescue', 'medical'],
    'gas-leak': ['gas-repair'],
    'bridge-damage': ['repair'],
    'landslide-dam': ['repair'],
    'hospital-overflow': ['medical']
  },
  capabilities: [
    {
      id: 'operational-coordination',
      name: { zh: '指挥协调（Operational Coordination）', en: 'Operational Coordination' },
      tasks: [
        {
          id: 'correct-level', name: { zh: '及时启动与事件等级相符的响应级别', en: 'Activate a response level matching the incident grade in time' },
          metric: 'timeToCorrectLevelMin', thresholds: T('lower', 30, 60, 120), whenMissing: 'U', sheet: 'command', points: 10, element: 'planning',
          improve: { zh: '在预案中明确各等级事件的响应启动条件与启动时限，并组织分级响应启动演练。', en: 'State in the plan which grade triggers which response level and by when; drill the activation.' }
        },
        {
          id: 'no-inversion', name: { zh: '避免响应倒挂', en: 'Avoid response inversion (higher tier above the local level)' },
          metric: 'inversionMin', thresholds: T('lower', 0, 30, 120), appliesIf: { metric: 'levelsDeclared', gt: 0 }, whenMissing: 'na', sheet: 'command', points: 5, element: 'organisation',
          improve: { zh: '明确属地为主、上级响应不高于属地的启动程序，上级提级前先督促属地提级。', en: 'Keep the local tier in the lead: before a higher tier raises its level, have the district raise its own.' }
        },
        {
          id: 'field-post', name: { zh: '及时成立现场指挥部', en: 'Set up the field command post in time' },
          metric: 'timeToFieldPostMin', thresholds: T('lower', 45, 90, 180), appliesIf: { metric: 'fieldPostSeats', gt: 0 }, whenMissing: 'U', sheet: 'command', points: 5, element: 'organisation',
          improve: { zh: '预案中规定现场指挥部的成立条件、组成与到位时限，并指定牵头单位。', en: 'Set in the plan when the field command post is set up, who forms it and by when, and who leads it.' }
        }
      ]
    },
    {
      id: 'situational-assessment',
      name: { zh: '态势研判与信息报送（Situational Assessment）', en: 'Situational Assessment' },
      tasks: [
        {
          id: 'first-report', name: { zh: '首报及时', en: 'First report up the chain in time' },
          metric: 'firstReportUpDelayMin', thresholds: T('lower', 30, 60, 120), appliesIf: { metric: 'incidents', gt: 0 }, whenMissing: 'U', sheet: 'reporting', points: 10, element: 'training',
          improve: { zh: '明确首报责任人与30分钟电话首报要求，开展信息报送专项训练。', en: 'Name who makes the first report and require a first phone report within 30 min; train it.' }
        },
        {
          id: 'reports-each-level', name: { zh: '逐级续报按时', en: 'Every level reports up within its time limit' },
          metric: 'reportsNotOnTime', thresholds: T('lower', 0, 1, 2), appliesIf: { metric: 'reportsRequired', gt: 0 }, whenMissing: 'na', sheet: 'reporting', points: 10, element: 'organisation',
          improve: { zh: '建立逐级报告时限台账，值班室对超时未报的单位实时督办。', en: 'Track each level\'s reporting deadline in the duty office and chase any that runs late.' }
        }
      ]
    },
    {
      id: 'public-information-and-warning',
      name: { zh: '预警与信息发布（Public Information and Warning）', en: 'Public Information and Warning' },
      tasks: [
        {
          id: 'warning-delay', name: { zh: '接报后及时发布预警', en: 'Warn the public soon after the first report' },
          metric: 'warningDelayMin', thresholds: T('lower', 15, 30, 60), hazards: ['chemical-leak', 'earthquake'], appliesIf: { metric: 'incidents', gt: 0 }, whenMissing: 'U', sheet: 'public', points: 10, element: 'planning',
          improve: { zh: '预案中预置预警信息模板与发布渠道，授权属地接报后直接发布。', en: 'Pre-write warning messages and channels in the plan; let the district issue them on the first report.' }
        },
        {
          id: 'warning-lead', name: { zh: '灾害影响前留出预警提前量', en: 'Warn each district before the hazard reaches it' },
          metric: 'warningLeadMin', thresholds: T('higher', 720, 360, 120), hazards: ['typhoon'], appliesIf: { metric: 'districtsReached', gt: 0 }, whenMissing: 'U', sheet: 'public', points: 10, element: 'planning',
          improve: { zh: '将预警发布与气象预报挂钩，按预报影响时间倒排发布时限。', en: 'Tie warnings to the forecast and count their deadline back from the forecast arrival.' }
        },
        {
          id: 'reached-unwarned', name: { zh: '受影响区域均已预警', en: 'Every district the hazard reached had been warned' },
          metric: 'districtsReachedUnwarned', thresholds: T('lower', 0, 0, 1), appliesIf: { metric: 'districtsReached', gt: 0 }, whenMissing: 'na', sheet: 'public', points: 5, element: 'planning',
          improve: { zh: '按影响范围（下风向、路径）而非行政区划确定预警范围，相邻区同步预警。', en: 'Set the warning area by where the hazard goes (downwind, along the track), not by jurisdiction; warn neighbours too.' }
        }
      ]
    },
    {
      id: 'environmental-response-health-and-safety',
      name: { zh: '危险源控制与次生灾害防范（Environmental Response/Health and Safety）', en: 'Environmental Response/Health and Safety' },
      tasks: [
        {
          id: 'contain', name: { zh: '控制危险源（关阀堵漏、灭火）', en: 'Bring the source under control' },
          metric: 'timeToContainMin', thresholds: T('lower', 90, 180, 360), hazards: ['chemical-leak'], appliesIf: { metric: 'incidents', gt: 0 }, whenMissing: 'U', sheet: 'response', points: 10, element: 'equipment',
          improve: { zh: '确保具备堵漏能力的专业队伍在接报后第一时间调派，并配齐堵漏器材。', en: 'Send a team able to isolate the leak on the first report, and equip it.' }
        },
        {
          id: 'secondary-prevented', name: { zh: '阻断灾害链，防止次生衍生灾害', en: 'Break the chain: prevent secondary disasters' },
          metric: 'secondaryTriggered', thresholds: T('lower', 0, 0, 1), appliesIf: { metric: 'secondaryChances', gt: 0 }, whenMissing: 'na', sheet: 'response', points: 10, element: 'planning',
          improve: { zh: '在预案中针对点火、多米诺效应、消防废水等次生风险预置处置措施与力量。', en: 'Give the plan measures and teams for each secondary risk (ignition, domino effects, fire-water runoff).' }
        }
      ]
    },
    {
      id: 'critical-transportation',
      name: { zh: '人员疏散与避险（Critical Transportation）', en: 'Critical Transportation (evacuation and shelter)' },
      tasks: [
        {
          id: 'protect-before-harm', name: { zh: '危害到达前组织疏散或就地避险', en: 'Evacuate or shelter people before the hazard reaches them' },
          metric: 'protectedBeforeHazardShare', thresholds: T('higher', 0.9, 0.6, 0.3), appliesIf: { metric: 'protectionOrderedPeople', gt: 0 }, whenMissing: 'na', sheet: 'response', points: 10, element: 'planning',
          improve: { zh: '按预测影响范围预先划定疏散与避险区，接报后即行启动。', en: 'Draw evacuation and shelter areas in advance from the predicted footprint and start them on the first report.' }
        },
        {
          id: 'serious-exposure', name: { zh: '控制严重暴露人数', en: 'Keep people from serious exposure' },
          metric: 'exposedAegl2', thresholds: T('lower', 0, 100, 1000), hazards: ['chemical-leak'], whenMissing: 'na', sheet: 'response', points: 10, element: 'planning',
          improve: { zh: '扩大下风向避险范围，提前发布关窗闭户指令。', en: 'Widen the downwind shelter area and tell people to close windows earlier.' }
        }
      ]
    },
    {
      id: 'public-health-healthcare-and-ems',
      name: { zh: '医疗救护（Public Health, Healthcare, and EMS）', en: 'Public Health, Healthcare, and Emergency Medical Services' },
      tasks: [
        {
          id: 'medical-on-scene', name: { zh: '医疗救护力量及时到场', en: 'Medical teams on scene in time' },
          metric: 'timeToMedicalMin', thresholds: T('lower', 60, 90, 180), appliesIf: { metric: 'medicalTeams', gt: 0 }, whenMissing: 'U', sheet: 'response', points: 5, element: 'organisation',
          improve: { zh: '将120调派纳入首批响应，明确与现场指挥部的对接。', en: 'Send emergency medical services with the first wave and link them to the field command post.' }
        },
        {
          id: 'deaths', name: { zh: '减少人员死亡', en: 'Keep deaths down' },
          // Not for an earthquake: its deaths come almost all with the main shock, before any order;
          // what the response changes there is how many of the trapped come out alive (rescue-trapped).
          metric: 'deaths', thresholds: T('lower', 0, 2, 9), hazards: ['chemical-leak', 'typhoon'], whenMissing: 'na', sheet: 'response', points: 10, element: 'planning',
          improve: { zh: '复盘致死暴露的时间与地点，前移防护行动。', en: 'Trace where and when the fatal exposures happened and bring protective action forward.' }
        }
      ]
    },
    {
      id: 'mass-search-and-rescue-operations',
      name: { zh: '搜救（Mass Search and Rescue Operations）', en: 'Mass Search and Rescue Operations' },
      tasks: [
        {
          id: 'rescue-trapped', name: { zh: '被困人员获救', en: 'Rescue the trapped' },
          metric: 'rescuedShare', thresholds: T('higher', 0.9, 0.7, 0.4), appliesIf: { metric: 'trapped', gt: 0 }, whenMissing: 'U', sheet: 'response', points: 10, element: 'equipment',
          improve: { zh: '在黄金72小时内按被困人员分布调集救援力量，补充重型救援装备。', en: 'Send rescue teams where the trapped are within the first 72 hours; add heavy rescue equipment.' }
        }
      ]
    },
    {
      id: 'operational-response-teams',
      name: { zh: '救援力量调派（On-scene response）', en: 'On-scene response (first teams)' },
      tasks: [
        {
          id: 'first-team', name: { zh: '首支救援队伍及时到场', en: 'First team on scene in time' },
          metric: 'firstTeamOnSceneMin', thresholds: T('lower', 15, 30, 60), appliesIf: { metric: 'incidents', gt: 0 }, whenMissing: 'U', sheet: 'response', points: 10, element: 'organisation',
          improve: { zh: '属地救援力量接报即出动，优化就近调派。', en: 'Send the nearest local team on the first report.' }
        }
      ]
    },
    {
      id: 'logistics-and-supply-chain-management',
      name: { zh: '资源保障（Logistics and Supply Chain Management）', en: 'Logistics and Supply Chain Management' },
      tasks: [
        {
          id: 'demand-met', name: { zh: '现场所需专业力量全部到位', en: 'Every capability an incident needs reaches it' },
          metric: 'unmetDemand', thresholds: T('lower', 0, 1, 2), appliesIf: { metric: 'incidents', gt: 0 }, whenMissing: 'na', sheet: 'resources', points: 10, element: 'equipment',
          improve: { zh: '梳理各类事件所需专业力量与装备缺口，签订跨区支援协议。', en: 'List the teams and equipment each kind of incident needs, close the gaps, and agree mutual aid across districts.' }
        }
      ]
    },
    {
      id: 'planning',
      name: { zh: '预案（Planning）', en: 'Planning' },
      tasks: [
        {
          id: 'plan-compliance', name: { zh: '预案规定动作按时完成', en: 'The plan\'s required actions done on time' },
          metric: 'planCompliance', thresholds: T('higher', 1, 0.9, 0.7), whenMissing: 'U', sheet: 'planning', points: 15, element: 'planning',
          improve: { zh: '修订预案中无法执行或超时的规定动作，明确责任单位与时限。', en: 'Revise the plan\'s actions that could not be done or ran late; name who does each and by when.' }
        }
      ]
    }
  ]
};
