/** England & Wales prisoner numbers: a letter, four digits, two letters (A1234BC). */
export const EW_PRISONER_NUMBER = /^[A-Z][0-9]{4}[A-Z]{2}$/;

/** Upper case, spaces and dashes removed: "a 1234 bc" → "A1234BC". */
export function normalisePrisonerNumber(value: string): string {
  return value.replace(/[\s-]+/g, "").toUpperCase();
}

export function isEnglandWalesPrisonerNumber(value: string): boolean {
  return EW_PRISONER_NUMBER.test(normalisePrisonerNumber(value));
}

/**
 * Scottish Prison Service numbers are digits only (the service's own example is 090000), and
 * Northern Ireland Prison Service numbers are not letters-and-digits like England and Wales
 * ones: such numbers are kept, as written, as an "other prisoner number".
 */
export function isDigitsOnlyPrisonerNumber(value: string): boolean {
  return /^[0-9]+$/.test(normalisePrisonerNumber(value));
}
