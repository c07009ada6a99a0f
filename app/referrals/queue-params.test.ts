import { describe, expect, it } from "vitest";
import { parseReferralQueueParams } from "./queue-params";

describe("the referral queue's filters in the address", () => {
  it("shows the cases waiting for an offer by default", () => {
    expect(parseReferralQueueParams(new URLSearchParams())).toEqual({
      view: "waiting",
      jurisdiction: undefined,
      returned: false,
    });
  });

  it("reads the view, the jurisdiction and the returned flag", () => {
    expect(
      parseReferralQueueParams(
        new URLSearchParams("view=offered&jurisdiction=scotland&returned=1"),
      ),
    ).toEqual({ view: "offered", jurisdiction: "scotland", returned: true });
  });

  it("ignores values that are not in the lists", () => {
    expect(
      parseReferralQueueParams(new URLSearchParams("view=<script>&jurisdiction=mars&returned=yes")),
    ).toEqual({ view: "waiting", jurisdiction: undefined, returned: false });
  });
});
