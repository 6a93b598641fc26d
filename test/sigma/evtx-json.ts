/**
 * Reads SigmaHQ regression events: evtx-dump JSON (`{"Event":{"System":…,"EventData":…}}`),
 * one or several objects concatenated in a file, flattened into the Windows field names
 * Sigma rules use (`Image`, `CommandLine`, `EventID`, `Channel`, `Provider_Name`, …).
 */

/** Splits concatenated JSON values (`{…}{…}` or one per line). */
export function splitConcatenatedJson(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return values;
}

function attribute(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const attributes = (value as Record<string, unknown>)['#attributes'];
  return attributes !== null && typeof attributes === 'object'
    ? (attributes as Record<string, unknown>)[name]
    : undefined;
}

function copyScalars(from: unknown, into: Record<string, unknown>): void {
  if (from === null || typeof from !== 'object') return;
  for (const [key, value] of Object.entries(from)) {
    if (key.startsWith('#')) continue;
    // Sigma field naming: "the raw field name with spaces stripped" (`Source Name` → `SourceName`).
    const name = key.replace(/\s+/g, '');
    if (value === null || typeof value !== 'object') into[name] = value;
    else if ('#text' in value) into[name] = (value as Record<string, unknown>)['#text'];
  }
}

/** Flattens one evtx-JSON event. */
export function flattenEvtxEvent(value: unknown): Record<string, unknown> {
  const event = (value as { Event?: Record<string, unknown> }).Event ?? {};
  const system = (event.System ?? {}) as Record<string, unknown>;
  const flat: Record<string, unknown> = {};
  copyScalars(system, flat);
  const eventId = system.EventID;
  flat.EventID =
    typeof eventId === 'object' && eventId !== null
      ? (eventId as Record<string, unknown>)['#text']
      : eventId;
  flat.Provider_Name = attribute(system.Provider, 'Name');
  const time = attribute(system.TimeCreated, 'SystemTime');
  if (time !== undefined) flat.TimeCreated = time;
  copyScalars(event.EventData, flat);
  const userData = event.UserData;
  if (userData !== null && typeof userData === 'object') {
    for (const [key, inner] of Object.entries(userData))
      if (!key.startsWith('#')) copyScalars(inner, flat);
  }
  return flat;
}
