import type { RouteConfigEntry } from "@react-router/dev/routes";

/** Eligibility: recommendation, second review, the decision and its letter, reconsideration. */
export default [] satisfies RouteConfigEntry[];
