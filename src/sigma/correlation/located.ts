/**
 * Located YAML trees, shared by the correlation, filter and pipeline parsers: every node knows
 * its file:line:column, so each issue points at the node that caused it. The shape is the one
 * the core rule parser hands over for correlation and filter documents
 * (`RawSigmaDocument.tree`), so both loaders feed the same parsers.
 * @module
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { ErrorCode, Issue, Location } from '../../errors.js';

export type TreeScalarValue = string | number | boolean | null;

export interface TreeScalar {
  readonly kind: 'scalar';
  readonly value: TreeScalarValue;
  readonly location: Location;
}

export interface TreeEntry {
  readonly key: string;
  readonly keyLocation: Location;
  readonly value: Tree;
}

export interface TreeMap {
  readonly kind: 'map';
  readonly entries: readonly TreeEntry[];
  readonly location: Location;
}

export interface TreeSeq {
  readonly kind: 'seq';
  readonly items: readonly Tree[];
  readonly location: Location;
}

/** A YAML node with its location. */
export type Tree = TreeScalar | TreeMap | TreeSeq;

/** Limits applied to untrusted YAML (alias floods, deep nesting, huge files). */
export const TREE_LIMITS = {
  maxChars: 10 * 1024 * 1024,
  maxNodes: 200_000,
  maxDepth: 64,
} as const;

class LimitExceeded extends Error {}

/**
 * Parses every document of a YAML text into located trees. Syntax errors and limit
 * violations become issues with their position; the other documents still load.
 */
export function loadTrees(
  text: string,
  file: string,
  code: ErrorCode,
): { trees: Tree[]; issues: Issue[] } {
  const issues: Issue[] = [];
  if (text.length > TREE_LIMITS.maxChars) {
    issues.push({
      code,
      severity: 'error',
      message: `file is ${text.length} characters long, over the limit of ${TREE_LIMITS.maxChars}`,
      location: { file, line: 1, column: 1 },
    });
    return { trees: [], issues };
  }
  const lines = new LineCounter();
  const at = (offset: number | undefined): Location => {
    if (offset === undefined) return { file };
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const trees: Tree[] = [];
  for (const doc of Array.isArray(documents) ? documents : []) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        issues.push({
          code,
          severity: 'error',
          message: `YAML syntax error: ${error.message.split('\n')[0]}`,
          location: at(error.pos[0]),
        });
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document, e.g. after a trailing `---`
    let budget = TREE_LIMITS.maxNodes;
    const convert = (node: unknown, depth: number): Tree => {
      if (--budget < 0)
        throw new LimitExceeded(
          `document expands to more than ${TREE_LIMITS.maxNodes} nodes (alias flood?)`,
        );
      if (depth > TREE_LIMITS.maxDepth)
        throw new LimitExceeded(`document nests deeper than ${TREE_LIMITS.maxDepth} levels`);
      const target = isAlias(node)
        ? (node.resolve(doc) as Node | undefined)
        : (node as Node | null);
      const location = at(target && 'range' in target ? target.range?.[0] : undefined);
      if (isMap(target)) {
        return {
          kind: 'map',
          location,
          entries: target.items.map((pair) => {
            const keyNode = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
            const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
            const keyLocation = at(isScalar(keyNode) ? keyNode.range?.[0] : undefined);
            return { key, keyLocation, value: convert(pair.value, depth + 1) };
          }),
        };
      }
      if (isSeq(target)) {
        return {
          kind: 'seq',
          location,
          items: target.items.map((item) => convert(item, depth + 1)),
        };
      }
      return {
        kind: 'scalar',
        location,
        value: scalarValue(isScalar(target) ? target.value : null),
      };
    };
    try {
      trees.push(convert(doc.contents, 0));
    } catch (error) {
      if (!(error instanceof LimitExceeded)) throw error;
      issues.push({ code, severity: 'error', message: error.message, location: at(doc.range[0]) });
    }
  }
  return { trees, issues };
}

function scalarValue(value: unknown): TreeScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The entry of a map with this key, if any. */
export function entryOf(map: TreeMap, key: string): TreeEntry | undefined {
  return map.entries.find((entry) => entry.key === key);
}

/** A tree as plain JavaScript data. */
export function plainOf(tree: Tree): unknown {
  switch (tree.kind) {
    case 'scalar':
      return tree.value;
    case 'seq':
      return tree.items.map(plainOf);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const entry of tree.entries) out[entry.key] = plainOf(entry.value);
      return out;
    }
    default:
      return assertNever(tree);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected tree node ${JSON.stringify(value)}`);
}

/** Describes a node's YAML type for messages: `a mapping`, `a list`, `the string "x"`. */
export function describeTree(tree: Tree | undefined): string {
  if (tree === undefined) return 'missing';
  if (tree.kind === 'map') return 'a mapping';
  if (tree.kind === 'seq') return 'a list';
  const value = tree.value;
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** The string items of a list node, or undefined when it is not a list of strings. */
export function stringItems(tree: Tree): string[] | undefined {
  if (tree.kind !== 'seq') return undefined;
  const out: string[] = [];
  for (const item of tree.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') return undefined;
    out.push(item.value);
  }
  return out;
}
