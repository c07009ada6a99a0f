import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express, { type Request, type Response } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { ServerBuild } from "react-router";
import { ping } from "~/db/database.server";
import type { RequestFacts, Services } from "~/services";
import { loggableUrl } from "~/shared/link-secrets";

type EntryWithContext = {
  createAppLoadContext: (services: Services, facts: RequestFacts) => unknown;
};

export interface AppOptions {
  services: Services;
  /** The built app, or (in development) a function that loads it through Vite. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Vite's dev middleware, in development only. */
  devMiddleware?: express.RequestHandler;
  clientDir?: string;
}

/** Methods no page of Clearname answers: TRACE would echo a request back, cookies and all. */
const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A short plain answer to a request that is wrong in itself: no page, no stack trace. */
function badRequest(res: Response, message: string, status = 400): void {
  res.status(status).type("text/plain").send(`${message}\nReference: ${res.locals.requestId}`);
}

/**
 * What Clearname renders is personal, or may be: a browser must not keep it for the Back
 * button once its user has signed out (shared computers). A response that says how it may be
 * cached (the static assets) keeps its own rule.
 */
function noStoreUnlessSet(res: Response): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!this.hasHeader("cache-control")) this.setHeader("Cache-Control", "no-store");
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response["writeHead"];
}

/**
 * This request's own origin, worked out as @react-router/express builds `request.url` (the
 * forwarded host only behind a trusted proxy), so that the two agree on what is foreign.
 */
function requestOrigin(req: Request): string | null {
  const forwarded = req.app.enabled("trust proxy") ? req.get("x-forwarded-host") : undefined;
  const port = [forwarded, req.get("host")]
    .map((h) => Number.parseInt(h?.split(":")[1] ?? "", 10))
    .find((p) => Number.isSafeInteger(p));
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || "localhost";
  try {
    return new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ""}`).origin;
  } catch {
    return null;
  }
}

/** Whether a form was sent from another site (or from nowhere a browser will name: `null`). */
function isForeignOrigin(req: Request): boolean {
  const origin = req.get("origin");
  if (origin === undefined || SAFE_METHODS.has(req.method)) return false;
  try {
    return new URL(origin).origin !== requestOrigin(req);
  } catch {
    return true;
  }
}

/** An error the request caused (a malformed body or URL), as Express marks them: 4xx. */
function clientErrorStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

/** Routes the server layer answers itself, outside React Router; listed in the route-access snapshot. */
export const SERVER_ROUTES = [{ method: "GET", path: "/healthz", access: "public" }] as const;

export function createApp({
  services,
  build,
  devMiddleware,
  clientDir,
}: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", services.config.trustProxy);

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const id = incoming && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.locals.nonce = randomBytes(16).toString("base64");
    res.setHeader("X-Request-Id", id);
    next();
  });
  app.use(
    pinoHttp({
      logger: services.logger,
      genReqId: (_req, res) => (res as Response).locals.requestId,
      autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/assets/") },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
      serializers: {
        // Never the URL as sent: it can carry a reset or invitation token, a form token or
        // what someone searched for.
        req: (req) => ({ id: req.id, method: req.method, url: loggableUrl(req.url ?? "") }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          // Vite's hot reload talks over a websocket in development only.
          "connect-src": devMiddleware ? ["'self'", "ws:"] : ["'self'"],
          "upgrade-insecure-requests": null,
        },
      },
      strictTransportSecurity: services.config.production,
      referrerPolicy: { policy: "same-origin" },
      xFrameOptions: { action: "deny" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());

  app.use((req, res, next) => {
    if (REFUSED_METHODS.has(req.method)) {
      return badRequest(res, `Clearname does not answer ${req.method} requests.`);
    }
    try {
      decodeURIComponent(req.path);
    } catch {
      return badRequest(res, "This address is not valid: it has a malformed %-encoding.");
    }
    // React Router refuses these too, but with a bare "Bad Request" logged as an error.
    if (isForeignOrigin(req)) {
      return badRequest(res, "This form was sent from another site and has been refused.");
    }
    next();
  });

  app.get("/healthz", async (_req, res) => {
    const ok = await ping(services.database.db);
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? "ok" : "unavailable", database: services.database.kind });
  });

  if (devMiddleware) {
    app.use(devMiddleware);
  } else if (clientDir) {
    app.use(
      "/assets",
      express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }),
    );
    app.use(express.static(clientDir, { maxAge: "1h", index: false }));
  }

  const handler = async (req: Request, res: Response, next: express.NextFunction) => {
    noStoreUnlessSet(res);
    try {
      const serverBuild = typeof build === "function" ? await build() : build;
      const entry = serverBuild.entry.module as unknown as EntryWithContext;
      const facts: RequestFacts = {
        requestId: res.locals.requestId,
        ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
        userAgent: req.get("user-agent") ?? null,
        nonce: res.locals.nonce,
      };
      return createRequestHandler({
        build: serverBuild,
        mode: devMiddleware ? "development" : "production",
        // biome-ignore lint/suspicious/noExplicitAny: the provider type is the build's own
        getLoadContext: () => entry.createAppLoadContext(services, facts) as any,
      })(req, res, next);
    } catch (error) {
      next(error);
    }
  };
  app.all("/{*splat}", handler);

  // Last resort: never a stack trace to the user.
  app.use((err: unknown, req: Request, res: Response, _next: express.NextFunction) => {
    const clientError = clientErrorStatus(err);
    if (clientError !== undefined && !res.headersSent) {
      // The request was at fault, not Clearname: a note in the log, not an error with a stack.
      services.logger.info(
        { requestId: res.locals.requestId, url: loggableUrl(req.url), status: clientError },
        "request refused",
      );
      return badRequest(res, "This request could not be understood.", clientError);
    }
    services.logger.error(
      { err, requestId: res.locals.requestId, url: loggableUrl(req.url) },
      "unhandled error",
    );
    if (res.headersSent) return;
    res
      .status(500)
      .type("text/plain")
      .send(`Sorry, there is a problem with the service. Reference: ${res.locals.requestId}`);
  });
  return app;
}
