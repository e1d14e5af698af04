/**
 * The strongly connected parts of a directed graph that hold a cycle (more than one node,
 * or a node with an edge to itself), each as its nodes in sorted order (Tarjan's algorithm).
 */
export const findCycles = (edges: Map<string, Set<string>>): string[][] => {
  const nodes = new Set<string>([...edges.keys(), ...[...edges.values()].flatMap((to) => [...to])]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const parts: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const part: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      part.push(top);
    } while (top !== node);
    if (part.length > 1 || edges.get(node)?.has(node)) parts.push(part.sort());
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return parts.sort((a, b) => a[0].localeCompare(b[0]));
};
