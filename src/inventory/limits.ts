/** Limits that keep hostile manifests from exhausting memory or CPU. */
export interface ParseLimits {
  /** Largest document parsed, in bytes (the API server refuses request bodies over 3 MiB). */
  readonly maxDocumentBytes: number;
  /**
   * Largest JSON document read with the JSON fast path (`kubectl get -A -o json` of a large
   * cluster is one big `List`; JSON has no aliases and parses in linear time).
   */
  readonly maxJsonDocumentBytes: number;
  /** Most alias expansions per document (the `yaml` package's `maxAliasCount`). */
  readonly maxAliasCount: number;
  /** Deepest nesting of mappings and sequences per document. */
  readonly maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxDocumentBytes: 3 * 1024 * 1024,
  maxJsonDocumentBytes: 256 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 100,
};
