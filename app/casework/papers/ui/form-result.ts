import type { SubmissionResult } from "@conform-to/react";
import { resultFor } from "~/ui/form-result";
import { PAPER_KIND_LABELS } from "../paper-schemas";
import type { PapersPage } from "../papers.server";

/** What the papers page's action answered for one of its forms, if it was that form (`resultFor`). */
export type FormResult = SubmissionResult<string[]> | undefined;

export type Paper = PapersPage["papers"][number];
export type PaperRequest = PapersPage["requests"][number];

/** The failure of one request's chase or reply form, if it came from that request's. */
export function resultForRequest(
  actionData: unknown,
  intent: "chase" | "reply",
  requestId: string,
): FormResult {
  const result = resultFor(actionData, intent);
  return result?.initialValue?.requestId === requestId ? result : undefined;
}

/** "Trial transcript: Summing up", as requests and the request form name papers. */
export function paperLabel(papers: Paper[], id: string): string {
  const p = papers.find((x) => x.id === id);
  return p ? `${PAPER_KIND_LABELS[p.kind]}${p.description ? `: ${p.description}` : ""}` : "";
}
