/**
 * One shared, frozen Logsource object per (product, service, category). Decoders return
 * these instead of building a literal per event, because the Sigma engine caches its rule
 * bucket by logsource object identity: a fresh object per event would rebuild the bucket key
 * for every event.
 * @module
 */
import type { Logsource } from '../../logsource.js';

const INTERNED = new Map<string, Logsource>();

/** The shared logsource for these values (undefined fields are left out). */
export function internLogsource(
  product: string | undefined,
  service: string | undefined,
  category: string | undefined,
): Logsource {
  const key = `${product ?? ''}|${service ?? ''}|${category ?? ''}`;
  let logsource = INTERNED.get(key);
  if (logsource === undefined) {
    logsource = Object.freeze({
      ...(product === undefined ? {} : { product }),
      ...(service === undefined ? {} : { service }),
      ...(category === undefined ? {} : { category }),
    });
    INTERNED.set(key, logsource);
  }
  return logsource;
}
