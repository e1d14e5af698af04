/**
 * Micro-benchmark of the sandbox's overhead: `npx tsx core/sandbox/bench-sandbox.ts`.
 * Latency is measured one run at a time; throughput with as many runs in flight as the
 * sandbox has isolates. The host answers from memory, so the figures are the sandbox's
 * own cost (processes, isolates, contexts, IPC), not a database's.
 */
import { createSandbox } from './index.js';
import { recordingHost } from './fake-host.js';
import type { ScriptRun } from './types.js';

const PROCESSES = 2;
const ISOLATES = 2;
const LATENCY_RUNS = 500;
const THROUGHPUT_RUNS = 2000;

const host = recordingHost((_, args) => ({ id: args[1], name: 'Customer', level: 'A' }));
const scenarios: Record<string, Omit<ScriptRun, 'host'>> = {
  'trivial script': { tenantId: 'bench', code: 'return input.n + 1', input: { n: 1 } },
  '10 host calls': {
    tenantId: 'bench',
    code: 'let sum = 0; for (let i = 0; i < 10; i++) sum += (await crm.get("customer", i)).id; return sum',
    input: null,
  },
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const started = performance.now();
  const sandbox = createSandbox({ processes: PROCESSES, isolatesPerProcess: ISOLATES });
  const first = await sandbox.run({ ...scenarios['trivial script'], host });
  if (!first.ok) throw new Error(first.error.message);
  console.log(`sandbox ready, first run answered after ${(performance.now() - started).toFixed(0)} ms`);
  console.log(`${PROCESSES} processes x ${ISOLATES} isolates; latency over ${LATENCY_RUNS} runs one at a time, throughput over ${THROUGHPUT_RUNS} runs ${PROCESSES * ISOLATES} at a time\n`);
  console.log('scenario         p50 ms   p99 ms   runs/s (serial)   runs/s (concurrent)   script cpu p50 ms');
  try {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const run = async () => {
        const result = await sandbox.run({ ...scenario, host });
        if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
        return result;
      };
      for (let i = 0; i < 50; i++) await run();
      const times: number[] = [];
      const cpu: number[] = [];
      const serialStart = performance.now();
      for (let i = 0; i < LATENCY_RUNS; i++) {
        const t = performance.now();
        const result = await run();
        times.push(performance.now() - t);
        cpu.push(result.cpuMs);
      }
      const serialRate = LATENCY_RUNS / ((performance.now() - serialStart) / 1000);
      const concurrentStart = performance.now();
      let left = THROUGHPUT_RUNS;
      const lane = async () => {
        while (left-- > 0) await run();
      };
      await Promise.all(Array.from({ length: PROCESSES * ISOLATES }, lane));
      const concurrentRate = THROUGHPUT_RUNS / ((performance.now() - concurrentStart) / 1000);
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(15)} ${percentile(times, 50).toFixed(2).padStart(7)} ${percentile(times, 99).toFixed(2).padStart(8)}` +
          ` ${serialRate.toFixed(0).padStart(17)} ${concurrentRate.toFixed(0).padStart(21)} ${percentile(cpu, 50).toFixed(2).padStart(19)}`,
      );
    }
  } finally {
    await sandbox.close();
  }
}

await main();
