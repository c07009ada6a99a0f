import { createCanvas } from "@napi-rs/canvas";
import { PDFDocument } from "pdf-lib";

/**
 * Scans made in the test, as a scanner would: a letter's lines drawn on an A4 page at
 * 200 dpi and saved as a JPEG or PNG picture, or such pictures wrapped in a PDF with no text
 * layer. No binary fixture is kept, and the words are known.
 */

const DPI = 200;
const A4 = { width: Math.round(8.27 * DPI), height: Math.round(11.69 * DPI) };

function drawLetter(lines: string[]) {
  const canvas = createCanvas(A4.width, A4.height);
  const g = canvas.getContext("2d");
  // Scanner paper is never quite white.
  g.fillStyle = "#f4f2ec";
  g.fillRect(0, 0, A4.width, A4.height);
  g.fillStyle = "#1a1a2e";
  g.font = `${Math.round(DPI / 6)}px serif`;
  lines.forEach((line, i) => {
    g.fillText(line, DPI, DPI * 1.2 + i * DPI * 0.28);
  });
  return canvas;
}

export function scannedLetterImage(lines: string[], type: "png" | "jpeg" = "png"): Uint8Array {
  const canvas = drawLetter(lines);
  return new Uint8Array(
    type === "png" ? canvas.toBuffer("image/png") : canvas.toBuffer("image/jpeg", 85),
  );
}

/** A PDF of one picture per page and no text layer, as a scanner makes. */
export async function scannedLetterPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const lines of pages) {
    const jpeg = await pdf.embedJpg(scannedLetterImage(lines, "jpeg"));
    const page = pdf.addPage([595.28, 841.89]);
    page.drawImage(jpeg, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return pdf.save();
}

/** A photograph with no writing in it: blurred shapes that OCR finds nothing in. */
export function pictureWithoutWords(): Uint8Array {
  const canvas = createCanvas(800, 600);
  const g = canvas.getContext("2d");
  const sky = g.createLinearGradient(0, 0, 0, 600);
  sky.addColorStop(0, "#87a8c8");
  sky.addColorStop(1, "#d8c8a0");
  g.fillStyle = sky;
  g.fillRect(0, 0, 800, 600);
  g.fillStyle = "#5b6b4a";
  g.beginPath();
  g.ellipse(400, 560, 520, 140, 0, 0, Math.PI * 2);
  g.fill();
  return new Uint8Array(canvas.toBuffer("image/png"));
}

/** A prisoner's letter of a dozen lines, with the words the tests look for. */
export function prisonersLetter(name: string, words: string): string[] {
  return [
    "HMP Barlinnie, 81 Lee Avenue, Glasgow",
    "",
    "Dear Sir or Madam,",
    "I am writing to ask for your help with my case. I was convicted",
    `in 2019 of a robbery I did not commit. ${words}`,
    "My solicitor at the time never called the witness who saw",
    "the man running from the shop, and the identification parade",
    "was held after my photograph had been in the newspaper.",
    "I have enclosed the papers I still have from the trial.",
    "",
    "Yours faithfully,",
    name,
  ];
}
