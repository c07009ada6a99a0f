/**
 * Who may sign off a case note (docs/decisions/025-who-signs-off-a-note.md). A sign-off is a
 * second pair of eyes on what leaves the project, so it is given by a lead of the case's
 * project who did not write the note: a lead's own note waits for another of the project's
 * leads. Kept apart from the database so that the page (which hides the button) and the
 * domain call (which refuses) decide it the same way.
 */
export interface SignOffFacts {
  /** Whether the viewer leads the case's project. */
  leads: boolean;
  viewerId: string;
  /** Who wrote the note; null for an author whose account is gone. */
  authorId: string | null;
  signedOff: boolean;
}

export const OWN_NOTE_REFUSAL =
  "You wrote this note, so another lead of the project must sign it off.";

/** Why the viewer may not sign the note off, or null when they may. */
export function signOffRefusal(f: SignOffFacts): string | null {
  if (!f.leads) return "Only a lead of the case's project can sign notes off.";
  if (f.signedOff) return "The note has already been signed off.";
  if (f.authorId === f.viewerId) return OWN_NOTE_REFUSAL;
  return null;
}

export const canSignOff = (f: SignOffFacts): boolean => signOffRefusal(f) === null;
