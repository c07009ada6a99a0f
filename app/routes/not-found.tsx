import { data } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import type { Route } from "./+types/not-found";

export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export function loader() {
  throw data({ message: null }, { status: 404 });
}

export default function NotFound() {
  return null;
}
