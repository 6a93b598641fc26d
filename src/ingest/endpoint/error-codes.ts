import type { ErrorCodeInfo } from '../../errors.js';

/** Codes of the endpoint decoders (Windows/Sysmon XML, auditd). */
export const ENDPOINT_ERROR_CODES = {
  CW_INGEST_MALFORMED_XML: {
    meaning:
      'An XML event (Windows or Sysmon <Event>) is not well-formed, is cut short, or text outside any <Event> element was found.',
    fix: 'Inspect the named line; export the log again (wevtutil qe /f:xml, Event Viewer "Save as XML").',
  },
  CW_INGEST_MALFORMED_AUDITD: {
    meaning:
      'A line in an auditd log is not an audit record (no type=… msg=audit(time:serial): prefix) or a field cannot be read.',
    fix: 'Feed raw /var/log/audit/audit.log or ausearch --raw output; the line was skipped.',
  },
  CW_INGEST_INCOMPLETE_AUDITD: {
    meaning:
      'An auditd event (records sharing one msg=audit serial) is incomplete: no SYSCALL record, or the stream ended before its EOE record. What was there was still decoded.',
    fix: 'The log was rotated or cut mid-event, or auditd lost records (check the backlog); nothing to do for old logs.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
