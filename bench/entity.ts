import type { EntityDocument, MetadataDocument } from '../core/metadata/types.js';

/** The entity every bench tenant gets: a deal with an indexed amount, which the list filters and sorts by. */
export const ENTITY = 'deal';

export const STAGES = ['new', 'won', 'lost'] as const;

export const dealEntity: EntityDocument = {
  kind: 'entity',
  name: ENTITY,
  label: { en: 'Deal', 'zh-CN': '交易' },
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true, maxLength: 200, label: { en: 'Title', 'zh-CN': '标题' } },
    amount: { type: 'currency', min: 0, indexed: true, label: { en: 'Amount', 'zh-CN': '金额' } },
    stage: { type: 'enum', options: STAGES.map((value) => ({ value })), label: { en: 'Stage', 'zh-CN': '阶段' } },
  },
};

/** Amounts are spread evenly over [0, MAX_AMOUNT). */
export const MAX_AMOUNT = 100_000;

/** The list the bench measures and EXPLAINs: the top 1 % of amounts, largest first. */
export const LIST_MIN_AMOUNT = 99_000;
export const LIST_FILTER = { '>=': [{ var: 'amount' }, LIST_MIN_AMOUNT] };
export const LIST_SORT = '-amount';
export const LIST_LIMIT = 20;

export const listPath = (): string =>
  `/api/records/${ENTITY}?filter=${encodeURIComponent(JSON.stringify(LIST_FILTER))}&sort=${LIST_SORT}&limit=${LIST_LIMIT}`;

/**
 * The deal's default view: new deals, largest first. The engine indexes what it declares
 * (stage, amount desc, id), and, with the own-scoped role, (owner_id, amount desc, id).
 */
export const VIEW = 'new_deals';
export const VIEW_FILTER = { '==': [{ var: 'stage' }, 'new'] };
export const VIEW_SORT = '-amount';
export const dealView: MetadataDocument = {
  kind: 'view',
  name: VIEW,
  entity: ENTITY,
  default: true,
  label: { en: 'New deals', 'zh-CN': '新交易' },
  columns: ['title', 'amount', 'stage'],
  filter: VIEW_FILTER,
  sort: [{ field: 'amount', direction: 'desc' }],
};

/** The role of the own-scoped user: reads and changes only the deals it owns. */
export const REP_ROLE = 'rep';

export const repRole: MetadataDocument = {
  kind: 'role',
  name: REP_ROLE,
  label: { en: 'Rep', 'zh-CN': '销售' },
  entities: { [ENTITY]: { create: true, read: 'own', update: 'own', delete: 'none' } },
};

/** Teams of the plan tenant (records of the system `team` entity); shares go to them too. */
export const TEAMS = 10;
export const teamName = (n: number): string => `bench_team_${n}`;
/** The team of the shared-list user, which the sharing rule reaches. */
export const SHARED_TEAM = teamName(1);

/**
 * The sharing rule of the plan tenant's deal: small won deals are shared with one team
 * (to read). Selective (about 0.3 % of the rows, none of them in the listed top 1 %), so
 * the rep's list still has to find its own and its shared rows among the others.
 */
export const SHARING_RULE = {
  name: 'small_won_to_team',
  team: SHARED_TEAM,
  access: 'read' as const,
  condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '<': [{ var: 'amount' }, 1000] }] },
};

/** The deal of the plan tenant: the same fields, with the sharing rule. */
export const planDealEntity: EntityDocument = { ...dealEntity, sharingRules: [SHARING_RULE] };
