/**
 * Yanlian engine: the one public entry. The app, the CLI and workers import from here only.
 */
export { loadScenario, parseScenarioText, parsePlanText, checkPlanAgainst, type Scenario, type ReadFile } from './scenario/load.ts';
export { InputFileError, type FileIssue } from './scenario/errors.ts';
export { ScenarioFile, PlanFile, CommandBody, COMMAND_TYPES, TEAM_TYPES, SCENARIO_FORMAT, PLAN_FORMAT, type ScenarioData, type Plan, type CommandType } from './scenario/schema.ts';
export { parseYamlSafe } from './scenario/yamlSafe.ts';
export { Exercise, type ExerciseOptions, type Profile } from './sim/exercise.ts';
export { replay, runHeadless, makeLog, eventsToJsonl, LogMismatchError, LOG_FORMAT, LOG_FORMAT_V1, type RunLog, type ReplayOptions, type LogScenarioSource } from './sim/log.ts';
export { parseLog, checkLogAgainst, LogFile } from './sim/logFile.ts';
export { digestLog, commandChain, eventsDigest, type LogDigests, type LogDifference } from './sim/logDigest.ts';
export { ENGINE_VERSION } from './version.ts';
export { visibleTo, type DomainEvent, type Audience } from './sim/events.ts';
export type { EngineState, LoggedCommand } from './sim/state.ts';
export { summarize, type RunSummary } from './sim/summary.ts';
export { DEFAULT_LIMITS, LIMIT_CAPS, type RunLimits, type RunAborted, type Guard } from './sim/limits.ts';
export { createXStateLayer } from './machines/xstateLayer.ts';
export { createReducerLayer } from './machines/reducerLayer.ts';
export type { LifecycleLayer } from './machines/lifecycle.ts';
export { FACILITATOR, mayOrder, commandsTeam, areaLimit } from './commands/authority.ts';
export { formatSimTime, parseDuration } from './util/units.ts';
export { sha256Hex } from './util/sha256.ts';
export { canonicalJson } from './util/canonical.ts';
export { scoreRun, SCORING_RULES, formatValue, addDays, type ScoreInput, type ScoringRules, type Scorecard } from './score/index.ts';
export type { Evidence, MetricValue, Rating } from './score/types.ts';
