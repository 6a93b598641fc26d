/**
 * Safe YAML loading: text to a located tree (every node knows its file:line:column), with
 * limits against YAML bombs (alias floods, deep nesting, huge files). Aliases are expanded by
 * us, counting every node produced, so a billion-laughs document stops at the node budget
 * instead of exhausting memory.
 * @module
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document as YDocument,
  type Node as YNode,
} from 'yaml';
import type { Issue, Location } from '../../errors.js';

/** Limits applied while loading one file. */
export interface YamlLimits {
  /** Maximum file size in UTF-16 code units (≈ bytes for ASCII). Default 2 MiB. */
  readonly maxChars: number;
  /** Maximum tree nodes produced for one document, aliases expanded. Default 50,000. */
  readonly maxNodes: number;
  /** Maximum alias references (`*name`) in one file, counted before parsing. Default 10,000. */
  readonly maxAliases: number;
  /** Maximum nesting depth. Default 64. */
  readonly maxDepth: number;
  /** Maximum documents in one file. Default 10,000. */
  readonly maxDocuments: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxChars: 2 * 1024 * 1024,
  maxNodes: 50_000,
  maxAliases: 10_000,
  maxDepth: 64,
  maxDocuments: 10_000,
};

export type YamlScalarValue = string | number | boolean | null;

export interface YamlScalar {
  readonly kind: 'scalar';
  readonly value: YamlScalarValue;
  /** Source text of the scalar (for numbers: `0x10`, `1e3`). */
  readonly source: string;
  readonly location: Location;
}

export interface YamlEntry {
  readonly key: string;
  readonly keyLocation: Location;
  readonly value: YamlTree;
}

export interface YamlMap {
  readonly kind: 'map';
  readonly entries: readonly YamlEntry[];
  readonly location: Location;
}

export interface YamlSeq {
  readonly kind: 'seq';
  readonly items: readonly YamlTree[];
  readonly location: Location;
}

/** A YAML node with its location. */
export type YamlTree = YamlScalar | YamlMap | YamlSeq;

/** One loaded document: its tree (undefined when empty or broken) and where it starts. */
export interface LoadedDocument {
  readonly tree: YamlTree | undefined;
  readonly location: Location;
}

export interface LoadResult {
  readonly documents: readonly LoadedDocument[];
  readonly issues: readonly Issue[];
}

class LimitExceeded extends Error {
  constructor(
    message: string,
    readonly location: Location,
  ) {
    super(message);
  }
}

/**
 * Parses every document of a YAML text into located trees. Syntax errors and limit violations
 * become issues (`CW_SIGMA_YAML`, `CW_SIGMA_LIMIT`); a broken document yields `tree: undefined`
 * and the others still load.
 */
export function loadYaml(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): LoadResult {
  if (text.length > limits.maxChars) {
    return {
      documents: [],
      issues: [
        {
          code: 'CW_SIGMA_LIMIT',
          severity: 'error',
          message: `file is ${text.length} characters long, over the limit of ${limits.maxChars}; split it into smaller rule files`,
          location: { file, line: 1, column: 1 },
        },
      ],
    };
  }
  const aliases = countAliases(text);
  if (aliases > limits.maxAliases) {
    return {
      documents: [],
      issues: [
        {
          code: 'CW_SIGMA_LIMIT',
          severity: 'error',
          message: `file has about ${aliases} YAML alias references, over the limit of ${limits.maxAliases} (alias flood?)`,
          location: { file, line: 1, column: 1 },
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): Location => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const issues: Issue[] = [];
  const documents: LoadedDocument[] = [];
  // Limits from the yaml package too: it must not expand aliases itself (we never call toJS).
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    // An empty stream: parseAllDocuments returns an EmptyStream, which has no documents.
    return { documents, issues };
  }
  if (docs.length > limits.maxDocuments) {
    issues.push({
      code: 'CW_SIGMA_LIMIT',
      severity: 'error',
      message: `file has ${docs.length} YAML documents, over the limit of ${limits.maxDocuments}`,
      location: { file, line: 1, column: 1 },
    });
    return { documents, issues };
  }
  for (const doc of docs) {
    const start = at(doc.range[0]);
    const errors = [...doc.errors];
    for (const error of errors) {
      const offset = error.pos[0];
      issues.push({
        code: 'CW_SIGMA_YAML',
        severity: 'error',
        message: `invalid YAML: ${firstLine(error.message)}`,
        location: at(offset),
      });
    }
    if (errors.length > 0) {
      documents.push({ tree: undefined, location: start });
      continue;
    }
    try {
      const budget: Budget = { nodes: 0, anchors: new Map() };
      const tree =
        doc.contents === null ? undefined : convert(doc.contents, doc, at, limits, budget, 0);
      documents.push({ tree, location: start });
    } catch (error) {
      if (!(error instanceof LimitExceeded)) throw error;
      issues.push({
        code: 'CW_SIGMA_LIMIT',
        severity: 'error',
        message: error.message,
        location: error.location,
      });
      documents.push({ tree: undefined, location: start });
    }
  }
  return { documents, issues };
}

/**
 * Counts alias-like tokens (`*name` after a separator) without parsing: the yaml package
 * spends super-linear time on files with very many aliases, so floods are refused up front.
 * Quoted wildcards such as `'*\\cmd.exe'` may be counted too; the limit is far above any
 * real rule file.
 */
function countAliases(text: string): number {
  let count = 0;
  const re = /(?:^|[\s[{,])\*[^\s,\]}*]/g;
  while (re.exec(text) !== null) count += 1;
  return count;
}

interface Budget {
  nodes: number;
  readonly anchors: Map<string, YNode>;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function convert(
  node: YNode | unknown,
  doc: YDocument.Parsed,
  at: (offset: number) => Location,
  limits: YamlLimits,
  budget: Budget,
  depth: number,
): YamlTree {
  const location = at(rangeStart(node));
  budget.nodes += 1;
  if (budget.nodes > limits.maxNodes) {
    throw new LimitExceeded(
      `document expands to more than ${limits.maxNodes} YAML nodes (alias flood or YAML bomb?)`,
      location,
    );
  }
  if (depth > limits.maxDepth) {
    throw new LimitExceeded(`YAML nesting deeper than ${limits.maxDepth} levels`, location);
  }
  if (isAlias(node)) {
    // Anchors are registered in document order as nodes are converted, so an alias finds the
    // most recent preceding anchor in O(1) (the yaml package's resolve() scans the document).
    const target = budget.anchors.get(node.source);
    if (target === undefined) {
      throw new LimitExceeded(`unresolved alias *${node.source}`, location);
    }
    return convert(target, doc, at, limits, budget, depth + 1);
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor !== undefined && typeof node === 'object' && node !== null)
    budget.anchors.set(anchor, node as YNode);
  if (isScalar(node)) {
    return {
      kind: 'scalar',
      value: scalarValue(node.value),
      source: node.source === undefined ? String(node.value) : String(node.source),
      location,
    };
  }
  if (isMap(node)) {
    const entries: YamlEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key;
      const keyLocation = at(rangeStart(keyNode));
      let key: string;
      if (isScalar(keyNode)) key = keyNode.value === null ? '' : String(keyNode.value);
      else if (isAlias(keyNode)) {
        const target = budget.anchors.get(keyNode.source);
        key = isScalar(target) ? String(target.value) : '';
      } else {
        throw new LimitExceeded('map keys must be plain scalars', keyLocation);
      }
      const value: YamlTree =
        pair.value === null || pair.value === undefined
          ? { kind: 'scalar', value: null, source: '', location: keyLocation }
          : convert(pair.value, doc, at, limits, budget, depth + 1);
      entries.push({ key, keyLocation, value });
    }
    return { kind: 'map', entries, location };
  }
  if (isSeq(node)) {
    const items: YamlTree[] = [];
    for (const item of node.items) {
      items.push(
        item === null
          ? { kind: 'scalar', value: null, source: '', location }
          : convert(item, doc, at, limits, budget, depth + 1),
      );
    }
    return { kind: 'seq', items, location };
  }
  return { kind: 'scalar', value: null, source: '', location };
}

function rangeStart(node: unknown): number {
  if (typeof node === 'object' && node !== null && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    if (range && typeof range[0] === 'number') return range[0];
  }
  return 0;
}

function scalarValue(value: unknown): YamlScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/** Converts a located tree back to plain data (for custom attributes and raw documents). */
export function toPlain(tree: YamlTree): unknown {
  switch (tree.kind) {
    case 'scalar':
      return tree.value;
    case 'seq':
      return tree.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const entry of tree.entries) out[entry.key] = toPlain(entry.value);
      return out;
    }
    default: {
      const never: never = tree;
      return never;
    }
  }
}

/** The value of a key in a located map, if present. */
export function getEntry(map: YamlMap, key: string): YamlEntry | undefined {
  for (const entry of map.entries) if (entry.key === key) return entry;
  return undefined;
}
