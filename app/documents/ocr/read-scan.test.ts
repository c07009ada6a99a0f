import { describe, expect, it } from "vitest";
import { LOW_CONFIDENCE, MAX_READ_PAGES, summarise } from "./read-scan.server";

const letter = "Dear Sir, I write from HMP Barlinnie about my conviction in Glasgow.";

describe("summarising a scan's reading", () => {
  it("weights the confidence by the letters each page gave, and ignores text-layer pages", () => {
    const read = summarise(
      [
        { page: 1, text: letter, confidence: 90 },
        { page: 2, text: "ok", confidence: 10 },
        { page: 3, text: letter, confidence: null },
      ],
      3,
      null,
    );
    expect(read).toMatchObject({ status: "read", pagesByOcr: 2, note: null });
    expect(read.confidence).toBeGreaterThan(85);
    expect(read.text).toContain("Barlinnie");
  });

  it("flags a scan with no words, never silently empty", () => {
    const read = summarise([{ page: 1, text: " ~ ", confidence: 30 }], 1, null);
    expect(read.status).toBe("unreadable");
    expect(read.note).toMatch(/No text could be read/);
  });

  it("keeps low-confidence text for search but flags it", () => {
    const read = summarise([{ page: 1, text: letter, confidence: LOW_CONFIDENCE - 1 }], 1, null);
    expect(read).toMatchObject({ status: "unreadable", text: letter });
    expect(read.note).toMatch(/low confidence/);
  });

  it("says which pages were left unread", () => {
    const pages = Array.from({ length: MAX_READ_PAGES }, (_, i) => ({
      page: i + 1,
      text: letter,
      confidence: 92,
    }));
    const read = summarise(pages, MAX_READ_PAGES + 50, null);
    expect(read.status).toBe("read");
    expect(read.note).toBe(
      `Only the first ${MAX_READ_PAGES} pages are read: pages ${MAX_READ_PAGES + 1} to ${MAX_READ_PAGES + 50} are not searchable.`,
    );
  });
});
