/**
 * Turns what a run produced into the outcome sent to the parent: the bootstrap's JSON
 * answer, or the error isolated-vm raised.
 */
const MAX_RESULT_CHARS = 4 * 1024 * 1024;

/** @param {unknown} text the JSON answer of `__crmStart` */
export function outcomeOf(text) {
  if (typeof text !== 'string') return scriptError('the script did not finish through the sandbox entry');
  if (text.length > MAX_RESULT_CHARS) return scriptError(`the result is larger than ${MAX_RESULT_CHARS} characters of JSON`);
  const answer = JSON.parse(text);
  if (answer?.ok === true) return { ok: true, value: answer.value };
  return scriptError(typeof answer?.message === 'string' ? answer.message : 'the script failed');
}

/**
 * @param {unknown} error
 * @param {import('isolated-vm').Isolate} isolate
 * @param {{ memoryMb: number }} limits
 */
export function failureOf(error, isolate, limits) {
  const message = error instanceof Error ? error.message : String(error);
  if (isolate.isDisposed) {
    if (/memory limit/i.test(message)) {
      return { ok: false, code: 'MEMORY_LIMIT', message: `the script used more than its ${limits.memoryMb} MB of memory` };
    }
    return { ok: false, code: 'SANDBOX_CRASHED', message: `the isolate was lost: ${message}` };
  }
  const name = error instanceof Error ? error.name : 'Error';
  return scriptError(`${name}: ${message}`);
}

function scriptError(message) {
  return { ok: false, code: 'SCRIPT_ERROR', message: message.slice(0, 2000) };
}
