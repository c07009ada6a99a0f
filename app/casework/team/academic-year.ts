/**
 * The end of the academic year a caseworker's place on a case lasts to by default: the next
 * 31 August after `today` (ISO dates). A team row's end date is the first day they are off the
 * case, so someone added on 31 August itself runs to the next year's.
 */
export function endOfAcademicYear(today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-08-31`;
  return today < thisYear ? thisYear : `${year + 1}-08-31`;
}
