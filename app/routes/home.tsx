import { Link } from "react-router";
import { PUBLIC } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ROLES } from "~/access/catalogue";
import { can } from "~/access/viewer";
import {
  type NoteAwaitingSignOff,
  notesAwaitingSignOff,
} from "~/casework/notes/awaiting-sign-off.server";
import { myDeadlines } from "~/casework/overview/deadlines.server";
import { sessionContext } from "~/context.server";
import { today } from "~/shared/dates";
import type { Route } from "./+types/home";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader({ context }: Route.LoaderArgs) {
  const session = context.get(sessionContext);
  const none: { notes: NoteAwaitingSignOff[]; total: number } = { notes: [], total: 0 };
  if (session.state !== "active") return { viewer: null, deadlines: [], awaiting: none };
  const v = session.viewer;
  // Casework: the coming deadlines of the cases the user sees (only for those who work cases),
  // and, for leads, the notes waiting for their sign-off.
  const { deadlines, awaiting } = v.memberships.some((m) =>
    can(v, "view:case:own", m.organisationId),
  )
    ? await asViewer(context, async (tx, acting) => ({
        deadlines: await myDeadlines(tx, acting, today()),
        awaiting: can(v, "manage:case:own") ? await notesAwaitingSignOff(tx, acting) : none,
      }))
    : { deadlines: [], awaiting: none };
  return {
    deadlines,
    awaiting,
    viewer: {
      name: v.name,
      memberships: v.memberships.map((m) => ({
        organisationId: m.organisationId,
        organisationName: m.organisationName,
        role: ROLES[m.roleKey].label,
        description: ROLES[m.roleKey].description,
        endsOn: m.endsOn,
      })),
    },
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { viewer, deadlines, awaiting } = loaderData;
  if (!viewer) {
    return (
      <>
        <title>Clearname</title>
        <h1>Clearname</h1>
        <p className="lead">
          The case system of an innocence network and its member projects: applications,
          eligibility, referral and casework, with the access, audit and retention that
          criminal-offence data needs.
        </p>
        <p>If you, or someone you know, was wrongly convicted, you can ask us for help.</p>
        <p>
          <Link to="/apply" className="button">
            Apply for help
          </Link>
        </p>
        <p>
          <Link to="/sign-in" className="button">
            Staff sign in
          </Link>
        </p>
        <p>
          <Link to="/projects">The network's member projects</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <title>Home – Clearname</title>
      <h1>Welcome, {viewer.name}</h1>
      {viewer.memberships.length === 0 ? (
        <p>You have no active role in any organisation. Ask your administrator to give you one.</p>
      ) : (
        <>
          {deadlines.length > 0 ? (
            <section aria-labelledby="deadlines-heading">
              <h2 id="deadlines-heading">Your deadlines</h2>
              <ul className="plain-list">
                {deadlines.map((d) => (
                  <li key={`${d.caseId}-${d.on}-${d.what}`}>
                    <strong>{d.on}</strong>: <Link to={`/cases/${d.caseId}`}>{d.reference}</Link> —{" "}
                    {d.what}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {awaiting.notes.length > 0 ? (
            <section aria-labelledby="awaiting-heading">
              <h2 id="awaiting-heading">Notes awaiting your sign-off</h2>
              {awaiting.total > awaiting.notes.length ? (
                <p className="hint">
                  The {awaiting.notes.length} that have waited longest of {awaiting.total}.
                </p>
              ) : null}
              <ul className="plain-list">
                {awaiting.notes.map((n) => (
                  <li key={n.noteId}>
                    <Link to={`/cases/${n.caseId}/notes#note-${n.noteId}`}>{n.reference}</Link>:{" "}
                    {n.authorName}, {n.writtenAt.slice(0, 10)} — {n.excerpt}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <h2>Your roles</h2>
          <ul className="card-list">
            {viewer.memberships.map((m) => (
              <li key={`${m.organisationId}-${m.role}`} className="card">
                <h3>
                  <Link to={`/organisations/${m.organisationId}`}>{m.organisationName}</Link>
                </h3>
                <p>
                  <strong>{m.role}</strong> — {m.description}
                </p>
                {m.endsOn ? <p className="hint">Your access ends on {m.endsOn}.</p> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
