import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "react-router";
import type { z } from "zod";
import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { backToLists } from "~/eligibility/admin/list-pages";
import {
  type ListEntry,
  listAssessmentLists,
  moveListEntry,
  setEligibleRequiresReview,
  setListEntryActive,
} from "~/eligibility/admin/manage-assessment-lists.server";
import {
  EntryActionSchema,
  LIST_NAMES,
  LISTS,
  type ListName,
  ReviewSettingSchema,
} from "~/eligibility/admin/schemas";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction, type ViewerRun } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { ChoiceField, CsrfInput, ErrorSummary } from "~/ui/forms";
import { TableScroll } from "~/ui/table-scroll";
import type { Route } from "./+types/assessment-lists";

export const middleware: Route.MiddlewareFunction[] = [access(requires("manage:settings:any"))];

const DONE: Record<string, string> = {
  added: "has been added",
  saved: "has been saved",
  unchanged: "had not changed",
  deactivated: "has been deactivated: assessors no longer see it offered",
  reactivated: "has been reactivated",
  moved: "has been moved",
};

export async function loader({ request, context }: Route.LoaderArgs) {
  const q = normaliseSearchParams(new URL(request.url).searchParams);
  const found = await asViewer(context, (tx) => listAssessmentLists(tx));
  const list = q.get("list");
  const entry = LIST_NAMES.includes(list as ListName)
    ? found.lists[list as ListName].find((e) => e.key === q.get("key"))
    : undefined;
  const done = q.get("done") ?? "";
  const notice =
    done === "setting"
      ? "The second-review setting has been saved."
      : done === "setting-unchanged"
        ? "The second-review setting had not changed."
        : entry && DONE[done]
          ? `“${entry.label}” ${DONE[done]}.`
          : null;
  return { ...found, notice };
}

/** One entry's button: which list, which entry. */
const EntrySchema = EntryActionSchema.omit({ intent: true });

type EntryButtonIntent = "deactivate" | "reactivate" | "up" | "down";
const ENTRY_BUTTONS: EntryButtonIntent[] = ["deactivate", "reactivate", "up", "down"];

/** What each button beside an entry does; it goes back to the entry on the lists page. */
const entryButton =
  (action: EntryButtonIntent) =>
  async ({ list, key }: z.output<typeof EntrySchema>, { tx, acting }: ViewerRun<never>) => {
    const { changed } =
      action === "deactivate" || action === "reactivate"
        ? await setListEntryActive(tx, acting, list, key, action === "reactivate")
        : await moveListEntry(tx, acting, list, key, action);
    const done =
      action === "up" || action === "down" ? "moved" : changed ? `${action}d` : "unchanged";
    return backToLists(done, list, key);
  };

export const action = formAction({
  intents: (intent) => ({
    "review-setting": intent({
      schema: ReviewSettingSchema,
      run: ({ eligibleRequiresReview }, { tx, acting }) =>
        setEligibleRequiresReview(tx, acting, eligibleRequiresReview),
      done: ({ changed }) =>
        `/admin/assessment-lists?done=${changed ? "setting" : "setting-unchanged"}`,
    }),
    ...Object.fromEntries(
      ENTRY_BUTTONS.map((action) => [
        action,
        intent({ schema: EntrySchema, run: entryButton(action), done: (back) => back }),
      ]),
    ),
  }),
});

function EntryButton({
  list,
  entry,
  intent,
  children,
}: {
  list: ListName;
  entry: ListEntry;
  intent: "deactivate" | "reactivate" | "up" | "down";
  children: React.ReactNode;
}) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="list" value={list} />
      <input type="hidden" name="key" value={entry.key} />
      <button type="submit" className="link-button">
        {children}
        <span className="visually-hidden">: {entry.label}</span>
      </button>
    </Form>
  );
}

function ListSection({ list, entries }: { list: ListName; entries: ListEntry[] }) {
  const meta = LISTS[list];
  return (
    <section aria-labelledby={`${list}-heading`} id={list}>
      <h2 id={`${list}-heading`}>{meta.title}</h2>
      <p>{meta.hint}</p>
      <p>
        <Link to={`/admin/assessment-lists/${list}/new`} className="button button-secondary">
          Add {meta.aSingular}
        </Link>
      </p>
      <TableScroll label={meta.title}>
        <table className="table">
          <caption className="visually-hidden">
            {meta.title}, in the order assessors see them
          </caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Key</th>
              {list === "ineligibility-reasons" ? <th scope="col">Second review</th> : null}
              <th scope="col">Status</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={e.key}>
                <th scope="row">
                  {e.label}
                  {e.description ? (
                    <>
                      <br />
                      <span className="hint">{e.description}</span>
                    </>
                  ) : null}
                </th>
                <td>
                  <code>{e.key}</code>
                </td>
                {list === "ineligibility-reasons" ? (
                  <td>{e.requiresReview ? "Required" : "Not required"}</td>
                ) : null}
                <td>
                  {e.active ? (
                    <span className="tag tag-active">Active</span>
                  ) : (
                    <span className="tag tag-closed">Deactivated</span>
                  )}
                </td>
                <td>
                  <ul className="plain-list entry-actions">
                    <li>
                      <Link to={`/admin/assessment-lists/${list}/${encodeURIComponent(e.key)}`}>
                        Edit<span className="visually-hidden">: {e.label}</span>
                      </Link>
                    </li>
                    {i > 0 ? (
                      <li>
                        <EntryButton list={list} entry={e} intent="up">
                          Move up
                        </EntryButton>
                      </li>
                    ) : null}
                    {i < entries.length - 1 ? (
                      <li>
                        <EntryButton list={list} entry={e} intent="down">
                          Move down
                        </EntryButton>
                      </li>
                    ) : null}
                    <li>
                      <EntryButton
                        list={list}
                        entry={e}
                        intent={e.active ? "deactivate" : "reactivate"}
                      >
                        {e.active ? "Deactivate" : "Reactivate"}
                      </EntryButton>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export default function AssessmentLists({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "review-setting",
    lastResult: resultFor(actionData, "review-setting"),
    defaultValue: { eligibleRequiresReview: loaderData.eligibleRequiresReview ? "yes" : "no" },
    constraint: getZodConstraint(ReviewSettingSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSettingSchema }),
  });
  return (
    <>
      <title>Assessment lists – Clearname</title>
      <p>
        <Link to="/admin/settings">Network settings</Link>
      </p>
      <h1>Assessment lists</h1>
      <p>
        The lists assessors choose from. An entry is never deleted, because assessments and letters
        refer to it: deactivate it and assessors are no longer offered it.
      </p>
      {ENTRY_BUTTONS.some((b) => resultFor(actionData, b)) ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>That change is not possible: reload the page and try again.</p>
        </div>
      ) : null}
      {loaderData.notice ? (
        <div className="notice" role="status">
          <p>{loaderData.notice}</p>
        </div>
      ) : null}
      <section aria-labelledby="review-heading" className="narrow">
        <h2 id="review-heading">Second review</h2>
        <p>
          An ineligible recommendation goes to a second reviewer when any of its reasons says so
          (below). Eligible recommendations can be reviewed too.
        </p>
        <ErrorSummary
          form={form}
          fields={{ eligibleRequiresReview: fields.eligibleRequiresReview }}
        />
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="review-setting" />
          <ChoiceField
            field={fields.eligibleRequiresReview}
            label="Do eligible recommendations need a second review?"
            type="radio"
            options={[
              { value: "yes", label: "Yes, another assessor must agree" },
              { value: "no", label: "No, the decision can be recorded straight away" },
            ]}
          />
          <button type="submit" className="button">
            Save
          </button>
        </Form>
      </section>
      {LIST_NAMES.map((list) => (
        <ListSection key={list} list={list} entries={loaderData.lists[list]} />
      ))}
    </>
  );
}
