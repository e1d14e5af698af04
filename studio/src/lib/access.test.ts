import { describe, expect, it } from 'vitest';
import type { MetaEntity } from '../api/types.js';
import { buildFormLayout } from '../forms/build-form.js';
import { createPayload, patchPayload } from '../forms/save-payload.js';
import { defaultRegistry } from '../forms/widget-registry.js';
import { ApiError } from '../api/http.js';
import { deal } from '../testing/fixtures.js';
import { mayCreate, mayDelete, mayUpdate, mayWriteField } from './access.js';
import { errorText } from './error-text.js';

const readOnlyTitle: MetaEntity = { ...deal, access: { create: false, update: true, delete: false, fields: { title: 'read', notes: 'write' } } };

describe('access from /api/meta', () => {
  it('answers create, update, delete and field writes from the entity’s access', () => {
    expect([mayCreate(readOnlyTitle), mayUpdate(readOnlyTitle), mayDelete(readOnlyTitle)]).toEqual([false, true, false]);
    expect(mayWriteField(readOnlyTitle, 'title')).toBe(false);
    expect(mayWriteField(readOnlyTitle, 'notes')).toBe(true);
    expect([mayCreate(deal), mayUpdate(deal), mayDelete(deal), mayWriteField(deal, 'title')]).toEqual([true, true, true, true]);
    expect(mayCreate(undefined)).toBe(false);
  });

  it('makes fields with read access read-only in the form and leaves them out of what is sent', () => {
    const layout = buildFormLayout({ entity: readOnlyTitle, record: {}, registry: defaultRegistry, mode: 'edit' });
    const items = layout.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.name === 'title')?.readonly).toBe(true);
    expect(items.find((i) => i.name === 'notes')?.readonly).toBe(false);
    expect(createPayload(readOnlyTitle, { title: 'X', notes: 'n' })).toEqual({ notes: 'n' });
    expect(patchPayload(readOnlyTitle, { title: 'Y', notes: 'm' }, { title: 'X', notes: 'n' })).toEqual({ notes: 'm' });
  });

  it('words a 403 as a refusal with the server’s reason', () => {
    const t = (key: string, p?: Record<string, unknown>) => `${key}${p ? JSON.stringify(p) : ''}`;
    const refused = new ApiError({ title: 'Forbidden', status: 403, detail: 'needs the "x.y" right', code: 'FORBIDDEN' });
    expect(errorText(refused, t)).toBe('errors.forbiddenBecause{"reason":"needs the \\"x.y\\" right"}');
    expect(errorText(new ApiError({ title: 'Forbidden', status: 403 }), t)).toBe('errors.forbidden');
    expect(errorText(new ApiError({ title: 'Conflict', status: 409, detail: 'stale' }), t)).toBe('stale');
  });
});
