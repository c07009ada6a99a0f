export * from "./audit";
export * from "./casework";
export * from "./eligibility";
export * from "./identity";
export * from "./intake";
export * from "./mail";
export * from "./organisations";
export * from "./referrals";
