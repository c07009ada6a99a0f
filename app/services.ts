import type { Logger } from "pino";
import type { Config } from "~/config/config.server";
import type { Database } from "~/db/database.server";
import type { Mailer } from "~/mail/mailer.server";

/** What the server process hands every request: made once at start-up by server/main.ts. */
export interface Services {
  config: Config;
  database: Database;
  mailer: Mailer;
  logger: Logger;
  secret: string;
}

/** Facts about one HTTP request that the server layer knows before React Router sees it. */
export interface RequestFacts {
  requestId: string;
  ip: string;
  userAgent: string | null;
  nonce: string;
}
