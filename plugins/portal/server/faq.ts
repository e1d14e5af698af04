import { problem, type Label, type PluginRouteDef } from '../../../core/index.js';

const MAX_Q = 100;
/** Only what the portal publishes, whatever the role says besides. */
const PUBLIC_SOLUTIONS = { and: [{ '==': [{ var: 'published' }, true] }, { '==': [{ var: 'portal_visible' }, true] }] };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * GET /api/public/<tenant>/x/portal/faq?q=&cursor=&limit=: the FAQ — solutions published and
 * marked for the portal — searched on the server (title, problem, answer, tags, code; any
 * language, Chinese too) and paged (limit 1–50, default 20, `nextCursor` for the next page).
 * Read through the record service as the role `portal_faq`, which sees nothing else.
 */
export const faqRoute: PluginRouteDef = {
  method: 'GET',
  path: '/faq',
  public: true,
  publicRoles: ['portal_faq'],
  async handler(req, ctx) {
    const q = text(req.query.q);
    if (q && q.length > MAX_Q) throw problem('PORTAL_FAQ_QUERY', { max: MAX_Q }, { errors: [{ field: 'q', message: `at most ${MAX_Q} characters` }] });
    const limit = Math.min(Math.max(Math.trunc(Number(req.query.limit)) || 20, 1), 50);
    const page = await ctx.records.list('solution', { filter: PUBLIC_SOLUTIONS, q, sort: 'title', limit, cursor: text(req.query.cursor), fields: ['code', 'title', 'type', 'problem', 'answer', 'tags'] });
    const types = (ctx.meta.dictionaries.service_type?.items ?? []) as { value: string; label: Label }[];
    return {
      data: page.data.map((s) => ({ id: s.id, code: s.code ?? null, title: s.title, type: s.type ?? null, typeLabel: types.find((t) => t.value === s.type)?.label ?? null, problem: s.problem ?? null, answer: s.answer ?? null, tags: s.tags ?? null })),
      nextCursor: page.nextCursor ?? null,
    };
  },
};
