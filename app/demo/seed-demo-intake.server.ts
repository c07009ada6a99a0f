import { eq, inArray } from "drizzle-orm";
import type { Tx } from "~/db/database.server";
import { applications, correspondence, establishments, settings } from "~/db/schema";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { recordApplication } from "~/intake/record-application.server";
import { DEMO_APPLICATIONS } from "./demo-applications";

/** The demo network's return address: plainly made up (there is no NM postcode area). */
export const DEMO_RETURN_ADDRESS = ["PO Box 4021", "Northmoor", "NM1 4ZZ"];

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Loads the demo applications inside the demo seed's system transaction, as recorded by the
 * demo intake officer. Prisons are picked by name from the loaded register (server/start.ts
 * loads it before seeding); an applicant whose prison is not there is recorded without one.
 * Applications past "received" get the acknowledgement they would have had, as a record of
 * a letter sent (without its file).
 */
export async function seedDemoIntake(tx: Tx, intakeUserId: string): Promise<number> {
  await tx
    .insert(settings)
    .values({ key: "letter_return_address", value: DEMO_RETURN_ADDRESS })
    .onConflictDoNothing();
  const names = [...new Set(DEMO_APPLICATIONS.flatMap((a) => (a.prison ? [a.prison] : [])))];
  const found = await tx
    .select({ id: establishments.id, name: establishments.name })
    .from(establishments)
    .where(inArray(establishments.name, names));
  const prisons = new Map(found.map((e) => [e.name, e.id]));
  for (const a of DEMO_APPLICATIONS) {
    const recorded = await recordApplication(
      tx,
      { userId: intakeUserId },
      {
        applicant: ApplicantSchema.parse({
          fullName: a.name,
          prisonerNumber: a.prisonerNumber,
          establishmentId: a.prison ? prisons.get(a.prison) : undefined,
          ...a.applicant,
        }),
        channel: a.channel,
        receivedOn: isoDaysAgo(a.daysAgo),
        questionnaire: a.questionnaire,
      },
    );
    if (a.state === "received") continue;
    const acknowledgedOn = isoDaysAgo(a.daysAgo - 5);
    await tx
      .update(applications)
      .set({
        state: a.state,
        acknowledgedOn,
        closedReason: a.closedReason ?? null,
        chaseOn: a.state === "awaiting_information" ? isoDaysAgo(-14) : null,
        // A closed application was closed soon after it was acknowledged, not on the day of
        // the seed: the retention schedule counts from its close.
        ...(a.state === "closed"
          ? { updatedAt: new Date(`${isoDaysAgo(a.daysAgo - 10)}T12:00:00Z`) }
          : {}),
      })
      .where(eq(applications.id, recorded.applicationId));
    await tx.insert(correspondence).values({
      applicantId: recorded.applicantId,
      applicationId: recorded.applicationId,
      direction: "out",
      kind: "letter",
      occurredOn: acknowledgedOn,
      summary: "Acknowledgement letter (PDF)",
      createdBy: intakeUserId,
    });
  }
  return DEMO_APPLICATIONS.length;
}
