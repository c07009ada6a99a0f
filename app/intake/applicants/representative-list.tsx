import { AUTHORISATIONS, RELATIONSHIPS } from "./schemas";

export interface RepresentativeSummary {
  id: string;
  name: string;
  relationship: keyof typeof RELATIONSHIPS;
  authorisedToReceive: keyof typeof AUTHORISATIONS;
  address: string | null;
  email: string | null;
  phone: string | null;
  madeThis: boolean;
}

/** How to reach a representative, in words: by post, by e-mail, by phone. */
export function contactText(r: Pick<RepresentativeSummary, "address" | "email" | "phone">) {
  return (
    [
      r.address ? `by post to ${r.address.replace(/\s*\n\s*/g, ", ")}` : null,
      r.email ? `by e-mail to ${r.email}` : null,
      r.phone ? `by phone on ${r.phone}` : null,
    ]
      .filter(Boolean)
      .join("; ") || "no contact details"
  );
}

/** The applicant's representatives on the application page, the one who made it first. */
export function RepresentativeList({
  representatives,
}: {
  representatives: readonly RepresentativeSummary[];
}) {
  if (representatives.length === 0) return <>None</>;
  return (
    <ul>
      {representatives.map((r) => (
        <li key={r.id}>
          <strong>{r.name}</strong> ({RELATIONSHIPS[r.relationship].toLowerCase()})
          {r.madeThis ? ", who made this application online" : ""}. May receive:{" "}
          {AUTHORISATIONS[r.authorisedToReceive].toLowerCase()}. Contact {contactText(r)}.
        </li>
      ))}
    </ul>
  );
}
