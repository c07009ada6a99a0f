import { Link } from "react-router";
import { PUBLIC } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ROLES } from "~/access/catalogue";
import { can } from "~/access/viewer";
import { caseworkWork } from "~/casework/overview/waiting-work.server";
import { quietCasesWork } from "~/casework/quiet/quiet-cases.server";
import { sessionContext } from "~/context.server";
import { listOpenRequests } from "~/data-protection/requests/list-requests.server";
import { OpenRequestsPanel } from "~/data-protection/requests/ui/open-requests-panel";
import { assessorWork } from "~/eligibility/queue/waiting-work.server";
import { intakeWork } from "~/intake/queue/waiting-work.server";
import { coordinatorWork, offersWork } from "~/referrals/waiting-work.server";
import { today } from "~/shared/dates";
import { tasksWork } from "~/tasks/waiting-work.server";
import { WorkLists } from "~/ui/work-lists";
import type { Route } from "./+types/home";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export async function loader({ context }: Route.LoaderArgs) {
  const session = context.get(sessionContext);
  if (session.state !== "active") return { viewer: null, work: [], subjectRequests: null };
  const v = session.viewer;
  // What waits for the user, by the work their roles give them; each domain reads its own
  // and gives nothing to someone without the permission for it.
  const work = await asViewer(context, async (tx, acting) => {
    const day = today();
    return [
      await tasksWork(tx, acting, day),
      ...(await intakeWork(tx, acting, day)),
      ...(await assessorWork(tx, acting, day)),
      ...(await coordinatorWork(tx, acting, day)),
      ...(await offersWork(tx, acting)),
      ...(await caseworkWork(tx, acting, day)),
      ...(await quietCasesWork(tx, acting, day)),
    ];
  });
  // Data protection: the officer's open subject requests and when each is due.
  const subjectRequests = can(v, "protect:data:own")
    ? await asViewer(context, (tx, acting) => listOpenRequests(tx, acting))
    : null;
  return {
    subjectRequests,
    work,
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

/** The home page of someone not signed in: for people asking for help, and their families. */
function PublicHome() {
  return (
    <>
      <title>Clearname – help for people who say they were wrongly convicted</title>
      <h1>Help if you were wrongly convicted</h1>
      <p className="lead">
        We are a network of innocence projects. Students and volunteers, supervised by lawyers, look
        again at the cases of people who say they did not commit the crime they were convicted of.
      </p>
      <p>
        You can ask for help yourself, or a family member or friend can ask for you. It is free. We
        will write to say we have your application, and tell you what happens next.
      </p>
      <p>
        <Link to="/apply" className="button">
          Apply for help
        </Link>
      </p>
      <h2>Before you apply</h2>
      <ul>
        <li>We can only look at cases where the person has been convicted.</li>
        <li>
          Applying takes about 20 minutes. You can save your answers and come back to them later.
        </li>
        <li>If you are in prison, you can also write to us: ask the prison for our paper form.</li>
      </ul>
      <p>
        <Link to="/projects">The innocence projects in the network</Link>
      </p>
      <p className="hint">
        Working for the network or a project? <Link to="/sign-in">Staff sign in</Link>
      </p>
    </>
  );
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { viewer, work, subjectRequests } = loaderData;
  if (!viewer) return <PublicHome />;
  return (
    <>
      <title>Home – Clearname</title>
      <h1>Welcome, {viewer.name}</h1>
      {viewer.memberships.length === 0 ? (
        <p>You have no active role in any organisation. Ask your administrator to give you one.</p>
      ) : (
        <>
          <WorkLists lists={work} />
          {subjectRequests ? <OpenRequestsPanel requests={subjectRequests} /> : null}
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
