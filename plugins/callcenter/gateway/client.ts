import type { CtiEvent } from '../cti/contract.js';
import type { IvrMenu } from '../ivr/menu.js';
import type { GatewayCommand } from '../server/cti-events.js';
import type { TickAnswer } from '../server/cti-tick.js';
import type { IvrCallInput } from '../server/ivr-calls.js';
import type { CallCenterSettings } from '../server/settings.js';

/** How the gateway talks to the call center: the plugin's routes, as a user or service account with the right `phone_call.offer`. */
export interface GatewayClient {
  config(): Promise<CallCenterSettings>;
  menu(name: string): Promise<IvrMenu>;
  lookup(lookup: string, digits: string, locale: string): Promise<Record<string, string> | null>;
  offer(input: { ani: string; dnis: string; ctiCallId: string; queue?: string }): Promise<{ call: { id: string }; agent: { extension?: string } | null }>;
  event(event: CtiEvent): Promise<{ call: string | null; commands: GatewayCommand[] }>;
  tick(live: string[]): Promise<TickAnswer>;
  placed(callId: string, ctiCallId: string): Promise<void>;
  /** A call that ended in the IVR (self-service, or the caller hung up there), for the statistics. */
  ivrCall(input: IvrCallInput): Promise<void>;
}

/** A failed request to the call center (its problem+json). */
export class GatewayRequestError extends Error {
  constructor(readonly status: number, readonly problem: unknown) {
    super(`The call center answered ${status}: ${JSON.stringify(problem)}`);
  }
}

/** The client over HTTP: `baseUrl` is the server (http://host:port), `token` a bearer token of the gateway's account. */
export const httpGatewayClient = (baseUrl: string, token: string): GatewayClient => {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl.replace(/\/$/, '')}/api/x/callcenter${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = res.status === 204 ? null : await res.json();
    if (!res.ok) throw new GatewayRequestError(res.status, answer);
    return answer as T;
  };
  return {
    config: () => call('GET', '/cti/config'),
    menu: (name) => call('GET', `/ivr/menus/${encodeURIComponent(name)}`),
    lookup: async (lookup, digits, locale) => (await call<{ values: Record<string, string> | null }>('POST', '/ivr/lookup', { lookup, digits, locale })).values,
    offer: (input) => call('POST', '/calls', input),
    event: (event) => call('POST', '/cti/events', event),
    tick: (live) => call('POST', '/cti/tick', { live }),
    placed: async (callId, ctiCallId) => void (await call('POST', `/cti/calls/${encodeURIComponent(callId)}/placed`, { ctiCallId })),
    ivrCall: async (input) => void (await call('POST', '/ivr/calls', input)),
  };
};
