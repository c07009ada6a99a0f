import { data } from "react-router";
import { notFound } from "~/errors/app-error";
import { isListName, type ListName } from "./schemas";

/** The list a page's address names (`:list`), or the 404 page. */
export function listOf(params: { list?: string }): ListName {
  if (!isListName(params.list)) throw data({ message: notFound("list").message }, { status: 404 });
  return params.list;
}

/**
 * The list a form posted for (its `intent`), which must be the list of the page's address: each
 * list's entries have their own form, so a form posted to another list's page is refused.
 */
export function postedTo(params: { list?: string }, posted: ListName): ListName {
  if (listOf(params) !== posted)
    throw data({ message: "That form is not one of this page's." }, { status: 400 });
  return posted;
}

/** The lists page, saying what was done to which entry. */
export function backToLists(done: string, list: ListName, key: string): string {
  return `/admin/assessment-lists?${new URLSearchParams({ done, list, key })}#${list}`;
}
