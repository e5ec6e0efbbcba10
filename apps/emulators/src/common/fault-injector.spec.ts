import { FaultInjector } from './fault-injector.js';

describe('FaultInjector', () => {
  it('counts each rule apart, so a test can tell its own rule from the background faults', () => {
    const faults = new FaultInjector(7);
    faults.configure([
      { endpoint: '*', kind: 'latency', probability: 0.5, latencyMs: 10 },
      { endpoint: 'POST /write', kind: 'latency', probability: 1, latencyMs: 5000, maxCount: 2 },
    ]);
    const decisions = Array.from({ length: 5 }, () => faults.decide('POST /write'));
    const [background, hold] = faults.ruleUses();
    expect(hold).toBe(2);
    expect(background).toBeGreaterThan(0);
    expect(faults.stats().latency).toBe(background! + hold!);
    // The hold stalls the first two calls only (maxCount); the background rule adds its own 10 ms at times.
    expect(decisions.map((decision) => decision.delayMs >= 5000)).toEqual([true, true, false, false, false]);
  });

  it('does not count calls to other endpoints, and starts again from zero when configured anew', () => {
    const faults = new FaultInjector(1);
    faults.configure([{ endpoint: 'POST /write', kind: 'server_error', probability: 1 }]);
    faults.decide('GET /read');
    expect(faults.ruleUses()).toEqual([0]);
    faults.decide('POST /write');
    expect(faults.ruleUses()).toEqual([1]);
    faults.configure([{ endpoint: 'POST /write', kind: 'server_error', probability: 1 }]);
    expect(faults.ruleUses()).toEqual([0]);
    faults.clear();
    expect(faults.ruleUses()).toEqual([]);
  });
});
