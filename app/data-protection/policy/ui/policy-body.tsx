import type { PolicyContent } from "../policy-text";

/** The document's sections, with headings at the level the page needs. */
export function PolicyBody({ policy, level }: { policy: PolicyContent; level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <>
      {policy.sections.map((s) => (
        <section key={s.heading}>
          <Heading>{s.heading}</Heading>
          {s.body.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      ))}
    </>
  );
}
