/**
 * The located YAML tree the correlation parser reads: every node knows its file:line:column,
 * so each issue points at the node that caused it. It is the shape of the core loader's
 * `YamlTree` (`RawSigmaDocument.tree`) without the scalar source text, which correlations do
 * not need; any `YamlTree` is a `Tree`.
 * @module
 */
import type { Location } from '../../errors.js';

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

/** The entry of a map with this key, if any. */
export function entryOf(map: TreeMap, key: string): TreeEntry | undefined {
  return map.entries.find((entry) => entry.key === key);
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
