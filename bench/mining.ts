/**
 * Mining benchmark: LINES generated order lines (default 1,000,000) — ORDERS of 1–7 lines
 * over PRODUCTS products with a skewed popularity and a few bundles bought together, each
 * order one of CUSTOMERS customers' — streamed in order through core's primitives:
 * association rules (FP-growth) over the orders' baskets, and sequence patterns over each
 * customer's orders. Reports time and the largest heap and resident memory seen.
 * `npx tsx bench/mining.ts` (LINES, PRODUCTS, MIN_SUPPORT, MIN_CONFIDENCE in the environment).
 */
import { associationRules, groupRuns, seededRandom, sequencePatterns } from '../core/index.js';

const LINES = Number(process.env.LINES ?? 1_000_000);
const PRODUCTS = Number(process.env.PRODUCTS ?? 2_000);
const MIN_SUPPORT = Number(process.env.MIN_SUPPORT ?? 0.002);
const MIN_CONFIDENCE = Number(process.env.MIN_CONFIDENCE ?? 0.2);

let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
const MB = (n: number) => `${Math.round(n / 1_048_576)} MB`;

/** Order lines as a database would stream them sorted by customer then order: {customer, order, product}. */
function* lines(): Generator<{ customer: string; order: string; product: string }> {
  const r = seededRandom(20);
  const product = () => `p${Math.floor(PRODUCTS * Math.pow(r.next(), 3))}`; // a few products sell most
  let n = 0;
  let order = 0;
  for (let c = 0; n < LINES; c++) {
    const orders = 1 + Math.floor(r.next() * 5);
    for (let o = 0; o < orders && n < LINES; o++, order++) {
      const size = 1 + Math.floor(r.next() * 7);
      const bundle = r.next() < 0.1 ? ['p1', 'p2'] : r.next() < 0.05 ? ['p3', 'p4', 'p5'] : [];
      for (const p of [...bundle, ...Array.from({ length: size }, product)].slice(0, 8)) {
        if (n++ >= LINES) break;
        if (n % 50_000 === 0) sample();
        yield { customer: `c${c}`, order: `o${order}`, product: p };
      }
    }
  }
}

const main = async () => {
  let t0 = Date.now();
  const baskets = (async function* () {
    for await (const b of groupRuns(lines(), (l) => l.order, (l) => l.product)) yield b.values;
  })();
  const rules = await associationRules(baskets, { minSupport: MIN_SUPPORT, minConfidence: MIN_CONFIDENCE, onProgress: sample });
  sample();
  const assocMs = Date.now() - t0;
  console.log(`association rules: ${LINES} lines, ${rules.transactions} orders, ${rules.frequentItems} frequent products, ${rules.itemsets} itemsets, ${rules.rules.length} rules in ${(assocMs / 1000).toFixed(1)} s`);
  console.log(`  strongest: ${rules.rules.slice(0, 3).map((x) => `${x.antecedent.join('+')} → ${x.consequent.join('+')} (conf ${x.confidence.toFixed(2)}, lift ${x.lift.toFixed(1)})`).join('; ')}`);

  t0 = Date.now();
  const histories = (async function* () {
    for await (const c of groupRuns(lines(), (l) => l.customer, (l) => l)) {
      const events: string[][] = [];
      for await (const o of groupRuns(c.values, (l) => l.order, (l) => l.product)) events.push(o.values);
      yield events;
    }
  })();
  const seq = await sequencePatterns(histories, { minSupport: 0.01, maxLength: 3, onProgress: sample });
  sample();
  const seqMs = Date.now() - t0;
  console.log(`sequence patterns: ${seq.subjects} customers, ${seq.patterns.length} patterns in ${(seqMs / 1000).toFixed(1)} s`);
  console.log(`peak heap ${MB(peakHeap)}, peak resident ${MB(peakRss)}`);
};

void main();
