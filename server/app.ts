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
        req: (req) => ({ id: req.id, method: req.method, url: req.url }),
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
    services.logger.error(
      { err, requestId: res.locals.requestId, url: req.url },
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
