import type { CtiAdapter } from '../cti/contract.js';

type Text = { en: string; 'zh-CN': string };

/** An IVR menu document (plugins/callcenter/ivr/*.json): a tree of prompts in both languages, digit options, lookups, queues. */
export interface IvrMenu {
  name: string;
  label: Text;
  start: string;
  nodes: Record<string, IvrNode>;
}

export type IvrNode =
  | { type: 'menu'; prompt: Text; options: Record<string, string>; retries?: number; onInvalid: string }
  | { type: 'lookup'; prompt: Text; digits: number; lookup: string; found: Text; notFound: Text; next: string }
  | { type: 'queue'; prompt: Text; queue: string }
  | { type: 'hangup'; prompt: Text };

/** A self-service lookup by the digits the caller entered: values for the `found` prompt, or null. */
export type IvrLookup = (name: string, digits: string) => Promise<Record<string, string> | null>;

/** Where the caller's path through the menu ended: a queue to wait in, or hung up (handled without an agent). */
export type IvrResult = { end: 'queue'; queue: string; path: string[] } | { end: 'hangup'; path: string[] };

/** Every problem of a menu document: a start or target that names no node, a menu without options. */
export const checkMenu = (menu: IvrMenu): string[] => {
  const problems: string[] = [];
  const known = (target: string, where: string) => !menu.nodes[target] && problems.push(`${where}: no node "${target}"`);
  known(menu.start, 'start');
  for (const [name, node] of Object.entries(menu.nodes)) {
    if (!node.prompt?.en || !node.prompt?.['zh-CN']) problems.push(`${name}: the prompt needs en and zh-CN`);
    if (node.type === 'menu') {
      if (!Object.keys(node.options).length) problems.push(`${name}: a menu needs options`);
      for (const [digit, target] of Object.entries(node.options)) {
        if (!/^[0-9*#]$/.test(digit)) problems.push(`${name}: "${digit}" is not a key`);
        known(target, `${name}/${digit}`);
      }
      known(node.onInvalid, `${name}/onInvalid`);
    }
    if (node.type === 'lookup') known(node.next, `${name}/next`);
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
  await cti.answer(callId);
  const path: string[] = [];
  let at = menu.start;
  const tries = new Map<string, number>();
  for (let steps = 0; steps < 50; steps++) {
    const node = menu.nodes[at];
    path.push(at);
    if (node.type === 'queue') {
      await cti.playPrompt(callId, { text: node.prompt[locale], locale });
      return { end: 'queue', queue: node.queue, path };
    }
    if (node.type === 'hangup') {
      await cti.playPrompt(callId, { text: node.prompt[locale], locale });
      await cti.hangup(callId);
      return { end: 'hangup', path };
    }
    await cti.playPrompt(callId, { text: node.prompt[locale], locale });
    if (node.type === 'lookup') {
      const digits = await cti.collectDigits(callId, { max: node.digits, timeoutMs: 8000, terminator: '#' });
      const found = digits ? await lookup(node.lookup, digits) : null;
      await cti.playPrompt(callId, { text: found ? fill(node.found[locale], found) : node.notFound[locale], locale });
      at = node.next;
      continue;
    }
    const digit = await cti.collectDigits(callId, { max: 1, timeoutMs: 6000 });
    if (node.options[digit]) {
      at = node.options[digit];
      continue;
    }
    const n = (tries.get(at) ?? 0) + 1;
    tries.set(at, n);
    if (n > (node.retries ?? 1)) at = node.onInvalid;
  }
  await cti.hangup(callId);
  return { end: 'hangup', path };
};
