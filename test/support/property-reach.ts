/**
 * Counts the runs of a property that reach its assertion. A property that returns early (translation refused
 * the generated rule, a precondition did not hold) passes without checking anything on those runs; if its
 * generator drifts until no run gets through, nothing would notice (issue #22). `expectAtLeast` fails then.
 */
export class PropertyReach {
  private count = 0;

  /** One run got past its early returns. */
  reached(): void {
    this.count += 1;
  }

  /** Fails unless at least `minimum` runs reached the assertion. */
  expectAtLeast(minimum: number, what: string): void {
    if (this.count < minimum) {
      throw new Error(`only ${this.count} runs reached the assertion (${what}); at least ${minimum} must`);
    }
  }

  get runs(): number {
    return this.count;
  }
}
