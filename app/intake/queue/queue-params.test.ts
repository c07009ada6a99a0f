import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { BulkAssignSchema, BulkStateSchema } from "./bulk-schema";
import { decodeCursor, encodeCursor, parseQueueParams, queueSearch } from "./queue-params";
import { parseSearchTerms, prefixUpperBound } from "./search-terms.server";

const ID = "3f2a9c1e-0b1d-4e5f-8a9b-0c1d2e3f4a5b";

describe("the queue's address", () => {
  it("reads filters, ignores unknown values and reports dates that are not real", () => {
    const { request, errors } = parseQueueParams(
      new URLSearchParams(
        `state=received&channel=fax&receivedFrom=2026-02-30&receivedTo=2026-03-01&assignee=none&establishment=nope&overdue=1&duplicate=1&draft=1&q=%20smith%20&sort=due_asc&page=3&after=2026-03-01_${ID}`,
      ),
    );
    expect(request.filters).toEqual({
      state: "received",
      channel: undefined,
      receivedFrom: undefined,
      receivedTo: "2026-03-01",
      establishmentId: undefined,
      assignee: "none",
      overdue: true,
      likelyDuplicate: true,
      draft: true,
      q: "smith",
      sort: "due_asc",
    });
    expect(errors).toEqual([
      { field: "receivedFrom", message: "Received from must be a real date, like 2026-03-01" },
    ]);
    expect(request.page).toBe(3);
    expect(request.after).toEqual({ key: "2026-03-01", id: ID });
  });

  it("refuses a date range that ends before it starts", () => {
    const { request, errors } = parseQueueParams(
      new URLSearchParams("receivedFrom=2026-03-02&receivedTo=2026-03-01"),
    );
    expect(errors.map((e) => e.field)).toEqual(["receivedTo"]);
    expect(request.filters.receivedTo).toBeUndefined();
  });

  it("writes back what it reads", () => {
    const filters = {
      q: "a b",
      state: "closed" as const,
      overdue: true,
      sort: "received_asc" as const,
    };
    const search = queueSearch(filters, { after: { key: "2026-01-02", id: ID }, page: 2 });
    const { request } = parseQueueParams(new URLSearchParams(search.slice(1)));
    expect(request.filters).toMatchObject(filters);
    expect(request.page).toBe(2);
    expect(decodeCursor(encodeCursor({ key: "2026-01-02", id: ID }))).toEqual({
      key: "2026-01-02",
      id: ID,
    });
    expect(decodeCursor("2026-13-02_x")).toBeUndefined();
  });
});

describe("the search box", () => {
  it("tells references, prisoner numbers and names apart", () => {
    expect(parseSearchTerms("cn 2026 42")).toMatchObject({
      references: ["CN-2026-00042", "CN-2026-42"],
      referencePrefix: null,
      nameWords: [],
    });
    expect(parseSearchTerms("CN-2026-004").referencePrefix).toBe("CN-2026-004");
    expect(parseSearchTerms("a1234 bc")).toMatchObject({
      prisonerNumber: "A1234BC",
      nameWords: [],
    });
    expect(parseSearchTerms("  O'Brien-Smith  JOHN ").nameWords).toEqual(["o'brien-smith", "john"]);
    expect(parseSearchTerms("ab")).toMatchObject({
      references: [],
      prisonerNumber: null,
      nameWords: [],
    });
    expect(parseSearchTerms("%_ab\\")).toMatchObject({ nameWords: [] });
    expect(prefixUpperBound("CN-2026-004")).toBe("CN-2026-005");
  });
});

describe("the bulk actions form", () => {
  /** The form as the pipeline parses it: the ticked boxes are many `ids`. */
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    const schema = f.get("intent") === "assign" ? BulkAssignSchema : BulkStateSchema;
    return parseWithZod(f, { schema });
  };
  const messages = (s: ReturnType<typeof form>) =>
    s.status === "error" ? Object.values(s.error ?? {}).flat() : [];

  it("needs at least one application, and a reason to close", () => {
    expect(
      messages(
        form([
          ["intent", "assign"],
          ["assigneeId", "none"],
        ]),
      ),
    ).toEqual(["Select at least one application"]);
    const closing = form([
      ["intent", "state"],
      ["ids", ID],
      ["to", "closed"],
      ["closedReason", ""],
    ]);
    expect(messages(closing)).toEqual(["Choose why they are being closed: withdrawn or duplicate"]);
    const ok = form([
      ["intent", "state"],
      ["ids", ID],
      ["ids", ID.replace("3f", "4f")],
      ["to", "closed"],
      ["closedReason", "duplicate"],
    ]);
    expect(ok.status === "success" ? ok.value : null).toMatchObject({
      ids: [ID, ID.replace("3f", "4f")],
      to: "closed",
      closedReason: "duplicate",
    });
    const one = form([
      ["intent", "assign"],
      ["ids", ID],
      ["assigneeId", "none"],
    ]);
    expect(one.status === "success" ? one.value.ids : null).toEqual([ID]);
    expect(
      form([
        ["intent", "state"],
        ["ids", ID],
        ["to", "under_assessment"],
      ]).status,
    ).toBe("error");
  });
});
