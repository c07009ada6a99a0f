import { Form, Link, useSearchParams } from "react-router";
import { SIGNED_IN } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/referrals/notifications.server";
import { MarkAllReadSchema, MarkReadSchema } from "~/referrals/schemas";
import { normaliseSearchParams } from "~/shared/normalise-input";
import { formAction } from "~/ui/form-action.server";
import { resultFor } from "~/ui/form-result";
import { CsrfInput } from "~/ui/forms";
import type { Route } from "./+types/notifications";

export const middleware: Route.MiddlewareFunction[] = [access(SIGNED_IN)];

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = normaliseSearchParams(new URL(request.url).searchParams);
  const page = Number.parseInt(search.get("page") ?? "1", 10);
  return asViewer(context, (tx, acting) =>
    listNotifications(tx, acting, Number.isFinite(page) ? page : 1),
  );
}

/** Back to the page of the list the form was on (the first page needs no parameter). */
const backTo = (done: "all" | "one", page: string | undefined) =>
  `/notifications?done=${done}${page && /^\d{1,6}$/.test(page) && page !== "1" ? `&page=${page}` : ""}`;

export const action = formAction({
  intents: (intent) => ({
    read: intent({
      schema: MarkReadSchema,
      run: async ({ id, page }, { tx, acting }) => {
        await markNotificationRead(tx, acting, id);
        return page;
      },
      done: (page) => backTo("one", page),
    }),
    "read-all": intent({
      schema: MarkAllReadSchema,
      run: async ({ page }, { tx, acting }) => {
        await markAllNotificationsRead(tx, acting);
        return page;
      },
      done: (page) => backTo("all", page),
    }),
  }),
});

const when = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

export default function Notifications({ loaderData: n, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  // Only a form changed in the page (an id that is not one) fails: nothing was marked.
  const failed = resultFor(actionData, "read") ?? resultFor(actionData, "read-all");
  return (
    <>
      <title>Notifications – Clearname</title>
      {failed ? (
        <div className="error-summary" role="alert">
          <h2>There is a problem</h2>
          <p>The form was not recognised: reload the page.</p>
        </div>
      ) : null}
      {done ? (
        <div className="notice" role="status">
          <p>{done === "all" ? "All your notifications are marked as read." : "Marked as read."}</p>
        </div>
      ) : null}
      <h1>Notifications</h1>
      <p>
        {n.total === 0
          ? "You have no notifications."
          : `${n.unread} unread of ${n.total}. The newest come first.`}
      </p>
      {n.unread > 0 ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="read-all" />
          <input type="hidden" name="page" value={n.page} />
          <button type="submit" className="button button-secondary">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {n.items.length > 0 ? (
        <ul className="notification-list">
          {n.items.map((item) => (
            <li key={item.id} className={item.unread ? "notification unread" : "notification"}>
              <h2 className="notification-title">
                {item.unread ? <span className="tag tag-unread">Unread</span> : null}{" "}
                {item.link ? <Link to={item.link}>{item.title}</Link> : item.title}
              </h2>
              {item.body ? <p>{item.body}</p> : null}
              <p className="hint">
                <time dateTime={item.createdAt}>{when.format(new Date(item.createdAt))}</time>
              </p>
              {item.unread ? (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={item.id} />
                  <input type="hidden" name="page" value={n.page} />
                  <button type="submit" className="link-button">
                    Mark as read<span className="visually-hidden">: {item.title}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {n.pages > 1 ? (
        <nav aria-label="Pages of notifications" className="pagination">
          <ul className="plain-list">
            {n.page > 1 ? (
              <li>
                <Link to={`?page=${n.page - 1}`}>Newer notifications</Link>
              </li>
            ) : null}
            <li>
              Page {n.page} of {n.pages}
            </li>
            {n.page < n.pages ? (
              <li>
                <Link to={`?page=${n.page + 1}`}>Older notifications</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
