import { randomBytes } from "node:crypto";
import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Acting } from "~/access/acting";
import { hitRateLimit, purgeThrottles } from "~/access/rate-limit.server";
import { createAppLoadContext } from "~/context.server";
import { asSystem, asUser, type Database, queryRows } from "~/db/database.server";
import { auditEvents, emailOutbox, throttles } from "~/db/schema";
import { AppError } from "~/errors/app-error";
import { verifyPassword } from "~/identity/passwords.server";
import { RESET_THROTTLE, requestPasswordReset } from "~/identity/passwords-flow.server";
import { completeSecondFactor, signIn, THROTTLE } from "~/identity/sign-in.server";
import { RATE_LIMITS, startDraft } from "~/intake/online/drafts.server";
import { createMailer, type Mailer } from "~/mail/mailer.server";
import { addMember, INVITATION_THROTTLE } from "~/organisations/memberships.server";
import { action as forgotPasswordAction } from "~/routes/forgot-password";
import type { Services } from "~/services";
import { expectRefused } from "../support/errors";
import { createOrganisation, createUser, TEST_PASSWORD } from "../support/factories";
import { createTestDatabase } from "../support/test-database";
import { createUserWithTotp } from "../support/two-factor";

// Every argon2 check a sign-in makes goes through verifyPassword: counting its calls counts
// the passwords actually evaluated.
vi.mock("~/identity/passwords.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/identity/passwords.server")>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});

const APP_SECRET = "test-secret-for-field-encryption-0123456789";
const PUBLIC_URL = "https://clearname.test";
const BURST = 30;

let database: Database;
let mailer: Mailer;
beforeAll(async () => {
  database = await createTestDatabase();
  mailer = createMailer({
    smtpUrl: undefined,
    from: "Clearname <test@clearname.test>",
    db: database.db,
  });
});
afterAll(async () => {
  await database?.close();
});
beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
});

const unique = () => randomBytes(4).toString("hex");
/** An address no other test uses, so that per-address counts never leak between tests. */
const freshIp = () => `10.${[...randomBytes(3)].join(".")}`;

/** Everything at once: the attempts race each other through the pool's connections. */
const burst = <T>(n: number, attempt: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => attempt(i)));

const countOf = <T>(items: T[], pick: (item: T) => boolean) => items.filter(pick).length;

/** The end of a window, without waiting for it: the counters' reset time is moved to the past. */
async function endWindows(keyPrefix: string) {
  await asSystem(database.db, (tx) =>
    tx
      .update(throttles)
      .set({ resetsAt: new Date(Date.now() - 1000) })
      .where(like(throttles.key, `${keyPrefix}%`)),
  );
}

async function audited(action: string, match: { email?: string; userId?: string }) {
  const rows = await database.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, action),
        match.userId
          ? eq(auditEvents.entityId, match.userId)
          : sql`${auditEvents.details}->>'email' = ${match.email}`,
      ),
    );
  return rows.length;
}

async function outboxTo(email: string) {
  const rows = await database.db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, email));
  return rows.length;
}

describe("the test database", () => {
  it.runIf(process.env.TEST_DB_KIND === "postgresql")(
    "runs statements at the same time on several connections, so the bursts below are real races",
    async () => {
      const rows = await burst(4, () =>
        queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid, pg_sleep(0.3)`),
      );
      expect(new Set(rows.map(([row]) => row?.pid)).size).toBeGreaterThan(1);
    },
  );
});

describe("sign-in under a burst", () => {
  it(`evaluates at most ${THROTTLE.perAccount} of ${BURST} wrong passwords sent at once`, async () => {
    const user = await createUser(database.db, []);
    const ip = freshIp();
    const results = await burst(BURST, (i) =>
      signIn(database.db, { email: user.email, password: `guess ${i}`, ip }),
    );
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(THROTTLE.perAccount);
    expect(countOf(results, (r) => r.kind === "invalid")).toBe(THROTTLE.perAccount);
    expect(countOf(results, (r) => r.kind === "throttled")).toBe(BURST - THROTTLE.perAccount);
    expect(await audited("auth.sign_in_failed", { email: user.email })).toBe(THROTTLE.perAccount);
    expect(await audited("auth.sign_in_throttled", { email: user.email })).toBe(
      BURST - THROTTLE.perAccount,
    );
    // Still refused with the right password, and not evaluated: the check comes first.
    const right = await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    expect(right).toEqual({ kind: "throttled", retryAfterMinutes: THROTTLE.windowMinutes });
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(THROTTLE.perAccount);
  });

  it(`evaluates at most ${THROTTLE.perAddress} attempts from one address at once, across accounts`, async () => {
    const ip = freshIp();
    const emails = Array.from({ length: BURST }, () => `guess-${unique()}@example.org`);
    const results = await burst(BURST, (i) =>
      signIn(database.db, { email: emails[i] ?? "", password: "guess", ip }),
    );
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(THROTTLE.perAddress);
    expect(countOf(results, (r) => r.kind === "throttled")).toBe(BURST - THROTTLE.perAddress);
  });

  it("lets the account in again once the window has ended", async () => {
    const user = await createUser(database.db, []);
    const ip = freshIp();
    await burst(BURST, () => signIn(database.db, { email: user.email, password: "guess", ip }));
    expect(
      (await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip })).kind,
    ).toBe("throttled");
    await endWindows(`sign-in:account:${user.email}`);
    await endWindows(`sign-in:address:${ip}`);
    const after = await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    expect(after.kind).toBe("signed-in");
  });

  it("forgets an account's failures when its owner signs in, but not its address's", async () => {
    const user = await createUser(database.db, []);
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perAccount - 1; i++) {
      await signIn(database.db, { email: user.email, password: "guess", ip });
    }
    expect(
      (await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip })).kind,
    ).toBe("signed-in");
    const [account] = await database.db
      .select()
      .from(throttles)
      .where(eq(throttles.key, `sign-in:account:${user.email}`));
    expect(account).toBeUndefined();
    const [address] = await database.db
      .select()
      .from(throttles)
      .where(eq(throttles.key, `sign-in:address:${ip}`));
    // The right password is given back; the failures stay counted against the address.
    expect(address?.hits).toBe(THROTTLE.perAccount - 1);
  });
});

describe("the second factor under a burst", () => {
  const userWithTotp = () => createUserWithTotp(database.db, APP_SECRET);

  async function pendingSignIn() {
    const { user, totp } = await userWithTotp();
    const ip = freshIp();
    const result = await signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    if (result.kind !== "second-factor-required") throw new Error(`got ${result.kind}`);
    return { user, ip, token: result.token, totp };
  }

  it(`evaluates at most ${THROTTLE.perSecondFactor} of ${BURST} codes sent at once`, async () => {
    const { user, ip, token, totp } = await pendingSignIn();
    const now = Date.now();
    const valid = new Set([-1, 0, 1].map((d) => totp.generate({ timestamp: now + d * 30_000 })));
    const wrong = Array.from({ length: 1000 }, (_, n) => String(n * 997).padStart(6, "0"))
      .filter((code) => !valid.has(code))
      .slice(0, BURST);
    const results = await burst(BURST, (i) =>
      completeSecondFactor(database.db, APP_SECRET, {
        pendingToken: token,
        code: wrong[i] ?? "",
        ip,
      }),
    );
    expect(countOf(results, (r) => r.kind === "invalid")).toBe(THROTTLE.perSecondFactor);
    expect(await audited("auth.second_factor_failed", { userId: user.id })).toBe(
      THROTTLE.perSecondFactor,
    );
    // The right code is refused too until the window ends.
    const right = await completeSecondFactor(database.db, APP_SECRET, {
      pendingToken: token,
      code: totp.generate(),
      ip,
    });
    expect(right.kind).toBe("throttled");
    await endWindows(`sign-in:second-factor:${user.id}`);
    await endWindows(`sign-in:address:${ip}`);
    const after = await completeSecondFactor(database.db, APP_SECRET, {
      pendingToken: token,
      code: totp.generate(),
      ip,
    });
    expect(after.kind).toBe("signed-in");
  });

  it("does not forget guessed passwords when the right password is given but no code yet", async () => {
    const { user } = await userWithTotp();
    const ip = freshIp();
    const guess = () => signIn(database.db, { email: user.email, password: "guess", ip });
    const right = () => signIn(database.db, { email: user.email, password: TEST_PASSWORD, ip });
    for (let i = 0; i < THROTTLE.perAccount - 1; i++) await guess();
    // Someone with the password but not the phone: the right password is given back, yet the
    // guesses before it still count.
    expect((await right()).kind).toBe("second-factor-required");
    expect(await guess()).toEqual({ kind: "invalid" });
    expect((await right()).kind).toBe("throttled");
  });
});

describe("forgot-password under a burst", () => {
  const asked = (email: string, ip: string) =>
    requestPasswordReset(database.db, mailer, {
      email,
      publicUrl: PUBLIC_URL,
      actor: { userId: null, ip, requestId: null },
    });

  /** The page's own action, as a browser's post reaches it (past the CSRF check). */
  async function postForgotPassword(email: string, ip: string) {
    const context = createAppLoadContext(
      { database, mailer, config: { publicUrl: PUBLIC_URL } } as unknown as Services,
      { requestId: unique(), ip, userAgent: null, nonce: "" },
    );
    const body = new FormData();
    body.set("email", email);
    const request = new Request(`${PUBLIC_URL}/forgot-password`, { method: "POST", body });
    return forgotPasswordAction({ request, context, params: {} } as never);
  }

  it(`queues at most ${RESET_THROTTLE.perEmail.limit} e-mails for 15 requests at once, each page saying the same`, async () => {
    const user = await createUser(database.db, []);
    // From 15 addresses: rotating addresses does not get round the limit per e-mail address.
    const pages = await burst(15, () => postForgotPassword(user.email, freshIp()));
    expect(await outboxTo(user.email)).toBe(RESET_THROTTLE.perEmail.limit);
    expect(await audited("auth.password_reset_throttled", { email: user.email })).toBe(
      15 - RESET_THROTTLE.perEmail.limit,
    );
    // Over the limit the answer is the neutral one, word for word the same as under it.
    const answers = pages.map((page) => {
      const response = page as Response;
      return `${response.status} ${response.headers.get("Location")}`;
    });
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toBe("302 /forgot-password?sent=1");
  });

  it(`lets one address ask for at most ${RESET_THROTTLE.perAddress.limit} links at once, whoever for`, async () => {
    const ip = freshIp();
    const people = await Promise.all(Array.from({ length: 15 }, () => createUser(database.db, [])));
    await burst(people.length, (i) => asked(people[i]?.email ?? "", ip));
    const queued = await Promise.all(people.map((p) => outboxTo(p.email)));
    expect(queued.reduce((a, b) => a + b, 0)).toBe(RESET_THROTTLE.perAddress.limit);
  });

  it("sends a link again once the window has ended", async () => {
    const user = await createUser(database.db, []);
    const ip = freshIp();
    await burst(RESET_THROTTLE.perEmail.limit + 2, () => asked(user.email, ip));
    expect(await outboxTo(user.email)).toBe(RESET_THROTTLE.perEmail.limit);
    await endWindows(`password-reset:email:${user.email}`);
    await asked(user.email, ip);
    expect(await outboxTo(user.email)).toBe(RESET_THROTTLE.perEmail.limit + 1);
  });
});

describe("invitations under a burst", () => {
  const invite = (acting: Acting, organisationId: string) =>
    asUser(database.db, acting.viewer.id, (tx) =>
      addMember(tx, acting, mailer, {
        email: `invitee-${unique()}@example.org`,
        name: "New Person",
        roleKey: "caseworker",
        endsOn: undefined,
        organisationId,
        publicUrl: PUBLIC_URL,
      }),
    );

  it(`lets one person send at most ${INVITATION_THROTTLE.limit} invitations in the window`, async () => {
    const project = await createOrganisation(database.db);
    const lead = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    const extra = 5;
    const outcomes = await Promise.allSettled(
      Array.from({ length: INVITATION_THROTTLE.limit + extra }, () =>
        invite(lead.acting, project.id),
      ),
    );
    expect(countOf(outcomes, (o) => o.status === "fulfilled")).toBe(INVITATION_THROTTLE.limit);
    const refusals = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(refusals).toHaveLength(extra);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe("THROTTLED");
    }
    // A refused invitation leaves no account behind.
    const invitees = await queryRows<{ n: number | string }>(
      database.db,
      sql`select count(*) as n from memberships where organisation_id = ${project.id} and role_key = 'caseworker'`,
    );
    expect(Number(invitees[0]?.n)).toBe(INVITATION_THROTTLE.limit);
    // Another person in the same project has their own allowance.
    const other = await createUser(database.db, [
      { organisationId: project.id, roleKey: "project_lead" },
    ]);
    await expect(invite(other.acting, project.id)).resolves.toMatchObject({ invited: true });
  });
});

describe("the public application form under a burst", () => {
  it(`starts at most ${RATE_LIMITS.start.limit} applications from one address at once`, async () => {
    const ip = freshIp();
    const results = await burst(RATE_LIMITS.start.limit + 10, () =>
      startDraft(database.db, { ip }),
    );
    expect(countOf(results, (r) => r.kind === "started")).toBe(RATE_LIMITS.start.limit);
    expect(countOf(results, (r) => r.kind === "throttled")).toBe(10);
  });
});

describe("the counters", () => {
  it("counts each key on its own and starts afresh after the window", async () => {
    const key = `test:${unique()}`;
    const hits = await burst(8, () => hitRateLimit(database.db, key, 3, 5));
    expect(countOf(hits, (h) => h.allowed)).toBe(3);
    expect(hits.find((h) => !h.allowed)?.retryAfterMinutes).toBe(5);
    expect((await hitRateLimit(database.db, `test:${unique()}`, 3, 5)).allowed).toBe(true);
    await endWindows(key);
    expect((await hitRateLimit(database.db, key, 3, 5)).allowed).toBe(true);
  });

  it("counts keys of any length or content: a long one, or one with a NUL byte", async () => {
    for (const key of [`test:${"x".repeat(100_000)}`, `test:${unique()}\u0000nul`]) {
      const hits = await burst(4, () => hitRateLimit(database.db, key, 2, 5));
      expect(countOf(hits, (h) => h.allowed)).toBe(2);
    }
  });

  it("purges rows whose window has ended, and keeps the others", async () => {
    const ended = `test:${unique()}`;
    const live = `test:${unique()}`;
    await hitRateLimit(database.db, ended, 3, 5);
    await hitRateLimit(database.db, live, 3, 5);
    await endWindows(ended);
    expect(await purgeThrottles(database.db)).toBeGreaterThanOrEqual(1);
    const left = await database.db
      .select({ key: throttles.key })
      .from(throttles)
      .where(sql`${throttles.key} in (${ended}, ${live})`);
    expect(left.map((r) => r.key)).toEqual([live]);
  });

  it("cannot be written by the app role directly", async () => {
    const user = await createUser(database.db, []);
    await expectRefused(
      asUser(database.db, user.id, (tx) => tx.execute(sql`update throttles set hits = 0`)),
      /permission denied/,
    );
    await expectRefused(
      asUser(database.db, user.id, (tx) =>
        tx.execute(sql`select * from app_count_attempt('[{"key":"x","window_seconds":60}]')`),
      ),
      /permission denied/,
    );
  });
});
