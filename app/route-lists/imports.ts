import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** Intake channel 3: legacy spreadsheets imported in bulk (app/intake/import/). */
export default [
  route("imports", "routes/imports/list.tsx"),
  route("imports/new", "routes/imports/new.tsx"),
  route("imports/:id", "routes/imports/run.tsx"),
  route("imports/:id/mapping", "routes/imports/mapping.tsx"),
  route("imports/:id/errors.csv", "routes/imports/errors-csv.tsx"),
] satisfies RouteConfigEntry[];
