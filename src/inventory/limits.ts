/** Limits that keep hostile manifests from exhausting memory or CPU. */
export interface ParseLimits {
  /** Largest document parsed, in bytes (the API server refuses request bodies over 3 MiB). */
  readonly maxDocumentBytes: number;
  /** Most alias expansions per document (the `yaml` package's `maxAliasCount`). */
  readonly maxAliasCount: number;
  /** Deepest nesting of mappings and sequences per document. */
  readonly maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxDocumentBytes: 3 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 100,
};
