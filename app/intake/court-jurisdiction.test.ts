import { describe, expect, it } from "vitest";
import { courtJurisdictionNote, jurisdictionOfCourt } from "./court-jurisdiction";

const where = (court: string | null | undefined) => jurisdictionOfCourt(court)?.jurisdiction;

describe("the jurisdiction a court implies", () => {
  it("reads the High Court of Justiciary as Scotland, however it is written", () => {
    expect(jurisdictionOfCourt("High Court of Justiciary")).toMatchObject({
      jurisdiction: "scotland",
      courtType: "high_court_of_justiciary",
    });
    expect(where("high court of justiciary, Glasgow")).toBe("scotland");
    expect(where("The High Court in Glasgow")).toBe("scotland");
    expect(where("HIGH COURT AT EDINBURGH")).toBe("scotland");
  });

  it("reads sheriff and justice of the peace courts as Scotland", () => {
    expect(jurisdictionOfCourt("Glasgow Sheriff Court")).toMatchObject({
      jurisdiction: "scotland",
      courtType: "sheriff_court",
    });
    expect(where("Sheriff Court at Dundee")).toBe("scotland");
    expect(where("Kilmarnock Justice of the Peace Court")).toBe("scotland");
  });

  it("reads the Crown Court in Northern Ireland, by name or by town, as Northern Ireland", () => {
    expect(jurisdictionOfCourt("Crown Court in Northern Ireland")).toMatchObject({
      jurisdiction: "northern_ireland",
      courtType: "northern_ireland_crown_court",
    });
    expect(jurisdictionOfCourt("Belfast Crown Court (Laganside)")).toMatchObject({
      jurisdiction: "northern_ireland",
      courtType: "northern_ireland_crown_court",
    });
    expect(where("Londonderry Crown Court")).toBe("northern_ireland");
    expect(where("Craigavon Crown Court")).toBe("northern_ireland");
    expect(jurisdictionOfCourt("Newry Magistrates' Court")).toMatchObject({
      jurisdiction: "northern_ireland",
      courtType: null,
    });
  });

  it("reads other Crown Courts, magistrates' courts and the Old Bailey as England and Wales", () => {
    expect(jurisdictionOfCourt("Leeds Crown Court")).toMatchObject({
      jurisdiction: "england_wales",
      courtType: "crown_court",
    });
    expect(where("Newport Crown Court")).toBe("england_wales");
    expect(where("Central Criminal Court (Old Bailey)")).toBe("england_wales");
    expect(jurisdictionOfCourt("Cardiff Magistrates’ Court")).toMatchObject({
      jurisdiction: "england_wales",
      courtType: "magistrates",
    });
  });

  it("suggests nothing when the name does not say", () => {
    expect(jurisdictionOfCourt(undefined)).toBeNull();
    expect(jurisdictionOfCourt("   ")).toBeNull();
    expect(jurisdictionOfCourt("High Court")).toBeNull();
    expect(jurisdictionOfCourt("Court martial at Bulford")).toBeNull();
    expect(jurisdictionOfCourt("the court in town")).toBeNull();
    expect(jurisdictionOfCourt("<script>alert(1)</script> Sheriffmuir")).toBeNull();
  });

  it("says why, for the person who checks it", () => {
    expect(jurisdictionOfCourt("High Court of Justiciary")?.because).toMatch(/Scotland/);
  });
});

describe("the note shown beside a court", () => {
  it("names the jurisdiction the court implies, or nothing", () => {
    expect(courtJurisdictionNote("High Court of Justiciary")).toBe(
      "in Scotland, going by the court's name",
    );
    expect(courtJurisdictionNote("Belfast Crown Court")).toBe(
      "in Northern Ireland, going by the court's name",
    );
    expect(courtJurisdictionNote("Some court")).toBeNull();
  });
});
