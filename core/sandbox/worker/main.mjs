/**
 * Entry of a sandbox process, forked by the parent's supervisor. It holds a pool of
 * isolated-vm isolates and runs scripts sent over IPC; it has no database, no
 * credentials and (under Node's permission model) no file writes or child processes.
 * argv[2] is JSON: { ivmPath, isolates, memoryMb }.
 */
import { createRequire } from 'node:module';
import { IsolatePool } from './isolate-pool.mjs';
import { runScript } from './run-script.mjs';

const MAX_ARGS_CHARS = 4 * 1024 * 1024;

const config = JSON.parse(process.argv[2] ?? '{}');
const ivm = createRequire(import.meta.url)(config.ivmPath ?? 'isolated-vm');
const pool = new IsolatePool(ivm, config.isolates ?? 2, config.memoryMb ?? 32);
const runs = new Map();

function send(message) {
  if (process.connected) process.send(message);
}

const channel = {
  register: (id, handlers) => runs.set(id, handlers),
  unregister: (id) => runs.delete(id),
  hostCall(id, callId, method, args) {
    if (typeof args === 'string' && args.length <= MAX_ARGS_CHARS) {
      send({ type: 'host', id, callId, method: String(method), args });
    } else {
      runs.get(id)?.deliver(callId, false, 'the arguments are not JSON or are too large');
    }
  },
};

async function run(message) {
  try {
    const { outcome, cpuMs } = await runScript(ivm, pool, message, channel);
    send({ type: 'done', id: message.id, outcome, cpuMs });
  } catch (error) {
    const outcome = { ok: false, code: 'SANDBOX_CRASHED', message: `the sandbox could not run the script: ${error}` };
    send({ type: 'done', id: message.id, outcome, cpuMs: 0 });
  }
}

process.on('message', (message) => {
  switch (message?.type) {
    case 'run':
      void run(message);
      break;
    case 'host-result':
      runs.get(message.id)?.deliver(message.callId, message.ok, message.ok ? message.value : message.message);
      break;
    case 'cancel':
      runs.get(message.id)?.cancel(message.code, message.message);
      break;
  }
});

// The parent went away: nobody is left to answer, so stop.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready' });
