/** A cell's value as the text a user typed; dates as YYYY-MM-DD. */
export function cellText(value: unknown): string;
