import { MAX_JSON_CHARS } from './protocol.js';
import type { HostMethod, ScriptHost } from './types.js';

export type HostAnswer = { ok: true; value: string } | { ok: false; message: string };

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 2000);
}

/**
 * One host call on behalf of a script: the arguments arrive as JSON text and are parsed
 * here into fresh objects; the answer leaves as JSON text. Neither side ever holds an
 * object of the other.
 */
export async function callHost(host: ScriptHost, method: HostMethod, argsJson: string): Promise<HostAnswer> {
  let args: unknown;
  try {
    args = JSON.parse(argsJson);
  } catch {
    return { ok: false, message: `crm.${method}: the arguments are not JSON` };
  }
  if (!Array.isArray(args)) return { ok: false, message: `crm.${method}: the arguments are not a list` };
  let value: unknown;
  try {
    value = await host.call(method, args);
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value ?? null);
  } catch (error) {
    return { ok: false, message: `crm.${method}: the answer is not JSON (${messageOf(error)})` };
  }
  if (text.length > MAX_JSON_CHARS) return { ok: false, message: `crm.${method}: the answer is too large` };
  return { ok: true, value: text };
}
