/**
 * Bridges of an undirected graph (Tarjan, iterative so large tables cannot overflow the stack).
 *
 * Why this matters for suppression: picture the table as a bipartite graph with one node per
 * line (row or column, margins included) and one edge per unknown value. Each line gives one
 * equation. An unknown is pinned down by those equations exactly when its edge lies on no
 * cycle, i.e. is a bridge. The "exactly one hidden cell in a line" rule catches the simplest
 * bridges (a node of degree 1); this catches the rest.
 */
export function findBridges(nodeCount: number, edges: readonly (readonly [number, number])[]): Set<number> {
  const adjacency: number[][] = Array.from({ length: nodeCount }, () => []);
  edges.forEach(([u, v], id) => {
    adjacency[u]?.push(id);
    adjacency[v]?.push(id);
  });
  const discovered = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  const bridges = new Set<number>();
  let time = 0;

  for (let start = 0; start < nodeCount; start++) {
    if (discovered[start] !== -1) continue;
    discovered[start] = low[start] = time++;
    const stack = [{ node: start, parentEdge: -1, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const list = adjacency[top.node] ?? [];
      if (top.next < list.length) {
        const id = list[top.next++] ?? -1;
        if (id === top.parentEdge) continue;
        const [a, b] = edges[id] ?? [0, 0];
        const other = a === top.node ? b : a;
        if (discovered[other] === -1) {
          discovered[other] = low[other] = time++;
          stack.push({ node: other, parentEdge: id, next: 0 });
        } else {
          low[top.node] = Math.min(low[top.node] ?? 0, discovered[other] ?? 0);
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent.node] = Math.min(low[parent.node] ?? 0, low[top.node] ?? 0);
          if ((low[top.node] ?? 0) > (discovered[parent.node] ?? 0)) bridges.add(top.parentEdge);
        }
      }
    }
  }
  return bridges;
}

/** Nodes reachable from `start` without crossing edge `skip`. */
export function reachableWithout(
  nodeCount: number,
  edges: readonly (readonly [number, number])[],
  start: number,
  skip: number,
): Set<number> {
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.pop() ?? start;
    edges.forEach(([u, v], id) => {
      if (id === skip) return;
      const other = u === node ? v : v === node ? u : -1;
      if (other >= 0 && other < nodeCount && !seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    });
  }
  return seen;
}
