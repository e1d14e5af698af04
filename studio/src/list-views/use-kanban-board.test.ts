import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { dealLifecycle } from '../testing/fixtures.js';
import { columnCount, useKanbanBoard } from './use-kanban-board.js';

const board = (lifecycle = true) =>
  useKanbanBoard({
    entity: () => 'deal',
    field: () => 'stage',
    values: () => ['new', 'won', 'lost'],
    filter: () => ({ '>': [{ var: 'amount' }, 0] }),
    q: () => '',
    fields: () => ['version', 'stage', 'title'],
    pageSize: () => 2,
    lifecycle: () => (lifecycle ? dealLifecycle : undefined),
  });

const page = (url: string) => {
  const filter = JSON.parse(new URL(url, 'http://x').searchParams.get('filter')!);
  const stage = filter.and[1]['=='][1] as string;
  const total = new URL(url, 'http://x').searchParams.get('total') === 'true' ? { total: { new: 1, won: 7, lost: 0 }[stage] } : {};
  return json(200, { data: stage === 'new' ? [{ id: 'd1', version: 3, stage: 'new', title: 'A' }] : [], nextCursor: stage === 'won' ? 'c2' : null, ...total });
};

describe('a kanban board', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads each column with the view filter and its value, and pages a column', async () => {
    const { calls } = stubFetch({ 'GET /api/records/deal': page });
    const b = board();
    b.ensure(['new', 'won', 'lost']);
    await b.reload();
    expect(calls).toHaveLength(3);
    expect(b.columns.new.rows.map((r) => r.id)).toEqual(['d1']);
    expect(b.columns.won.cursor).toBe('c2');
    expect(columnCount(b.columns.won)).toBe(7);
    await b.load('won', true);
    expect(new URL(calls[3].url, 'http://x').searchParams.get('cursor')).toBe('c2');
    expect(new URL(calls[3].url, 'http://x').searchParams.get('total')).toBeNull();
    expect(columnCount(b.columns.won)).toBe(7);
  });

  it('moves a card on a state field through the transition that leads there, with If-Match', async () => {
    const { calls } = stubFetch({
      'GET /api/records/deal': page,
      'GET /api/records/deal/d1/transitions': { data: [{ name: 'win', field: 'stage', from: ['new'], to: 'won', allowed: true }] },
      'POST /api/records/deal/d1/transitions/win': { id: 'd1', version: 4, stage: 'won' },
    });
    const b = board();
    b.ensure(['new', 'won', 'lost']);
    await b.reload();
    expect(await b.move('d1', 'new', 'won')).toBeNull();
    expect(calls.at(-1)!.headers['If-Match']).toBe('3');
    expect(b.columns.won.rows).toMatchObject([{ id: 'd1', stage: 'won', version: 4 }]);
    expect(b.columns.new.rows).toEqual([]);
    expect([columnCount(b.columns.new), columnCount(b.columns.won)]).toEqual([0, 8]);
  });

  it('puts the card back and says why when no transition leads there or it is refused', async () => {
    stubFetch({
      'GET /api/records/deal': page,
      'GET /api/records/deal/d1/transitions': { data: [{ name: 'lose', field: 'stage', from: ['new'], to: 'lost', allowed: false, reason: 'Only directors' }] },
    });
    const b = board();
    b.ensure(['new', 'won', 'lost']);
    await b.reload();
    expect(await b.move('d1', 'new', 'won')).toEqual({ kind: 'none' });
    expect(b.columns.new.rows.map((r) => r.id)).toEqual(['d1']);
    expect(await b.move('d1', 'new', 'lost')).toEqual({ kind: 'refused', detail: 'Only directors' });
    expect(b.columns.lost.rows).toEqual([]);
  });

  it('saves an enum field with the record version, and a 409 puts the card back and reloads both columns', async () => {
    const { calls } = stubFetch({
      'GET /api/records/deal': page,
      'PATCH /api/records/deal/d1': json(409, { title: 'Conflict', status: 409, code: 'VERSION_CONFLICT' }),
    });
    const b = board(false);
    b.ensure(['new', 'won', 'lost']);
    await b.reload();
    expect(await b.move('d1', 'new', 'lost')).toEqual({ kind: 'conflict' });
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(JSON.parse(patch.body!)).toEqual({ stage: 'lost' });
    expect(patch.headers['If-Match']).toBe('3');
    expect(b.columns.new.rows.map((r) => r.id)).toEqual(['d1']);
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(5);
  });
});
