import { ctiContractSuite } from './contract-suite.js';
import { TelephonySimulator, type CalleeBehaviour } from './simulator.js';

ctiContractSuite('telephony simulator', async () => {
  let next: CalleeBehaviour = 'human';
  const sim = new TelephonySimulator({ trunks: 4, ringMs: 1, callee: () => next });
  sim.addExtension('8001');
  sim.addExtension('8002');
  return {
    adapter: sim,
    extension: '8001',
    otherExtension: '8002',
    callIn: async (ani, dnis, digits) => void sim.placeCall({ ani, dnis, digits }),
    callerHangsUp: async (callId) => sim.callerHangsUp(callId),
    nextCallee: (b) => (next = b),
    close: async () => undefined,
  };
});
