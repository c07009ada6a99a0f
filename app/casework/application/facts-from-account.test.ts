import { describe, expect, it } from "vitest";
import { convictionForApplication, prisonerNumberOf } from "./facts-from-account";

describe("the conviction as the draft application states it", () => {
  it("fills the file's gaps from the applicant's account and keeps what the file says", () => {
    const c = convictionForApplication(
      { offences: "Murder", courtName: null, sentence: "" },
      {
        offences: "Murder of J. Doe",
        court: "High Court of Justiciary, Glasgow",
        convictionDate: "2016-11-03",
        sentence: "Life, punishment part 18 years",
      },
    );
    expect(c).toMatchObject({
      offences: "Murder",
      courtName: "High Court of Justiciary, Glasgow",
      convictionDate: "2016-11-03",
      sentence: "Life, punishment part 18 years",
      jurisdiction: "scotland",
    });
  });

  it("never overrides a jurisdiction the file records", () => {
    const c = convictionForApplication(
      { jurisdiction: "england_wales", courtName: "Glasgow Sheriff Court" },
      null,
    );
    expect(c.jurisdiction).toBe("england_wales");
  });

  it("leaves the jurisdiction unknown when the court says nothing", () => {
    expect(convictionForApplication({}, { court: "the court" }).jurisdiction).toBeUndefined();
  });
});

describe("the prisoner number an application gives", () => {
  it("takes the England and Wales number, else the other one as written", () => {
    expect(prisonerNumberOf({ prisonerNumber: "A1234BC", otherPrisonerNumber: "123456" })).toBe(
      "A1234BC",
    );
    expect(prisonerNumberOf({ prisonerNumber: null, otherPrisonerNumber: "0123456" })).toBe(
      "0123456",
    );
    expect(prisonerNumberOf({ prisonerNumber: null })).toBeNull();
  });
});
