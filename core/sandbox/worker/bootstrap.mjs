/**
 * Code run in each fresh context before the script. It is evaluated as a closure with
 * $0 = the host-call callback and $1 = the input as JSON text, keeps both out of the
 * script's reach, removes the built-ins that get around the limits, defines `crm`, and returns `deliver(callId, ok, text)`, which the
 * sandbox process calls to settle a host call. `__crmStart` runs the script once and
 * answers with JSON text: {"ok":true,"value":…} or {"ok":false,"message":"…"}.
 */
export const BOOTSTRAP = `
// WebAssembly memory escapes the isolate's memory limit, and Atomics.wait blocks a thread
// without using CPU time: scripts need neither.
delete globalThis.WebAssembly;
delete globalThis.SharedArrayBuffer;
delete globalThis.Atomics;

const send = $0;
const inputJson = $1;
const { parse, stringify } = JSON;
const pending = new Map();
let lastCall = 0;

function call(method, args) {
  return new Promise((resolve, reject) => {
    let text;
    try { text = stringify(args); } catch (e) {
      reject(new TypeError('crm.' + method + ': the arguments are not JSON'));
      return;
    }
    const callId = ++lastCall;
    pending.set(callId, { resolve, reject });
    send(callId, method, text);
  });
}

const crm = Object.freeze({
  get: (entity, id) => call('get', [entity, id]),
  list: (entity, query) => call('list', [entity, query]),
  create: (entity, data) => call('create', [entity, data]),
  update: (entity, id, patch) => call('update', [entity, id, patch]),
  secret: (name) => call('secret', [name]),
});

function describe(e) {
  try {
    if (e instanceof Error) {
      if (e.name === 'Error' && e.message === 'Not supported') return 'Error: import() is not available in scripts';
      return e.name + ': ' + e.message;
    }
    return 'Uncaught ' + String(e);
  } catch {
    return 'Uncaught exception';
  }
}

Object.defineProperty(globalThis, '__crmStart', {
  configurable: true,
  value: async (fn) => {
    delete globalThis.__crmStart;
    let value;
    try {
      value = await fn(parse(inputJson), crm);
    } catch (e) {
      return stringify({ ok: false, message: describe(e) });
    }
    try {
      return stringify({ ok: true, value });
    } catch (e) {
      return stringify({ ok: false, message: 'the result is not JSON: ' + describe(e) });
    }
  },
});

return (callId, ok, text) => {
  const waiting = pending.get(callId);
  if (!waiting) return;
  pending.delete(callId);
  if (ok) waiting.resolve(parse(text));
  else {
    const error = new Error(text);
    error.name = 'CrmError';
    waiting.reject(error);
  }
};
`;

/** The script as the body of an async function; line 1 of the script is line 1 in errors. */
export function wrapScript(code) {
  return `__crmStart(async function (input, crm) {\n${code}\n})`;
}

export const SCRIPT_ORIGIN = { filename: 'script.js', lineOffset: -1 };
