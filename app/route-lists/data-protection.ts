import type { RouteConfigEntry } from "@react-router/dev/routes";
import accessHistory from "./data-protection/access-history";
import officer from "./data-protection/officer";
import requests from "./data-protection/requests";
import retention from "./data-protection/retention";

/**
 * Data protection, under /data-protection: the officer's pages (the breach register, the
 * appropriate policy document), access histories and the audit tool, subject access,
 * rectification and erasure requests, the retention schedule, sweeps and legal holds.
 */
export default [
  ...officer,
  ...accessHistory,
  ...requests,
  ...retention,
] satisfies RouteConfigEntry[];
