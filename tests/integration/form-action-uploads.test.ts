import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Config } from "~/config/config.server";
import { servicesContext } from "~/context.server";
import { caseDocuments } from "~/db/schema";
import { action as documentsAction } from "~/routes/cases/documents";
import { acceptedCase, setUpCasework } from "../support/casework-scenario";
import type { TestUser } from "../support/factories";
import { outcomeOf, routeContext } from "../support/route-call";
import { tinyPdf } from "../support/scans";

/**
 * An upload through the form-action pipeline (the case file's documents page): the same
 * form sent twice adds one document, and a refused upload gives back what was typed.
 */
const ctx = setUpCasework("form-action-uploads");
let caseId: string;
let caseworker: TestUser;

beforeAll(async () => {
  ({ caseworker } = ctx.people.second);
  caseId = (await acceptedCase(ctx, { project: "second", team: [caseworker] })).caseId;
});

function upload(fields: Record<string, string>, file: Buffer | null) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file) body.append("file", new File([new Uint8Array(file)], "statement.pdf"));
  const context = routeContext(
    { db: ctx.db } as Parameters<typeof routeContext>[0],
    caseworker.acting,
  );
  const services = context.get(servicesContext);
  context.set(servicesContext, {
    ...services,
    config: { dataDir: ctx.storeDir } as Config,
    secret: ctx.secret,
  });
  return outcomeOf(() =>
    documentsAction({
      request: new Request(`http://localhost/cases/${caseId}/documents`, {
        method: "POST",
        body,
      }),
      params: { id: caseId },
      context,
    }),
  );
}

const documentsFrom = (who: string) =>
  ctx.as(caseworker, (tx) =>
    tx
      .select({ id: caseDocuments.id })
      .from(caseDocuments)
      .where(eq(caseDocuments.receivedFrom, who)),
  );

describe("an upload through the form-action pipeline", () => {
  it("adds one document for a form sent twice, and sends both to the same place", async () => {
    const who = `Former solicitors ${randomUUID()}`;
    const fields = {
      receivedFrom: who,
      receivedOn: "2026-03-14",
      _submission: randomUUID(),
    };
    const first = await upload(fields, tinyPdf("Witness statement"));
    expect(first.status).toBe(302);
    expect(first.location).toMatch(new RegExp(`^/cases/${caseId}/documents\\?uploaded=1`));
    const again = await upload(fields, tinyPdf("Witness statement"));
    expect(again).toEqual(first);
    expect(await documentsFrom(who)).toHaveLength(1);
  });

  it("refuses a file that is not a document, keeping what was typed, and stores nothing", async () => {
    const who = `The CPS ${randomUUID()}`;
    const out = await upload(
      { receivedFrom: who, receivedOn: "2026-03-14", _submission: randomUUID() },
      Buffer.from("MZ not a document at all"),
    );
    expect(out.status).toBe(422);
    expect(out.data).toMatchObject({
      intent: "upload",
      result: {
        initialValue: { receivedFrom: who },
        error: { file: [expect.stringMatching(/nothing was saved/)] },
      },
    });
    expect(await documentsFrom(who)).toHaveLength(0);
  });
});
