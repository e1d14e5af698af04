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
 * `--callers`, some of whom give up waiting.
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
  const gateway = new CtiGateway(adapter, client, { menu: settings.ivrMenu ? await client.menu(settings.ivrMenu) : null, locale: settings.ivrLocale, announceMs: settings.announceSeconds * 1000, onError: (e, where) => console.error(where, e) });
  const stop = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await gateway.start();
  console.log(`gateway up: ${adapter.name}`);
  if (!(adapter instanceof TelephonySimulator) || !values.simulate) return;

  const res = await fetch(`${values.url}/api/records/call_agent?limit=200&fields=extension&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'simulated' }, true] }))}`, { headers: { authorization: `Bearer ${token}` } });
  const agents = ((await res.json()) as { data: { extension: string }[] }).data;
  for (const a of agents) adapter.addExtension(a.extension);
  const random = seededRandom(Date.now() % 100_000);
  adapter.onEvent((e) => {
    if (e.type === 'answered' && e.by === 'agent')
      setTimeout(() => {
        try {
          adapter.callerHangsUp(e.callId);
        } catch {
          // the call already ended
        }
      }, 4000 + random() * 12_000);
  });
  const callers = [...(values.callers?.split(',') ?? []), ...Array.from({ length: 30 }, () => `+86139${String(Math.floor(10_000_000 + random() * 89_999_999))}`)];
  const stopTraffic = runTraffic({ callsPerSecond: Number(values.simulate), callers, dnis: '+864008001234', meanPatienceMs: 40_000, digitChoices: ['0', '2'] }, (script) => adapter.placeCall(script));
  console.log(`simulating ${values.simulate} calls/s with ${agents.length} simulated agents`);
  if (values.seconds)
    setTimeout(() => {
      stopTraffic();
      void stop();
    }, Number(values.seconds) * 1000);
};

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
