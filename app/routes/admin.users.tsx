import { Form, Link } from "react-router";
import { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ROLES } from "~/access/catalogue";
import { listUsers, setUserDisabled } from "~/identity/users.server";
import { IdSchema } from "~/shared/ids";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/admin.users";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:user:any"))];

export async function loader({ context }: Route.LoaderArgs) {
  return asViewer(context, async (tx, acting) => ({
    users: (await listUsers(tx, acting)).map((u) => ({
      ...u,
      roles: u.roles.map((r) => ({ ...r, role: ROLES[r.roleKey].label })),
    })),
    me: acting.viewer.id,
  }));
}

const ToggleSchema = z.object({ userId: IdSchema, disabled: z.enum(["true", "false"]) });

export const action = formAction({
  intents: (intent) => ({
    toggle: intent({
      schema: ToggleSchema,
      run: ({ userId, disabled }, { tx, acting }) =>
        setUserDisabled(tx, acting, userId, disabled === "true"),
      done: "/admin/users",
    }),
  }),
});

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const failed = resultFor(actionData, "toggle");
  // A refusal says why; a form that was not one of this page's says so.
  const error = failed ? (failed.error?.[""]?.[0] ?? "That request was not understood.") : null;
  return (
    <>
      <title>Users – Clearname</title>
      <h1>Users</h1>
      <p>
        To add someone, open their organisation from{" "}
        <Link to="/organisations">Network and projects</Link> and add them as a member: someone new
        is invited by e-mail.
      </p>
      {error ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <table className="table">
        <caption>{loaderData.users.length} users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Two-factor</th>
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.name}
                <br />
                <span className="hint">{u.email}</span>
              </td>
              <td>
                <ul className="plain-list">
                  {u.roles.map((r) => (
                    <li key={`${r.organisationName}-${r.roleKey}`}>
                      {r.role}, {r.organisationName}
                      {r.active ? (r.endsOn ? ` (until ${r.endsOn})` : "") : " (ended)"}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{u.twoFactor ? "On" : "Off"}</td>
              <td>
                {u.disabled ? "Disabled" : u.hasPassword ? "Active" : "Invited"}
                {u.id !== loaderData.me ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                    <button type="submit" className="button button-secondary">
                      {u.disabled ? "Enable" : "Disable"}
                      <span className="visually-hidden"> {u.name}</span>
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
