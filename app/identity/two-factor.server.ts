import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { type Actor, recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { users } from "~/db/schema";
import { decrypt, encrypt } from "./crypto.server";

function totp(base32: string, label = "Clearname"): TOTP {
  return new TOTP({
    issuer: "Clearname",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(base32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function currentTotpCode(base32: string): string {
  return totp(base32).generate();
}

/**
 * The 30-second step of the code if it is valid, or null. Accepts the current code and the
 * one either side of it, for clock drift. The caller refuses a step already used.
 */
export function totpStep(sealedSecret: string, appSecret: string, code: string): number | null {
  const base32 = decrypt(sealedSecret, appSecret);
  const delta = totp(base32).validate({ token: code.trim(), window: 1 });
  return delta === null ? null : Math.floor(Date.now() / 30_000) + delta;
}

export function verifyTotp(sealedSecret: string, appSecret: string, code: string): boolean {
  return totpStep(sealedSecret, appSecret, code) !== null;
}

export function verifyPlainTotp(base32: string, code: string): boolean {
  return totp(base32).validate({ token: code.trim(), window: 1 }) !== null;
}

/** What the enrolment page shows: a QR code to scan and the key to type in by hand. */
export async function enrolmentDetails(
  base32: string,
  email: string,
): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = totp(base32, email).toString();
  const qrDataUrl = await QRCode.toDataURL(uri, { margin: 1, width: 200 });
  return { uri, qrDataUrl };
}

export async function enableTwoFactor(
  tx: Queryable,
  actor: Actor & { userId: string },
  input: { base32: string; appSecret: string },
): Promise<void> {
  await tx
    .update(users)
    .set({
      totpSecret: encrypt(input.base32, input.appSecret),
      totpEnabledAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(users.id, actor.userId));
  await recordAuditEvent(tx, actor, {
    action: "auth.two_factor_enabled",
    entityType: "user",
    entityId: actor.userId,
    subjectId: null,
  });
}

export async function disableTwoFactor(
  tx: Queryable,
  actor: Actor & { userId: string },
): Promise<void> {
  await tx
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, updatedAt: new Date() })
    .where(eq(users.id, actor.userId));
  await recordAuditEvent(tx, actor, {
    action: "auth.two_factor_disabled",
    entityType: "user",
    entityId: actor.userId,
  });
}
