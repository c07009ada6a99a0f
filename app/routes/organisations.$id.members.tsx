import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "react-router";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { ROLES, rolesForScope } from "~/access/catalogue";
import { servicesContext } from "~/context.server";
import { forbidden } from "~/errors/app-error";
import { AddMemberSchema, EndMembershipSchema } from "~/organisations/membership-schemas";
import { addMember, listMembers, setMembershipEnd } from "~/organisations/memberships.server";
import { getOrganisation } from "~/organisations/organisations.server";
import { canManageMembers } from "~/organisations/policies";
import { formAction, requireIds } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput, ErrorSummary, SelectField, TextField } from "~/ui/forms";
import type { Route } from "./+types/organisations.$id.members";

export const middleware: Route.MiddlewareFunction[] = [
  access(requires("manage:membership:any", "manage:membership:own")),
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { id } = requireIds(params, ["id"]);
  return asViewer(context, async (tx, acting) => {
    const organisation = await getOrganisation(tx, id);
    if (!canManageMembers(acting.viewer, organisation.id))
      throw forbidden("You cannot manage this organisation's members.");
    const members = await listMembers(tx, acting, organisation.id);
    return {
      organisation: {
        id: organisation.id,
        name: organisation.name,
        closed: organisation.status === "closed",
      },
      roles: rolesForScope(organisation.kind).map((key) => ({
        value: key,
        label: ROLES[key].label,
      })),
      members: members.map((m) => ({ ...m, role: ROLES[m.roleKey].label })),
    };
  });
}

// The invitation is e-mailed once the membership has committed.
export const action = formAction({
  ids: ["id"],
  intents: (intent) => ({
    add: intent({
      schema: AddMemberSchema,
      run: async (input, { tx, acting, ids, args, afterCommit }) => {
        const { mailer, config } = args.context.get(servicesContext);
        const added = await addMember(tx, acting, mailer, {
          ...input,
          organisationId: ids.id,
          publicUrl: config.publicUrl,
        });
        afterCommit([added.deliver]);
        return added.invited;
      },
      done: (invited, ids) => `/organisations/${ids.id}?member=${invited ? "invited" : "added"}`,
    }),
    end: intent({
      schema: EndMembershipSchema,
      run: ({ membershipId, endsOn }, { tx, acting }) =>
        setMembershipEnd(tx, acting, { membershipId, endsOn: endsOn ?? null }),
      done: (_, ids) => `/organisations/${ids.id}/members?ended=1`,
    }),
  }),
});

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation, roles, members } = loaderData;
  const [searchParams] = useSearchParams();
  const endErrors = Object.values(resultFor(actionData, "end")?.error ?? {}).flat();
  const [form, fields] = useForm({
    id: "add-member",
    lastResult: resultFor(actionData, "add"),
    constraint: getZodConstraint(AddMemberSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddMemberSchema }),
  });
  return (
    <>
      <title>{`Members of ${organisation.name} – Clearname`}</title>
      {searchParams.get("ended") && !actionData ? (
        <div className="notice" role="status">
          <p>End date saved.</p>
        </div>
      ) : null}
      <p className="caption">{organisation.name}</p>
      <h1>Members</h1>
      {endErrors.length > 0 ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>{endErrors[0]}</p>
        </div>
      ) : null}
      {organisation.closed ? (
        <p>This project is closed: nobody can be added to it.</p>
      ) : (
        <section aria-labelledby="add-heading" className="narrow">
          <h2 id="add-heading">Add someone</h2>
          <p>Someone new gets an e-mail inviting them to choose a password.</p>
          <ErrorSummary
            form={form}
            fields={{
              email: fields.email,
              name: fields.name,
              roleKey: fields.roleKey,
              endsOn: fields.endsOn,
            }}
          />
          <Form method="post" {...getFormProps(form)}>
            <CsrfInput />
            <input type="hidden" name="intent" value="add" />
            <TextField field={fields.email} label="E-mail address" type="email" />
            <TextField
              field={fields.name}
              label="Full name"
              hint="Needed only for someone who has no account yet"
            />
            <SelectField field={fields.roleKey} label="Role" options={roles} />
            <TextField
              field={fields.endsOn}
              label="Access ends on (optional)"
              hint="For students, the end of the academic year. Access stops on this date without anyone acting."
              type="date"
              width="medium"
            />
            <button type="submit" className="button">
              Add member
            </button>
          </Form>
        </section>
      )}
      <h2>Current and past members</h2>
      <table className="table">
        <caption className="visually-hidden">Members of {organisation.name}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Access</th>
            <th scope="col">End access</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.membershipId}>
              <td>
                {m.name}
                <br />
                <span className="hint">{m.email}</span>
              </td>
              <td>{m.role}</td>
              <td>
                {m.active ? (m.endsOn ? `Until ${m.endsOn}` : "Active") : `Ended ${m.endsOn ?? ""}`}
              </td>
              <td>
                {m.active ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="end" />
                    <input type="hidden" name="membershipId" value={m.membershipId} />
                    <label htmlFor={`ends-${m.membershipId}`} className="visually-hidden">
                      Access of {m.name} as {m.role} ends on (leave empty for no end date)
                    </label>
                    <input
                      id={`ends-${m.membershipId}`}
                      name="endsOn"
                      type="date"
                      className="input input-medium"
                      defaultValue={m.endsOn ?? ""}
                    />
                    <button type="submit" className="button button-secondary">
                      Set end date<span className="visually-hidden"> for {m.name}</span>
                    </button>
                  </Form>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to={`/organisations/${organisation.id}`}>Back to {organisation.name}</Link>
      </p>
    </>
  );
}
