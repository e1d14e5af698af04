import { describe, expect, it } from 'vitest';
import type { MetaEntity } from '../api/types.js';
import { teamFields, teamNames, teamTitle } from './team-names.js';

const team = { kind: 'entity', name: 'team', titleField: 'label_zh', fields: { name: { type: 'text' }, label_zh: { type: 'text' } } } as unknown as MetaEntity;

describe('team names', () => {
  it('reads teams by their title in the reader’s language, the code only where a team has no title', () => {
    expect(teamFields(team)).toEqual(['name', 'label_zh']);
    const names = teamNames(team, [
      { id: 't1', name: 'sales_east', label_zh: '华东销售组' },
      { id: 't2', name: 'legacy', label_zh: '' },
    ]);
    expect(names).toEqual([
      { id: 't1', code: 'sales_east', title: '华东销售组' },
      { id: 't2', code: 'legacy', title: 'legacy' },
    ]);
    expect(teamTitle(names, 'sales_east')).toBe('华东销售组');
    expect(teamTitle(names, 'gone')).toBe('gone');
    expect(teamTitle(names, null)).toBe('');
  });
});
