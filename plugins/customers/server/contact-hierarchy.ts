import { problem, type BeforeHook, type ProblemEntry } from '../../../core/index.js';

/** The problems the contact hierarchy answers with, in both languages. */
export const CONTACT_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  REPORTS_TO_CYCLE: {
    status: 422,
    en: '{name} cannot report to someone who reports to them (or to themselves).',
    'zh-CN': '{name} 不能向自己或自己的下属汇报。',
  },
};

/** Longest reporting chain walked when looking for a loop (deeper chains are cut there). */
const MAX_DEPTH = 50;

/**
 * 汇报关系: a contact's `reports_to` is a contact of the same customer (`dependsOn` checks that), and
 * never the contact itself or anyone below it, so the org chart stays a tree.
 */
export const beforeContactWrite: BeforeHook = async (event, ctx) => {
  const { data, old } = event;
  if (event.action === 'delete' || !('reports_to' in data) || !data.reports_to || !old) return; // a new contact has no one below it
  const boss = String(data.reports_to);
  const self = String(old.id);
  const { rows } = await ctx.db.raw(
    `with recursive up(id, depth) as (
       select ?::uuid, 0
       union all
       select c.reports_to, up.depth + 1 from contact c join up on c.id = up.id where c.reports_to is not null and up.depth < ?
     )
     select exists(select 1 from up where id = ?::uuid) as loops`,
    [boss, MAX_DEPTH, self],
  );
  if (rows[0]?.loops) {
    throw problem('REPORTS_TO_CYCLE', { name: String(data.name ?? old.name ?? '') }, { errors: [{ field: 'reports_to', message: 'would make a loop in the reporting chain', code: 'REPORTS_TO_CYCLE' }] });
  }
};
