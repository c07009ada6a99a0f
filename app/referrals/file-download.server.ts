/** A decrypted document sent as a download, never cached and never sniffed into a page. */
export function fileDownload(doc: {
  filename: string;
  mediaType: string;
  bytes: Buffer;
}): Response {
  const ascii = doc.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(doc.bytes), {
    headers: {
      "Content-Type": doc.mediaType,
      "Content-Length": String(doc.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
