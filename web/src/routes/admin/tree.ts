// Parent-child lists (units, categories) in the order a tree shows them.

/** Depth-first order with each unit's depth; orphans (parent not visible) start at the root. */
export function asTree<T extends { id: string; parentId: string | null }>(
  items: T[],
  sortKey: (x: T) => string,
): { item: T; depth: number }[] {
  const ids = new Set(items.map((u) => u.id));
  const children = new Map<string | null, T[]>();
  for (const u of items) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { item: T; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => sortKey(a).localeCompare(sortKey(b)))) {
      out.push({ item: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
