/** What a PDF can carry that acts on the reader's computer, found when it is uploaded. */
export type ActiveContent = "javascript" | "embedded_files";

const WHAT: Record<ActiveContent, string> = {
  javascript: "JavaScript or actions that run when it is opened",
  embedded_files: "embedded files",
};

/** The warning shown with a PDF that carries active content; null when it carries none. */
export function activeContentWarning(kinds: readonly string[]): string | null {
  const known = (Object.keys(WHAT) as ActiveContent[]).filter((k) => kinds.includes(k));
  if (known.length === 0) return null;
  return `This PDF carries ${known.map((k) => WHAT[k]).join(" and ")}. Open it only in a viewer that blocks them (a browser's PDF viewer does), and do not open what it carries unless you trust where it came from.`;
}
