import { describe, expect, it } from "vitest";
import {
  academicYearStart,
  handoverDueOn,
  handoverNoteBody,
  handoverNoteText,
  handoverRequestEmail,
  hasWrittenHandoverNote,
  isHandoverNote,
  isOutgoing,
} from "./rules";

const YEAR_END = "2027-08-31";
const TODAY = "2027-06-01";

describe("who leaves a case at the end of the year", () => {
  it("counts a member whose end date is on or before the year's end", () => {
    expect(isOutgoing({ startsOn: "2026-09-01", endsOn: "2027-08-31" }, YEAR_END, TODAY)).toBe(
      true,
    );
    expect(isOutgoing({ startsOn: "2026-09-01", endsOn: "2027-07-01" }, YEAR_END, TODAY)).toBe(
      true,
    );
  });

  it("keeps on a member with no end date or a later one", () => {
    expect(isOutgoing({ startsOn: "2026-09-01", endsOn: null }, YEAR_END, TODAY)).toBe(false);
    expect(isOutgoing({ startsOn: "2026-09-01", endsOn: "2027-09-01" }, YEAR_END, TODAY)).toBe(
      false,
    );
  });

  it("does not count someone already gone", () => {
    expect(isOutgoing({ startsOn: "2025-09-01", endsOn: "2027-06-01" }, YEAR_END, TODAY)).toBe(
      false,
    );
    expect(isOutgoing({ startsOn: "2025-09-01", endsOn: "2027-06-02" }, YEAR_END, TODAY)).toBe(
      true,
    );
  });
});

describe("hand-over notes", () => {
  it("marks a note by its first line, whatever its case or spacing", () => {
    const body = handoverNoteBody("  The jacket is at the lab.  ");
    expect(body).toBe("Hand-over note\n\nThe jacket is at the lab.");
    expect(isHandoverNote(body)).toBe(true);
    expect(isHandoverNote("  hand-over NOTE \nText")).toBe(true);
    expect(isHandoverNote("A note about the hand-over note")).toBe(false);
    expect(isHandoverNote("")).toBe(false);
    expect(handoverNoteText(body)).toBe("The jacket is at the lab.");
    expect(handoverNoteText("Plain")).toBe("Plain");
  });

  it("counts only the member's own hand-over note written this academic year", () => {
    const mine = { authorId: "a", body: handoverNoteBody("Done"), writtenOn: "2026-09-01" };
    expect(hasWrittenHandoverNote("a", [mine], YEAR_END)).toBe(true);
    expect(hasWrittenHandoverNote("b", [mine], YEAR_END)).toBe(false);
    expect(hasWrittenHandoverNote("a", [{ ...mine, writtenOn: "2026-08-30" }], YEAR_END)).toBe(
      false,
    );
    expect(hasWrittenHandoverNote("a", [{ ...mine, body: "An ordinary note" }], YEAR_END)).toBe(
      false,
    );
  });

  it("starts the academic year a year before its end, 29 February included", () => {
    expect(academicYearStart("2027-08-31")).toBe("2026-08-31");
    expect(academicYearStart("2028-02-29")).toBe("2027-03-01");
  });

  it("asks for the note by the member's last day, never in the past", () => {
    expect(handoverDueOn("2027-08-31", TODAY)).toBe("2027-08-30");
    expect(handoverDueOn("2027-06-01", TODAY)).toBe(TODAY);
  });

  it("writes one e-mail listing the member's cases with a link to each", () => {
    const email = handoverRequestEmail(
      "Cal",
      "Lena Lead",
      [
        { caseId: "c1", reference: "CN-2026-00001", clientName: "A B", lastDay: "2027-08-30" },
        { caseId: "c2", reference: "CN-2026-00002", clientName: "C D", lastDay: "2027-08-30" },
      ],
      "https://clearname.example",
    );
    expect(email.subject).toBe("Please write your hand-over notes for 2 cases");
    expect(email.text).toContain("Hello Cal,");
    expect(email.text).toContain("https://clearname.example/cases/c1/handover");
    expect(email.text).toContain("CN-2026-00002 (C D)");
  });
});
