import { describe, expect, it } from "vitest";
import { HIT_START, HIT_STOP, splitSnippet } from "./highlight";

describe("splitSnippet", () => {
  it("separates the hits from the text around them", () => {
    expect(
      splitSnippet(`the ${HIT_START}jacket${HIT_STOP} was ${HIT_START}kept${HIT_STOP}`),
    ).toEqual([
      { text: "the ", hit: false },
      { text: "jacket", hit: true },
      { text: " was ", hit: false },
      { text: "kept", hit: true },
    ]);
  });

  it("keeps markup as text, to be escaped when rendered", () => {
    expect(splitSnippet(`<script>alert(1)</script> ${HIT_START}<b>${HIT_STOP}`)).toEqual([
      { text: "<script>alert(1)</script> ", hit: false },
      { text: "<b>", hit: true },
    ]);
  });

  it("tolerates an unclosed or stray sentinel", () => {
    expect(splitSnippet(`a ${HIT_STOP}b ${HIT_START}c`)).toEqual([
      { text: "a ", hit: false },
      { text: "b ", hit: false },
      { text: "c", hit: true },
    ]);
    expect(splitSnippet("")).toEqual([]);
  });
});
