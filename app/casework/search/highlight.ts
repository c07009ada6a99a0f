/**
 * Sentinels that `ts_headline` puts around each hit instead of HTML tags: characters from
 * the private use area, which case text does not contain, so that a snippet stays plain
 * text and is rendered (escaped) by React — never injected as HTML.
 */
export const HIT_START = "\uE000";
export const HIT_STOP = "\uE001";

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Splits a snippet marked with the sentinels into plain parts and hits. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, hit });
    text = "";
  };
  for (const ch of snippet) {
    if (ch === HIT_START || ch === HIT_STOP) {
      flush();
      hit = ch === HIT_START;
    } else text += ch;
  }
  flush();
  return parts;
}

/** The longest search text accepted. */
export const MAX_QUERY_LENGTH = 200;
