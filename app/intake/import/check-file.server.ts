import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "~/db/database.server";
import { textArray } from "./bulk-insert.server";
import type { ColumnMapping } from "./fields";
import { mapRow } from "./map-row";
import { ImportFileError, type SheetRow } from "./read-rows.server";
import { checkRow, type RowContext, type ValidRow } from "./validate-row.server";

/** What became of one data row of the file. */
export type RowOutcome =
  | { kind: "valid"; row: ValidRow }
  | { kind: "invalid"; line: number; message: string }
  /** The same row appeared earlier in the file: it is imported once. */
  | { kind: "repeat"; line: number };

/**
 * Every data row of the file (the first row with text is the header; `readSheet` reads them),
 * mapped and checked, one at a time. A legacy reference used by two rows is a problem with the later one; a row
 * that repeats an earlier one word for word is imported once.
 */
export async function* checkFile(
  rows: Iterable<SheetRow> | ImportFileError,
  mapping: ColumnMapping,
  ctx: RowContext,
): AsyncGenerator<RowOutcome> {
  // A file that could not be read fails where its rows would have been read.
  if (rows instanceof ImportFileError) throw rows;
  const legacyMapped = "legacyReference" in mapping;
  const seen = new Map<string, number>();
  let header = true;
  for (const { line, cells } of rows) {
    if (header) {
      header = false;
      continue;
    }
    const checked = checkRow(line, mapRow(cells, mapping), ctx, legacyMapped);
    if (!checked.ok) {
      yield { kind: "invalid", line, message: checked.message };
      continue;
    }
    const earlier = seen.get(checked.row.key);
    if (earlier === undefined) {
      seen.set(checked.row.key, line);
      yield { kind: "valid", row: checked.row };
    } else if (legacyMapped) {
      yield {
        kind: "invalid",
        line,
        message: `The legacy reference is also on line ${earlier}: each row needs its own`,
      };
    } else yield { kind: "repeat", line };
  }
}

/**
 * Groups an async sequence into arrays of up to `size`, to work on a batch at a time. Between
 * batches it lets the event loop run: parsing and the embedded database settle in promises
 * alone, and without this pause a long import would keep the server from answering anyone.
 */
export async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Yields what `items` yields, asking for the next item as soon as it hands one over: the next
 * batch is read and checked in JavaScript while the database works on this one.
 */
export async function* readAhead<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // Seen by the next turn of the loop; if the consumer stops first, nobody waits for it.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/** Which of these row keys an earlier import (of any file) already brought in. */
export async function keysAlreadyImported(
  tx: Queryable,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ key: string }>(
    tx,
    sql`select import_key as key from applications where import_key = any(${textArray(keys)}::text[])`,
  );
  return new Set(rows.map((r) => r.key));
}

/** Rows done and counted; shared by the check and the import. */
export interface RowCounts {
  total: number;
  invalid: number;
  imported: number;
  skipped: number;
}

export const BATCH_SIZE = 1_000;

/**
 * Rows per import batch on the embedded database. PGlite has one connection: while a batch's
 * transaction runs every other request waits, so batches there stay well under a second.
 */
export const EMBEDDED_BATCH_SIZE = 200;

export function importBatchSize(kind: "pglite" | "postgresql"): number {
  return kind === "pglite" ? EMBEDDED_BATCH_SIZE : BATCH_SIZE;
}
