import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** The signed-in user's own: account, password, second factor, notifications, and their tasks. */
export default [
  route("account", "routes/account.tsx"),
  route("account/password", "routes/account.password.tsx"),
  route("account/two-factor", "routes/account.two-factor.tsx"),
  route("notifications", "routes/notifications.tsx"),
  route("tasks", "routes/tasks.tsx"),
] satisfies RouteConfigEntry[];
