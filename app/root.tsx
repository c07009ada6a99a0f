import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "react-router";
import { csrfMiddleware } from "~/access/csrf.server";
import { permissionsOf } from "~/access/viewer";
import { csrfContext, requestContext, servicesContext, sessionContext } from "~/context.server";
import { sessionMiddleware } from "~/identity/session-cookie.server";
import { countUnreadNotifications } from "~/referrals/notifications.server";
import { CsrfInput } from "~/ui/forms";
import { navigationFor } from "~/ui/navigation";
import type { Route } from "./+types/root";
import stylesHref from "./styles.css?url";

export const middleware: Route.MiddlewareFunction[] = [csrfMiddleware, sessionMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const session = context.get(sessionContext);
  const viewer = session.state === "active" ? session.viewer : null;
  const permissions = permissionsOf(viewer);
  const unread = viewer
    ? await countUnreadNotifications(context.get(servicesContext).database.db, viewer.id)
    : 0;
  return data({
    csrf: context.get(csrfContext),
    // A new one-time key for the forms of each page drawn (see app/ui/form-action.server.ts).
    formKey: crypto.randomUUID(),
    nonce: context.get(requestContext).nonce,
    viewer: viewer ? { name: viewer.name, email: viewer.email } : null,
    permissions,
    navigation: navigationFor(permissions, viewer !== null, unread),
  });
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  const nonce = root?.nonce;
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="container header-bar">
            <Link to="/" className="brand">
              Clearname
            </Link>
            {root?.viewer ? (
              <div className="header-user">
                <span>{root.viewer.name}</span>
                <form method="post" action="/sign-out">
                  <CsrfInput />
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </form>
              </div>
            ) : root ? (
              <Link to="/sign-in">Sign in</Link>
            ) : // A page refused before any loader ran (a 403) does not know who is signed in:
            // it offers neither "Sign in" nor "Sign out", only the way home.
            null}
          </div>
          {root && root.navigation.length > 0 ? (
            <nav aria-label="Main" className="container main-nav">
              <ul>
                {root.navigation.map((item) => (
                  <li key={item.href}>
                    <Link to={item.href}>{item.label}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>Clearname — case system for an innocence network and its member projects.</p>
            <p>
              <Link to="/projects">Member projects</Link>
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const TITLES: Record<number, string> = {
  400: "There is a problem with the request",
  401: "Sign in to continue",
  403: "You do not have access to this page",
  404: "Page not found",
  409: "Someone else changed this",
  422: "There is a problem",
  429: "Too many attempts",
};

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  if (isRouteErrorResponse(error)) {
    // A message only when there is one: the 404 route sends `message: null` for the default text.
    const given =
      typeof error.data === "object" && error.data && "message" in error.data
        ? error.data.message
        : null;
    const message = typeof given === "string" && given.trim() ? given : null;
    return (
      <>
        <title>{`${TITLES[error.status] ?? "Something went wrong"} – Clearname`}</title>
        <h1>{TITLES[error.status] ?? "Something went wrong"}</h1>
        {error.status === 404 ? (
          <p>
            {message ??
              "If you typed the web address, check it is correct. If you pasted it, check you copied all of it."}
          </p>
        ) : (
          <p>{message ?? "Please try again."}</p>
        )}
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <title>Sorry, there is a problem with the service – Clearname</title>
      <h1>Sorry, there is a problem with the service</h1>
      <p>Nothing you entered has been lost if it was saved before this page. Try again later.</p>
      <p>If this keeps happening, tell your administrator the time it happened.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
