import { hash32, mulberry32, PURPOSE_TAG } from './random.js';

const ERROR_STATUSES = [500, 502, 503, 504] as const;

/**
 * Decides, per request, whether to drop the connection or answer with a 5xx. The sequence of decisions is
 * fixed by the seed; which request gets which decision depends on arrival order.
 */
export class FaultInjector {
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly errorRate: number,
    private readonly resetRate: number,
  ) {
    this.random = mulberry32(hash32(seed, PURPOSE_TAG.faults));
  }

  /** Whether to destroy this request's socket without answering. */
  drawReset(): boolean {
    return this.resetRate > 0 && this.random() < this.resetRate;
  }

  /** A 5xx status to answer with, or null. */
  drawError(): number | null {
    if (this.errorRate <= 0 || this.random() >= this.errorRate) return null;
    return ERROR_STATUSES[Math.floor(this.random() * ERROR_STATUSES.length)] ?? 503;
  }
}
