import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** The officer's own pages: the overview, the breach register, the appropriate policy document. */
export default [
  route("data-protection", "routes/data-protection/overview.tsx"),
  route("data-protection/breaches", "routes/data-protection/breaches.tsx"),
  route("data-protection/breaches/new", "routes/data-protection/breaches.new.tsx"),
  route("data-protection/breaches/:id", "routes/data-protection/breaches.$id.tsx"),
  route("data-protection/policy", "routes/data-protection/policy.tsx"),
  route("data-protection/policy/:version", "routes/data-protection/policy.$version.tsx"),
  route("data-protection/policy/:version/pdf", "routes/data-protection/policy.$version.pdf.tsx"),
] satisfies RouteConfigEntry[];
