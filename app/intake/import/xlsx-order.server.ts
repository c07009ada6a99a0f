/**
 * exceljs's streaming reader needs a workbook's shared strings before its sheets; when a
 * sheet comes first in the ZIP (as Excel and exceljs both write them) it copies the sheet to
 * an unencrypted temporary file. Since the import holds the file's bytes already, it hands
 * the reader the same ZIP entries, unchanged, in the order it needs: relationships, workbook,
 * shared strings, styles, then the sheets. Nothing personal touches the disk in clear.
 */

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

export class DamagedWorkbookError extends Error {}

function priority(name: string): number | null {
  if (name === "xl/_rels/workbook.xml.rels") return 0;
  if (name === "xl/workbook.xml") return 1;
  if (name === "xl/sharedStrings.xml") return 2;
  if (name === "xl/styles.xml") return 3;
  const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
  return sheet ? 10 + Number(sheet[1]) : null;
}

/** The workbook's entries, each a slice of `bytes`, in reading order, then its directory. */
export function xlsxInReadingOrder(bytes: Buffer): Buffer[] {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DamagedWorkbookError("the end of its ZIP directory is missing");
  const count = bytes.readUInt16LE(eocd + 10);
  const directory = bytes.readUInt32LE(eocd + 16);
  const entries: { name: string; offset: number }[] = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new DamagedWorkbookError("its ZIP directory is damaged");
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const offset = bytes.readUInt32LE(at + 42);
    entries.push({ name: bytes.toString("utf8", at + 46, at + 46 + nameLength), offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  entries.sort((a, b) => a.offset - b.offset);
  const slices = entries.map((e, i) => ({
    rank: priority(e.name),
    bytes: bytes.subarray(e.offset, entries[i + 1]?.offset ?? directory),
  }));
  return [
    ...slices
      .filter((s): s is { rank: number; bytes: Buffer } => s.rank !== null)
      .sort((a, b) => a.rank - b.rank)
      .map((s) => s.bytes),
    bytes.subarray(directory),
  ];
}
