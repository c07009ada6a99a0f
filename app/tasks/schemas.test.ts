import { describe, expect, it } from "vitest";
import { ClientMoveSchema } from "~/casework/client/schemas";
import { addDays, today } from "~/shared/dates";
import { TaskSchema } from "./schemas";

const ID = "0b6f2d8e-4b3a-4c1e-9f1a-2d3c4b5a6f70";

describe("a task's form", () => {
  it("takes who, what and a due date from today on", () => {
    expect(TaskSchema.parse({ assigneeId: ID, what: " Ring the lab ", dueOn: today() })).toEqual({
      assigneeId: ID,
      what: "Ring the lab",
      dueOn: today(),
    });
  });

  it("refuses a due date in the past, an unknown colleague and nothing to do", () => {
    const failed = TaskSchema.safeParse({
      assigneeId: "Cal",
      what: " ",
      dueOn: addDays(today(), -1),
    });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues.map((i) => i.path[0]).sort()).toEqual([
      "assigneeId",
      "dueOn",
      "what",
    ]);
  });
});

describe("a client's move on the case", () => {
  it("needs the address to write to when they are released", () => {
    const released = ClientMoveSchema.safeParse({
      establishmentId: "released",
      fromDate: today(),
      version: "3",
    });
    expect(released.error?.issues.map((i) => i.path[0])).toEqual(["postalAddress"]);
    expect(
      ClientMoveSchema.parse({
        establishmentId: "released",
        postalAddress: "14 Mill Lane\nLeeds LS2 7AB",
        fromDate: today(),
        version: "3",
      }),
    ).toMatchObject({ version: 3, postalAddress: "14 Mill Lane\nLeeds LS2 7AB" });
  });

  it("refuses a move in the future or to somewhere not on the list", () => {
    const failed = ClientMoveSchema.safeParse({
      establishmentId: "HMP Nowhere",
      fromDate: addDays(today(), 1),
      version: "1",
    });
    expect(failed.error?.issues.map((i) => i.path[0]).sort()).toEqual([
      "establishmentId",
      "fromDate",
    ]);
  });
});
