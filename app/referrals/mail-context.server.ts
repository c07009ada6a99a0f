import type { RouterContextProvider } from "react-router";
import { servicesContext } from "~/context.server";
import type { Context } from "./offers.server";

/** The mailer and the address that links in referral e-mails start with. */
export function mailContextOf(context: Readonly<RouterContextProvider>): Context {
  const { mailer, config } = context.get(servicesContext);
  return { mailer, publicUrl: config.publicUrl };
}
