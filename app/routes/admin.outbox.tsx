import { requires } from "~/access/access";
import { access, asViewer } from "~/access/access.server";
import { servicesContext } from "~/context.server";
import { listOutbox } from "~/mail/list-outbox.server";
import { WITHHELD_LINK } from "~/shared/link-secrets";
import type { Route } from "./+types/admin.outbox";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:outbox:any"))];

export async function loader({ context }: Route.LoaderArgs) {
  const { mailer } = context.get(servicesContext);
  const emails = await asViewer(context, (tx, acting) => listOutbox(tx, acting));
  return {
    transport: mailer.transport,
    emails: emails.map((e) => ({
      ...e,
      createdAt: e.createdAt.toISOString(),
      sentAt: e.sentAt?.toISOString() ?? null,
    })),
  };
}

const STATUS = { outbox: "Waiting in the outbox", sent: "Sent", failed: "Failed" } as const;

export default function Outbox({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <title>Outbox – Clearname</title>
      <h1>Outbox</h1>
      <p>
        {loaderData.transport === "smtp"
          ? "E-mails are sent over SMTP; this is the record of them."
          : "No SMTP server is configured (SMTP_URL), so e-mails wait here to be read."}
      </p>
      <p>
        Links that let someone choose a password are sent to their recipient only: here they read “
        {WITHHELD_LINK}”.
        {loaderData.transport === "smtp"
          ? ""
          : " Without an SMTP server nobody receives them, so password resets and invitations need SMTP_URL."}
      </p>
      {loaderData.emails.length === 0 ? <p>No e-mails yet.</p> : null}
      {loaderData.emails.map((e) => (
        <article key={e.id} className="email">
          <h2>{e.subject}</h2>
          <p className="hint">
            To {e.toAddress} · {e.createdAt.replace("T", " ").slice(0, 19)} UTC · {STATUS[e.status]}
            {e.error ? ` (${e.error})` : ""}
          </p>
          <pre className="email-body">{e.textBody}</pre>
        </article>
      ))}
    </>
  );
}
