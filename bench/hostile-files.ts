/**
 * Hostile files made on the spot, for the tests of the reading limits and for
 * `bench/hostile-uploads.ts`: a PDF of many pages, PDFs that carry JavaScript or embedded
 * files, and XLSX bombs (a small ZIP whose sheet unpacks to tens of megabytes).
 */
import { zipSync } from "fflate";

/** A PDF built from numbered objects, with a correct cross-reference table. */
function pdfOf(objects: string[], trailerExtra = ""): Buffer {
  const parts: string[] = ["%PDF-1.7\n"];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = `${i + 1} 0 obj\n${body}\nendobj\n`;
    parts.push(obj);
    length += obj.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    "0000000000 65535 f \n",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
  ].join("");
  parts.push(
    xref,
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`,
  );
  return Buffer.from(parts.join(""), "latin1");
}

function textStream(text: string): string {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}

const FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/**
 * A valid PDF of `pages` pages that all show one shared content stream: 50,000 pages take
 * about 4 MB. Objects: 1 catalog, 2 page tree, 3 content, 4 font, then the pages.
 */
export function manyPagePdf(pages: number, text = "Statement of the witness"): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(" ");
  const page =
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>";
  return pdfOf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    textStream(text),
    FONT,
    ...Array.from({ length: pages }, () => page),
  ]);
}

/** A one-page PDF whose opening runs JavaScript, as a hostile sender's would. */
export function javascriptPdf(): Buffer {
  return pdfOf([
    "<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
    textStream("Letter from the client"),
    "<< /Type /Action /S /JavaScript /JS (app.alert\\('opened'\\)) >>",
    FONT,
  ]);
}

/** A one-page PDF carrying an embedded file, its name written with #xx escapes. */
export function embeddedFilePdf(): Buffer {
  const file = "MZ not really a program";
  return pdfOf([
    "<< /Type /Catalog /Pages 2 0 R /Names << /Embedded#46iles 5 0 R >> >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
    textStream("Bundle from former solicitors"),
    "<< /Names [(run.exe) 6 0 R] >>",
    `<< /Type /Filespec /F (run.exe) /EF << /F 8 0 R >> >>`,
    FONT,
    `<< /Type /EmbeddedFile /Length ${file.length} >>\nstream\n${file}\nendstream`,
  ]);
}

const enc = (s: string) => new TextEncoder().encode(s);

/**
 * An XLSX "bomb": a valid workbook whose first sheet holds `rows` identical rows of one inline
 * string (row numbers are optional in the format), 50 bytes a row, so 1,600,000 rows unpack
 * to 80 MB and pack to under a hundred kilobytes.
 */
export function xlsxBomb(rows = 1_600_000): Buffer {
  const header =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const row = '<row><c t="inlineStr"><is><t>Name</t></is></c></row>';
  const sheet = enc(`${header}${row.repeat(rows)}</sheetData></worksheet>`);
  return Buffer.from(
    zipSync(
      {
        "[Content_Types].xml": enc(
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
        "_rels/.rels": enc(
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        ),
        "xl/workbook.xml": enc(
          '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        "xl/_rels/workbook.xml.rels": enc(
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        "xl/worksheets/sheet1.xml": sheet,
      },
      { level: 6 },
    ),
  );
}

/**
 * The same bomb with its ZIP directory lying about the sheet's size (a thousand bytes), so
 * that the directory check lets it through: only the reading limits stop it.
 */
export function lyingXlsxBomb(rows?: number): Buffer {
  const bytes = xlsxBomb(rows);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(eocd + 16);
  for (let i = bytes.readUInt16LE(eocd + 10); i > 0; i--) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    if (name === "xl/worksheets/sheet1.xml") bytes.writeUInt32LE(1000, at + 24);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return bytes;
}
