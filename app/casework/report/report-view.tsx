import { type CaseReportContent, formatDuration } from "./report-content";

/**
 * The annual case report as a page: the same content, in the same order, as its PDF, under the
 * page's own first-level heading.
 */
export function ReportView({ content }: { content: CaseReportContent }) {
  const { case: c, lines, work, nextSteps } = content;
  return (
    <div className="case-report">
      <section aria-labelledby="report-stage">
        <h2 id="report-stage">Stage and outcome</h2>
        <dl className="summary-list">
          <div>
            <dt>Applicant</dt>
            <dd>{c.applicantName}</dd>
          </div>
          <div>
            <dt>Project</dt>
            <dd>{c.projectName}</dd>
          </div>
          <div>
            <dt>Accepted by the project</dt>
            <dd>{c.acceptedOn}</dd>
          </div>
          <div>
            <dt>Stage</dt>
            <dd>{c.stageLabel}</dd>
          </div>
          <div>
            <dt>Outcome</dt>
            <dd>{c.outcomeLabel ?? "Not concluded"}</dd>
          </div>
          {c.outcomeReason ? (
            <div>
              <dt>Reasons</dt>
              <dd className="pre-line">{c.outcomeReason}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="report-lines">
        <h2 id="report-lines">Lines of investigation</h2>
        {lines.length === 0 ? (
          <p>No lines of investigation are recorded.</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Lines of investigation</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot has no ids
                  <tr key={i}>
                    <th scope="row">{l.description}</th>
                    <td>{l.category}</td>
                    <td>{l.statusLabel}</td>
                    <td>
                      {l.resultLabel ?? "No result yet"}
                      {l.resultReason ? `: ${l.resultReason}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="report-work">
        <h2 id="report-work">Work in the period</h2>
        <h3>Time logged</h3>
        <p>Total: {formatDuration(work.time.totalMinutes)}.</p>
        {work.time.byPerson.length > 0 ? (
          <table className="table">
            <caption className="visually-hidden">Time logged by person</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {work.time.byPerson.map((p) => (
                <tr key={p.name}>
                  <th scope="row">{p.name}</th>
                  <td>{formatDuration(p.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}

        <h3>Case reviews</h3>
        {work.reviews.length === 0 ? (
          <p>No case review was held in the period.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Case reviews held in the period</caption>
            <thead>
              <tr>
                <th scope="col">Held on</th>
                <th scope="col">Decisions</th>
              </tr>
            </thead>
            <tbody>
              {work.reviews.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot has no ids
                <tr key={i}>
                  <th scope="row">{r.heldOn}</th>
                  <td className="pre-line">{r.decisions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h3>Papers</h3>
        {work.papers.obtained.length === 0 ? (
          <p>No papers were obtained in the period.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Papers obtained in the period</caption>
            <thead>
              <tr>
                <th scope="col">Obtained on</th>
                <th scope="col">Papers</th>
              </tr>
            </thead>
            <tbody>
              {work.papers.obtained.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot has no ids
                <tr key={i}>
                  <th scope="row">{p.on}</th>
                  <td>{p.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {work.papers.requested.length === 0 ? (
          <p>No papers were requested in the period.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Papers requested in the period</caption>
            <thead>
              <tr>
                <th scope="col">Requested on</th>
                <th scope="col">Papers</th>
                <th scope="col">From</th>
                <th scope="col">Reply</th>
              </tr>
            </thead>
            <tbody>
              {work.papers.requested.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot has no ids
                <tr key={i}>
                  <th scope="row">{p.on}</th>
                  <td>{p.what}</td>
                  <td>{p.from}</td>
                  <td>{p.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h3>Documents</h3>
        <p>Documents added to the file: {work.documentsAdded}.</p>

        <h3>Stage steps</h3>
        {work.stageSteps.length === 0 ? (
          <p>No stage step was recorded in the period.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Stage steps recorded in the period</caption>
            <thead>
              <tr>
                <th scope="col">On</th>
                <th scope="col">Step</th>
              </tr>
            </thead>
            <tbody>
              {work.stageSteps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot has no ids
                <tr key={i}>
                  <th scope="row">{s.on}</th>
                  <td className="pre-line">{[s.label, s.note].filter(Boolean).join("\n")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="report-next">
        <h2 id="report-next">Next steps</h2>
        <h3>Open lines of investigation</h3>
        {nextSteps.openLines.length === 0 ? (
          <p>No line of investigation is open.</p>
        ) : (
          <ul>
            {nextSteps.openLines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot has no ids
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
        <h3>Coming deadlines</h3>
        {nextSteps.deadlines.length === 0 ? (
          <p>No deadline is coming.</p>
        ) : (
          <ul>
            {nextSteps.deadlines.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the snapshot has no ids
              <li key={i}>
                {d.on}: {d.what}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
