/**
 * Test helper: parses multi-document YAML into inventory objects with 1-based start lines,
 * for unit tests that need K8sObjects without the inventory loader.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { K8sObject } from '../src/inventory/object.js';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(record(value))) {
    if (typeof item === 'string') out[key] = item;
  }
  return out;
}

export function objectsFromYaml(text: string, file = 'test.yaml'): K8sObject[] {
  const lines = new LineCounter();
  const objects: K8sObject[] = [];
  for (const document of parseAllDocuments(text, { lineCounter: lines })) {
    if (!('contents' in document) || document.contents === null) continue;
    const body = record(document.toJS());
    if (typeof body.kind !== 'string') continue;
    const start = document.contents.range?.[0] ?? 0;
    const items = body.kind.endsWith('List') && Array.isArray(body.items) ? body.items : [body];
    for (const item of items) {
      const value = record(item);
      const metadata = record(value.metadata);
      const { data: _data, stringData: _stringData, ...rest } = value;
      objects.push({
        apiVersion: String(value.apiVersion ?? ''),
        kind: String(value.kind ?? ''),
        metadata: {
          name: String(metadata.name ?? ''),
          ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
          labels: strings(metadata.labels),
          annotations: strings(metadata.annotations),
          ...(typeof metadata.creationTimestamp === 'string'
            ? { creationTimestamp: metadata.creationTimestamp }
            : {}),
        },
        body: value.kind === 'Secret' ? rest : value,
        origin: { file, line: lines.linePos(start).line },
      });
    }
  }
  return objects;
}
