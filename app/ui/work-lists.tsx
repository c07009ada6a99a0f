import { Link } from "react-router";
import type { WorkList } from "~/shared/work-list";

/** The lists of what waits for the viewer, each a region named by its heading. */
export function WorkLists({ lists }: { lists: readonly WorkList[] }) {
  if (lists.length === 0) return null;
  return (
    <div className="work-lists">
      {lists.map((list) => (
        <section key={list.key} aria-labelledby={`work-${list.key}`} className="work-list">
          <h2 id={`work-${list.key}`}>
            {list.title} <span className="work-count">({list.count})</span>
          </h2>
          {list.items.length === 0 ? (
            <p>{list.none}</p>
          ) : (
            <ul className="plain-list">
              {list.items.map((item) => (
                <li key={item.key}>
                  <Link to={item.href}>{item.label}</Link>: {item.detail}
                </li>
              ))}
            </ul>
          )}
          {list.count > 0 ? (
            <p>
              <Link to={list.queueHref}>
                {list.queueLabel}
                {list.count > list.items.length ? ` (${list.count})` : ""}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
