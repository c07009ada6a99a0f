import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a narrow screen instead of widening the page. The
 * scrolling box can take focus and is named, so that keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A named group, not a region: a region would be a second landmark of the name its section
    // already has. (Not a fieldset: it holds a table, not form controls.)
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div className="table-scroll" tabIndex={0} role="group" aria-label={label}>
      {children}
    </div>
  );
}
