import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { meta } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import MergeDialog from './MergeDialog.vue';

describe('MergeDialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('keeps the staying record’s values, fills its empty ones from the other, and sends the fields chosen from the other with both versions', async () => {
    const a = { id: 'a1', version: 3, title: 'Alpha', phone: '021 5555 1234', email: null, notes: 'old' };
    const b = { id: 'b2', version: 7, title: 'Alpha Ltd', phone: '+86 21 5555 1234', email: 'x@alpha.example', notes: 'old' };
    const { calls } = stubFetch({ 'POST /api/records/deal/a1/merge': () => json(200, { record: { ...a, email: b.email }, repointed: [] }) });
    const merged = vi.fn();
    const w = mountApp(MergeDialog, { props: { entity: meta.entities.deal, a, b, onMerged: merged } });
    await flushPromises();
    const picked = (field: string, side: 'a' | 'b') => document.querySelector(`.merge-dialog tr[data-field="${field}"] .pick-${side}`)!.classList.contains('is-checked');
    expect([picked('phone', 'a'), picked('email', 'b'), picked('notes', 'a')]).toEqual([true, true, true]);
    document.querySelector<HTMLElement>('.merge-dialog tr[data-field="title"] .pick-b input')!.click();
    await flushPromises();
    document.querySelector<HTMLButtonElement>('.confirm-merge')!.click();
    await flushPromises();
    expect(calls[0].headers['If-Match']).toBe('3');
    expect(JSON.parse(calls[0].body!)).toEqual({ otherId: 'b2', otherVersion: 7, values: { title: 'Alpha Ltd', email: 'x@alpha.example' } });
    expect(merged).toHaveBeenCalledWith(expect.objectContaining({ record: expect.objectContaining({ email: 'x@alpha.example' }) }), b);
    w.unmount();
  });
});
