export * from "./audit";
export * from "./identity";
export * from "./mail";
export * from "./organisations";
