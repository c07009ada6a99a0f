import type { RouteConfigEntry } from "@react-router/dev/routes";

/** Eligibility: the assessment queue, workload, the dashboard and the assessment reference lists. */
export default [] satisfies RouteConfigEntry[];
