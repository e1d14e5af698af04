import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import type { SavedView } from './saved-views-api.js';
import SavedViewsMenu from './SavedViewsMenu.vue';
import type { Undoable } from './undoable.js';

const mine: SavedView = { id: 'v1', entity: 'deal', name: 'Big deals', definition: { filter: { '>': [{ var: 'amount' }, 1000] } }, shared: false, ownerId: 'u1', mine: true, version: 1, updatedAt: '' };
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;
const input = (sel: string, value: string) => {
  const el = document.querySelector(sel) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input'));
};

describe('SavedViewsMenu', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('says there are none yet, then saves the current definition under a name (shared when an admin asks)', async () => {
    let saved: SavedView[] = [];
    const { calls } = stubFetch({
      'GET /api/views/deal/saved': () => json(200, { data: saved }),
      'POST /api/views/deal/saved': (_u: string, init: RequestInit) => {
        const b = JSON.parse(String(init.body));
        saved = [{ ...mine, id: 'v2', name: b.name, shared: b.shared }];
        return json(201, saved[0]);
      },
    });
    const onApply = vi.fn();
    const w = mountApp(SavedViewsMenu, { props: { entityName: 'deal', definition: { q: 'acme', sort: '-amount' }, onApply } });
    await flushPromises();
    await w.find('.saved-toggle').trigger('click');
    await flushPromises();
    expect(document.querySelector('.saved-panel .empty')?.textContent).toContain('No saved views yet');
    button('Save current view').click();
    await flushPromises();
    button('Save').click();
    await flushPromises();
    expect(document.querySelector('.el-dialog .el-form-item.is-error')).not.toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    input('.saved-name input', 'Acme by amount');
    (document.querySelector('.saved-share input') as HTMLInputElement).click();
    await flushPromises();
    button('Save').click();
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toEqual({ name: 'Acme by amount', definition: { q: 'acme', sort: '-amount' }, shared: true });
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ id: 'v2' }));
    w.unmount();
  });

  it('shows a taken name on the field', async () => {
    stubFetch({
      'GET /api/views/deal/saved': { data: [mine] },
      'POST /api/views/deal/saved': json(409, { title: 'Conflict', status: 409, detail: 'You already have a view named "Big deals"', errors: [{ field: 'name', message: 'is taken' }] }),
    });
    const w = mountApp(SavedViewsMenu, { props: { entityName: 'deal', definition: {} } });
    await flushPromises();
    await w.find('.saved-toggle').trigger('click');
    button('Save current view').click();
    await flushPromises();
    input('.saved-name input', 'Big deals');
    button('Save').click();
    await flushPromises();
    expect(document.querySelector('.el-dialog .el-form-item.is-error')).not.toBeNull();
    expect(document.querySelector('.el-dialog')?.classList.contains('is-closing')).toBe(false);
    w.unmount();
  });

  it('picks, renames with the version, and deletes a view with an undo that saves it again', async () => {
    const { calls } = stubFetch({
      'GET /api/views/deal/saved': { data: [mine] },
      'PATCH /api/views/deal/saved/v1': { ...mine, name: 'Huge deals', version: 2 },
      'DELETE /api/views/deal/saved/v1': () => new Response(null, { status: 204 }),
      'POST /api/views/deal/saved': json(201, mine),
    });
    const onApply = vi.fn();
    let undo: Undoable | undefined;
    const w = mountApp(SavedViewsMenu, { props: { entityName: 'deal', definition: {}, activeId: 'v1', onApply, onUndoable: (u: Undoable) => (undo = u) } });
    await flushPromises();
    expect(w.find('.saved-toggle').text()).toBe('View: Big deals');
    await w.find('.saved-toggle').trigger('click');
    (document.querySelector('[data-saved="Big deals"] .pick') as HTMLButtonElement).click();
    expect(onApply).toHaveBeenLastCalledWith(mine);

    (document.querySelector('[aria-label="Rename: Big deals"]') as HTMLButtonElement).click();
    await flushPromises();
    input('.saved-name input', 'Huge deals');
    button('Save').click();
    await flushPromises();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers['If-Match']).toBe('1');
    expect(JSON.parse(patch.body!).name).toBe('Huge deals');

    (document.querySelector('[aria-label="Delete: Big deals"]') as HTMLButtonElement).click();
    await flushPromises();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
    expect(onApply).toHaveBeenLastCalledWith(null);
    expect(undo?.message).toBe('View “Big deals” deleted');
    await undo!.undo();
    expect(JSON.parse(calls.filter((c) => c.method === 'POST').at(-1)!.body!)).toEqual({ name: 'Big deals', definition: mine.definition });
    w.unmount();
  });
});
