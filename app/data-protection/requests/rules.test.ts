import { describe, expect, it } from "vitest";
import {
  addCalendarMonths,
  dueDate,
  isOverdue,
  latestExtension,
  REDACTED,
  redactText,
  redactValue,
  reminderDue,
  requestReference,
  searchTerms,
  whyNotExtendable,
} from "./rules";

describe("the deadline of a subject request", () => {
  it("is the same date next month", () => {
    expect(dueDate("2026-03-03")).toBe("2026-04-03");
    expect(dueDate("2026-12-15")).toBe("2027-01-15");
  });

  it("is the last day of next month when it has no such date", () => {
    expect(dueDate("2026-01-31")).toBe("2026-02-28");
    expect(dueDate("2028-01-30")).toBe("2028-02-29");
    expect(dueDate("2026-03-31")).toBe("2026-04-30");
  });

  it("can be extended by two further months at most", () => {
    expect(latestExtension("2026-01-31")).toBe("2026-04-30");
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    const request = {
      status: "open",
      dueOn: "2026-04-03",
      extendedTo: null,
      receivedOn: "2026-03-03",
    };
    expect(whyNotExtendable(request, "2026-06-03")).toBeNull();
    expect(whyNotExtendable(request, "2026-06-04")).toMatch(/at most two further months/);
    expect(whyNotExtendable(request, "2026-04-03")).toMatch(/after 2026-04-03/);
    expect(whyNotExtendable({ ...request, extendedTo: "2026-05-01" }, "2026-06-01")).toMatch(
      /already extended/,
    );
    expect(whyNotExtendable({ ...request, status: "completed" }, "2026-05-01")).toMatch(/closed/);
  });

  it("is overdue the day after it falls, while open, counting an extension", () => {
    const request = { status: "open", dueOn: "2026-04-03", extendedTo: null };
    expect(isOverdue(request, "2026-04-03")).toBe(false);
    expect(isOverdue(request, "2026-04-04")).toBe(true);
    expect(isOverdue({ ...request, extendedTo: "2026-06-03" }, "2026-04-04")).toBe(false);
    expect(isOverdue({ ...request, status: "completed" }, "2026-04-04")).toBe(false);
  });
});

describe("reminders of a request", () => {
  const request = { status: "open", dueOn: "2026-04-10", extendedTo: null, remindedOn: null };

  it("are sent seven days before it is due, once", () => {
    expect(reminderDue(request, "2026-04-02")).toBeNull();
    expect(reminderDue(request, "2026-04-03")).toBe("due_soon");
    expect(reminderDue({ ...request, remindedOn: "2026-04-03" }, "2026-04-05")).toBeNull();
  });

  it("are sent once more when it is overdue", () => {
    expect(reminderDue({ ...request, remindedOn: "2026-04-03" }, "2026-04-11")).toBe("overdue");
    expect(reminderDue({ ...request, remindedOn: "2026-04-11" }, "2026-04-20")).toBeNull();
  });

  it("start again when the deadline is extended, and stop when it is closed", () => {
    const extended = { ...request, extendedTo: "2026-06-10", remindedOn: "2026-04-03" };
    expect(reminderDue(extended, "2026-05-01")).toBeNull();
    expect(reminderDue(extended, "2026-06-03")).toBe("due_soon");
    expect(reminderDue({ ...request, status: "withdrawn" }, "2026-04-11")).toBeNull();
  });
});

describe("redaction", () => {
  it("removes each passage, in any case and spacing, and leaves a marker", () => {
    const text = "The witness Maria  Okafor saw him. maria okafor lives at 3 Mill Lane.";
    const out = redactText(text, ["Maria Okafor", "3 Mill Lane"]);
    expect(out).toBe(`The witness ${REDACTED} saw him. ${REDACTED} lives at ${REDACTED}.`);
    expect(out.toLowerCase()).not.toContain("okafor");
  });

  it("treats a passage as text, not a pattern", () => {
    expect(redactText("cost (a+b) here", ["(a+b)"])).toBe(`cost ${REDACTED} here`);
  });

  it("reaches every string of a record", () => {
    const record = { summary: "Call with Okafor", nested: { list: ["Okafor said no"] }, n: 3 };
    expect(JSON.stringify(redactValue(record, ["Okafor"]))).not.toContain("Okafor");
    expect(redactValue(record, ["Okafor"]).n).toBe(3);
  });
});

describe("what a request searches for", () => {
  it("reads names, dates of birth and prisoner numbers from the details and the applicant", () => {
    const terms = searchTerms("John Smith", "Also known as: Johnny Smyth\n1980-02-03, a1234bc\nJ", {
      fullName: "John A Smith",
      aliases: ["Jack Smith"],
      dateOfBirth: "1980-02-03",
      prisonerNumber: "A1234BC",
    });
    expect(terms.names).toEqual(["John Smith", "Johnny Smyth", "John A Smith", "Jack Smith"]);
    expect(terms.datesOfBirth).toEqual(["1980-02-03"]);
    expect(terms.prisonerNumbers).toEqual(["A1234BC"]);
  });
});

it("numbers requests per organisation and year", () => {
  expect(requestReference(2026, 1)).toBe("DSR-2026-0001");
  expect(requestReference(2026, 12345)).toBe("DSR-2026-12345");
});
