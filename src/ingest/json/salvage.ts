/**
 * Recovers the complete top-level members of a JSON object whose text was cut off (EKS
 * CloudWatch lines ending in `[Truncated...]`). The audit Event's small identifying members
 * (`auditID`, `verb`, `user`, `objectRef`, `requestURI`) come before the bodies, so they
 * usually survive and a blind-spot event can still say who touched which CronJob.
 * @module
 */

/**
 * Returns the object made of every member that closed before the cut, or `undefined` when
 * the text does not start with `{`.
 */
export function salvageObjectPrefix(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start === -1 || text.slice(0, start).trim() !== '') return undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let lastMemberEnd = -1;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) {
        lastMemberEnd = i; // the object was complete after all
        break;
      }
    } else if (c === 44 && depth === 1) lastMemberEnd = i;
  }
  const body = lastMemberEnd === -1 ? '{' : text.slice(start, lastMemberEnd);
  try {
    const value: unknown = JSON.parse(`${body}}`);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    // A member that looked complete was not valid JSON: nothing trustworthy to recover.
    return {};
  }
}
