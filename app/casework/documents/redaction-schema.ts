import { z } from "zod";

/** The most pages a redacted copy is made of (the worker refuses more): areas are checked against it. */
export const MAX_REDACTED_PAGES = 100;

/**
 * An area to paint over: a page (from 1) and a rectangle in percent of the page's width and
 * height, measured from its top left corner.
 */
export interface RedactionArea {
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One area as typed, e.g. "page 2: 10 20 30 5" (page, then left, top, width and height in %). */
const AREA_LINE =
  /^(?:page|p\.?)?\s*(\d{1,4})\s*[:,]?\s+(\d+(?:\.\d+)?)%?[\s,]+(\d+(?:\.\d+)?)%?[\s,]+(\d+(?:\.\d+)?)%?[\s,]+(\d+(?:\.\d+)?)%?$/i;

/** The area a line describes, or what is wrong with it (for the line's error message). */
export function parseAreaLine(line: string): RedactionArea | string {
  const m = AREA_LINE.exec(line.trim());
  if (!m) return "write it as “page 2: 10 20 30 5” (page, then left, top, width and height in %)";
  const [page, left, top, width, height] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const area = { page, left, top, width, height };
  return areaProblem(area) ?? area;
}

/** What is wrong with an area whatever the document (for the server too), or null. */
export function areaProblem({ page, left, top, width, height }: RedactionArea): string | null {
  if (![page, left, top, width, height].every(Number.isFinite)) return "it is not a number";
  if (!Number.isInteger(page) || page < 1) return "pages are numbered from 1";
  if (width <= 0 || height <= 0) return "its width and height must be more than 0";
  if (left < 0 || top < 0 || left > 100 || top > 100)
    return "left and top are percentages, from 0 to 100";
  if (left + width > 100.0001) return "it goes past the page’s right edge (left + width over 100)";
  if (top + height > 100.0001) return "it goes past the page’s bottom edge (top + height over 100)";
  return null;
}

/** Why an area's page is refused for a document of `pageCount` pages, or null when it is in it. */
export function pageOutOfRange(page: number, pageCount: number): string | null {
  return page > pageCount
    ? `there is no page ${page}: the document has ${pageCount} page${pageCount === 1 ? "" : "s"}`
    : null;
}

const areaLines = (pageCount: number) =>
  z
    .string()
    .optional()
    .transform((typed, ctx) => {
      const areas: RedactionArea[] = [];
      const lines = (typed ?? "").split(/\r?\n/);
      lines.forEach((raw, i) => {
        const line = raw.trim();
        if (!line) return;
        const area = parseAreaLine(line);
        const problem = typeof area === "string" ? area : pageOutOfRange(area.page, pageCount);
        if (problem) ctx.addIssue({ code: "custom", message: `Area on line ${i + 1}: ${problem}` });
        else if (typeof area !== "string") areas.push(area);
      });
      if (areas.length > 100)
        ctx.addIssue({ code: "custom", message: "Mark at most 100 areas at a time" });
      return areas;
    });

const passageLines = z
  .string()
  .optional()
  .transform((typed) =>
    (typed ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z
          .string()
          .min(2, "Each passage needs 2 characters or more")
          .max(300, "Keep each passage under 300 characters"),
      )
      .max(50, "Remove at most 50 passages at a time"),
  );

/**
 * The passages to remove from a case PDF, one a line, as they appear in its text, and the
 * areas to paint over, one a line. The page knows the document's page count and checks areas
 * against it; the server checks them against the PDF itself when it draws it.
 */
export function redactSchema(pageCount = MAX_REDACTED_PAGES) {
  return z
    .object({ passages: passageLines, areas: areaLines(pageCount) })
    .superRefine((value, ctx) => {
      if (value.passages.length === 0 && value.areas.length === 0)
        ctx.addIssue({
          code: "custom",
          path: ["passages"],
          message: "Enter the passages to remove, or mark the areas to paint over",
        });
    });
}

export const RedactSchema = redactSchema();
