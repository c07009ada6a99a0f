import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { asSystem, asUser, type Database } from "~/db/database.server";
import { applications, establishments } from "~/db/schema";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { listQueue } from "~/intake/queue/list-queue.server";
import type { QueueFilters, QueueRequest } from "~/intake/queue/queue-params";
import { recordApplication } from "~/intake/record-application.server";
import type { ClosedReason } from "~/intake/transitions";
import type { TestUser } from "../support/factories";

/** A surname no other test uses, so a search for it finds only this test's applications. */
export function uniqueSurname(): string {
  const letters = randomBytes(6)
    .toString("hex")
    .replace(/[0-9]/g, (d) => "ghijklmnop"[Number(d)] ?? "q");
  return `Zed${letters}`;
}

export interface RecordOptions {
  fullName: string;
  aliases?: string;
  dateOfBirth?: string;
  prisonerNumber?: string;
  establishmentId?: string;
  receivedOn?: string;
  channel?: "post" | "online" | "representative" | "email" | "import";
  assigneeId?: string | null;
  isDraft?: boolean;
  applicantId?: string;
  court?: string;
  convictionDate?: string;
}

/** Records an application as the intake officer, as the entry pages do. */
export async function record(database: Database, intake: TestUser, o: RecordOptions) {
  return asUser(database.db, intake.id, (tx) =>
    recordApplication(
      tx,
      { userId: intake.id },
      {
        applicant: o.applicantId
          ? { id: o.applicantId }
          : ApplicantSchema.parse({
              fullName: o.fullName,
              aliases: o.aliases,
              dateOfBirth: o.dateOfBirth,
              prisonerNumber: o.prisonerNumber,
              establishmentId: o.establishmentId,
            }),
        channel: o.channel ?? "post",
        receivedOn: o.receivedOn ?? "2020-03-02",
        questionnaire: {
          ...(o.court ? { court: o.court } : {}),
          ...(o.convictionDate ? { convictionDate: o.convictionDate } : {}),
        },
        assigneeId: o.assigneeId ?? null,
        isDraft: o.isDraft ?? false,
      },
    ),
  );
}

/** Sets an application's state directly, for decisions intake cannot make (e.g. ineligible). */
export async function setState(
  database: Database,
  applicationId: string,
  state: (typeof applications.$inferSelect)["state"],
  closedReason: ClosedReason | null = null,
  acknowledgedOn: string | null = null,
) {
  await asSystem(database.db, (tx) =>
    tx
      .update(applications)
      .set({ state, closedReason, acknowledgedOn })
      .where(eq(applications.id, applicationId)),
  );
}

export async function createEstablishment(database: Database, name: string): Promise<string> {
  const [row] = await asSystem(database.db, (tx) =>
    tx.insert(establishments).values({ name }).returning({ id: establishments.id }),
  );
  if (!row) throw new Error("no establishment");
  return row.id;
}

/** One page of the queue as `user` sees it. */
export function queue(
  database: Database,
  user: { id: string; acting: Acting },
  filters: QueueFilters,
  position: Partial<Omit<QueueRequest, "filters">> = {},
) {
  return asUser(database.db, user.id, (tx) =>
    listQueue(tx, user.acting, { filters, page: 1, ...position }),
  );
}

export function sorted(values: string[]): string[] {
  return [...values].sort();
}
