import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { forbidden } from "~/errors/app-error";

/**
 * The organisation an officer acts for as controller: the one in which they hold
 * `protect:data:own` (the network for its data-protection officer, a project for its lead).
 * Someone holding it in several organisations names the one they mean.
 */
export function requireController(acting: Acting, organisationId?: string): string {
  const held = acting.viewer.memberships
    .filter((m) => can(acting.viewer, "protect:data:own", m.organisationId))
    .map((m) => m.organisationId);
  if (organisationId !== undefined) {
    if (!held.includes(organisationId))
      throw forbidden("Only the organisation's data-protection officer can do this.");
    return organisationId;
  }
  const [first] = held;
  if (!first) throw forbidden("Only a data-protection officer can do this.");
  return first;
}

/** Whether the viewer acts as controller anywhere: for showing the officer's links. */
export function canProtectData(acting: Acting): boolean {
  return can(acting.viewer, "protect:data:own");
}
