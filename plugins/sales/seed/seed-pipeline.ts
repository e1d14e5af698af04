import type { RecordData } from '../../../core/index.js';
import { addDays, shuffled, type Random, type Writer } from './demo-kit.js';
import { LOSS_REASONS, PLAN_STEPS, PROJECTS } from './demo-words.js';

/** The stages in order with the transition into each. */
const PATH: [transition: string, stage: string][] = [['qualify', 'qualification'], ['propose', 'proposal'], ['negotiate', 'negotiation'], ['win', 'won']];
/** Where each demo opportunity ends. */
const TARGETS = [...Array(8).fill('prospecting'), ...Array(9).fill('qualification'), ...Array(10).fill('proposal'), ...Array(9).fill('negotiation'), ...Array(16).fill('won'), ...Array(8).fill('lost')] as string[];

export interface DemoOpportunity {
  id: string;
  customer: string;
  stage: string;
  closedOn?: string;
  amount: number;
}

/**
 * 60 opportunities of existing customers across every stage, each with the development
 * plan steps its stage implies (carried out, with results, up to where it stands); won
 * and lost ones closed over the past year, open ones expected within five months.
 */
export const seedPipeline = async (w: Writer, r: Random, customers: RecordData[], contacts: Map<string, string>, today: string): Promise<DemoOpportunity[]> => {
  const out: DemoOpportunity[] = [];
  const chosen = shuffled(r, customers).slice(0, TARGETS.length);
  for (const [i, customer] of chosen.entries()) {
    const target = TARGETS[i];
    const closed = target === 'won' || target === 'lost';
    const closeDate = closed ? addDays(today, -r.int(10, 330)) : addDays(today, r.int(15, 150));
    const amount = r.int(3, 90) * 10_000;
    const opportunity = await w.create('opportunity', {
      title: `${String(customer.name).slice(0, 4)}${r.pick(PROJECTS)}`,
      customer: customer.id,
      contact: contacts.get(String(customer.id)),
      amount,
      priority: amount >= 600_000 ? 'high' : amount >= 200_000 ? 'medium' : 'low',
      expected_close_date: closeDate,
      source: r.pick(['referral', 'website', 'exhibition', 'partner']),
      description: '客户有明确采购意向，需持续跟进。',
    });
    const reached = target === 'lost' ? r.int(0, 3) : PATH.findIndex(([, s]) => s === target) + 1;
    const steps = Math.min(PLAN_STEPS.length, reached + 1);
    for (let s = 0; s < steps; s++) {
      const done = s < reached || target === 'won';
      const [step, result] = PLAN_STEPS[s];
      const planned = addDays(closeDate, (s - steps) * r.int(7, 20));
      await w.create('development_plan', { opportunity: opportunity.id, planned_date: planned, step, done, result: done ? result : undefined, done_on: done ? planned : undefined });
    }
    const path: [string, RecordData?][] = PATH.slice(0, reached).map(([t]) => [t]);
    if (target === 'lost') path.push(['lose', { loss_reason: r.pick(LOSS_REASONS) }]);
    if (closed) path[path.length - 1][1] = { ...path[path.length - 1][1], closed_on: closeDate };
    await w.advance('opportunity', opportunity.id, path);
    out.push({ id: String(opportunity.id), customer: String(customer.id), stage: target, closedOn: closed ? closeDate : undefined, amount });
  }
  return out;
};
