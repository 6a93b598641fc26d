import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the learned baselines (`src/baseline/`). */
export const BASELINE_ERROR_CODES = {
  CW_BASELINE_IMMATURE: {
    meaning:
      'Some namespaces (or the whole cluster) have too little learned history to be judged: no baseline finding is raised for them. A namespace without a mature baseline is judged against the cluster baseline when that one is mature.',
    fix: 'Learn more history (`cronwarden baseline learn` over older or more logs); the defaults need 20 job writes over 7 days (docs/baseline.md).',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
