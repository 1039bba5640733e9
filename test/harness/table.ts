// A table of named scripted cases: each gets its own service (configured per case), started before the
// script and closed after it, pass or fail.
import { afterEach, it } from 'vitest';
import { SimPool, type EnvoySim, type SimOptions } from './envoy-sim.js';

export interface SimCase {
  readonly name: string;
  /** Service configuration for this case (env overrides, YAML, custom deps). */
  readonly sim?: SimOptions;
  readonly script: (sim: EnvoySim) => Promise<void>;
}

/** Registers one vitest test per case (call inside a describe). */
export function runCases(cases: readonly SimCase[]): void {
  const pool = new SimPool();
  afterEach(() => pool.closeAll());
  for (const c of cases) {
    it(c.name, async () => {
      const sim = await pool.start(c.sim);
      await c.script(sim);
    });
  }
}
