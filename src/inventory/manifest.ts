/**
 * Reads the objects of one manifest file (multi-document YAML, JSON, `List` kinds, `helm
 * template` and `kustomize build` output), each with the line where it starts. Every problem
 * becomes an issue with file:line; a bad document never stops the others.
 * @module
 */
import { type Document, isMap, isNode, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Issue, Location } from '../errors.js';
import { jsonPositions, linesOf } from './json-lines.js';
import {
  apiGroupOf,
  isBuiltInGroup,
  isKnownKind,
  isWorkload,
  nearestKind,
  POD_SPEC_PATHS,
  podMetadataPath,
} from './kinds.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.js';
import type { Inventory, K8sObject } from './object.js';
import { findTypeProblems, POD_METADATA_SCHEMA, POD_SPEC_SCHEMA } from './pod-spec-schema.js';
import { type DocumentChunk, splitDocuments } from './split-documents.js';
import { isRecord, toK8sObject } from './to-object.js';

type Path = readonly (string | number)[];

/** Parses manifest text. `file` names the source in origins and issues. */
export function parseManifest(
  text: string,
  file: string,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Inventory {
  const objects: K8sObject[] = [];
  const issues: Issue[] = [];
  for (const chunk of splitDocuments(text)) readChunk(chunk, file, limits, objects, issues);
  return { objects, issues };
}

function readChunk(
  chunk: DocumentChunk,
  file: string,
  limits: ParseLimits,
  objects: K8sObject[],
  issues: Issue[],
): void {
  const at = (line: number, column?: number): Location =>
    column === undefined ? { file, line } : { file, line, column };
  const size = Buffer.byteLength(chunk.text, 'utf8');
  if (looksLikeJson(chunk.text) && size <= limits.maxJsonDocumentBytes) {
    if (readJsonChunk(chunk, file, limits, objects, issues)) return;
  }
  if (size > limits.maxDocumentBytes) {
    issues.push({
      code: 'CW_INV_DOCUMENT_TOO_LARGE',
      severity: 'error',
      message: `document of ${formatBytes(size)} is larger than the ${formatBytes(limits.maxDocumentBytes)} limit; skipped`,
      location: at(chunk.startLine),
    });
    return;
  }
  const lines = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(chunk.text, {
      lineCounter: lines,
      prettyErrors: true,
      uniqueKeys: true,
    });
  } catch (error) {
    // The composer recurses per nesting level; absurd nesting exhausts the stack.
    if (error instanceof RangeError) {
      issues.push(depthIssue(at(chunk.startLine), limits));
      return;
    }
    throw error;
  }
  const position = (offset: number): Location => {
    const { line, col } = lines.linePos(offset);
    return at(chunk.startLine - 1 + line, col);
  };
  if (document.errors.length > 0) {
    for (const error of document.errors.slice(0, 3)) {
      issues.push({
        code: 'CW_INV_YAML_SYNTAX',
        severity: 'error',
        message: `invalid YAML: ${firstLine(error.message)}; document skipped`,
        location: position(error.pos[0]),
      });
    }
    return;
  }
  const contents = document.contents;
  if (contents === null) return; // an empty document (helm emits them for disabled templates)
  const start = position(contents.range[0]);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError) {
      issues.push({
        code: 'CW_INV_ALIAS_LIMIT',
        severity: 'error',
        message: `document expands more than ${limits.maxAliasCount} aliases (alias bomb?); skipped`,
        location: start,
      });
      return;
    }
    if (error instanceof RangeError) {
      issues.push(depthIssue(start, limits));
      return;
    }
    throw error;
  }
  if (depthOf(value, limits.maxDepth) > limits.maxDepth) {
    issues.push(depthIssue(start, limits));
    return;
  }
  const locate = (path: Path): Location =>
    position(nodeAt(document, path).range?.[0] ?? contents.range[0]);
  if (
    isRecord(value) &&
    Array.isArray(value.items) &&
    typeof value.kind === 'string' &&
    value.kind.endsWith('List')
  ) {
    readListItems(value, value.items, locate, file, objects, issues);
    return;
  }
  addObject(value, [], locate, file, objects, issues);
}

/** First non-blank character is `{` or `[` (JSON, also valid YAML flow). */
function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 10 || code === 13 || code === 9) continue;
    return code === 123 || code === 91;
  }
  return false;
}

/**
 * JSON fast path: `JSON.parse` (linear, no aliases) plus a position scan for lines. Returns
 * false — and adds nothing — when the YAML path should handle the chunk: invalid JSON, or
 * anything to report, since the YAML path locates every field precisely.
 */
function readJsonChunk(
  chunk: DocumentChunk,
  file: string,
  limits: ParseLimits,
  objects: K8sObject[],
  issues: Issue[],
): boolean {
  const tooLargeForYaml = Buffer.byteLength(chunk.text, 'utf8') > limits.maxDocumentBytes;
  let value: unknown;
  try {
    value = JSON.parse(chunk.text);
  } catch (error) {
    if (!tooLargeForYaml) return false; // the YAML path reads it or reports where it breaks
    // Too large for the YAML path: report JSON's own error (V8 names the offset).
    const offset = /position (\d+)/.exec((error as Error).message)?.[1];
    const [line = 1] = offset === undefined ? [1] : linesOf(chunk.text, [Number(offset)]);
    issues.push({
      code: 'CW_INV_YAML_SYNTAX',
      severity: 'error',
      message: `invalid JSON: ${(error as Error).message}; document skipped`,
      location: { file, line: chunk.startLine - 1 + line },
    });
    return true;
  }
  if (depthOf(value, limits.maxDepth) > limits.maxDepth) return false;
  const positions = jsonPositions(chunk.text);
  const [rootLine = 1, ...itemLines] = linesOf(chunk.text, [positions.root, ...positions.items]);
  const lineOf = (path: Path): Location => {
    const index = path[0] === 'items' && typeof path[1] === 'number' ? path[1] : undefined;
    const line = index === undefined ? rootLine : (itemLines[index] ?? rootLine);
    return { file, line: chunk.startLine - 1 + line };
  };
  const found: K8sObject[] = [];
  const problems: Issue[] = [];
  if (isList(value)) {
    if (positions.items.length !== value.items.length) return false;
    readListItems(value, value.items, lineOf, file, found, problems);
  } else {
    addObject(value, [], lineOf, file, found, problems);
  }
  // Something to report: let the YAML path locate it precisely, unless the document is too
  // large for it — then the item's line is as precise as it gets.
  if (problems.length > 0 && !tooLargeForYaml) return false;
  objects.push(...found);
  issues.push(...problems);
  return true;
}

function isList(
  value: unknown,
): value is Record<string, unknown> & { items: unknown[]; kind: string } {
  return (
    isRecord(value) &&
    Array.isArray(value.items) &&
    typeof value.kind === 'string' &&
    value.kind.endsWith('List')
  );
}

function readListItems(
  list: Record<string, unknown>,
  items: readonly unknown[],
  locate: (path: Path) => Location,
  file: string,
  objects: K8sObject[],
  issues: Issue[],
): void {
  const listKind = String(list.kind);
  const itemKind = listKind === 'List' ? undefined : listKind.slice(0, -'List'.length);
  const listVersion = typeof list.apiVersion === 'string' ? list.apiVersion : undefined;
  items.forEach((item, index) => {
    // API list responses (`CronJobList`) omit kind and apiVersion on their items.
    const typed =
      itemKind &&
      listVersion &&
      isRecord(item) &&
      item.kind === undefined &&
      item.apiVersion === undefined
        ? { apiVersion: listVersion, kind: itemKind, ...item }
        : item;
    addObject(typed, ['items', index], locate, file, objects, issues);
  });
}

function addObject(
  value: unknown,
  prefix: Path,
  locate: (path: Path) => Location,
  file: string,
  objects: K8sObject[],
  issues: Issue[],
): void {
  const location = locate(prefix);
  const result = toK8sObject(value, { file, line: location.line ?? 1 });
  if (!result.ok) {
    issues.push({
      code: 'CW_INV_NOT_OBJECT',
      severity: 'error',
      message: `not a Kubernetes object: ${result.reason}; skipped`,
      location,
    });
    return;
  }
  const { object } = result;
  objects.push(object);
  const group = apiGroupOf(object.apiVersion);
  if (isBuiltInGroup(group) && !isKnownKind(group, object.kind)) {
    const near = nearestKind(group, object.kind);
    issues.push({
      code: 'CW_INV_UNKNOWN_KIND',
      severity: 'warning',
      message: `unknown kind "${object.kind}" in ${object.apiVersion}${near ? `; did you mean "${near}"?` : ''} (kept, not evaluated)`,
      location: locate([...prefix, 'kind']),
    });
  }
  if (isWorkload(object.apiVersion, object.kind)) checkPodTypes(object, prefix, locate, issues);
}

function checkPodTypes(
  object: K8sObject,
  prefix: Path,
  locate: (path: Path) => Location,
  issues: Issue[],
): void {
  const specPath = POD_SPEC_PATHS[object.kind] ?? [];
  const metadataPath = podMetadataPath(object.kind) ?? [];
  const parts: Array<[Path, ReturnType<typeof findTypeProblems>]> = [
    [specPath, findTypeProblems(POD_SPEC_SCHEMA, valueAt(object.body, specPath) ?? {})],
    [metadataPath, findTypeProblems(POD_METADATA_SCHEMA, valueAt(object.body, metadataPath) ?? {})],
  ];
  for (const [base, problems] of parts) {
    for (const problem of problems) {
      const fieldPath = [...base, ...problem.path];
      issues.push({
        code: 'CW_INV_WRONG_TYPE',
        severity: 'error',
        message: `${object.kind} "${object.metadata.name}": ${fieldPath.join('.')}: ${problem.message}`,
        location: locate([...prefix, ...fieldPath]),
      });
    }
  }
}

/** The value at a path of plain objects, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(current) : !isRecord(current)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The deepest existing node along a path (so a missing field points at its parent). */
function nodeAt(document: Document.Parsed, path: Path): Node {
  let node = document.contents as Node;
  for (const key of path) {
    const next: unknown = isMap(node) || isSeq(node) ? node.get(key, true) : undefined;
    if (!isNode(next)) break;
    node = next;
  }
  return node;
}

/** Depth of nested objects/arrays, counted iteratively; stops once past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!; // the loop condition guarantees an entry
    if (typeof current !== 'object' || current === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function depthIssue(location: Location, limits: ParseLimits): Issue {
  return {
    code: 'CW_INV_DEPTH_LIMIT',
    severity: 'error',
    message: `document nests deeper than ${limits.maxDepth} levels; skipped`,
    location,
  };
}

/** The parser's first message line without its chunk-relative position (ours is global). */
function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  const line = newline < 0 ? text : text.slice(0, newline);
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}
