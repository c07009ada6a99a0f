import { Link, useSearchParams } from "react-router";
import { SIGNED_IN } from "~/access/access";
import { access, requireViewer } from "~/access/access.server";
import { ROLES } from "~/access/catalogue";
import { mustUseTwoFactor } from "~/access/viewer";
import type { Route } from "./+types/account";

export const middleware: Route.MiddlewareFunction[] = [access(SIGNED_IN)];

export function loader({ context }: Route.LoaderArgs) {
  const viewer = requireViewer(context);
  return {
    name: viewer.name,
    email: viewer.email,
    twoFactorEnabled: viewer.twoFactorEnabled,
    twoFactorRequired: mustUseTwoFactor(viewer),
    roles: viewer.memberships.map((m) => ({
      key: `${m.organisationId}-${m.roleKey}`,
      organisation: m.organisationName,
      role: ROLES[m.roleKey].label,
      endsOn: m.endsOn,
    })),
  };
}

export default function Account({ loaderData: a }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  // Where the password and two-factor pages send people back: say what has happened.
  const notice = searchParams.get("passwordChanged")
    ? "Your password has been changed. Your other devices have been signed out."
    : searchParams.get("twoFactor") === "on"
      ? "Two-factor sign-in is on."
      : searchParams.get("twoFactor") === "off"
        ? "Two-factor sign-in is off."
        : null;
  return (
    <>
      <title>Your account – Clearname</title>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <h1>Your account</h1>
      <dl className="summary-list">
        <div>
          <dt>Name</dt>
          <dd>{a.name}</dd>
        </div>
        <div>
          <dt>E-mail address</dt>
          <dd>{a.email}</dd>
        </div>
        <div>
          <dt>Password</dt>
          <dd>
            <Link to="/account/password">Change your password</Link>
          </dd>
        </div>
        <div>
          <dt>Two-factor sign-in</dt>
          <dd>
            {a.twoFactorEnabled ? "On" : "Off"}
            {a.twoFactorRequired ? " (required for your role)" : ""} —{" "}
            <Link to="/account/two-factor">Manage two-factor sign-in</Link>
          </dd>
        </div>
      </dl>
      <h2>Your roles</h2>
      {a.roles.length === 0 ? (
        <p>You have no active role.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Your roles</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Role</th>
              <th scope="col">Access ends</th>
            </tr>
          </thead>
          <tbody>
            {a.roles.map((r) => (
              <tr key={r.key}>
                <td>{r.organisation}</td>
                <td>{r.role}</td>
                <td>{r.endsOn ?? "No end date"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
