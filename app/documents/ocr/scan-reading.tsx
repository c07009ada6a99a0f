/** What a document's page shows of its reading by OCR (scan-readings.server.ts makes it). */
export type ScanReadingState =
  | { status: "waiting" }
  | { status: "reading"; pagesDone: number; pages: number | null }
  | {
      status: "read" | "unreadable";
      pages: number | null;
      pagesByOcr: number;
      confidence: number | null;
      note: string | null;
    };

const pagesText = (n: number | null) => (n === 1 ? "1 page" : `${n ?? "?"} pages`);

/** One line on where reading a scan's text has got to, for a documents table. */
export function scanReadingText(state: ScanReadingState): string {
  switch (state.status) {
    case "waiting":
      return "Waiting to be read";
    case "reading":
      return state.pages ? `Being read: page ${state.pagesDone} of ${state.pages}` : "Being read";
    case "read":
      return state.pagesByOcr === 0
        ? `Text from the PDF (${pagesText(state.pages)})`
        : `Read by OCR, ${state.confidence ?? 0}% confidence (${pagesText(state.pagesByOcr)})`;
    case "unreadable":
      return "Could not be read";
  }
}

/**
 * The reading of a scan as a table cell's content: its state, and for one that could not be
 * read (or not all of it) why, flagged so nobody takes an empty search for an empty letter.
 */
export function ScanReading({ state }: { state: ScanReadingState | null | undefined }) {
  if (!state) return <span className="hint">Not a scan</span>;
  const note = "note" in state ? state.note : null;
  if (state.status === "unreadable")
    return (
      <span>
        <strong className="tag tag-urgent">{scanReadingText(state)}</strong>
        {note ? <span className="hint"> {note}</span> : null}
      </span>
    );
  return (
    <span>
      {scanReadingText(state)}
      {note ? <span className="hint"> {note}</span> : null}
    </span>
  );
}
