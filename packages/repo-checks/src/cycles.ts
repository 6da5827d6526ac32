// Import cycles: a module that, import by import, comes back to itself. Found as the strongly
// connected components of the import graph (Tarjan's algorithm), each shown as one concrete
// path around it. Pure.
import type { ImportGraph } from './import-graph.ts';

/**
 * Every cycle of the graph, one path per strongly connected component, each path starting and
 * ending at the same file.
 * @example
 * importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]])); // [['a.ts', 'b.ts', 'a.ts']]
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;

  // Iterative, so a long chain of imports cannot overflow the call stack.
  const visit = (start: string) => {
    const work: { node: string; edges: readonly string[]; at: number }[] = [];
    const open = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: graph.get(node) ?? [], at: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      const edge = frame.edges[frame.at++];
      if (edge !== undefined) {
        if (!index.has(edge)) open(edge);
        else if (onStack.has(edge))
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(edge) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
        onStack.delete(node);
        component.push(node);
        if (node === frame.node) break;
      }
      const selfImport = graph.get(frame.node)?.includes(frame.node) ?? false;
      if (component.length > 1 || selfImport) components.push(component);
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => pathAround(graph, new Set(component)));
}

// A shortest path from the component's first file (by name) back to itself, inside the component.
function pathAround(graph: ImportGraph, members: ReadonlySet<string>): string[] {
  const [start] = [...members].sort() as [string];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const edge of graph.get(node) ?? []) {
      if (!members.has(edge)) continue;
      if (edge === start) {
        const path = [node];
        for (let step = cameFrom.get(node); step !== undefined; step = cameFrom.get(step)) {
          path.unshift(step);
        }
        if (path[0] !== start) path.unshift(start);
        return [...path, start];
      }
      if (!cameFrom.has(edge) && edge !== start) {
        cameFrom.set(edge, node);
        queue.push(edge);
      }
    }
  }
  return [start, start];
}
