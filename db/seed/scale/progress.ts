/** Progress lines while a run writes: rows per second in the phase, the share done, an ETA. */

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

export const fmt = (n: number) => n.toLocaleString("en-US");

export class Progress {
  private readonly started = performance.now();
  private done = 0;
  private phase = "";
  private phaseTotal = 0;
  private phaseDone = 0;
  private phaseStarted = 0;
  private lastPrint = 0;

  constructor(
    private readonly total: number,
    private readonly log: (line: string) => void,
  ) {}

  start(phase: string, total: number) {
    this.phase = phase;
    this.phaseTotal = total;
    this.phaseDone = 0;
    this.phaseStarted = performance.now();
    this.lastPrint = 0;
  }

  add(n: number) {
    this.done += n;
    this.phaseDone += n;
    const now = performance.now();
    if (this.phaseDone < this.phaseTotal && now - this.lastPrint < 2000) return;
    this.lastPrint = now;
    const phaseRate = this.phaseDone / Math.max((now - this.phaseStarted) / 1000, 0.001);
    const rate = this.done / Math.max((now - this.started) / 1000, 0.001);
    this.log(
      `  ${this.phase.padEnd(10)} ${fmt(this.phaseDone).padStart(11)} / ${fmt(this.phaseTotal)}` +
        `  ${fmt(Math.round(phaseRate))} rows/s` +
        `  · all ${Math.floor((100 * this.done) / Math.max(this.total, 1))}%` +
        `  ETA ${duration((this.total - this.done) / rate)}`,
    );
  }
}
