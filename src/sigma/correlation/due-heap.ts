/**
 * A binary min-heap of (due time, group key): which upper-bounded window closes next, so the
 * engine decides closed windows in O(log n) instead of scanning every group. Entries may be
 * stale (the group moved on); the engine checks each popped entry against the group.
 * @module
 */
export interface Due {
  readonly dueMs: number;
  readonly key: string;
}

export class DueHeap {
  readonly #items: Due[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** The earliest entry, without removing it. */
  peek(): Due | undefined {
    return this.#items[0];
  }

  push(item: Due): void {
    const items = this.#items;
    items.push(item);
    let at = items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (items[parent]!.dueMs <= item.dueMs) break; // parent < at, so it exists
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = item;
  }

  pop(): Due | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]!.dueMs < items[left]!.dueMs ? right : left;
      if (items[child]!.dueMs >= last.dueMs) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }

  clear(): void {
    this.#items.length = 0;
  }
}
