import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionLabel, actionsOfCategory, icoCategoryOf } from "./ico-categories";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Every action string written by the code: the `area.verb` literals in the files that append
 * to the trail, directly or through casework's `auditCase`.
 */
function actionsInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [
    ...sourceFiles(path.join(root, "app")),
    ...sourceFiles(path.join(root, "scripts")),
  ];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    if (!/recordAuditEvent\(|auditCase\(/.test(text)) continue;
    for (const match of text.matchAll(/"([a-z][a-z_]*(?:\.[a-z][a-z_]*)+)"/g)) {
      const action = match[1] ?? "";
      if (!found.has(action)) found.set(action, path.relative(root, file));
    }
  }
  return found;
}

describe("the ICO category of each audit action", () => {
  it("finds the actions the code writes", () => {
    const actions = actionsInCode();
    // A guard on the scan itself: if it found nothing, the test below would pass vacuously.
    expect(actions.size).toBeGreaterThan(100);
    expect(actions.has("application.viewed")).toBe(true);
    expect(actions.has("case.document.added")).toBe(true);
  });

  it("has a category for every action written in the code", () => {
    const missing = [...actionsInCode()]
      .filter(([action]) => icoCategoryOf(action) === null)
      .map(([action, file]) => `${action} (${file})`);
    expect(missing).toEqual([]);
  });

  it.each([
    ["application.viewed", "consultation"],
    ["document.viewed", "consultation"],
    ["letter.downloaded", "consultation"],
    ["case.report.printed", "consultation"],
    ["casework.searched", "consultation"],
    ["audit.exported", "consultation"],
    ["application.created", "collection"],
    ["document.uploaded", "collection"],
    ["letter.generated", "collection"],
    ["applicant.updated", "alteration"],
    ["application.state_changed", "alteration"],
    ["assessment.decided", "alteration"],
    ["applicant.released", "alteration"],
    ["referral.offered", "disclosure"],
    ["referral.accepted", "disclosure"],
    ["case.report_sent", "disclosure"],
    ["review_application.sent", "disclosure"],
    ["applicant.merged", "combination"],
    ["application.linked", "combination"],
    ["application.unlinked", "combination"],
    ["application_draft.purged", "erasure"],
    ["case_time.removed", "erasure"],
    ["case_team.removed", "alteration"],
    ["auth.signed_in", "security"],
    ["user.disabled", "security"],
    ["membership.ended", "security"],
    ["audit.chain_checked", "security"],
    ["settings.changed", "other"],
    ["subject_request.bundle_released", "disclosure"],
    ["subject_request.bundle_downloaded", "consultation"],
    ["record.erased", "erasure"],
    ["record.anonymised", "erasure"],
    ["legal_hold.released", "other"],
    ["establishment.created", "other"],
  ] as const)("%s is %s", (action, category) => {
    expect(icoCategoryOf(action)).toBe(category);
  });

  it("has no category for an action it cannot place", () => {
    expect(icoCategoryOf("case.person.teleported")).toBeNull();
    expect(icoCategoryOf("nothing")).toBeNull();
    expect(icoCategoryOf("")).toBeNull();
  });

  it("picks the actions of one kind and labels them for people", () => {
    expect(
      actionsOfCategory(["document.viewed", "applicant.created", "case.viewed"], "consultation"),
    ).toEqual(["document.viewed", "case.viewed"]);
    expect(actionLabel("case_document.viewed")).toBe("case document viewed");
  });
});
