/**
 * Reading the parameters of a processing item, a transformation or a condition from its YAML
 * map with located issues: every key must be known, every value of the expected type.
 * @module
 */
import type { Issue, Location } from '../../errors.js';
import type { SigmaValue } from '../ast.js';
import { scalarToValue } from '../parse/detection.js';
import type { YamlMap, YamlTree } from '../parse/yaml-tree.js';

/** Typed access to a parameter map; problems become `CW_SIGMA_PIPELINE_INVALID` issues. */
export class Params {
  private readonly used = new Set<string>();

  constructor(
    readonly map: YamlMap,
    /** `transformation "field_name_mapping" (id x)` — prefixes every message. */
    readonly label: string,
    readonly issues: Issue[],
  ) {}

  get location(): Location {
    return this.map.location;
  }

  has(key: string): boolean {
    return this.map.entries.some((entry) => entry.key === key);
  }

  tree(key: string): YamlTree | undefined {
    this.used.add(key);
    return this.map.entries.find((entry) => entry.key === key)?.value;
  }

  fail(message: string, location: Location = this.map.location): void {
    this.issues.push({
      code: 'CW_SIGMA_PIPELINE_INVALID',
      severity: 'error',
      message: `${this.label}: ${message}`,
      location,
    });
  }

  string(key: string, required: true): string | undefined;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | undefined {
    const tree = this.tree(key);
    if (tree === undefined) {
      if (required) this.fail(`missing parameter "${key}" (a string)`);
      return undefined;
    }
    if (tree.kind === 'scalar' && typeof tree.value === 'string') return tree.value;
    if (tree.kind === 'scalar' && typeof tree.value === 'number') return String(tree.value);
    this.fail(`parameter "${key}" must be a string`, tree.location);
    return undefined;
  }

  boolean(key: string, fallback: boolean): boolean {
    const tree = this.tree(key);
    if (tree === undefined) return fallback;
    if (tree.kind === 'scalar' && typeof tree.value === 'boolean') return tree.value;
    this.fail(`parameter "${key}" must be true or false`, tree.location);
    return fallback;
  }

  /** A string or a list of strings, as a list. */
  strings(key: string, required: boolean): string[] | undefined {
    const tree = this.tree(key);
    if (tree === undefined) {
      if (required) this.fail(`missing parameter "${key}" (a string or a list of strings)`);
      return undefined;
    }
    if (tree.kind === 'scalar' && tree.value !== null && typeof tree.value !== 'boolean') {
      return [String(tree.value)];
    }
    if (tree.kind === 'seq') {
      const out: string[] = [];
      for (const item of tree.items) {
        if (
          item.kind === 'scalar' &&
          (typeof item.value === 'string' || typeof item.value === 'number')
        ) {
          out.push(String(item.value));
        } else {
          this.fail(`items of "${key}" must be strings`, item.location);
          return undefined;
        }
      }
      return out;
    }
    this.fail(`parameter "${key}" must be a string or a list of strings`, tree.location);
    return undefined;
  }

  /** A mapping of string to string-or-list-of-strings. */
  stringMapping(key: string, required: boolean): Map<string, string[]> | undefined {
    const tree = this.tree(key);
    if (tree === undefined) {
      if (required) this.fail(`missing parameter "${key}" (a mapping)`);
      return undefined;
    }
    if (tree.kind !== 'map') {
      this.fail(`parameter "${key}" must be a mapping`, tree.location);
      return undefined;
    }
    const out = new Map<string, string[]>();
    for (const entry of tree.entries) {
      const value = entry.value;
      if (value.kind === 'scalar' && value.value !== null && typeof value.value !== 'boolean') {
        out.set(entry.key, [String(value.value)]);
      } else if (
        value.kind === 'seq' &&
        value.items.length > 0 &&
        value.items.every((i) => i.kind === 'scalar' && i.value !== null)
      ) {
        out.set(
          entry.key,
          value.items.map((i) => String(i.kind === 'scalar' ? i.value : '')),
        );
      } else {
        this.fail(
          `"${key}.${entry.key}" must be a string or a non-empty list of strings`,
          value.location,
        );
      }
    }
    return out;
  }

  /** A scalar as a typed Sigma value. */
  value(key: string, required: boolean): SigmaValue | undefined {
    const tree = this.tree(key);
    if (tree === undefined) {
      if (required) this.fail(`missing parameter "${key}"`);
      return undefined;
    }
    if (tree.kind !== 'scalar') {
      this.fail(`parameter "${key}" must be a single value`, tree.location);
      return undefined;
    }
    return scalarToValue(tree);
  }

  /** Reports keys that no reader asked for. */
  rejectUnknown(ignore: ReadonlySet<string> = new Set()): void {
    for (const entry of this.map.entries) {
      if (this.used.has(entry.key) || ignore.has(entry.key)) continue;
      this.fail(`unknown parameter "${entry.key}"`, entry.keyLocation);
    }
  }
}
