/**
 * Item plans to matchers over an `EventView`.
 *
 * Field semantics (docs/sigma-semantics.md): the reader returns `undefined` (absent), a scalar,
 * `null`, or an array (any member may match). `null` needles match absent, null or an empty
 * array; `neq` needs at least one non-null value and no value equal to any needle.
 * @module
 */
import { compileNeedles, scalarText, type TextTest, type ValueTest } from './compile-needles.js';
import type { EventView } from './event-view.js';
import { type FieldSlot, fieldSlot } from './field-slot.js';
import type { ItemPlan, Needle } from './plan.js';

/** A matcher over one event. Built once; never throws. */
export type Matcher = (view: EventView) => boolean;

export interface CompiledItem {
  readonly plan: ItemPlan;
  readonly matches: Matcher;
  /** Reads the value(s) the item looked at, for match explanations. */
  readonly read: (view: EventView) => unknown;
}

export type ItemCompile =
  | { readonly ok: true; readonly item: CompiledItem }
  | { readonly ok: false; readonly source: string; readonly reason: string };

/** Whether any member of a value (arrays fanned out, nested arrays too) passes the test. */
export function someMember(value: unknown, test: ValueTest): boolean {
  if (!Array.isArray(value)) return test(value);
  for (const member of value)
    if (Array.isArray(member) ? someMember(member, test) : test(member)) return true;
  return false;
}

/** Absent, null, or an array holding no value but nulls. */
export function isNullish(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!Array.isArray(value)) return false;
  for (const member of value) if (!isNullish(member)) return false;
  return true;
}

/** A string value goes through `testText` with the view's lowercased copy (made once per event). */
function valueMatcher(
  slot: FieldSlot,
  test: ValueTest,
  testText: TextTest,
  hasNull: boolean,
): Matcher {
  if (!hasNull) {
    return (view) => {
      const value = view.value(slot);
      if (typeof value === 'string') return testText(value, view.lower(slot, value));
      if (value === undefined) return false;
      return Array.isArray(value) ? someMember(value, test) : test(value);
    };
  }
  return (view) => {
    const value = view.value(slot);
    if (typeof value === 'string') return testText(value, view.lower(slot, value));
    if (isNullish(value)) return true;
    return Array.isArray(value) ? someMember(value, test) : test(value);
  };
}

function compileNeedleSet(
  needles: readonly Needle[],
): ItemCompile | { ok: true; test: ValueTest; testText: TextTest; hasNull: boolean } {
  const compiled = compileNeedles(needles);
  if (!compiled.ok) return compiled;
  return {
    ok: true,
    test: compiled.test,
    testText: compiled.testText,
    hasNull: needles.some((needle) => needle.kind === 'null'),
  };
}

/** Compiles one item plan. Fails only for regexes RE2 rejects. */
export function compileItem(plan: ItemPlan): ItemCompile {
  switch (plan.kind) {
    case 'exists': {
      const slot = fieldSlot(plan.field);
      const expected = plan.expected;
      return {
        ok: true,
        item: {
          plan,
          read: (view) => view.value(slot),
          matches: (view) => (view.value(slot) !== undefined) === expected,
        },
      };
    }
    case 'fieldref':
      return { ok: true, item: compileFieldref(plan) };
    case 'values':
      return plan.field === null ? compileKeywords(plan) : compileFieldValues(plan, plan.field);
    default: {
      const never: never = plan;
      return never;
    }
  }
}

function compileFieldValues(
  plan: Extract<ItemPlan, { kind: 'values' }>,
  field: string,
): ItemCompile {
  const slot = fieldSlot(field);
  const readView = (view: EventView) => view.value(slot);
  if (plan.negate) {
    const set = compileNeedleSet(plan.needles);
    if (!('test' in set)) return set;
    const { test, testText } = set;
    return {
      ok: true,
      item: {
        plan,
        read: readView,
        matches: (view) => {
          const value = view.value(slot);
          if (typeof value === 'string') return !testText(value, view.lower(slot, value));
          return (
            !isNullish(value) && !someMember(value, (member) => member !== null && test(member))
          );
        },
      },
    };
  }
  if (!plan.all) {
    const set = compileNeedleSet(plan.needles);
    if (!('test' in set)) return set;
    const match = valueMatcher(slot, set.test, set.testText, set.hasNull);
    return { ok: true, item: { plan, read: readView, matches: match } };
  }
  const parts: Matcher[] = [];
  for (const needle of plan.needles) {
    const set = compileNeedleSet([needle]);
    if (!('test' in set)) return set;
    parts.push(valueMatcher(slot, set.test, set.testText, set.hasNull));
  }
  return {
    ok: true,
    item: {
      plan,
      read: readView,
      matches: (view) => {
        for (const part of parts) if (!part(view)) return false;
        return true;
      },
    },
  };
}

function compileKeywords(plan: Extract<ItemPlan, { kind: 'values' }>): ItemCompile {
  const tests: ValueTest[] = [];
  const groups = plan.all ? plan.needles.map((needle) => [needle]) : [plan.needles];
  for (const group of groups) {
    const compiled = compileNeedles(group);
    if (!compiled.ok) return compiled;
    tests.push(compiled.test);
  }
  const anyLeaf = (leaves: readonly string[], test: ValueTest) => {
    for (const leaf of leaves) if (test(leaf)) return true;
    return false;
  };
  return {
    ok: true,
    item: {
      plan,
      read: (view) => view.leaves().filter((leaf) => tests.some((test) => test(leaf))),
      matches: (view) => {
        const leaves = view.leaves();
        for (const test of tests) if (!anyLeaf(leaves, test)) return false;
        return true;
      },
    },
  };
}

function compileFieldref(plan: Extract<ItemPlan, { kind: 'fieldref' }>): CompiledItem {
  const slot = fieldSlot(plan.field);
  const refs = plan.refs.map(fieldSlot);
  const norm = plan.cased ? (text: string) => text : (text: string) => text.toLowerCase();
  const relation = (left: string, right: string): boolean => {
    switch (plan.mode) {
      case 'equals':
        return left === right;
      case 'startswith':
        return left.startsWith(right);
      case 'endswith':
        return left.endsWith(right);
      case 'contains':
        return left.includes(right);
      default: {
        const never: never = plan.mode;
        return never;
      }
    }
  };
  const against = (value: unknown, ref: unknown): boolean =>
    someMember(value, (left) => {
      const leftText = scalarText(left);
      if (leftText === undefined) return false;
      return someMember(ref, (right) => {
        const rightText = scalarText(right);
        return rightText !== undefined && relation(norm(leftText), norm(rightText));
      });
    });
  return {
    plan,
    read: (view) => view.value(slot),
    matches: (view) => {
      const value = view.value(slot);
      if (isNullish(value)) return false;
      if (plan.negate) {
        for (const ref of refs) if (against(value, view.value(ref))) return false;
        return true;
      }
      if (plan.all) {
        for (const ref of refs) if (!against(value, view.value(ref))) return false;
        return true;
      }
      for (const ref of refs) if (against(value, view.value(ref))) return true;
      return false;
    },
  };
}
