import { describe, expect, it } from "vitest";
import { type DueDeadline, dueWording, reminderNotice } from "./reminder-notice";

const deadline: DueDeadline = {
  caseId: "7a1c3c1e-0000-4000-8000-000000000001",
  organisationId: "7a1c3c1e-0000-4000-8000-000000000002",
  reference: "CN-2026-00042",
  kind: "progress_letter",
  on: "2026-03-10",
  what: "Progress letter to the client",
};

describe("the wording of a deadline reminder", () => {
  it("says a coming deadline is due, one due today is due today, and a passed one was due", () => {
    expect(dueWording("2026-03-10", "2026-03-05")).toBe("is due on 2026-03-10");
    expect(dueWording("2026-03-10", "2026-03-10")).toBe("is due today, 2026-03-10");
    expect(dueWording("2026-03-10", "2026-03-11")).toBe("was due on 2026-03-10");
  });

  it("names the case by reference and links to the page where the work is done", () => {
    const notice = reminderNotice(deadline, "2026-03-05");
    expect(notice.title).toBe(
      "Reminder: Progress letter to the client for CN-2026-00042 is due on 2026-03-10",
    );
    expect(notice.link).toBe(`/cases/${deadline.caseId}/progress-letter`);
    expect(reminderNotice({ ...deadline, kind: "deadline" }, "2026-03-05").link).toBe(
      `/cases/${deadline.caseId}/stages`,
    );
    expect(reminderNotice({ ...deadline, kind: "annual_report" }, "2026-03-05").link).toBe(
      `/cases/${deadline.caseId}`,
    );
  });

  it("marks an overdue deadline as overdue", () => {
    const notice = reminderNotice(deadline, "2026-03-12");
    expect(notice.title).toMatch(/^Overdue: .* was due on 2026-03-10$/);
    expect(notice.body).toContain("was due on 2026-03-10 and has not been done");
  });
});
