import { index, type RouteConfig, route } from "@react-router/dev/routes";
export default [
  index("routes/home.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
