import { describe, expect, it } from "vitest";
import { buildLetter, type LetterExtras, type LetterFacts } from "./letter-content";
import { LETTER_TEMPLATES } from "./templates";

const facts: LetterFacts = {
  applicant: {
    name: "Morag Dunbar",
    prisonerNumber: null,
    otherPrisonerNumber: "SP-448812",
    postalAddress: null,
    largePrint: false,
    legalCorrespondence: true,
    language: null,
  },
  establishment: {
    name: "HMP Barlinnie",
    addressLines: ["81 Lee Avenue", "Riddrie", "Glasgow"],
    postcode: "G33 2QX",
    jurisdiction: "scotland",
  },
  application: { reference: "CN-2026-00077", receivedOn: "2026-09-01" },
  network: { name: "Northmoor Innocence Network", returnAddress: ["PO Box 4021", "NM1 4ZZ"] },
  date: "2026-11-26",
};

const letter = (key: keyof typeof LETTER_TEMPLATES, extras: LetterExtras) =>
  buildLetter(LETTER_TEMPLATES[key], { ...facts, extras });
const body = (l: ReturnType<typeof letter>) => l.paragraphs.map((p) => p.text).join("\n");

describe("the ineligible decision letter", () => {
  const reasons = [
    "You have an appeal that has not yet been decided.",
    "Your conviction was not in a court in the UK.",
  ];

  it("gives each reason as a paragraph under one heading, then the notes", () => {
    const l = letter("decision_ineligible", {
      conditions: ["sccrc"],
      lists: { reasons, notes: ["Your hearing is in March.", "Good luck with it."] },
    });
    const at = l.paragraphs.findIndex((p) => p.text === reasons[0]);
    expect(l.paragraphs[at]?.heading).toBe("Why we reached this decision");
    expect(l.paragraphs[at + 1]).toEqual({ text: reasons[1] });
    expect(l.paragraphs[at + 2]).toEqual({ text: "Your hearing is in March." });
    expect(l.paragraphs[at + 3]).toEqual({ text: "Good luck with it." });
  });

  it("points a Scottish conviction to the SCCRC only, free and without a lawyer", () => {
    const text = body(letter("decision_ineligible", { conditions: ["sccrc"], lists: { reasons } }));
    expect(text).toContain("Scottish Criminal Cases Review Commission (SCCRC)");
    expect(text).toContain("It is free to apply, and you do not need a lawyer");
    expect(text).not.toContain("(CCRC)");
  });

  it("points other convictions to the CCRC only", () => {
    const text = body(letter("decision_ineligible", { conditions: ["ccrc"], lists: { reasons } }));
    expect(text).toContain("Criminal Cases Review Commission (CCRC)");
    expect(text).not.toContain("SCCRC");
  });

  it("names both when the jurisdiction is not recorded", () => {
    const text = body(
      letter("decision_ineligible", { conditions: ["review_body_unknown"], lists: { reasons } }),
    );
    expect(text).toContain("(CCRC)");
    expect(text).toContain("(SCCRC)");
  });

  it("tells them to see a solicitor only while the appeal window is open", () => {
    const closed = body(
      letter("decision_ineligible", { conditions: ["ccrc"], lists: { reasons } }),
    );
    const open = body(
      letter("decision_ineligible", {
        conditions: ["ccrc", "appeal_window_open"],
        lists: { reasons },
      }),
    );
    expect(closed).not.toContain("speak to a solicitor now");
    expect(open).toContain("speak to a solicitor now");
  });

  it("prints people's text as written, never merging it", () => {
    const text = body(
      letter("decision_ineligible", {
        conditions: ["ccrc"],
        lists: { reasons: ["See {{network.name}}\nat once."] },
      }),
    );
    expect(text).toContain("See {{network.name}} at once.");
  });

  it("leaves out an empty list and its heading", () => {
    const l = letter("decision_ineligible", { conditions: ["ccrc"], lists: { reasons: [] } });
    expect(l.paragraphs.some((p) => p.heading === "Why we reached this decision")).toBe(false);
  });
});

describe("the other decision letters", () => {
  it("asks for each thing on a line of its own, by the chase date", () => {
    const l = letter("decision_more_information", {
      conditions: ["sccrc"],
      lists: { requested: ["A copy of the indictment", "Your solicitor's name"] },
      replyBy: "2026-12-24",
    });
    expect(l.heading).toBe("We need more information from you");
    const texts = l.paragraphs.map((p) => p.text);
    expect(texts).toContain("• A copy of the indictment");
    expect(texts).toContain("• Your solicitor's name");
    expect(body(l)).toContain("Please send it to us by 24 December 2026,");
  });

  it("says an eligible case will be offered to a project, without promising an outcome", () => {
    const text = body(letter("decision_eligible", { conditions: ["sccrc"] }));
    expect(text).toContain("We will offer it to one of them.");
    expect(text).toContain("we will write to tell you which project it is");
    expect(text).toContain("We cannot promise what will happen.");
    expect(text).not.toMatch(/\{\{|\}\}/);
  });

  it("confirms a withdrawal and keeps the door open", () => {
    const l = letter("decision_withdrawn", { conditions: ["ccrc"] });
    expect(l.title).toBe("Withdrawal");
    expect(body(l)).toContain("you can write to us again at any time");
    expect(body(l)).toContain("CN-2026-00077");
  });

  it("is marked under the Scottish prison rule and signed by the assessment team", () => {
    const l = letter("decision_eligible", { conditions: ["sccrc"] });
    expect(l.marking).toEqual({ text: "LEGAL CORRESPONDENCE", rule: "Rule 57" });
    expect(l.signOff).toContain("The assessment team");
  });
});
