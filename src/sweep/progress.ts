/**
 * Progress of a sweep on stderr: a bar with rate and ETA redrawn in place on a terminal, and a
 * plain line every few seconds otherwise (logs, CI), so neither floods its reader.
 */
export interface ProgressSink {
  write(s: string): void;
  isTTY?: boolean;
}

const BAR = 28;

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class Progress {
  private done = 0;
  private failed = 0;
  private t0 = performance.now();
  private lastDraw = 0;

  constructor(
    private total: number,
    private sink: ProgressSink | null,
    private label = 'runs 推演',
    private plainEveryMs = 5000
  ) {}

  /** `n` more runs done, `failed` of them failed (shown as they come: a planner sees a bad sweep early). */
  add(n: number, failed = 0): void {
    this.done += n;
    const firstFailure = failed > 0 && this.failed === 0;
    this.failed += failed;
    const now = performance.now();
    const tty = !!this.sink?.isTTY;
    if (this.done < this.total && !firstFailure && now - this.lastDraw < (tty ? 100 : this.plainEveryMs)) return;
    this.lastDraw = now;
    this.draw(now);
  }

  private draw(now: number): void {
    if (!this.sink) return;
    const s = (now - this.t0) / 1000;
    const rate = this.done / Math.max(s, 1e-9);
    const eta = formatEta((this.total - this.done) / rate);
    const pct = Math.floor((100 * this.done) / this.total);
    const failed = this.failed ? `  失败 failed ${this.failed}` : '';
    const text = `${this.done}/${this.total} ${this.label}  ${pct}%${failed}  ${rate.toFixed(1)} runs/s  ETA 剩余 ${eta}`;
    if (this.sink.isTTY) {
      const fill = Math.round((BAR * this.done) / this.total);
      this.sink.write(`\r[${'#'.repeat(fill)}${'.'.repeat(BAR - fill)}] ${text}\x1b[K${this.done >= this.total ? '\n' : ''}`);
    } else {
      this.sink.write(`sweep: ${text}\n`);
    }
  }
}
