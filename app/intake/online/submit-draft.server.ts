import { eq } from "drizzle-orm";
import { hitRateLimit } from "~/access/rate-limit.server";
import type { Actor } from "~/audit/record-audit-event.server";
import { asSystem, type Db, type Tx } from "~/db/database.server";
import { applicants, applicationDrafts, applications, organisations } from "~/db/schema";
import type { Mailer } from "~/mail/mailer.server";
import { today } from "~/shared/dates";
import { insertRepresentative } from "../applicants/add-representative.server";
import {
  networkId,
  type RecordedApplication,
  recordApplication,
} from "../record-application.server";
import { acknowledgementTargetDays } from "../settings.server";
import { checkDraft, type DraftProblem, type ReadyApplication } from "./draft-data";
import { RATE_LIMITS, readDraft } from "./drafts.server";
import { APPLICATION_REFERENCE } from "./schemas";

export type SubmitResult =
  | { kind: "discarded" }
  | { kind: "throttled"; retryAfterMinutes: number }
  | { kind: "unavailable" }
  | { kind: "incomplete"; problems: DraftProblem[] }
  | { kind: "submitted"; reference: string };

/**
 * Sends an application made on the public site: records the applicant and the application
 * (audited, with no user acting), marks the draft sent and empties it — the answers now live
 * in the application — and e-mails the reference to whoever gave an address. Sending twice
 * gives the same reference; a robot (honeypot filled) gets nothing.
 */
export async function submitDraft(
  db: Db,
  mailer: Mailer,
  input: { draftId: string; ip: string; requestId?: string | null; honeypot?: string | null },
): Promise<SubmitResult> {
  if (input.honeypot) return { kind: "discarded" };
  const hit = await hitRateLimit(
    db,
    `apply:submit:${input.ip}`,
    RATE_LIMITS.submit.limit,
    RATE_LIMITS.submit.minutes,
  );
  if (!hit.allowed) return { kind: "throttled", retryAfterMinutes: hit.retryAfterMinutes };
  const { result, deliver } = await asSystem(db, async (tx) => {
    const none = async () => undefined;
    const draft = await readDraft(tx, input.draftId, true);
    if (!draft) return { result: { kind: "unavailable" } as const, deliver: none };
    if (draft.submittedReference) {
      return {
        result: { kind: "submitted", reference: draft.submittedReference } as const,
        deliver: none,
      };
    }
    if (draft.expired) return { result: { kind: "unavailable" } as const, deliver: none };
    const { problems, ready } = checkDraft(draft.data);
    if (!ready) return { result: { kind: "incomplete", problems } as const, deliver: none };

    const about = ready.aboutYou;
    const receivedOn = today();
    const actor = { userId: null, ip: input.ip, requestId: input.requestId ?? null };
    const recorded = await recordApplication(tx, actor, {
      applicant: ready.applicant,
      channel: about.applyingFor === "behalf" ? "representative" : "online",
      receivedOn,
      questionnaire: ready.questionnaire,
      submittedBy: about.applyingFor === "behalf" ? { applyingFor: "behalf" } : about,
      ...(APPLICATION_REFERENCE.test(draft.reference) ? { reference: draft.reference } : {}),
    });
    if (about.applyingFor === "behalf") await recordRepresentative(tx, actor, recorded, about);
    await tx
      .update(applicationDrafts)
      .set({ submittedApplicationId: recorded.applicationId, data: {}, updatedAt: new Date() })
      .where(eq(applicationDrafts.id, draft.id));
    const deliver = about.email
      ? await mailer.send(tx, {
          to: about.email,
          subject: `We have received the application – ${recorded.reference}`,
          text: confirmationText({
            reference: recorded.reference,
            network: await networkName(tx),
            days: await acknowledgementTargetDays(tx),
            onBehalf: about.applyingFor === "behalf",
          }),
        })
      : none;
    return { result: { kind: "submitted", reference: recorded.reference } as const, deliver };
  });
  await deliver();
  return result;
}

/**
 * The relative (or friend, solicitor, MP) who applied becomes the applicant's representative,
 * named on the application as the one who made it. The applicant's wish decides what they
 * receive: copies of our letters, or only news of where the application stands.
 */
async function recordRepresentative(
  tx: Tx,
  actor: Actor,
  recorded: RecordedApplication,
  about: Extract<ReadyApplication["aboutYou"], { applyingFor: "behalf" }>,
) {
  const [applicant] = await tx
    .select({ organisationId: applicants.organisationId })
    .from(applicants)
    .where(eq(applicants.id, recorded.applicantId));
  if (!applicant) throw new Error("the applicant just recorded was not found");
  const { id } = await insertRepresentative(tx, actor, {
    applicantId: recorded.applicantId,
    organisationId: applicant.organisationId,
    name: about.name,
    relationship: about.relationship,
    authorisedToReceive: about.copies ? "everything" : "progress_only",
    address: about.address,
    email: about.email,
  });
  await tx
    .update(applications)
    .set({
      submittedBy: {
        applyingFor: "behalf",
        representativeId: id,
        name: about.name,
        relationship: about.relationship,
        applicantAgrees: true,
        copies: about.copies,
      },
    })
    .where(eq(applications.id, recorded.applicationId));
}

async function networkName(tx: Parameters<typeof networkId>[0]): Promise<string> {
  const id = await networkId(tx);
  const [row] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.name ?? "the innocence network";
}

/** No names or case details: an e-mail can be read by others, so it carries only the reference. */
export function confirmationText(v: {
  reference: string;
  network: string;
  days: number;
  onBehalf: boolean;
}): string {
  return [
    "Thank you. We have received the application sent through our website.",
    "",
    `Its reference is ${v.reference}. Please quote it whenever you write to us or call us about it.`,
    "",
    "What happens next",
    "",
    `- We will write to the applicant within ${v.days} working days to say that we have the application.`,
    "- We read every application carefully to see whether one of our member projects could look into the case. This can take some months, and we will write when there is news.",
    "- If anything changes, for example the applicant moves to another prison, write to us with the reference.",
    ...(v.onBehalf
      ? [
          "",
          "You sent this application on the applicant's behalf. We may check with the applicant that they agree to it before we go further.",
        ]
      : []),
    "",
    v.network,
  ].join("\n");
}
