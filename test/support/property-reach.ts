/**
 * Counts the runs of a property that reach its assertion. A property that returns early (translation refused
 * the generated rule, a precondition did not hold) passes without checking anything on those runs; if its
 * generator drifts until no run gets through, nothing would notice (issue #22). `expectAtLeast` fails then.
 *
 * The minimums are shares of a property's full count of runs. With FC_NUM_RUNS set (mutation testing caps every
 * property at that many runs: test/mutation/fast-check-capped.js) a minimum sized for thousands of runs cannot
 * hold, so there one run reaching the assertion is enough; the full suite keeps the generators honest.
 */
export class PropertyReach {
  private count = 0;

  /** One run got past its early returns. */
  reached(): void {
    this.count += 1;
  }

  /** Fails unless at least `minimum` runs (one, when FC_NUM_RUNS caps the runs) reached the assertion. */
  expectAtLeast(minimum: number, what: string): void {
    const capped = (process.env['FC_NUM_RUNS'] ?? '') !== '';
    const required = capped ? Math.min(minimum, 1) : minimum;
    if (this.count < required) {
      throw new Error(`only ${this.count} runs reached the assertion (${what}); at least ${required} must`);
    }
  }

  get runs(): number {
    return this.count;
  }
}
