/**
 * Imported first by server/main.ts. The operator's own NODE_ENV decides whether Clearname
 * runs "in production" (HSTS, CLEARNAME_SECRET required on PostgreSQL); the libraries are
 * told "production" whenever the built app is served, so `npm start` runs them at full speed.
 */
export const declaredNodeEnv = process.env.NODE_ENV;
if (!process.argv.includes("--dev")) process.env.NODE_ENV ??= "production";
