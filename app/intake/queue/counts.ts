import type { ApplicationState } from "../transitions";

/** A count that may have stopped early (see COUNT_CAP in count-by-state.server.ts). */
export interface Count {
  n: number;
  /** True when there are more than `n`. */
  more: boolean;
}

export type StateCounts = Record<ApplicationState, Count>;

export function sumCounts(counts: Count[]): Count {
  return counts.reduce((t, c) => ({ n: t.n + c.n, more: t.more || c.more }), {
    n: 0,
    more: false,
  });
}
