import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the ingest domain: reading files and decoding log envelopes. */
export const INGEST_ERROR_CODES = {
  CW_INGEST_NO_INPUT: {
    meaning: 'A path, directory or glob given as input matched no readable file.',
    fix: 'Check the path or quote the glob so the shell does not expand it first.',
  },
  CW_INGEST_NO_SUCH_FORMAT: {
    meaning: 'The forced format id (--format) is not in the format catalogue.',
    fix: 'Run with a listed format id (see docs/ingest-formats.md) or leave detection on.',
  },
  CW_INGEST_UNKNOWN_FORMAT: {
    meaning: 'The format of a file or stream could not be detected from its first lines.',
    fix: 'Force the format with --format ID, or check that the file is a log of a supported source.',
  },
  CW_INGEST_LINE_TOO_LONG: {
    meaning:
      'A line is longer than the line limit; it was skipped without being buffered, the rest of the stream was read.',
    fix: 'Raise the limit (maxLineBytes / --max-line-bytes) if such records are legitimate.',
  },
  CW_INGEST_DOCUMENT_TOO_LARGE: {
    meaning:
      'A multi-line JSON document (or one element of a JSON array) is larger than the limit.',
    fix: 'Convert the file to JSON lines (jq -c) or raise maxDocumentBytes.',
  },
  CW_INGEST_MALFORMED_JSON: {
    meaning: 'A record (or a JSON string embedded in a record) is not valid JSON.',
    fix: 'Inspect the named line; truncated writes and binary data are the usual causes.',
  },
  CW_INGEST_UNTERMINATED_DOCUMENT: {
    meaning: 'The stream ended, or a new record began, inside a multi-line JSON document.',
    fix: 'The file was cut short or two writers interleaved; the records before it were kept.',
  },
  CW_INGEST_UNRECOGNISED_RECORD: {
    meaning: 'A JSON record has a shape no decoder (or not the forced decoder) understands.',
    fix: 'Check that the record belongs to the format; force another --format if detection chose wrongly.',
  },
  CW_INGEST_BAD_FIELD: {
    meaning: 'A field the decoder reads has the wrong type (for example verb is a number).',
    fix: 'The record was not used; fix the producer, or the record is corrupt.',
  },
  CW_INGEST_BAD_PAYLOAD: {
    meaning: 'An encoded payload (EKS subscription base64 + gzip) could not be decoded.',
    fix: 'Check that the line is one CloudWatch Logs subscription record as delivered.',
  },
  CW_INGEST_TRUNCATED_GZIP: {
    meaning: 'A gzip stream ended early or is corrupt; the lines before the damage were read.',
    fix: 'Copy the file again; gzip -t shows the same damage.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
