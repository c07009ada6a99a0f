/** England & Wales prisoner numbers: a letter, four digits, two letters (A1234BC). */
export const EW_PRISONER_NUMBER = /^[A-Z][0-9]{4}[A-Z]{2}$/;

/** Upper case, spaces and dashes removed: "a 1234 bc" → "A1234BC". */
export function normalisePrisonerNumber(value: string): string {
  return value.replace(/[\s-]+/g, "").toUpperCase();
}

export function isEnglandWalesPrisonerNumber(value: string): boolean {
  return EW_PRISONER_NUMBER.test(normalisePrisonerNumber(value));
}
