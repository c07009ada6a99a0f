import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataSubjectBundles, dataSubjectRequestItems, disclosureExemptions } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict, invalid } from "~/errors/app-error";
import { longDate } from "~/letters/merge";
import { today } from "~/shared/dates";
import { readPdf } from "~/shared/pdf/read-pdf.server";
import { runInWorker } from "~/shared/worker/run-in-worker.server";
import { type ItemRecord, loadRecords } from "./load-records.server";
import { senderOf } from "./request-letter.server";
import { requireRequest, type SubjectRequest } from "./require-request.server";
import { isOpen, REDACTED, redactText, redactValue } from "./rules";

/** What building a bundle may take: 200 documents build in seconds. */
export const BUNDLE_LIMITS = { timeMs: 120_000, memoryMb: 1024 } as const;

const FOUND_AS = { subject: "the person it is about", third_party: "someone it mentions" };

type Item = typeof dataSubjectRequestItems.$inferSelect;

/** A file's name inside the ZIP: numbered as in the index, with nothing that could climb out. */
function entryName(number: number, filename: string, extension?: string): string {
  const base =
    filename
      .replace(/[^\w.-]+/g, "_")
      .replace(/^\.+/, "")
      .slice(0, 80) || "document";
  const named = extension ? `${base.replace(/\.[^.]*$/, "")}${extension}` : base;
  return `documents/${String(number).padStart(3, "0")}-${named}`;
}

/** The text a redacted document's released copy is made of: its extracted text, or its PDF's. */
async function documentText(store: DocumentStore, record: ItemRecord): Promise<string | null> {
  if (record.text) return record.text;
  const file = record.file?.mediaType === "application/pdf" ? record.file : null;
  if (!file) return null;
  const read = await readPdf(await store.get(file.storageKey), { extractText: true });
  return read.ok ? read.reading.text : null;
}

function coveringLetter(
  request: SubjectRequest,
  sender: { name: string; lines: string[] },
  index: { number: string; title: string; foundAs: string; outcome: string }[],
  counts: { released: number; redacted: number; withheld: number },
  exemptionsUsed: string[],
) {
  const paragraphs = [
    {
      text: `You asked us on ${longDate(request.receivedOn)} for a copy of the personal data ${sender.name} holds about you. This letter answers your request. We searched all our records for you by your name${request.personDetails ? ", the other names, dates of birth and prisoner numbers you gave us" : ""}, including records that mention you without being about you.`,
    },
    {
      heading: "What we found",
      text: `We found ${index.length} record${index.length === 1 ? "" : "s"}. We are releasing ${counts.released} in full and ${counts.redacted} with some passages removed; we are withholding ${counts.withheld}. The index at the end of this letter lists each one and what we did with it.`,
    },
    {
      heading: "What is in this bundle",
      text: `This letter and index; data.json, the information in each released record in a form a computer can read; and, in the documents folder, the documents we are releasing. Where we removed passages, the document is given as its text with the words ${REDACTED} in place of each passage removed.`,
    },
    {
      heading: "Why we held some information back",
      text: exemptionsUsed.length
        ? `Where we withheld a record or removed a passage, it is because the law allows or requires it: ${exemptionsUsed.join("; ")}. Passages about other people are removed to protect their own privacy.`
        : "We have not withheld any record. Where we removed passages, they are about other people, whose own privacy the law protects.",
    },
    {
      heading: "Your rights",
      text: "We use your information to consider and work on your application and your case. You can ask us to correct anything that is wrong, and in some cases to erase it. If you are unhappy with how we have handled your request, please tell us first. You also have the right to complain to the Information Commissioner's Office (ICO), Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF; telephone 0303 123 1113; ico.org.uk/make-a-complaint.",
    },
  ];
  return {
    sender: sender.lines,
    recipient: [request.personName, ...request.contactAddress.split(/\r?\n/).filter(Boolean)],
    date: longDate(today()),
    reference: request.reference,
    heading: "Your subject access request",
    salutation: `Dear ${request.personName},`,
    paragraphs,
    signOff: ["Yours sincerely,", " ", `Data protection, ${sender.name}`],
    indexIntro:
      "Each record we found, whether it is about you or mentions you, and whether we released it, released it with passages removed, or withheld it and under which exemption.",
    index,
  };
}

/** Runs work as the officer, in a transaction of its own under row-level security. */
export type AsOfficer = <T>(fn: (tx: Queryable, acting: Acting) => Promise<T>) => Promise<T>;

/** What the decisions were when the bundle was built: a bundle is released only as decided. */
function fingerprint(items: Item[]): string {
  return createHash("sha256")
    .update(
      JSON.stringify(items.map((i) => [i.id, i.decision, i.exemptionId, i.redactions]).sort()),
    )
    .digest("hex");
}

/** The bundle built and not yet released: its bytes and what the release records. */
export interface PreparedBundle {
  zip: Uint8Array;
  fingerprint: string;
  items: number;
  documents: number;
  counts: { released: number; redacted: number; withheld: number };
}

async function requireBundleable(tx: Queryable, acting: Acting, requestId: string) {
  const request = await requireRequest(tx, acting, requestId);
  if (request.kind !== "access") throw invalid("Only a subject access request has a bundle.");
  if (!isOpen(request.status)) throw invalid("The request is closed.");
  const items: Item[] = await tx
    .select()
    .from(dataSubjectRequestItems)
    .where(eq(dataSubjectRequestItems.requestId, requestId))
    .orderBy(asc(dataSubjectRequestItems.itemType), asc(dataSubjectRequestItems.title));
  return { request, items };
}

/** Reads, as the officer, everything the bundle is made of; the documents' bytes stay on disk. */
async function collectBundle(tx: Queryable, acting: Acting, requestId: string) {
  const { request, items } = await requireBundleable(tx, acting, requestId);
  if (items.length === 0) throw invalid("Search the records first: nothing has been found yet.");
  const pending = items.filter((i) => i.decision === "pending").length;
  if (pending)
    throw invalid(
      `Decide on every item first: ${pending} ${pending === 1 ? "is" : "are"} still to review.`,
    );
  const exemptions = new Map(
    (await tx.select().from(disclosureExemptions)).map((e) => [e.id, e.label]),
  );
  const records = await loadRecords(
    tx,
    items.filter((i) => i.decision !== "withheld"),
  );
  return {
    request,
    items,
    exemptions,
    records,
    sender: await senderOf(tx, request.organisationId),
  };
}

/**
 * Builds the bundle for a subject access request once every item has its decision: a ZIP
 * with the covering letter and index (PDF), the released records as data (JSON), and the
 * released documents — originals when released whole, the text with the passages removed
 * (as a PDF, never the original with boxes over it) when redacted. The records are read in a
 * short transaction as the officer; decrypting, reading text out of PDFs and the worker that
 * lays out and zips it all run outside any transaction, so that on the embedded database no
 * one else waits for the bundle.
 */
export async function prepareBundle(
  asOfficer: AsOfficer,
  store: DocumentStore,
  requestId: string,
): Promise<PreparedBundle> {
  const { request, items, exemptions, records, sender } = await asOfficer((tx, acting) =>
    collectBundle(tx, acting, requestId),
  );
  const index: { number: string; title: string; foundAs: string; outcome: string }[] = [];
  const jsonRecords: unknown[] = [];
  const files: { path: string; bytes: Uint8Array }[] = [];
  const texts: { path: string; title: string; text: string }[] = [];
  const exemptionsUsed = new Set<string>();
  let number = 0;
  for (const item of items) {
    number++;
    const title = redactValue(item.title, item.redactions);
    const foundAs = FOUND_AS[item.foundAs];
    if (item.decision === "withheld") {
      const exemption = exemptions.get(item.exemptionId ?? "") ?? "an exemption";
      exemptionsUsed.add(exemption);
      index.push({ number: String(number), title, foundAs, outcome: `Withheld: ${exemption}` });
      continue;
    }
    const record = records.get(`${item.itemType}:${item.itemId}`);
    if (!record) throw invalid(`“${title}” is no longer in the records: search again.`);
    let document: string | null = null;
    if (record.file && item.decision === "released") {
      document = entryName(number, record.file.filename);
      files.push({
        path: document,
        bytes: new Uint8Array(await store.get(record.file.storageKey)),
      });
    } else if (record.file) {
      const text = await documentText(store, record);
      if (text === null)
        throw invalid(
          `“${title}” has no text to release with passages removed (a scan): withhold it or release it whole.`,
        );
      document = entryName(number, record.file.filename, ".released-text.pdf");
      texts.push({ path: document, title, text: redactText(text, item.redactions) });
    }
    const redacted = item.decision === "redacted";
    index.push({
      number: String(number),
      title,
      foundAs,
      outcome: redacted ? "Released with passages removed" : "Released",
    });
    jsonRecords.push({
      number,
      type: item.itemType,
      title,
      foundAs: item.foundAs,
      decision: item.decision,
      passagesRemoved: item.redactions.length,
      document,
      data: redactValue(record.data, item.redactions),
    });
  }
  const counts = {
    released: items.filter((i) => i.decision === "released").length,
    redacted: items.filter((i) => i.decision === "redacted").length,
    withheld: items.filter((i) => i.decision === "withheld").length,
  };
  const json = JSON.stringify(
    {
      controller: sender.name,
      reference: request.reference,
      requestReceivedOn: request.receivedOn,
      producedOn: today(),
      redactionMarker: REDACTED,
      records: jsonRecords,
      withheld: index.filter((r) => r.outcome.startsWith("Withheld")),
    },
    null,
    2,
  );
  const outcome = await runInWorker<Uint8Array>(
    "app/data-protection/requests/build-bundle.worker.mjs",
    {
      letter: coveringLetter(request, sender, index, counts, [...exemptionsUsed]),
      json,
      files,
      texts,
    },
    {
      ...BUNDLE_LIMITS,
      tooHeavy: `The bundle is too large to build within ${BUNDLE_LIMITS.timeMs / 1000} seconds and ${BUNDLE_LIMITS.memoryMb} MB`,
      unreadable: "The bundle could not be built. Nothing was released",
    },
  );
  if (outcome.status === "refused") throw invalid(outcome.reason);
  return {
    zip: outcome.value,
    fingerprint: fingerprint(items),
    items: items.length,
    documents: files.length + texts.length,
    counts,
  };
}

/**
 * Releases a bundle built by `prepareBundle`, if the decisions are still those it was built
 * from: kept encrypted as released, and recorded as a disclosure in the audit trail.
 */
export async function releaseBundle(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  requestId: string,
  prepared: PreparedBundle,
): Promise<{ bundleId: string }> {
  const { request, items } = await requireBundleable(tx, acting, requestId);
  if (fingerprint(items) !== prepared.fingerprint)
    throw conflict("The decisions changed while the bundle was being built: produce it again.");
  const stored = await store.put(prepared.zip);
  const [bundle] = await tx
    .insert(dataSubjectBundles)
    .values({
      requestId,
      organisationId: request.organisationId,
      storageKey: stored.storageKey,
      sha256: stored.sha256,
      byteSize: stored.byteSize,
      itemCount: prepared.items,
      producedBy: acting.viewer.id,
    })
    .returning({ id: dataSubjectBundles.id });
  if (!bundle) throw new Error("bundle insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.bundle_released",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: {
      bundleId: bundle.id,
      sha256: stored.sha256,
      items: prepared.items,
      ...prepared.counts,
      documents: prepared.documents,
    },
  });
  return { bundleId: bundle.id };
}

/** Builds and releases a bundle: `prepareBundle`, then `releaseBundle` in a transaction of its own. */
export async function produceBundle(
  asOfficer: AsOfficer,
  store: DocumentStore,
  requestId: string,
): Promise<{ bundleId: string }> {
  const prepared = await prepareBundle(asOfficer, store, requestId);
  return asOfficer((tx, acting) => releaseBundle(tx, acting, store, requestId, prepared));
}
