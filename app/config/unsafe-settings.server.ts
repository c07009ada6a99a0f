import { type Config, ConfigError } from "./config.server";

/**
 * Settings that are fine on a laptop but unsafe where real people's data is kept. Outside
 * production there are none: a trial may use demo data, a generated secret and plain HTTP.
 */
export function unsafeSettings(config: Config): string[] {
  if (!config.production) return [];
  const unsafe: string[] = [];
  if (config.demo) {
    unsafe.push(
      "DEMO=1: the demo accounts share a published password and two-factor key; production never loads them (set DEMO=0 or leave it unset).",
    );
  }
  if (!config.secret) {
    unsafe.push(
      "CLEARNAME_SECRET is not set: in production the secret comes from the environment, not from a file kept beside the data it protects (generate it once with `openssl rand -hex 32`).",
    );
  }
  if (!config.publicUrlGiven) {
    unsafe.push(
      "PUBLIC_URL is not set: links in e-mails would point at localhost (set the public https:// address).",
    );
  } else if (!config.publicUrl.startsWith("https://")) {
    unsafe.push(
      `PUBLIC_URL is ${config.publicUrl}: production is reached over HTTPS only (set the public https:// address).`,
    );
  }
  return unsafe;
}

/** The start-up's refusal, naming every unsafe setting at once rather than one per attempt. */
export function unsafeSettingsError(unsafe: string[]): ConfigError {
  return new ConfigError(
    [
      "Clearname cannot start: NODE_ENV=production with unsafe settings:",
      ...unsafe.map((u) => `  - ${u}`),
    ].join("\n"),
  );
}

export function refuseUnsafeSettings(config: Config): void {
  const unsafe = unsafeSettings(config);
  if (unsafe.length > 0) throw unsafeSettingsError(unsafe);
}
