import type { applications } from "~/db/schema/intake";
import { isRealDate } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { type ApplicationState, STATE_LABELS } from "../transitions";

/**
 * The queue's filters as they travel in the address (a GET form, so a filtered queue can be
 * bookmarked, shared and used without JavaScript), and how they are read back.
 */
export type Channel = (typeof applications.$inferSelect)["channel"];

export const CHANNEL_LABELS: Record<Channel, string> = {
  post: "Post",
  online: "Online",
  representative: "Representative",
  email: "E-mail",
  import: "Import",
};

export const SORTS = {
  received_desc: "Received, newest first",
  received_asc: "Received, oldest first",
  due_asc: "Acknowledgement due, soonest first",
} as const;
export type QueueSort = keyof typeof SORTS;

export const PAGE_SIZE = 50;

export interface QueueFilters {
  state?: ApplicationState;
  channel?: Channel;
  receivedFrom?: string;
  receivedTo?: string;
  establishmentId?: string;
  /** A user's id, or "none" for applications nobody is assigned to. */
  assignee?: string;
  overdue?: boolean;
  likelyDuplicate?: boolean;
  /** Only postal entries not yet finished: scans to file. */
  draft?: boolean;
  q?: string;
  sort?: QueueSort;
}

/** A position in the queue: the sort key and id of a row (keyset pagination). */
export interface QueueCursor {
  key: string;
  id: string;
}

export interface QueueRequest {
  filters: QueueFilters;
  /** Rows after this one (Next), or before it (Previous). */
  after?: QueueCursor;
  before?: QueueCursor;
  /** The page number shown: keyset pagination does not need it, people do. */
  page: number;
}

export interface QueueParamError {
  field: string;
  message: string;
}

export function encodeCursor(c: QueueCursor): string {
  return `${c.key}_${c.id}`;
}

export function decodeCursor(value: string | null): QueueCursor | undefined {
  const [key, id, ...rest] = (value ?? "").split("_");
  if (!key || !id || rest.length > 0 || !isRealDate(key) || !isId(id)) return undefined;
  return { key, id: id.toLowerCase() };
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * Reads the queue's address. Unknown values are ignored; dates that are not real dates are
 * reported, so the form can say what was wrong instead of silently showing everything.
 */
export function parseQueueParams(params: URLSearchParams): {
  request: QueueRequest;
  errors: QueueParamError[];
} {
  const errors: QueueParamError[] = [];
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const date = (name: string, label: string) => {
    const v = text(name);
    if (v && !isRealDate(v)) {
      errors.push({ field: name, message: `${label} must be a real date, like 2026-03-01` });
      return undefined;
    }
    return v;
  };
  const receivedFrom = date("receivedFrom", "Received from");
  const receivedTo = date("receivedTo", "Received to");
  if (receivedFrom && receivedTo && receivedFrom > receivedTo) {
    errors.push({ field: "receivedTo", message: "Received to must be on or after received from" });
  }
  const establishmentId = text("establishment");
  const assignee = text("assignee");
  const q = text("q")?.slice(0, 100);
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    request: {
      filters: {
        state: oneOf(params.get("state"), Object.keys(STATE_LABELS) as ApplicationState[]),
        channel: oneOf(params.get("channel"), Object.keys(CHANNEL_LABELS) as Channel[]),
        receivedFrom,
        receivedTo: errors.some((e) => e.field === "receivedTo") ? undefined : receivedTo,
        establishmentId: establishmentId && isId(establishmentId) ? establishmentId : undefined,
        assignee: assignee && (assignee === "none" || isId(assignee)) ? assignee : undefined,
        overdue: params.get("overdue") === "1",
        likelyDuplicate: params.get("duplicate") === "1",
        draft: params.get("draft") === "1",
        q: q && q.length > 0 ? q : undefined,
        sort: oneOf(params.get("sort"), Object.keys(SORTS) as QueueSort[]) ?? "received_desc",
      },
      after: decodeCursor(params.get("after")),
      before: decodeCursor(params.get("before")),
      page: Number.isInteger(page) && page > 0 ? page : 1,
    },
    errors,
  };
}

/** The address of the queue with these filters (and, optionally, a page position). */
export function queueSearch(
  filters: QueueFilters,
  position: { after?: QueueCursor; before?: QueueCursor; page?: number } = {},
): string {
  const p = new URLSearchParams();
  const set = (name: string, value: string | undefined) => {
    if (value) p.set(name, value);
  };
  set("q", filters.q);
  set("state", filters.state);
  set("channel", filters.channel);
  set("receivedFrom", filters.receivedFrom);
  set("receivedTo", filters.receivedTo);
  set("establishment", filters.establishmentId);
  set("assignee", filters.assignee);
  set("overdue", filters.overdue ? "1" : undefined);
  set("duplicate", filters.likelyDuplicate ? "1" : undefined);
  set("draft", filters.draft ? "1" : undefined);
  set("sort", filters.sort && filters.sort !== "received_desc" ? filters.sort : undefined);
  set("after", position.after ? encodeCursor(position.after) : undefined);
  set("before", position.before ? encodeCursor(position.before) : undefined);
  set("page", position.page && position.page > 1 ? String(position.page) : undefined);
  const s = p.toString();
  return s ? `?${s}` : "";
}
