import type { RouteConfigEntry } from "@react-router/dev/routes";

/** Eligibility: taking an application for assessment and writing the assessment (app/eligibility/). */
export default [] satisfies RouteConfigEntry[];
