import { notFound } from "~/errors/app-error";

/** A version number from the path: a whole number, or the page is not found. */
export function policyVersionParam(param: string | undefined): number {
  if (!param || !/^[1-9]\d{0,5}$/.test(param)) throw notFound("version of the policy document");
  return Number(param);
}
