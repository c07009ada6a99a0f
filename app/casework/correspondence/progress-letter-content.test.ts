import { describe, expect, it } from "vitest";
import { buildLetter, type LetterFacts } from "~/letters/letter-content";
import { LETTER_TEMPLATES } from "~/letters/templates";
import { type ProgressRecord, progressLists } from "./progress-letter-content";

const NOTHING: ProgressRecord = {
  stages: [],
  linesWorked: [],
  openLines: [],
  requestsMade: [],
  replies: [],
  waitingFor: [],
  evidenceAdded: 0,
  deadlines: [],
};

const facts = (lists: { done: string[]; next: string[] }): LetterFacts => ({
  applicant: {
    name: "Dorian Pryce",
    prisonerNumber: "A1234BC",
    otherPrisonerNumber: null,
    postalAddress: null,
    largePrint: false,
    legalCorrespondence: true,
    language: null,
  },
  establishment: {
    name: "HMP Frankland",
    addressLines: ["Brasside"],
    postcode: "DH1 5YD",
    jurisdiction: "england_wales",
  },
  application: { reference: "CN-2026-00042", receivedOn: "2026-09-01" },
  network: { name: "Northmoor Innocence Network", returnAddress: [] },
  date: "2026-12-06",
  extras: {
    lists,
    conditions: lists.done.length === 0 ? ["nothing_new"] : [],
    projectName: "Ashdown University Innocence Project",
    projectAddress: ["Law School", "Ashdown AS1 1AA"],
    progressSince: "2026-09-01",
    progressNextOn: "2027-03-06",
  },
});

describe("the progress letter's lists", () => {
  it("words a refusal, several evidence items, a stage the client is not told of, and a deadline", () => {
    const lists = progressLists({
      ...NOTHING,
      stages: [
        { stage: "open", occurredOn: "2026-09-02" },
        { stage: "submitted", occurredOn: "2026-10-03" },
      ],
      replies: [
        { recipient: "Greater Manchester Police", paper: "Other papers", status: "refused" },
      ],
      evidenceAdded: 3,
      deadlines: [{ on: "2027-01-15", what: "Further submissions to the CCRC." }],
    });
    expect(lists.done).toEqual([
      "On 3 October 2026, we sent your application to the review body.",
      "Greater Manchester Police told us that they could not send us other papers.",
      "We added 3 items to our record of the evidence in your case.",
    ]);
    expect(lists.next).toEqual(["By 15 January 2027: further submissions to the CCRC."]);
  });

  it("says there is nothing new, in the project's name and from its address, when nothing was done", () => {
    const lists = progressLists(NOTHING);
    expect(lists).toEqual({ done: [], next: [] });
    const letter = buildLetter(LETTER_TEMPLATES.progress_letter, facts(lists));
    expect(letter.sender).toEqual([
      "Ashdown University Innocence Project",
      "Law School",
      "Ashdown AS1 1AA",
    ]);
    expect(letter.recipient).toEqual([
      "Dorian Pryce",
      "A1234BC",
      "HMP Frankland",
      "Brasside",
      "DH1 5YD",
    ]);
    const texts = letter.paragraphs.map((p) => p.text).join("\n");
    expect(texts).toContain("since 1 September 2026");
    expect(texts).toContain("There is nothing new to tell you this time.");
    expect(texts).toContain("We will write to you again by 6 March 2027");
    expect(letter.marking?.text).toBe("LEGAL CORRESPONDENCE");
    const withNews = buildLetter(
      LETTER_TEMPLATES.progress_letter,
      facts({ done: ["We did a thing."], next: [] }),
    );
    expect(withNews.paragraphs.map((p) => p.text)).toContain("• We did a thing.");
    expect(withNews.paragraphs.map((p) => p.text).join("\n")).not.toContain("nothing new");
  });
});
