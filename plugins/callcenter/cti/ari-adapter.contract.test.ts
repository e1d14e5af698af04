import { AriAdapter } from './ari-adapter.js';
import { ctiContractSuite } from './contract-suite.js';
import { FakeAriServer } from './fake-ari-server.js';

ctiContractSuite('Asterisk ARI adapter (fake ARI server)', async () => {
  const ari = new FakeAriServer(['8001', '8002']);
  const url = await ari.start();
  return {
    adapter: new AriAdapter({ url, app: 'crm', user: 'crm', password: 'secret' }),
    extension: '8001',
    otherExtension: '8002',
    callIn: async (ani, dnis, digits) => void ari.callIn(ani, dnis, digits),
    callerHangsUp: async (callId) => ari.hangUp(callId),
    nextCallee: (b) => (ari.next = b),
    close: () => ari.close(),
  };
});
