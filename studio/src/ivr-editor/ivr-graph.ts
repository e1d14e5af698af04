/**
 * IVR menus (the call center's menu documents) as the canvas edits them: nodes with their
 * prompts and settings, and edges for where the caller goes next — a key pressed in a menu,
 * `invalid` (no or a wrong key, after the retries), or a lookup's `next`. Pure functions;
 * every change answers a new graph (the editor's undo keeps snapshots).
 */

export type LocalText = { en: string; 'zh-CN': string };
export type IvrNodeKind = 'menu' | 'lookup' | 'queue' | 'hangup';
export type Position = { x: number; y: number };

interface NodeBase {
  prompt: LocalText;
  /** A recorded prompt to play instead of speaking the text (a file reference the PBX knows). */
  audio?: string;
}

/** A menu document as the server keeps it (`ivr_menu.definition`). */
export interface IvrMenuDoc {
  name: string;
  label: LocalText;
  start: string;
  nodes: Record<string, IvrNodeDoc>;
  /** Where the editor placed the nodes (the menu runs without it). */
  layout?: Record<string, Position>;
}

export type IvrNodeDoc =
  | (NodeBase & { type: 'menu'; options: Record<string, string>; retries?: number; onInvalid: string })
  | (NodeBase & { type: 'lookup'; digits: number; lookup: string; found: LocalText; notFound: LocalText; next: string })
  | (NodeBase & { type: 'queue'; queue: string })
  | (NodeBase & { type: 'hangup' });

export interface GraphNode extends NodeBase {
  id: string;
  type: IvrNodeKind;
  position: Position;
  retries?: number;
  digits?: number;
  lookup?: string;
  found?: LocalText;
  notFound?: LocalText;
  queue?: string;
}

/** `key`: a phone key (0–9, *, #) of a menu, `invalid` of a menu, `next` of a lookup. */
export interface GraphEdge {
  from: string;
  to: string;
  key: string;
}

export interface IvrGraph {
  name: string;
  label: LocalText;
  start: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
const COLUMN = 280;
const ROW = 130;
const emptyText = (): LocalText => ({ en: '', 'zh-CN': '' });

/** Places nodes without a kept position in columns by their distance from the start. */
const autoLayout = (doc: IvrMenuDoc, targets: (id: string) => string[]): Record<string, Position> => {
  const depth = new Map<string, number>([[doc.start, 0]]);
  const queue = [doc.start];
  while (queue.length) {
    const at = queue.shift() as string;
    for (const next of targets(at)) if (doc.nodes[next] && !depth.has(next)) (depth.set(next, (depth.get(at) ?? 0) + 1), queue.push(next));
  }
  const deepest = Math.max(0, ...depth.values());
  const rows = new Map<number, number>();
  const out: Record<string, Position> = {};
  for (const id of Object.keys(doc.nodes)) {
    const column = depth.get(id) ?? deepest + 1;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    out[id] = { x: column * COLUMN, y: row * ROW };
  }
  return out;
};

const edgesOf = (id: string, node: IvrNodeDoc): GraphEdge[] => {
  if (node.type === 'menu') return [...Object.entries(node.options ?? {}).map(([key, to]) => ({ from: id, to, key })), ...(node.onInvalid ? [{ from: id, to: node.onInvalid, key: 'invalid' }] : [])];
  if (node.type === 'lookup') return node.next ? [{ from: id, to: node.next, key: 'next' }] : [];
  return [];
};

/** The canvas's graph of a menu document: its nodes (kept positions, or laid out from the start) and edges. */
export const menuToGraph = (doc: IvrMenuDoc): IvrGraph => {
  const edges = Object.entries(doc.nodes).flatMap(([id, node]) => edgesOf(id, node));
  const auto = autoLayout(doc, (id) => edges.filter((e) => e.from === id).map((e) => e.to));
  const nodes = Object.entries(doc.nodes).map(([id, node]): GraphNode => {
    const { type, prompt, audio } = node;
    const base: GraphNode = { id, type, prompt: { ...emptyText(), ...prompt }, position: doc.layout?.[id] ?? auto[id], ...(audio ? { audio } : {}) };
    if (node.type === 'menu') return { ...base, ...(node.retries !== undefined ? { retries: node.retries } : {}) };
    if (node.type === 'lookup') return { ...base, digits: node.digits, lookup: node.lookup, found: { ...emptyText(), ...node.found }, notFound: { ...emptyText(), ...node.notFound } };
    if (node.type === 'queue') return { ...base, queue: node.queue };
    return base;
  });
  return { name: doc.name, label: { ...emptyText(), ...doc.label }, start: doc.start, nodes, edges };
};

/** The menu document of a graph: options from the keys' edges (the first edge of a key), the `invalid` and `next` targets ('' when missing: the server's check names it), the positions as `layout`. */
export const graphToMenu = (graph: IvrGraph): IvrMenuDoc => {
  const out = (id: string) => graph.edges.filter((e) => e.from === id);
  const nodes: Record<string, IvrNodeDoc> = {};
  const layout: Record<string, Position> = {};
  for (const n of graph.nodes) {
    const base = { prompt: n.prompt, ...(n.audio?.trim() ? { audio: n.audio.trim() } : {}) };
    layout[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    if (n.type === 'menu') {
      const options: Record<string, string> = {};
      for (const e of out(n.id)) if (e.key !== 'invalid' && !(e.key in options)) options[e.key] = e.to;
      nodes[n.id] = { type: 'menu', ...base, options, ...(n.retries !== undefined ? { retries: n.retries } : {}), onInvalid: out(n.id).find((e) => e.key === 'invalid')?.to ?? '' };
    } else if (n.type === 'lookup') {
      nodes[n.id] = { type: 'lookup', ...base, digits: n.digits ?? 6, lookup: n.lookup ?? '', found: n.found ?? emptyText(), notFound: n.notFound ?? emptyText(), next: out(n.id).find((e) => e.key === 'next')?.to ?? '' };
    } else if (n.type === 'queue') nodes[n.id] = { type: 'queue', ...base, queue: n.queue ?? '' };
    else nodes[n.id] = { type: 'hangup', ...base };
  }
  return { name: graph.name, label: graph.label, start: graph.start, nodes, layout };
};

/** A node id not yet in the graph: `<type>_<n>`. */
const freshId = (graph: IvrGraph, type: IvrNodeKind): string => {
  for (let n = 1; ; n++) if (!graph.nodes.some((x) => x.id === `${type}_${n}`)) return `${type}_${n}`;
};

/** The graph with a new node of `type` at `position` (the start when it is the first node). */
export const addNode = (graph: IvrGraph, type: IvrNodeKind, position: Position): { graph: IvrGraph; id: string } => {
  const id = freshId(graph, type);
  const node: GraphNode = { id, type, prompt: emptyText(), position, ...(type === 'menu' ? { retries: 1 } : {}), ...(type === 'lookup' ? { digits: 6, lookup: 'customer_orders', found: emptyText(), notFound: emptyText() } : {}), ...(type === 'queue' ? { queue: '' } : {}) };
  return { graph: { ...graph, nodes: [...graph.nodes, node], start: graph.start || id }, id };
};

/** The graph without the node and its edges (the start moves to the first node left). */
export const removeNode = (graph: IvrGraph, id: string): IvrGraph => {
  const nodes = graph.nodes.filter((n) => n.id !== id);
  return { ...graph, nodes, edges: graph.edges.filter((e) => e.from !== id && e.to !== id), start: graph.start === id ? (nodes[0]?.id ?? '') : graph.start };
};

/** A node's name (its key in the menu document, what digit options point at): lower-case letters, digits and underscores, starting with a letter. */
export const NODE_NAME = /^[a-z][a-z0-9_]{0,59}$/;

/** Why `next` cannot be the node's new name (i18n key `ivrEditor.<problem>`), or null when it can. */
export const renameProblem = (graph: IvrGraph, id: string, next: string): 'badNodeName' | 'takenNodeName' | null => {
  if (next === id) return null;
  if (!NODE_NAME.test(next)) return 'badNodeName';
  return graph.nodes.some((n) => n.id === next) ? 'takenNodeName' : null;
};

/**
 * The graph with the node `id` named `next`, and everything pointing at it following: the
 * keys and the way out of menus, lookups' next node, the start (the layout goes with the
 * node). Answered unchanged when `next` cannot be used (see renameProblem).
 */
export const renameNode = (graph: IvrGraph, id: string, next: string): IvrGraph => {
  if (next === id || renameProblem(graph, id, next) || !graph.nodes.some((n) => n.id === id)) return graph;
  const to = (x: string) => (x === id ? next : x);
  return { ...graph, start: to(graph.start), nodes: graph.nodes.map((n) => (n.id === id ? { ...n, id: next } : n)), edges: graph.edges.map((e) => ({ ...e, from: to(e.from), to: to(e.to) })) };
};

export const updateNode = (graph: IvrGraph, id: string, patch: Partial<Omit<GraphNode, 'id' | 'type'>>): IvrGraph => ({ ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)) });

export const moveNodes = (graph: IvrGraph, moved: { id: string; position: Position }[]): IvrGraph =>
  ({ ...graph, nodes: graph.nodes.map((n) => { const m = moved.find((x) => x.id === n.id); return m ? { ...n, position: { x: Math.round(m.position.x), y: Math.round(m.position.y) } } : n; }) });

/**
 * The graph with an edge from `from` to `to`: a lookup's `next` (replacing the one before),
 * a menu's first key not yet used (else its `invalid` when that is free). Queue and hang-up
 * nodes end the call: nothing leaves them (the graph is answered unchanged).
 */
export const connect = (graph: IvrGraph, from: string, to: string): IvrGraph => {
  const node = graph.nodes.find((n) => n.id === from);
  if (!node || !graph.nodes.some((n) => n.id === to)) return graph;
  if (node.type === 'lookup') return { ...graph, edges: [...graph.edges.filter((e) => !(e.from === from && e.key === 'next')), { from, to, key: 'next' }] };
  if (node.type !== 'menu') return graph;
  const used = new Set(graph.edges.filter((e) => e.from === from).map((e) => e.key));
  const key = KEYS.find((k) => !used.has(k)) ?? (used.has('invalid') ? undefined : 'invalid');
  return key ? { ...graph, edges: [...graph.edges, { from, to, key }] } : graph;
};

/** The `index`th edge with another key (a phone key or `invalid`). */
export const setEdgeKey = (graph: IvrGraph, index: number, key: string): IvrGraph => ({ ...graph, edges: graph.edges.map((e, i) => (i === index ? { ...e, key } : e)) });

export const removeEdge = (graph: IvrGraph, index: number): IvrGraph => ({ ...graph, edges: graph.edges.filter((_, i) => i !== index) });

/** What the editor marks on a node (i18n key `ivrEditor.issues.<issue>`). */
export type IssueKind = 'unreachable' | 'keyTwice' | 'missingText' | 'unknownQueue' | 'noQueue' | 'noKeys' | 'noInvalid' | 'noNext' | 'noLookup';
export interface NodeIssue {
  node: string;
  issue: IssueKind;
  /** The key used twice, the language missing, the queue not known. */
  detail?: string;
}

const textsOf = (n: GraphNode): LocalText[] => [n.prompt, ...(n.type === 'lookup' ? [n.found ?? emptyText(), n.notFound ?? emptyText()] : [])];

/**
 * What is wrong or suspicious at each node: not reachable from the start, a key used twice,
 * a text missing in a language (the prompt's text is needed beside an audio file), a
 * queue node without a queue or with one the tenant does not have (`queues`: the tenant's
 * queue names), a menu without keys or without a way out for wrong keys, a lookup without
 * its lookup or its next node.
 */
export const graphIssues = (graph: IvrGraph, queues?: readonly string[]): NodeIssue[] => {
  const issues: NodeIssue[] = [];
  const reached = new Set<string>();
  const walk = [graph.start];
  while (walk.length) {
    const at = walk.pop() as string;
    if (reached.has(at)) continue;
    reached.add(at);
    for (const e of graph.edges) if (e.from === at) walk.push(e.to);
  }
  for (const n of graph.nodes) {
    if (!reached.has(n.id)) issues.push({ node: n.id, issue: 'unreachable' });
    const out = graph.edges.filter((e) => e.from === n.id);
    const seen = new Set<string>();
    for (const e of out) {
      if (seen.has(e.key)) issues.push({ node: n.id, issue: 'keyTwice', detail: e.key });
      seen.add(e.key);
    }
    for (const locale of ['en', 'zh-CN'] as const) {
      if (textsOf(n).some((t) => !t[locale]?.trim())) issues.push({ node: n.id, issue: 'missingText', detail: locale });
    }
    if (n.type === 'menu') {
      if (!out.some((e) => e.key !== 'invalid')) issues.push({ node: n.id, issue: 'noKeys' });
      if (!out.some((e) => e.key === 'invalid')) issues.push({ node: n.id, issue: 'noInvalid' });
    }
    if (n.type === 'lookup') {
      if (!n.lookup) issues.push({ node: n.id, issue: 'noLookup' });
      if (!out.some((e) => e.key === 'next')) issues.push({ node: n.id, issue: 'noNext' });
    }
    if (n.type === 'queue') {
      if (!n.queue) issues.push({ node: n.id, issue: 'noQueue' });
      else if (queues && !queues.includes(n.queue)) issues.push({ node: n.id, issue: 'unknownQueue', detail: n.queue });
    }
  }
  return issues;
};
