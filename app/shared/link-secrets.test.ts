import { describe, expect, it } from "vitest";
import { newToken } from "~/identity/crypto.server";
import { loggableUrl, WITHHELD_LINK, withholdSecretLinks } from "./link-secrets";

const ID = "0b7e2c1a-3d4f-4a5b-8c6d-7e8f9a0b1c2d";

describe("loggableUrl", () => {
  const { token } = newToken();
  it.each([
    [`/reset-password/${token}`, "/reset-password/:token"],
    ["/reset-password/short-but-still-a-token", "/reset-password/:token"],
    [`/invitations/${token}/accept`, "/invitations/:token/accept"],
    [`/anything/${token}`, "/anything/:token"],
    [`/sign-in?redirectTo=%2Fcases&_csrf=${token}`, "/sign-in?redirectTo=…&_csrf=…"],
    [`/cases/${ID}/documents/upload?_csrf=${token}`, `/cases/${ID}/documents/upload?_csrf=…`],
    ["/search?q=Dorian+Pryce", "/search?q=…"],
    [`/cases/${ID}`, `/cases/${ID}`],
    ["/", "/"],
    ["/healthz?", "/healthz"],
  ])("logs %s as %s", (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
    expect(loggableUrl(url)).not.toContain(token);
  });
});

describe("withholdSecretLinks", () => {
  it("withholds reset and invitation links and keeps the rest of the e-mail", () => {
    const { token } = newToken();
    const text = [
      "Hello Lena Lead,",
      `https://clearname.example/reset-password/${token}`,
      `Or: https://clearname.example/welcome?token=${token}.`,
      `Your case: https://clearname.example/cases/${ID}`,
    ].join("\n");
    const kept = withholdSecretLinks(text);
    expect(kept).not.toContain(token);
    expect(kept).toBe(
      [
        "Hello Lena Lead,",
        WITHHELD_LINK,
        `Or: ${WITHHELD_LINK}.`,
        `Your case: https://clearname.example/cases/${ID}`,
      ].join("\n"),
    );
  });
});
