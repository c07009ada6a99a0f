import { expect } from "vitest";

/** The database's own message, under the query wrapper the ORM adds. */
export function databaseMessage(error: unknown): string {
  let e: unknown = error;
  const messages: string[] = [];
  while (e instanceof Error) {
    messages.push(e.message);
    e = (e as { cause?: unknown }).cause;
  }
  return messages.join(" | ");
}

/** Expects the promise to be refused by the database with a message matching `pattern`. */
export async function expectRefused(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the database should have refused this").not.toBeNull();
  expect(databaseMessage(error)).toMatch(pattern);
}
