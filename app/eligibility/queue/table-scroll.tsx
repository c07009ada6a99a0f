import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a narrow screen instead of widening the page. The
 * scrolling box can take focus and is named, so that keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
