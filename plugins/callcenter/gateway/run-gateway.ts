/**
 * The CTI gateway as a process: `npx tsx plugins/callcenter/gateway/run-gateway.ts
 * --url https://crm.example.com [--simulate 0.5 --seconds 300]`, with the gateway
 * account's token (a service account's API key with the right `phone_call.offer`) in
 * CALLCENTER_GATEWAY_TOKEN and, for Asterisk, the ARI password in CALLCENTER_ARI_PASSWORD.
 * It reads the tenant's call-center settings, starts the adapter they select (the ARI
 * adapter has not been run against a live Asterisk) and runs until stopped.
 *
 * With the simulator, `--simulate <calls per second>` makes demo traffic: the tenant's
 * simulated agents (their extensions, from GET /api/records/call_agent) answer and hang
 * up after a short talk; callers are random mobile numbers and the numbers given with
 * `--callers`, some of whom give up waiting. Without `--simulate`, the traffic a manager
 * starts with "Simulate traffic" on the wallboard runs (its rate, until its end).
 */
import { parseArgs } from 'node:util';
import { selectAdapter } from '../cti/select-adapter.js';
import { TelephonySimulator } from '../cti/simulator.js';
import { runTraffic, seededRandom } from '../cti/traffic.js';
import { httpGatewayClient } from './client.js';
import { CtiGateway } from './gateway.js';

const { values } = parseArgs({ options: { url: { type: 'string' }, simulate: { type: 'string' }, seconds: { type: 'string' }, callers: { type: 'string' } } });
const token = process.env.CALLCENTER_GATEWAY_TOKEN;
if (!values.url || !token) {
  console.error('usage: CALLCENTER_GATEWAY_TOKEN=… run-gateway.ts --url <server> [--simulate <calls/s> --seconds <n> --callers +86138…,+86139…]');
  process.exit(2);
}

const main = async () => {
  const client = httpGatewayClient(values.url!, token);
  const settings = await client.config();
  const adapter = selectAdapter(settings, { ariPassword: process.env.CALLCENTER_ARI_PASSWORD, simulator: { trunks: 60, ringMs: 1500 } });
  const sim = adapter instanceof TelephonySimulator ? adapter : null;
  const random = seededRandom(Date.now() % 100_000);
  const callers = [...(values.callers?.split(',') ?? []), ...Array.from({ length: 30 }, () => `+86139${String(Math.floor(10_000_000 + random() * 89_999_999))}`)];
  let stopTraffic: (() => void) | undefined;
  /** Starts the simulator's callers at a rate (calls per second), or stops them (null). */
  const traffic = (callsPerSecond: number | null) => {
    stopTraffic?.();
    stopTraffic = undefined;
    if (!sim || !callsPerSecond) return;
    stopTraffic = runTraffic({ callsPerSecond, callers, dnis: '+864008001234', meanPatienceMs: 40_000, digitChoices: ['0', '2', '1'] }, (script) => sim.placeCall(script));
    console.log(`simulating ${callsPerSecond} calls/s`);
  };
  const gateway = new CtiGateway(adapter, client, {
    menu: settings.ivrMenu ? await client.menu(settings.ivrMenu) : null,
    locale: settings.ivrLocale,
    announceMs: settings.announceSeconds * 1000,
    // "Simulate traffic" on the wallboard: the heartbeat says what a manager asked for.
    onTraffic: (t) => !values.simulate && traffic(t ? t.callsPerMinute / 60 : null),
    onError: (e, where) => console.error(where, e),
  });
  const stop = async () => {
    traffic(null);
    await gateway.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (sim) {
    // The tenant's simulated agents answer on the simulator and hang up after a short talk.
    const res = await fetch(`${values.url}/api/records/call_agent?limit=200&fields=extension&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'simulated' }, true] }))}`, { headers: { authorization: `Bearer ${token}` } });
    const agents = ((await res.json()) as { data: { extension: string }[] }).data;
    for (const a of agents) sim.addExtension(a.extension);
    sim.onEvent((e) => {
      if (e.type === 'answered' && e.by === 'agent')
        setTimeout(() => {
          try {
            sim.callerHangsUp(e.callId);
          } catch {
            // the call already ended
          }
        }, 4000 + random() * 12_000);
    });
    console.log(`${agents.length} simulated agents`);
  }
  await gateway.start();
  console.log(`gateway up: ${adapter.name}`);
  if (!sim || !values.simulate) return;
  traffic(Number(values.simulate));
  if (values.seconds) setTimeout(() => void stop(), Number(values.seconds) * 1000);
};

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
