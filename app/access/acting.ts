import type { Actor } from "~/audit/record-audit-event.server";
import type { Viewer } from "./viewer";

/** The signed-in user performing a domain operation, with the request facts the audit trail keeps. */
export interface Acting {
  viewer: Viewer;
  ip: string | null;
  requestId: string | null;
}

export function actorOf(acting: Acting): Actor & { userId: string } {
  return { userId: acting.viewer.id, ip: acting.ip, requestId: acting.requestId };
}
