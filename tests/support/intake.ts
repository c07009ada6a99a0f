import { expect } from "vitest";
import { asUser, type Db } from "~/db/database.server";
import { AppError } from "~/errors/app-error";
import { ApplicantSchema } from "~/intake/applicant-schema";
import { startPostalApplication } from "~/intake/entry/start-postal-application.server";
import type { TestUser } from "./factories";

/** A postal application entered by `user`, as the first page of the entry form records it. */
export function enterApplication(
  db: Db,
  user: TestUser,
  fields: Record<string, string>,
  options: { reapplicationBy?: string | null; receivedOn?: string; consentSignedOn?: string } = {},
) {
  return asUser(db, user.id, (tx) =>
    startPostalApplication(tx, user.acting, {
      applicant: ApplicantSchema.parse(fields),
      reapplicationBy: options.reapplicationBy ?? null,
      channel: "post",
      receivedOn: options.receivedOn ?? "2026-11-02",
      consentSigned: Boolean(options.consentSignedOn),
      consentSignedOn: options.consentSignedOn,
    }),
  );
}

/** The domain error the promise is refused with (the test fails if it is not refused). */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
