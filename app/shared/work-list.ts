/**
 * What waits for someone on their home page: one list of one kind of work, as the domain
 * that owns the work reads it (app/intake, app/eligibility, app/referrals, app/casework).
 * A list shows a few items, the most pressing first, with how many there are in all and a
 * link to the queue filtered to the same work.
 */
export interface WorkItem {
  /** Unique in the list. */
  key: string;
  /** What the item is called: a reference, most often. */
  label: string;
  href: string;
  /** A few words on why it waits: who, since when, what is due. */
  detail: string;
}

export interface WorkList {
  /** Unique on the page; the region's id is made from it. */
  key: string;
  title: string;
  /** How many there are in all (the list shows at most WORK_LIST_SIZE). */
  count: number;
  items: WorkItem[];
  /** The queue, filtered to this work. */
  queueHref: string;
  /** The link's words, e.g. "All new applications in the queue". */
  queueLabel: string;
  /** What is said when nothing waits. */
  none: string;
}

/** A home page list shows this many items at most. */
export const WORK_LIST_SIZE = 5;

/** A list as its domain declares it, before it is read. */
export type WorkListHead = Omit<WorkList, "count" | "items">;

/** The list with the rows read for it (at most WORK_LIST_SIZE) and how many there are in all. */
export function workListOf<R>(
  head: WorkListHead,
  count: number | string,
  rows: readonly R[],
  item: (row: R) => WorkItem,
): WorkList {
  return { ...head, count: Number(count), items: rows.slice(0, WORK_LIST_SIZE).map(item) };
}
