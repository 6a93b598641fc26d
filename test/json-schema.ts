/**
 * Ajv set up the way our schema tests need it: strict, all errors, and small validators for
 * the formats our schemas use (Ajv 8 ships none; ajv-formats would be one more dependency for
 * three regular expressions).
 */
import type { Ajv as AjvCore } from 'ajv';

// RFC 3339 §5.6 date-time (what JSON Schema's `date-time` means).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
// RFC 3986 URI: a scheme, a colon, no whitespace or characters that must be escaped.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/;
const URI_REFERENCE = /^[^\s"<>\\^`{|}]*$/;

export function addFormats(ajv: AjvCore): AjvCore {
  ajv.addFormat(
    'date-time',
    (text: string) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)),
  );
  ajv.addFormat('uri', URI);
  ajv.addFormat('uri-reference', URI_REFERENCE);
  return ajv;
}
