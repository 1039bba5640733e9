// A histogram over a closed set of label values (the ext_proc phases), observed on every message.
// prom-client's Histogram validates and hashes the label object on each observe; with four or more
// observations per request that was a visible share of the guard's per-request cost in `npm run bench`.
// This one keeps plain counters per label value and renders them at scrape time in prom-client's
// MetricObject shape, so the Registry prints exactly what a prom-client Histogram would (checked by
// phase-histogram.test.ts against a real one).
import type { Registry } from 'prom-client';

interface Series {
  /** Non-cumulative count per bucket, plus one overflow slot for +Inf. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

export interface LeanObserver {
  observe(value: number): void;
}

export class LeanHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<L, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelName: string,
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    for (let i = 1; i < buckets.length; i++) {
      if (!((buckets[i] as number) > (buckets[i - 1] as number))) throw new RangeError(`${name}: buckets must increase`);
    }
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** The observer for one label value; resolve it once and keep it. Series appear on first observation. */
  labels(value: L): LeanObserver {
    return {
      observe: (v: number) => {
        if (!Number.isFinite(v)) throw new TypeError(`${this.name}: not a finite number: ${v}`);
        let s = this.series.get(value);
        if (!s) {
          s = { counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 };
          this.series.set(value, s);
        }
        let i = 0;
        while (i < this.buckets.length && v > (this.buckets[i] as number)) i++;
        (s.counts[i] as number) += 1;
        s.sum += v;
        s.count += 1;
      },
    };
  }

  /** prom-client's metric interface, called by the Registry at scrape time. */
  get(): { name: string; help: string; type: string; aggregator: string; values: { labels: Record<string, string | number>; value: number; metricName: string }[] } {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const [label, s] of this.series) {
      let acc = 0;
      this.buckets.forEach((le, i) => {
        acc += s.counts[i] as number;
        values.push({ labels: { le, [this.labelName]: label }, value: acc, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', [this.labelName]: label }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { [this.labelName]: label }, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { [this.labelName]: label }, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.series.clear();
  }
}
