/**
 * Reads one parsed `<Event>` element (Windows Event Log XML schema, also used by Sysmon for
 * Linux) into the System fields and EventData of `toWindowsEvent`.
 * @module
 */

import type { WindowsSystem } from './windows-event.js';
import { readEventId } from './windows-event.js';
import { childNamed, type XmlElement } from './xml.js';

export type XmlEventFields =
  | {
      readonly ok: true;
      readonly system: WindowsSystem;
      readonly eventData: Record<string, unknown>;
    }
  | { readonly ok: false; readonly reason: string };

const SYSTEM_EXTRA = ['Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID'] as const;

/** `<Data Name="Image">…</Data>` → `Image`; unnamed `<Data>` → `Data_0`, `Data_1`, … (as evtx tools do). */
function readEventData(element: XmlElement | undefined, out: Record<string, unknown>): void {
  if (element === undefined) return;
  let unnamed = 0;
  for (const child of element.children) {
    const name = child.attributes.Name;
    if (name !== undefined) out[name] = child.text;
    else if (child.children.length === 0)
      out[`${child.name === 'Data' ? 'Data' : child.name}_${unnamed++}`] = child.text;
  }
}

/** `<UserData><Inner xmlns=…><Field>v</Field></Inner></UserData>` → `{ Field: v }`. */
function readUserData(element: XmlElement | undefined, out: Record<string, unknown>): void {
  if (element === undefined) return;
  for (const inner of element.children) {
    for (const field of inner.children) out[field.name] = field.text;
  }
}

export function readXmlEvent(event: XmlElement): XmlEventFields {
  if (event.name !== 'Event' && !event.name.endsWith(':Event')) {
    return { ok: false, reason: `root element is <${event.name}>, not <Event>` };
  }
  const system = childNamed(event, 'System');
  if (system === undefined) return { ok: false, reason: '<Event> has no <System> element' };
  const eventIdText = childNamed(system, 'EventID')?.text.trim();
  const eventId = readEventId(eventIdText);
  if (eventId === undefined) {
    return { ok: false, reason: `<EventID> must be an integer, found "${eventIdText ?? ''}"` };
  }
  const extra: Record<string, unknown> = {};
  for (const key of SYSTEM_EXTRA) {
    const text = childNamed(system, key)?.text.trim();
    if (text !== undefined && text !== '') extra[key] = /^\d+$/.test(text) ? Number(text) : text;
  }
  const execution = childNamed(system, 'Execution')?.attributes.ProcessID;
  if (execution !== undefined) extra.ExecutionProcessID = Number(execution);
  const userId = childNamed(system, 'Security')?.attributes.UserID;
  if (userId !== undefined) extra.SecurityUserID = userId;
  const channel = childNamed(system, 'Channel')?.text.trim();
  const computer = childNamed(system, 'Computer')?.text.trim();
  const provider = childNamed(system, 'Provider')?.attributes.Name;
  const eventData: Record<string, unknown> = {};
  readEventData(childNamed(event, 'EventData'), eventData);
  readUserData(childNamed(event, 'UserData'), eventData);
  return {
    ok: true,
    system: {
      eventId,
      ...(channel ? { channel } : {}),
      ...(provider ? { provider } : {}),
      ...(computer ? { computer } : {}),
      time: childNamed(system, 'TimeCreated')?.attributes.SystemTime,
      extra,
    },
    eventData,
  };
}
