/** Errors a sweep reports to its user without a stack trace. */

/** The command line asks for something malformed (exit 2). */
export class SweepUsageError extends Error {}

/** The sweep could not be carried out: Redis unreachable, a run failed on a worker (exit 1). */
export class SweepFailure extends Error {}
