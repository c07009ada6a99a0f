import { describe, expect, it } from "vitest";
import { tinyPdf, tinyPng } from "../../../tests/support/scans";
import { checkScan, cleanFilename } from "./scan-checks.server";

const jpeg = (end: number[]) =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, ...end]);

describe("checking a scan by its content", () => {
  it("accepts a whole PDF, PNG and JPEG", async () => {
    expect(await checkScan(tinyPdf())).toEqual({ ok: true, mediaType: "application/pdf" });
    expect(await checkScan(tinyPng())).toEqual({ ok: true, mediaType: "image/png" });
    expect(await checkScan(jpeg([0, 1, 0, 1, 0, 0, 0xff, 0xd9]))).toEqual({
      ok: true,
      mediaType: "image/jpeg",
    });
  });

  it("refuses what only looks like one, is cut short, or is something else", async () => {
    const refused = async (bytes: Uint8Array) => {
      const check = await checkScan(bytes);
      return check.ok ? "accepted" : check.message;
    };
    expect(await refused(Buffer.from("%PDF-1.4 but nothing else"))).toMatch(
      /damaged or incomplete/,
    );
    expect(await refused(tinyPng().subarray(0, 40))).toMatch(/damaged or incomplete/);
    expect(await refused(jpeg([0, 1, 0, 1, 0, 0]))).toMatch(/damaged or incomplete/);
    expect(await refused(Buffer.from("PK\x03\x04 a zip file", "latin1"))).toMatch(
      /PDF, JPEG or PNG/,
    );
    expect(await refused(Buffer.from("hello"))).toBe("The file must be a PDF, JPEG or PNG");
    expect(await refused(new Uint8Array(0))).toMatch(/empty/);
  });

  it("keeps a safe file name with the extension its content deserves", () => {
    expect(cleanFilename("C:\\scans\\letter.pdf", "application/pdf")).toBe("letter.pdf");
    expect(cleanFilename('bad"\u0007name.pdf', "image/png")).toBe("badname.pdf.png");
    expect(cleanFilename("", "image/jpeg")).toBe("scan.jpg");
    expect(cleanFilename("photo.JPEG", "image/jpeg")).toBe("photo.JPEG");
  });
});
