import { Form, Link } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { EVIDENCE_KIND_LABELS } from "~/casework/evidence/evidence-schemas";
import { MAX_QUERY_LENGTH, splitSnippet } from "~/casework/search/highlight";
import {
  type HitKind,
  type SearchHit,
  searchCasework,
} from "~/casework/search/search-casework.server";
import { normaliseSearchParams } from "~/shared/normalise-input";
import type { Route } from "./+types/search";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:case:own"))];

export async function loader({ request, context }: Route.LoaderArgs) {
  // Normalised like typed form input: a NUL byte or a pasted control character is removed,
  // never sent to the database, and an over-long query is cut to what the search reads.
  const q = normaliseSearchParams(new URL(request.url).searchParams).get("q") ?? "";
  if (!q.trim()) return { query: "", total: 0, cases: [], truncated: false, searched: false };
  const found = await asViewer(context, (tx, acting) => searchCasework(tx, acting, q));
  return { ...found, searched: true };
}

const KIND_LABELS: Record<HitKind, string> = {
  document: "Document",
  note: "Note",
  evidence: "Evidence",
  chronology: "Chronology",
};

const SECTION: Record<HitKind, string> = {
  document: "documents",
  note: "notes",
  evidence: "evidence",
  chronology: "chronology",
};

function hitTitle(hit: SearchHit): string {
  if (hit.kind === "evidence")
    return EVIDENCE_KIND_LABELS[hit.title as keyof typeof EVIDENCE_KIND_LABELS] ?? hit.title;
  return hit.title;
}

/** The snippet as text with its hits in <mark>: React escapes every part, nothing is injected. */
function Snippet({ text }: { text: string }) {
  return (
    <p className="search-snippet">
      {splitSnippet(text).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
        part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </p>
  );
}

export default function Search({ loaderData }: Route.ComponentProps) {
  const { query, total, cases, truncated, searched } = loaderData;
  return (
    <>
      <title>{query ? `Search: ${query} – Clearname` : "Search case files – Clearname"}</title>
      <h1>Search case files</h1>
      <Form method="get" role="search" className="search-form narrow">
        <div className="field">
          <label htmlFor="q" className="label">
            Words or a phrase
          </label>
          <p id="q-hint" className="hint">
            Searches the notes, documents' text, evidence and chronology of the cases you work on.
            Put a phrase in quotes; use - before a word to leave it out.
          </p>
          <input
            id="q"
            name="q"
            type="search"
            className="input"
            defaultValue={query}
            maxLength={MAX_QUERY_LENGTH}
            aria-describedby="q-hint"
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {searched ? (
        <section aria-labelledby="results-heading">
          <div role="status">
            <h2 id="results-heading">
              {total === 0
                ? `Nothing found for “${query}”`
                : `${total}${truncated ? "+" : ""} ${total === 1 ? "result" : "results"} in ${cases.length} ${cases.length === 1 ? "case" : "cases"}`}
            </h2>
          </div>
          {truncated ? (
            <p>Only the best matches are shown: add words to narrow the search.</p>
          ) : null}
          {cases.map((c) => (
            <section key={c.caseId} aria-labelledby={`case-${c.caseId}`} className="search-case">
              <h3 id={`case-${c.caseId}`}>
                <Link to={`/cases/${c.caseId}`}>{c.reference}</Link>
              </h3>
              <ul className="plain-list search-hits">
                {c.hits.map((h) => (
                  <li key={`${h.kind}-${h.id}`}>
                    <p className="caption">
                      {KIND_LABELS[h.kind]}:{" "}
                      {h.kind === "document" ? (
                        <a href={`/cases/${c.caseId}/documents/${h.id}`} download>
                          {hitTitle(h)}
                        </a>
                      ) : (
                        <Link to={`/cases/${c.caseId}/${SECTION[h.kind]}`}>{hitTitle(h)}</Link>
                      )}
                    </p>
                    <Snippet text={h.snippet} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ) : null}
    </>
  );
}
