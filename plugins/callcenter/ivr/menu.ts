import { UnknownCallError, type CtiAdapter } from '../cti/contract.js';

type Text = { en: string; 'zh-CN': string };

/** An IVR menu document (plugins/callcenter/ivr/*.json): a tree of prompts in both languages, digit options, lookups, queues. */
export interface IvrMenu {
  name: string;
  label: Text;
  start: string;
  nodes: Record<string, IvrNode>;
  /** Where the studio's editor placed the nodes (not used to run the menu). */
  layout?: Record<string, { x: number; y: number }>;
}

/** `audio`: a recorded prompt the PBX plays instead of speaking the text (the text stays: the dry run shows it). */
export type IvrNode = { prompt: Text; audio?: string } & (
  | { type: 'menu'; options: Record<string, string>; retries?: number; onInvalid: string }
  | { type: 'lookup'; digits: number; lookup: string; found: Text; notFound: Text; next: string }
  | { type: 'queue'; queue: string }
  | { type: 'hangup' }
);

/** A self-service lookup by the digits the caller entered: values for the `found` prompt, or null. */
export type IvrLookup = (name: string, digits: string) => Promise<Record<string, string> | null>;

/**
 * Where the caller's path through the menu ended: a queue to wait in, the menu's hang-up
 * (handled without an agent: self-service), or the caller hung up in the menu. `keys` are
 * the menu keys pressed, in order (a lookup's digits are not kept).
 */
export type IvrResult =
  | { end: 'queue'; queue: string; path: string[]; keys: string[] }
  | { end: 'hangup'; path: string[]; keys: string[] }
  | { end: 'caller_hung_up'; path: string[]; keys: string[] };

/** What is wrong with a menu document, at a node (`node`), for the problem `code` (see menu-problems.ts for the words). */
export interface MenuProblem {
  code: MenuProblemCode;
  /** JSON pointer into the menu document. */
  pointer: string;
  params: Record<string, string>;
}

export type MenuProblemCode = 'CALLCENTER_IVR_NOT_A_MENU' | 'CALLCENTER_IVR_NO_START' | 'CALLCENTER_IVR_NODE_TYPE' | 'CALLCENTER_IVR_NO_NODE' | 'CALLCENTER_IVR_NO_WAY' | 'CALLCENTER_IVR_TEXT' | 'CALLCENTER_IVR_NO_OPTIONS' | 'CALLCENTER_IVR_BAD_KEY' | 'CALLCENTER_IVR_NO_QUEUE' | 'CALLCENTER_IVR_LOOKUP';

const NODE_TYPES = ['menu', 'lookup', 'queue', 'hangup'];
const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const hasBoth = (t: unknown) => isObject(t) && typeof t.en === 'string' && Boolean(t.en.trim()) && typeof t['zh-CN'] === 'string' && Boolean(t['zh-CN'].trim());

/**
 * Every problem of a menu document, node by node: its shape (a start and nodes of the four
 * types), a start or target that names no node, a text missing in a language, a menu
 * without keys or with something that is not a phone key, a queue node without a queue, a
 * lookup without its lookup or digit count.
 */
export const menuProblems = (doc: unknown): MenuProblem[] => {
  if (!isObject(doc) || !isObject(doc.nodes) || typeof doc.start !== 'string') return [{ code: 'CALLCENTER_IVR_NOT_A_MENU', pointer: '', params: {} }];
  const nodes = doc.nodes;
  const problems: MenuProblem[] = [];
  const add = (code: MenuProblemCode, pointer: string, params: Record<string, string>) => problems.push({ code, pointer, params });
  const known = (target: unknown, node: string, pointer: string) => {
    if (typeof target !== 'string' || !target) add('CALLCENTER_IVR_NO_WAY', pointer, { node });
    else if (!isObject(nodes[target])) add('CALLCENTER_IVR_NO_NODE', pointer, { node, target });
  };
  if (!isObject(nodes[doc.start])) add('CALLCENTER_IVR_NO_START', '/start', { target: doc.start });
  for (const [name, node] of Object.entries(nodes)) {
    const at = `/nodes/${name}`;
    if (!isObject(node) || !NODE_TYPES.includes(String(node.type))) {
      add('CALLCENTER_IVR_NODE_TYPE', `${at}/type`, { node: name });
      continue;
    }
    for (const text of ['prompt', ...(node.type === 'lookup' ? ['found', 'notFound'] : [])]) if (!hasBoth(node[text])) add('CALLCENTER_IVR_TEXT', `${at}/${text}`, { node: name });
    if (node.type === 'menu') {
      const options = isObject(node.options) ? node.options : {};
      if (!Object.keys(options).length) add('CALLCENTER_IVR_NO_OPTIONS', `${at}/options`, { node: name });
      for (const [digit, target] of Object.entries(options)) {
        if (!/^[0-9*#]$/.test(digit)) add('CALLCENTER_IVR_BAD_KEY', `${at}/options/${digit}`, { node: name, key: digit });
        known(target, name, `${at}/options/${digit}`);
      }
      known(node.onInvalid, name, `${at}/onInvalid`);
    }
    if (node.type === 'lookup') {
      if (typeof node.lookup !== 'string' || !node.lookup || !Number.isInteger(node.digits) || Number(node.digits) < 1 || Number(node.digits) > 12) add('CALLCENTER_IVR_LOOKUP', `${at}/lookup`, { node: name });
      known(node.next, name, `${at}/next`);
    }
    if (node.type === 'queue' && (typeof node.queue !== 'string' || !node.queue)) add('CALLCENTER_IVR_NO_QUEUE', `${at}/queue`, { node: name });
  }
  return problems;
};

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/**
 * Walks a caller through the menu over the CTI contract: plays each prompt in the
 * caller's language, collects digits, runs lookups, and ends in a queue or a hang-up.
 * With the simulator's scripted callers this is also the dry run of a menu.
 */
export const runMenu = async (menu: IvrMenu, callId: string, cti: Pick<CtiAdapter, 'answer' | 'playPrompt' | 'collectDigits' | 'hangup'>, lookup: IvrLookup, locale: 'en' | 'zh-CN' = 'zh-CN'): Promise<IvrResult> => {
  const path: string[] = [];
  const keys: string[] = [];
  try {
    return await walk(menu, callId, cti, lookup, locale, path, keys);
  } catch (e) {
    // The call is gone: the caller hung up in the menu.
    if (e instanceof UnknownCallError) return { end: 'caller_hung_up', path, keys };
    throw e;
  }
};

const walk = async (menu: IvrMenu, callId: string, cti: Pick<CtiAdapter, 'answer' | 'playPrompt' | 'collectDigits' | 'hangup'>, lookup: IvrLookup, locale: 'en' | 'zh-CN', path: string[], keys: string[]): Promise<IvrResult> => {
  await cti.answer(callId);
  let at = menu.start;
  const tries = new Map<string, number>();
  for (let steps = 0; steps < 50; steps++) {
    const node = menu.nodes[at];
    path.push(at);
    if (node.type === 'queue') {
      await cti.playPrompt(callId, { text: node.prompt[locale], locale, ...(node.audio ? { audio: node.audio } : {}) });
      return { end: 'queue', queue: node.queue, path, keys };
    }
    if (node.type === 'hangup') {
      await cti.playPrompt(callId, { text: node.prompt[locale], locale, ...(node.audio ? { audio: node.audio } : {}) });
      await cti.hangup(callId);
      return { end: 'hangup', path, keys };
    }
    await cti.playPrompt(callId, { text: node.prompt[locale], locale, ...(node.audio ? { audio: node.audio } : {}) });
    if (node.type === 'lookup') {
      const digits = await cti.collectDigits(callId, { max: node.digits, timeoutMs: 8000, terminator: '#' });
      const found = digits ? await lookup(node.lookup, digits) : null;
      await cti.playPrompt(callId, { text: found ? fill(node.found[locale], found) : node.notFound[locale], locale });
      at = node.next;
      continue;
    }
    const digit = await cti.collectDigits(callId, { max: 1, timeoutMs: 6000 });
    if (digit) keys.push(digit);
    if (node.options[digit]) {
      at = node.options[digit];
      continue;
    }
    const n = (tries.get(at) ?? 0) + 1;
    tries.set(at, n);
    if (n > (node.retries ?? 1)) at = node.onInvalid;
  }
  await cti.hangup(callId);
  return { end: 'hangup', path, keys };
};
