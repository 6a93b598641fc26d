/**
 * `rules lint` support for filter documents: each is parsed, and its targets checked against
 * the rules of the same lint run (unknown rules, logsource mismatches).
 * @module
 */
import type { DocumentKindHandler } from '../lint/lint.js';
import { applyFilters } from './apply.js';
import { parseFilter } from './parse.js';

export const filterLintHandler: DocumentKindHandler = {
  kind: 'filter',
  check(document, context) {
    if (document.kind !== 'filter') return [];
    const parsed = parseFilter(document, '');
    if (!parsed.filter) return parsed.issues;
    return [...parsed.issues, ...applyFilters(context.rules, [parsed.filter]).issues];
  },
};
