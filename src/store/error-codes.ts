import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the embedded SQLite store (`src/store/`). */
export const STORE_ERROR_CODES = {
  CW_STORE_OPEN: {
    meaning:
      'The store file could not be opened or created (a missing parent folder that cannot be made, a folder at that path, no permission, a locked file).',
    fix: 'Check the --store path: it must name a file (default ./.cronwarden/cronwarden.db) in a writable folder.',
  },
  CW_STORE_MISSING: {
    meaning:
      'A command that only reads the store (baseline show, hunt --baseline) was given a store file that does not exist.',
    fix: 'Run `cronwarden baseline learn LOGS…` first, or pass the right file with --store.',
  },
  CW_STORE_NOT_A_STORE: {
    meaning:
      'The file exists but is not a cronwarden store: not an SQLite database at all, or an SQLite database of another application.',
    fix: 'Point --store at a cronwarden store, or at a path that does not exist yet (it is created). cronwarden never writes into a foreign database.',
  },
  CW_STORE_NEWER_SCHEMA: {
    meaning:
      'The store was written by a newer cronwarden: its schema version is above the newest this version knows.',
    fix: 'Upgrade cronwarden, or use another --store file. Older versions never downgrade a store.',
  },
  CW_STORE_MIGRATION_FAILED: {
    meaning:
      'A schema migration failed; it was rolled back and the store is left at its previous version.',
    fix: 'Report it with the message; the store file is unchanged and can still be read by the version that wrote it.',
  },
  CW_STORE_CORRUPT: {
    meaning:
      'The store file is damaged: SQLite reports a malformed database (a truncated copy, a disk error, a file edited by another tool).',
    fix: 'Restore the file from a backup, or move it away and run `cronwarden baseline learn` again over the archived logs (learning rebuilds the whole baseline).',
  },
  CW_STORE_QUERY: {
    meaning:
      'A read or write of the store failed (disk full, a corrupt page, a lock held too long).',
    fix: 'Check free disk space and that no other process holds the store; `sqlite3 FILE "PRAGMA integrity_check"` tells whether the file is damaged.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
