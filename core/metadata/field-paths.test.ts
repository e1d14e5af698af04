import { describe, expect, it } from 'vitest';
import { createCheckContext } from './check-context.js';
import { knownVariable, resolveFieldPath } from './field-paths.js';
import { sampleDocuments } from './test-fixtures.js';

const ctx = createCheckContext(sampleDocuments(), (k, n) => `${k}/${n}`);

describe('field paths', () => {
  it('resolves fields, system columns and paths through references', () => {
    expect(resolveFieldPath(ctx, 'sales_order', 'amount')?.type).toBe('currency');
    expect(resolveFieldPath(ctx, 'sales_order', 'created_at')?.type).toBe('datetime');
    expect(resolveFieldPath(ctx, 'sales_order', 'account.region')).toMatchObject({ type: 'text', entity: 'account' });
    expect(resolveFieldPath(ctx, 'sales_order', 'account.nope')).toBeUndefined();
    expect(resolveFieldPath(ctx, 'sales_order', 'amount.x')).toBeUndefined();
    expect(resolveFieldPath(ctx, 'nothing', 'x')).toBeUndefined();
  });

  it('knows the context variables of rules', () => {
    const known = knownVariable(ctx, 'sales_order');
    for (const v of ['amount', 'account.name', '$old.status', '$user.id', '$user.roles', '$user.team', '$now', '$today']) expect(known(v), v).toBe(true);
    for (const v of ['nope', '$old.nope', '$env.x', 'account.ghost']) expect(known(v), v).toBe(false);
  });
});
