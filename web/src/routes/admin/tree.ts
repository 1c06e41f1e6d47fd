// Parent-child lists (units, categories) in the order a tree shows them.

/** Depth-first order with each unit's depth; orphans (parent not visible) start at the root. */
export function asTree<Item extends { id: string; parentId: string | null }>(
  items: Item[],
  sortKey: (item: Item) => string,
): { item: Item; depth: number }[] {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string | null, Item[]>();
  for (const item of items) {
    const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const ordered: { item: Item; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    const siblings = (children.get(parent) ?? []).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    for (const item of siblings) {
      ordered.push({ item, depth });
      walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  return ordered;
}
