import { describe, expect, it } from "vitest";
import {
  type BreachFacts,
  closeRefusal,
  deadlineState,
  decisionProblems,
  icoDeadline,
} from "./rules";

const found = new Date("2026-12-01T09:00:00Z");
const base: BreachFacts = {
  discoveredAt: found,
  risk: null,
  decision: "undecided",
  decisionReasons: null,
  reportedToIcoAt: null,
  whoWasTold: "",
  closedAt: null,
};

describe("the 72 hours to tell the ICO", () => {
  it("run from when the breach was found", () => {
    expect(icoDeadline(found).toISOString()).toBe("2026-12-04T09:00:00.000Z");
  });

  it("count down, then run over", () => {
    expect(deadlineState(base, new Date("2026-12-03T07:30:00Z"))).toMatchObject({
      kind: "open",
      hoursLeft: 25,
      minutesLeft: 30,
    });
    expect(deadlineState(base, new Date("2026-12-04T14:00:00Z"))).toMatchObject({
      kind: "overdue",
      hoursOver: 5,
    });
  });

  it("stop once the breach is reported, saying whether it was late", () => {
    const late = { ...base, reportedToIcoAt: new Date("2026-12-04T10:00:00Z") };
    expect(deadlineState(late, new Date())).toMatchObject({ kind: "reported", late: true });
    const inTime = { ...base, reportedToIcoAt: new Date("2026-12-02T10:00:00Z") };
    expect(deadlineState(inTime, new Date())).toMatchObject({ kind: "reported", late: false });
  });
});

describe("a decision", () => {
  it("needs the risk and its reasons", () => {
    const fields = decisionProblems({ ...base, decision: "not_reported" }).map((p) => p.field);
    expect(fields).toEqual(["risk", "decisionReasons"]);
  });

  it("cannot leave unreported a breach likely to harm people", () => {
    const p = decisionProblems({
      ...base,
      decision: "not_reported",
      risk: "risk",
      decisionReasons: "small",
    });
    expect(p.map((x) => x.field)).toEqual(["decision"]);
  });

  it("at high risk names who was told", () => {
    const p = decisionProblems({ ...base, decision: "report", risk: "high", decisionReasons: "x" });
    expect(p.map((x) => x.field)).toEqual(["whoWasTold"]);
  });

  it("allows a breach unlikely to harm anyone to stay unreported, with reasons", () => {
    const ok = { ...base, decision: "not_reported" as const, risk: "unlikely" as const };
    expect(decisionProblems({ ...ok, decisionReasons: "Encrypted laptop" })).toEqual([]);
  });
});

describe("closing a breach", () => {
  it("waits for the decision and the report", () => {
    expect(closeRefusal(base)).toMatch(/Decide/);
    expect(closeRefusal({ ...base, decision: "report" })).toMatch(/reported to the ICO/);
    expect(closeRefusal({ ...base, decision: "report", reportedToIcoAt: found })).toBeNull();
  });
});
