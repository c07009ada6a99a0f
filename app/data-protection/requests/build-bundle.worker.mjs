// Builds a subject access bundle in a worker thread (run by app/shared/worker): the covering
// letter and index as a PDF, each redacted document as a PDF of its released text, and the
// ZIP of those with the data (JSON) and the documents released whole. Plain JavaScript on
// purpose: see app/shared/worker/host.worker.mjs. Nothing is fetched; fonts come from pdfmake.
import { createRequire } from "node:module";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import pdfmake from "pdfmake";

const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("pdfmake/package.json")),
  "fonts",
  "Roboto",
);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
pdfmake.setFonts({
  Roboto: {
    normal: path.join(fontDir, "Roboto-Regular.ttf"),
    bold: path.join(fontDir, "Roboto-Medium.ttf"),
    italics: path.join(fontDir, "Roboto-Italic.ttf"),
    bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
  },
});

const MARGINS = [57, 57, 57, 64];

function render(doc) {
  return pdfmake
    .createPdf({
      pageSize: "A4",
      pageMargins: MARGINS,
      defaultStyle: { font: "Roboto", fontSize: 11, lineHeight: 1.25 },
      ...doc,
      info: { creator: "Clearname", producer: "Clearname", ...doc.info },
    })
    .getBuffer();
}

/** The covering letter, then the index of everything found and what became of it. */
function coveringLetter(letter) {
  const content = [
    {
      columns: [
        { width: "*", text: "" },
        { width: "auto", stack: letter.sender, fontSize: 9 },
      ],
      margin: [0, 0, 0, 18],
    },
    { stack: letter.recipient, margin: [0, 0, 0, 24] },
    { text: letter.date, margin: [0, 0, 0, 4] },
    { text: `Our reference: ${letter.reference}`, bold: true, margin: [0, 0, 0, 16] },
    { text: letter.heading, bold: true, fontSize: 12, margin: [0, 0, 0, 10] },
    { text: letter.salutation, margin: [0, 0, 0, 8] },
    ...letter.paragraphs.map((p) =>
      p.heading
        ? {
            stack: [{ text: p.heading, bold: true, margin: [0, 6, 0, 4] }, { text: p.text }],
            margin: [0, 0, 0, 8],
          }
        : { text: p.text, margin: [0, 0, 0, 8] },
    ),
    { stack: letter.signOff, margin: [0, 8, 0, 0], unbreakable: true },
    {
      text: "Index of what we hold",
      bold: true,
      fontSize: 14,
      pageBreak: "before",
      margin: [0, 0, 0, 8],
    },
    { text: letter.indexIntro, margin: [0, 0, 0, 10] },
    {
      table: {
        headerRows: 1,
        widths: [24, "*", 90, "*"],
        body: [
          ["No.", "Record", "About you as", "What we did"].map((text) => ({ text, bold: true })),
          ...letter.index.map((row) => [row.number, row.title, row.foundAs, row.outcome]),
        ],
      },
      layout: "lightHorizontalLines",
      fontSize: 9,
    },
  ];
  return render({
    info: { title: `${letter.heading} ${letter.reference}`, author: letter.sender[0] ?? "" },
    content,
    footer: (page, pages) => ({
      text: `Reference ${letter.reference} · page ${page} of ${pages}`,
      alignment: "center",
      fontSize: 9,
    }),
  });
}

/** A redacted document: its released text, the passages already taken out. */
function releasedText(doc, reference) {
  return render({
    info: { title: doc.title },
    content: [
      { text: doc.title, bold: true, fontSize: 12, margin: [0, 0, 0, 6] },
      {
        text: "The text of this document as released to you. Passages we may not release have been removed and [redacted] put in their place.",
        italics: true,
        fontSize: 9,
        margin: [0, 0, 0, 12],
      },
      ...doc.text.split(/\r?\n/).map((line) => ({ text: line || " " })),
    ],
    footer: { text: `Reference ${reference}`, alignment: "center", fontSize: 9 },
  });
}

export default async function buildBundle(input) {
  const files = {};
  files["covering-letter-and-index.pdf"] = [
    new Uint8Array(await coveringLetter(input.letter)),
    { level: 0 },
  ];
  files["data.json"] = [strToU8(input.json), { level: 6 }];
  for (const doc of input.texts)
    files[doc.path] = [
      new Uint8Array(await releasedText(doc, input.letter.reference)),
      { level: 0 },
    ];
  for (const file of input.files) files[file.path] = [file.bytes, { level: 0 }];
  return zipSync(files);
}
