import { describe, expect, it } from 'vitest';
import { account, deal } from '../../testing/fixtures.js';
import { childEntities, cleanRecipients, hasRecipients, referenceFields, rowsToValues, setOption, userFields, valuesToRows, writableFields } from './options.js';

describe('step options as form values', () => {
  it('sets an option, or drops it when the form leaves it empty (null stays: it ends the run)', () => {
    expect(setOption({ title: 'a' }, 'title', 'b')).toEqual({ title: 'b' });
    expect(setOption({ title: 'a', body: 'x' }, 'body', '')).toEqual({ title: 'a' });
    expect(setOption({ users: ['u'] }, 'users', [])).toEqual({});
    expect(setOption({}, 'then', null)).toEqual({ then: null });
  });

  it('turns a field → value map into rows and back, an object value being an expression', () => {
    const rows = valuesToRows({ title: 'Big', amount: { '*': [{ var: 'amount' }, 2] } });
    expect(rows).toEqual([
      { field: 'title', value: 'Big', expression: false },
      { field: 'amount', value: { '*': [{ var: 'amount' }, 2] }, expression: true },
    ]);
    expect(rowsToValues([...rows, { field: '', value: 1, expression: false }, { field: 'won', value: undefined, expression: false }])).toEqual({
      title: 'Big',
      amount: { '*': [{ var: 'amount' }, 2] },
      won: null,
    });
    expect(valuesToRows(undefined)).toEqual([]);
  });

  it('offers only fields a step can write, reference and user fields, and the entities that point here', () => {
    const names = writableFields(deal).map(([n]) => n);
    expect(names).toContain('title');
    expect(names).not.toContain('total');
    expect(names).not.toContain('number');
    expect(names).not.toContain('files');
    expect(referenceFields(deal)).toEqual([['account', 'account']]);
    expect(childEntities({ deal, account }, 'account')).toEqual([{ entity: 'deal', fields: ['account'] }]);
    expect(childEntities({ deal, account }, undefined)).toEqual([]);
    expect(userFields(deal)).toEqual(['owner_id', 'owner']);
  });

  it('keeps only the parts of recipients that name someone', () => {
    expect(cleanRecipients({ users: [], roles: ['sales'], team: '', field: 'owner_id' })).toEqual({ roles: ['sales'], field: 'owner_id' });
    expect(hasRecipients({ users: [] })).toBe(false);
    expect(hasRecipients(undefined)).toBe(false);
    expect(hasRecipients({ team: 't1' })).toBe(true);
  });
});
