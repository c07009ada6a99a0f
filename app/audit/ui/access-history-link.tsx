import { Link, useRouteLoaderData } from "react-router";
import type { Permission } from "~/access/catalogue";
import { accessHistoryHref, type HistoryType, mayOpenAccessHistory } from "../history-link";

/**
 * "Access history" for a record, shown only to those who may open it (the root loader sends
 * the viewer's permissions; the history page checks again).
 */
export function AccessHistoryLink({
  type,
  id,
  children = "Access history",
  paragraph = false,
}: {
  type: HistoryType;
  id: string;
  children?: React.ReactNode;
  /** Set on its own line, as a paragraph. */
  paragraph?: boolean;
}) {
  const root = useRouteLoaderData("root") as { permissions?: Permission[] } | undefined;
  if (!mayOpenAccessHistory(root?.permissions ?? [], type)) return null;
  const link = <Link to={accessHistoryHref(type, id)}>{children}</Link>;
  return paragraph ? <p>{link}</p> : link;
}
