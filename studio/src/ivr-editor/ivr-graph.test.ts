import { describe, expect, it } from 'vitest';
import { addNode, connect, graphIssues, graphToMenu, menuToGraph, removeNode, renameNode, renameProblem, setEdgeKey, type IvrMenuDoc } from './ivr-graph.js';

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const MENU: IvrMenuDoc = {
  name: 'main_menu',
  label: t('Main menu', '主菜单'),
  start: 'welcome',
  nodes: {
    welcome: { type: 'menu', prompt: t('For orders press 1, service 2.', '查询订单请按 1，售后请按 2。'), options: { '1': 'order_lookup', '2': 'service_queue' }, retries: 2, onInvalid: 'service_queue' },
    order_lookup: { type: 'lookup', prompt: t('Your customer number?', '请输入客户编号。'), digits: 6, lookup: 'customer_orders', found: t('Order {order}.', '订单 {order}。'), notFound: t('Not found.', '未找到。'), next: 'goodbye' },
    service_queue: { type: 'queue', prompt: t('Connecting.', '正在转接。'), queue: 'service', audio: 'sounds/connecting' },
    goodbye: { type: 'hangup', prompt: t('Goodbye.', '再见。') },
  },
};

describe('IVR menus on the canvas', () => {
  it('turns a menu into nodes and edges (keys, wrong keys, a lookup\'s next) laid out from the start, and back into the same menu', () => {
    const graph = menuToGraph(MENU);
    expect(graph.edges).toEqual([
      { from: 'welcome', to: 'order_lookup', key: '1' },
      { from: 'welcome', to: 'service_queue', key: '2' },
      { from: 'welcome', to: 'service_queue', key: 'invalid' },
      { from: 'order_lookup', to: 'goodbye', key: 'next' },
    ]);
    expect(Object.fromEntries(graph.nodes.map((n) => [n.id, n.position.x]))).toEqual({ welcome: 0, order_lookup: 280, service_queue: 280, goodbye: 560 });
    const back = graphToMenu(graph);
    expect({ ...back, layout: undefined }).toEqual({ ...MENU, layout: undefined });
    expect(menuToGraph(back).nodes.map((n) => n.position)).toEqual(graph.nodes.map((n) => n.position));
    expect(graphIssues(graph, ['service', 'general'])).toEqual([]);
  });

  it('adds, connects and removes nodes: a menu gets the next free key, a lookup one next node, a queue none', () => {
    const { graph: withNode, id } = addNode(menuToGraph(MENU), 'hangup', { x: 0, y: 400 });
    expect(id).toBe('hangup_1');
    const linked = connect(withNode, 'welcome', id);
    expect(linked.edges.at(-1)).toEqual({ from: 'welcome', to: 'hangup_1', key: '3' });
    expect(connect(linked, 'order_lookup', id).edges.filter((e) => e.from === 'order_lookup')).toEqual([{ from: 'order_lookup', to: 'hangup_1', key: 'next' }]);
    expect(connect(linked, 'service_queue', id)).toBe(linked);
    expect(graphToMenu(linked).nodes.welcome).toMatchObject({ options: { '1': 'order_lookup', '2': 'service_queue', '3': 'hangup_1' } });
    const removed = removeNode(linked, 'welcome');
    expect(removed.start).toBe('order_lookup');
    expect(removed.edges.some((e) => e.from === 'welcome' || e.to === 'welcome')).toBe(false);
  });

  it('marks what needs fixing on the nodes: unreachable, a key used twice, a missing language, an unknown queue, no way on', () => {
    let graph = addNode(menuToGraph(MENU), 'menu', { x: 0, y: 400 }).graph;
    graph = setEdgeKey(graph, 1, '1');
    graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'goodbye' ? { ...n, prompt: t('Goodbye.', '') } : n)) };
    expect(graphIssues(graph, ['general'])).toEqual([
      { node: 'welcome', issue: 'keyTwice', detail: '1' },
      { node: 'service_queue', issue: 'unknownQueue', detail: 'service' },
      { node: 'goodbye', issue: 'missingText', detail: 'zh-CN' },
      { node: 'menu_1', issue: 'unreachable' },
      { node: 'menu_1', issue: 'missingText', detail: 'en' },
      { node: 'menu_1', issue: 'missingText', detail: 'zh-CN' },
      { node: 'menu_1', issue: 'noKeys' },
      { node: 'menu_1', issue: 'noInvalid' },
    ]);
  });

  it('renames a node and keeps every reference to it: digit options, the way out for wrong keys, a lookup\'s next, the start, the layout', () => {
    const graph = menuToGraph(MENU);
    const queue = renameNode(graph, 'service_queue', 'after_sales');
    const menu = graphToMenu(queue);
    expect(Object.keys(menu.nodes)).toEqual(['welcome', 'order_lookup', 'after_sales', 'goodbye']);
    expect(menu.nodes.welcome).toMatchObject({ options: { '1': 'order_lookup', '2': 'after_sales' }, onInvalid: 'after_sales' });
    expect(menu.nodes.after_sales).toEqual(MENU.nodes.service_queue);
    expect(menu.layout?.after_sales).toEqual(graphToMenu(graph).layout?.service_queue);
    expect(graphIssues(queue, ['service'])).toEqual([]);

    const start = renameNode(renameNode(queue, 'welcome', 'main'), 'goodbye', 'bye');
    expect(graphToMenu(start)).toMatchObject({ start: 'main', nodes: { main: { options: { '1': 'order_lookup', '2': 'after_sales' } }, order_lookup: { next: 'bye' } } });
    expect(graphIssues(start, ['service'])).toEqual([]);
  });

  it('refuses a node name that is taken or not a name, leaving the graph as it was', () => {
    const graph = menuToGraph(MENU);
    expect(renameProblem(graph, 'goodbye', 'welcome')).toBe('takenNodeName');
    expect(renameProblem(graph, 'goodbye', 'Bye now')).toBe('badNodeName');
    expect(renameProblem(graph, 'goodbye', '')).toBe('badNodeName');
    expect(renameProblem(graph, 'goodbye', 'goodbye')).toBeNull();
    expect(renameProblem(graph, 'goodbye', 'farewell_2')).toBeNull();
    expect(renameNode(graph, 'goodbye', 'welcome')).toBe(graph);
    expect(renameNode(graph, 'goodbye', '2bye')).toBe(graph);
  });
});
