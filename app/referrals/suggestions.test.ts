import { describe, expect, it } from "vitest";
import { matchingSpecialisms, type ProjectFacts, suggest } from "./suggestions";

const project = (over: Partial<ProjectFacts>): ProjectFacts => ({
  id: over.name ?? "p",
  name: "Project",
  status: "active",
  jurisdictions: ["england_wales"],
  specialisms: [],
  capacity: 5,
  activeCases: 1,
  openOffers: 0,
  inTermBreak: null,
  declinedBefore: false,
  ...over,
});

describe("suggesting projects for a case", () => {
  const englishCase = { jurisdiction: "england_wales", themes: ["Sexual offence", "DNA involved"] };

  it("puts suitable projects first, the specialist and the one with room ahead", () => {
    const result = suggest(englishCase, [
      project({ name: "Busy", activeCases: 4 }),
      project({ name: "Specialist", specialisms: ["Sexual offences"] }),
      project({ name: "Scottish", jurisdictions: ["scotland"] }),
    ]);
    expect(result.map((s) => [s.project.name, s.suitable])).toEqual([
      ["Specialist", true],
      ["Busy", true],
      ["Scottish", false],
    ]);
    expect(result[0]?.reasons).toContain("Specialises in Sexual offences");
    expect(result[2]?.against).toContain("Does not take cases from England and Wales");
  });

  it("rules out paused, closed, full and term-break projects, saying why", () => {
    const result = suggest(englishCase, [
      project({ name: "Paused", status: "paused" }),
      project({ name: "Closed", status: "closed" }),
      project({ name: "Full", capacity: 2, activeCases: 1, openOffers: 1 }),
      project({ name: "Away", inTermBreak: { label: "Summer", endsOn: "2026-09-20" } }),
    ]);
    expect(result.every((s) => !s.suitable)).toBe(true);
    const against = Object.fromEntries(result.map((s) => [s.project.name, s.against.join("; ")]));
    expect(against.Paused).toMatch(/Paused/);
    expect(against.Closed).toMatch(/Closed/);
    expect(against.Full).toMatch(/Full: 1 active case of 2/);
    expect(against.Away).toMatch(/term break \(Summer\) until 2026-09-20/);
  });

  it("counts a project that declined this case before against it", () => {
    const result = suggest(englishCase, [
      project({ name: "Declined", declinedBefore: true }),
      project({ name: "Fresh" }),
    ]);
    expect(result[0]?.project.name).toBe("Fresh");
    expect(result[1]?.against).toContain("Declined this case before");
  });

  it("matches specialisms on shared words, singular or plural", () => {
    expect(
      matchingSpecialisms(["Joint enterprise", "Forensic science"], ["Joint enterprise"]),
    ).toEqual(["Joint enterprise"]);
    expect(matchingSpecialisms(["Homicide"], ["Robbery"])).toEqual([]);
  });
});
