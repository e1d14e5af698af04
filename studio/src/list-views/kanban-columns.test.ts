import { describe, expect, it } from 'vitest';
import type { TransitionOption } from '../api/types.js';
import { dealLifecycle, dealStage, deal } from '../testing/fixtures.js';
import { columnFilter, cssColor, kanbanColumns, lifecycleOfField, transitionTo } from './kanban-columns.js';

const opt = (name: string, from: string[], to: string, allowed = true, reason?: string): TransitionOption => ({ name, field: 'stage', from, to, allowed, reason });

describe('kanban columns', () => {
  it('makes one column per active dictionary value in order, keeping an inactive one that still holds records', () => {
    expect(kanbanColumns(deal.fields.stage, { deal_stage: dealStage }).map((c) => c.value)).toEqual(['new', 'won', 'lost']);
    expect(kanbanColumns(deal.fields.stage, { deal_stage: dealStage }, new Set(['old'])).map((c) => c.value)).toEqual(['new', 'won', 'lost', 'old']);
    expect(kanbanColumns(deal.fields.source, {}).map((c) => c.label?.en)).toEqual(['Web', 'Fair']);
    expect(kanbanColumns(deal.fields.title, {})).toEqual([]);
    expect(kanbanColumns(undefined, {})).toEqual([]);
  });

  it('filters a column by its value', () => {
    expect(columnFilter('stage', 'won')).toEqual({ '==': [{ var: 'stage' }, 'won'] });
  });

  it('finds the lifecycle driving the field', () => {
    expect(lifecycleOfField({ deal_stage: dealLifecycle }, 'deal', 'stage')?.name).toBe('deal_stage');
    expect(lifecycleOfField({ deal_stage: dealLifecycle }, 'deal', 'source')).toBeUndefined();
  });

  it('turns colour names and hex codes into CSS', () => {
    expect(cssColor('blue')).toBe('#409eff');
    expect(cssColor('#abc')).toBe('#abc');
    expect(cssColor('url(x)')).toBe('#909399');
    expect(cssColor(undefined)).toBe('#909399');
  });
});

describe('the transition to a column', () => {
  const options = [opt('win', ['new'], 'won'), opt('lose', ['new'], 'lost', false, 'Only directors'), opt('reopen', ['won', 'lost'], 'new')];

  it('is the allowed transition from the card state to the column state', () => {
    expect(transitionTo(options, 'new', 'won')).toMatchObject({ ok: true, transition: { name: 'win' } });
    expect(transitionTo(options, 'lost', 'new')).toMatchObject({ ok: true, transition: { name: 'reopen' } });
  });

  it('says why when it is refused or when none leads there', () => {
    expect(transitionTo(options, 'new', 'lost')).toEqual({ ok: false, reason: 'refused', detail: 'Only directors' });
    expect(transitionTo(options, 'won', 'lost')).toEqual({ ok: false, reason: 'none' });
  });

  it('prefers an allowed transition over a refused one to the same state', () => {
    expect(transitionTo([opt('a', ['new'], 'won', false), opt('b', ['new'], 'won')], 'new', 'won')).toMatchObject({ ok: true, transition: { name: 'b' } });
  });
});
