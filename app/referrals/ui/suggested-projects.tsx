import { TableScroll } from "~/ui/table-scroll";
import type { Suggestion } from "../suggestions";

function ReasonList({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="hint">{empty}</span>;
  return (
    <ul className="plain-list">
      {items.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

/**
 * Every member project, the suggested ones first, with why each suits the case and what
 * counts against it. The coordinator chooses; nothing is offered automatically.
 */
export function SuggestedProjects({ suggestions }: { suggestions: Suggestion[] }) {
  if (suggestions.length === 0) return <p>There are no member projects yet.</p>;
  return (
    <TableScroll label="Suggested projects">
      <table className="table suggested-projects">
        <caption className="visually-hidden">
          Member projects for this case, the suggested ones first
        </caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Suggested</th>
            <th scope="col">Why it suits</th>
            <th scope="col">What counts against it</th>
          </tr>
        </thead>
        <tbody>
          {suggestions.map((s) => (
            <tr key={s.project.id}>
              <th scope="row">{s.project.name}</th>
              <td>
                {s.suitable ? (
                  <span className="tag tag-active">Suggested</span>
                ) : (
                  <span className="tag tag-closed">Not suggested</span>
                )}
              </td>
              <td>
                <ReasonList items={s.reasons} empty="Nothing in particular" />
              </td>
              <td>
                <ReasonList items={s.against} empty="Nothing" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
