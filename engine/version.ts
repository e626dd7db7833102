/**
 * The engine's version as far as event streams are concerned: raise it with any change that
 * makes an existing (scenario, seed, plan, commands) give a different stream. A log records the
 * version it was made with, so a replay that differs can say the engine changed, not the log.
 */
export const ENGINE_VERSION = 'yanlian-engine@1';
