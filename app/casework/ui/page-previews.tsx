import { type PointerEvent, useEffect, useState } from "react";
import type { PagePreviewView } from "~/casework/documents/redact-case-document.server";
import type { RedactionArea } from "~/casework/documents/redaction-schema";

export type PreviewsView =
  | { ok: true; pages: number; shown: number; previews: PagePreviewView[] }
  | { ok: false; message: string };

const RULER = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** A percentage of the picture, to the nearest half, within 0–100. */
const percent = (offset: number, size: number) =>
  Math.round(Math.min(100, Math.max(0, (offset / size) * 100)) * 2) / 2;

interface Drag {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function rectOf(d: Drag): Omit<RedactionArea, "page"> {
  return {
    left: Math.min(d.x0, d.x1),
    top: Math.min(d.y0, d.y1),
    width: Math.abs(d.x1 - d.x0),
    height: Math.abs(d.y1 - d.y0),
  };
}

function pointIn(event: PointerEvent<HTMLElement>) {
  const box = event.currentTarget.getBoundingClientRect();
  return {
    x: percent(event.clientX - box.left, box.width),
    y: percent(event.clientY - box.top, box.height),
  };
}

/**
 * The first pages as small pictures with a grid every 10% and rulers to read it by, for typing
 * areas. With JavaScript, dragging over a picture (mouse, pen or touch) also adds the area as a
 * line through `onArea`; typing stays the way for a keyboard or a screen reader.
 */
export function PagePreviews({
  preview,
  onArea,
}: {
  preview: PreviewsView;
  onArea: (area: RedactionArea) => void;
}) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  if (!preview.ok)
    return (
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">The pages</h2>
        <p>
          {preview.message}. Areas can still be typed: measure them on the document itself, as
          percentages of the page from its top left corner.
        </p>
      </section>
    );
  const finish = () => {
    if (!drag) return;
    const rect = rectOf(drag);
    setDrag(null);
    if (rect.width > 0 && rect.height > 0) onArea({ page: drag.page, ...rect });
  };
  return (
    <section aria-labelledby="pages-heading">
      <h2 id="pages-heading">The pages</h2>
      <p>
        Lines are drawn every 10% of each page&apos;s width and height, darker at 50%; the numbers
        beside them are percentages, from the top left corner.
        {preview.pages > preview.shown
          ? ` Only the first ${preview.shown} of its ${preview.pages} pages are shown here; areas on later pages can still be typed.`
          : ""}
        {scripted
          ? " With a mouse or a finger you can also drag across a page to add the area you cover to the areas to paint over."
          : ""}
      </p>
      <ol className="page-previews">
        {preview.previews.map((p) => (
          <li key={p.page}>
            <figure className="page-preview">
              <div className="page-preview-frame">
                <div className="page-ruler page-ruler-top" aria-hidden="true">
                  {RULER.map((v) => (
                    <span key={v}>{v}</span>
                  ))}
                </div>
                <div className="page-ruler page-ruler-left" aria-hidden="true">
                  {RULER.map((v) => (
                    <span key={v}>{v}</span>
                  ))}
                </div>
                <div
                  className="page-preview-picture"
                  onPointerDown={(event) => {
                    if (event.button !== 0) return;
                    event.preventDefault();
                    event.currentTarget.setPointerCapture(event.pointerId);
                    const { x, y } = pointIn(event);
                    setDrag({ page: p.page, x0: x, y0: y, x1: x, y1: y });
                  }}
                  onPointerMove={(event) => {
                    if (drag?.page !== p.page) return;
                    const { x, y } = pointIn(event);
                    setDrag({ ...drag, x1: x, y1: y });
                  }}
                  onPointerUp={finish}
                  onPointerCancel={() => setDrag(null)}
                >
                  <img
                    src={p.src}
                    width={p.width}
                    height={p.height}
                    draggable={false}
                    alt={`Page ${p.page} of ${preview.pages}, with grid lines every 10%`}
                  />
                  {drag?.page === p.page ? <DragBox drag={drag} /> : null}
                </div>
              </div>
              <figcaption>
                Page {p.page} of {preview.pages}
              </figcaption>
            </figure>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The rectangle being dragged, drawn over the picture (set through the DOM, never in HTML). */
function DragBox({ drag }: { drag: Drag }) {
  const r = rectOf(drag);
  return (
    <div
      className="page-preview-drag"
      aria-hidden="true"
      style={{ left: `${r.left}%`, top: `${r.top}%`, width: `${r.width}%`, height: `${r.height}%` }}
    />
  );
}

/** An area as the line the areas field takes. */
export function areaLine({ page, left, top, width, height }: RedactionArea): string {
  return `page ${page}: ${left} ${top} ${width} ${height}`;
}
