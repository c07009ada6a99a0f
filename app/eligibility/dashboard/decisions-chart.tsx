import { RECOMMENDATIONS } from "~/db/schema/eligibility";
import { TableScroll } from "~/ui/table-scroll";
import { RECOMMENDATION_LABELS, type Recommendation } from "../rules";
import type { MonthFigures } from "./eligibility-figures.server";

/**
 * Decisions per month by outcome: a stacked bar chart drawn on the server as inline SVG (no
 * script, no inline CSS), with a title and description as its text alternative, followed by
 * a table of the same figures for screen readers and anyone who prefers numbers. Each colour
 * has at least 3:1 contrast with the white background; segments are separated by white
 * lines, and "ineligible" is hatched as well, so red and green need not be told apart.
 */
export const OUTCOME_FILLS: Record<Recommendation, string> = {
  eligible: "#00703c",
  ineligible: "url(#chart-hatch-ineligible)",
  more_information: "#1d70b8",
  withdrawn: "#505a5f",
};
const INELIGIBLE_COLOUR = "#d4351c";

const WIDTH = 720;
const HEIGHT = 280;
const MARGIN = { top: 12, right: 12, bottom: 48, left: 44 };

const monthName = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });
const monthYear = new Intl.DateTimeFormat("en-GB", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export function monthLabel(month: string): string {
  return monthYear.format(new Date(`${month}-01T00:00:00Z`));
}

/** A step of 1, 2 or 5 times a power of ten giving about four gridlines. */
function niceStep(max: number): number {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  return Math.max(1, step);
}

const total = (m: MonthFigures) => RECOMMENDATIONS.reduce((n, r) => n + m[r], 0);

function description(months: MonthFigures[]): string {
  const sum = Object.fromEntries(
    RECOMMENDATIONS.map((r) => [r, months.reduce((n, m) => n + m[r], 0)]),
  ) as Record<Recommendation, number>;
  const all = RECOMMENDATIONS.reduce((n, r) => n + sum[r], 0);
  if (all === 0) return "No decisions were recorded in this period.";
  const busiest = months.reduce((a, b) => (total(b) > total(a) ? b : a));
  const parts = RECOMMENDATIONS.filter((r) => sum[r] > 0).map(
    (r) => `${sum[r]} ${RECOMMENDATION_LABELS[r].toLowerCase()}`,
  );
  return `${all} ${all === 1 ? "decision" : "decisions"} over ${months.length} ${months.length === 1 ? "month" : "months"}: ${parts.join(", ")}. The most in one month was ${total(busiest)}, in ${monthLabel(busiest.month)}. The table below gives each month's figures.`;
}

export function DecisionsChart({ months }: { months: MonthFigures[] }) {
  const max = Math.max(0, ...months.map(total));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotW / Math.max(1, months.length);
  const barW = Math.max(2, band * 0.7);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const labelEvery = Math.ceil(months.length / 12);
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="decisions-chart-title decisions-chart-desc"
        className="chart-svg"
        focusable="false"
      >
        <title id="decisions-chart-title">Decisions recorded each month, by outcome</title>
        <desc id="decisions-chart-desc">{description(months)}</desc>
        <defs>
          <pattern
            id="chart-hatch-ineligible"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill={INELIGIBLE_COLOUR} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="1.5" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(t)}
              y2={y(t)}
              stroke={t === 0 ? "#0b0c0c" : "#b1b4b6"}
              strokeWidth="1"
            />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" fontSize="12" fill="#0b0c0c">
              {t}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          const x = MARGIN.left + i * band + (band - barW) / 2;
          let base = 0;
          return (
            <g key={m.month}>
              {RECOMMENDATIONS.filter((r) => m[r] > 0).map((r) => {
                const y0 = y(base);
                base += m[r];
                const y1 = y(base);
                return (
                  <rect
                    key={r}
                    x={x}
                    y={y1}
                    width={barW}
                    height={Math.max(0, y0 - y1)}
                    fill={OUTCOME_FILLS[r]}
                    stroke="#ffffff"
                    strokeWidth="1"
                  />
                );
              })}
              {i % labelEvery === 0 ? (
                <text
                  x={x + barW / 2}
                  y={HEIGHT - MARGIN.bottom + 16}
                  textAnchor="middle"
                  fontSize="12"
                  fill="#0b0c0c"
                >
                  {monthName.format(new Date(`${m.month}-01T00:00:00Z`))}
                  {i === 0 || m.month.endsWith("-01") ? (
                    <tspan x={x + barW / 2} dy="14">
                      {m.month.slice(0, 4)}
                    </tspan>
                  ) : null}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend plain-list" aria-label="Key">
          {RECOMMENDATIONS.map((r) => (
            <li key={r}>
              <svg width="16" height="16" aria-hidden="true" focusable="false">
                {r === "ineligible" ? (
                  <defs>
                    <pattern
                      id="legend-hatch-ineligible"
                      width="6"
                      height="6"
                      patternUnits="userSpaceOnUse"
                      patternTransform="rotate(45)"
                    >
                      <rect width="6" height="6" fill={INELIGIBLE_COLOUR} />
                      <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="1.5" />
                    </pattern>
                  </defs>
                ) : null}
                <rect
                  width="16"
                  height="16"
                  fill={r === "ineligible" ? "url(#legend-hatch-ineligible)" : OUTCOME_FILLS[r]}
                />
              </svg>{" "}
              {RECOMMENDATION_LABELS[r]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The chart's figures as a table: the text alternative that can be read cell by cell. */
export function DecisionsTable({ months }: { months: MonthFigures[] }) {
  return (
    <TableScroll label="Decisions each month">
      <table className="table">
        <caption>Decisions recorded each month, by outcome</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {RECOMMENDATIONS.map((r) => (
              <th key={r} scope="col" className="numeric">
                {RECOMMENDATION_LABELS[r]}
              </th>
            ))}
            <th scope="col" className="numeric">
              All
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthLabel(m.month)}</th>
              {RECOMMENDATIONS.map((r) => (
                <td key={r} className="numeric">
                  {m[r]}
                </td>
              ))}
              <td className="numeric">{total(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
