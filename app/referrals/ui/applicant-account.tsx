import { MultiLine } from "~/intake/entry/application-parts";
import { type ApplicantAccount, accountProvenance, accountSections } from "../applicant-account";

/**
 * The applicant's own account, section by section as the questionnaire asks it, in the
 * applicant's words (line breaks kept): the same on the offer and in the project's case file.
 */
export function AccountDetails({
  account,
  headingLevel = 3,
}: {
  account: ApplicantAccount | null;
  headingLevel?: 3 | 4;
}) {
  if (!account)
    return (
      <p>
        The network did not send the applicant's own account with this case: ask the network for it
        if the team needs it.
      </p>
    );
  const sections = accountSections(account);
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <>
      <p className="hint">{accountProvenance(account)}</p>
      {sections.length === 0 ? <p>The applicant answered none of the questions.</p> : null}
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`account-${s.key}`}>
          <Heading id={`account-${s.key}`}>{s.title}</Heading>
          <dl className="summary-list">
            {s.rows.map((r) => (
              <div key={r.label}>
                <dt>{r.label}</dt>
                <dd>
                  <MultiLine text={r.value} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
