/**
 * The wall clock that drives sim time for one exercise, or for every cell of a group at once.
 * Sim-minutes per real second = speed / 60 (1× is real time, 60× is a sim-minute a second).
 * Only this clock reads the wall time; the engine sees nothing but the sim-times it is advanced to.
 */
export const MIN_SPEED = 1;
export const MAX_SPEED = 60;

export class LiveClock {
  readonly id: string;
  speed: number;
  /** Sim-time at the anchor. */
  private tAnchor: number;
  /** Wall time (ms) at the anchor, while running. */
  private wAnchor = 0;
  private isRunning = false;
  /** The sim-time last written to the store. */
  persistedT: number;

  constructor(id: string, speed: number, t: number, private readonly wall: () => number = Date.now) {
    this.id = id;
    this.speed = speed;
    this.tAnchor = t;
    this.persistedT = t;
  }

  get running(): boolean {
    return this.isRunning;
  }

  /** Sim-time now. */
  now(): number {
    if (!this.isRunning) return this.tAnchor;
    return this.tAnchor + ((this.wall() - this.wAnchor) / 1000) * (this.speed / 60);
  }

  start(): void {
    if (this.isRunning) return;
    this.wAnchor = this.wall();
    this.isRunning = true;
  }

  stop(): void {
    if (!this.isRunning) return;
    this.tAnchor = this.now();
    this.isRunning = false;
  }

  /** Stand at sim-time `t` (a jump forward, or catching up with the engine after a restart). */
  setTime(t: number): void {
    this.tAnchor = t;
    this.wAnchor = this.wall();
  }

  setSpeed(speed: number): void {
    this.tAnchor = this.now();
    this.wAnchor = this.wall();
    this.speed = speed;
  }
}

export function checkSpeed(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= MIN_SPEED && v <= MAX_SPEED ? v : null;
}
