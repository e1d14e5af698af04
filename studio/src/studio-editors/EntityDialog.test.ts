import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { deal } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import EntityDialog from './EntityDialog.vue';

const field = (name: string) => document.querySelector(`.entity-dialog [name="${name}"]`) as HTMLInputElement;
const type = async (name: string, value: string) => {
  field(name).value = value;
  field(name).dispatchEvent(new Event('input'));
  await flushPromises();
};
const save = async () => {
  ([...document.querySelectorAll('.entity-dialog .el-dialog__footer button')].find((b) => b.textContent?.trim() === '保存') as HTMLButtonElement).click();
  await flushPromises();
};

describe('entity dialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('relabels an entity below the tenant as an overlay, in Chinese, and shows the server’s problems on the inputs', async () => {
    let refuse = true;
    const { calls } = stubFetch({
      'GET /api/studio/entity/deal': json(404, { title: 'Not Found', status: 404 }),
      'PUT /api/studio/entity/deal': () =>
        refuse
          ? json(400, { title: 'Bad Request', status: 400, detail: 'The entity "deal" has 1 problem', errors: [{ field: '/icon', message: 'must NOT have more than 100 characters' }] })
          : json(200, { version: 9 }),
    });
    const w = mountApp(EntityDialog, { props: { modelValue: true, taken: [], editing: deal } }, 'zh-CN');
    await flushPromises();
    expect(field('entityName').disabled).toBe(true);
    expect(field('entityLabelZh').value).toBe('商机');
    await type('entityLabelZh', '销售机会');
    await save();
    await vi.waitFor(() => expect(field('icon').closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('must NOT have more than 100 characters'), { timeout: 10_000 });
    refuse = false;
    await save();
    const bodies = calls.filter((c) => c.method === 'PUT').map((c) => JSON.parse(c.body!));
    expect(bodies[1]).toEqual({ kind: 'entity', name: 'deal', fields: {}, label: { en: 'Deal', 'zh-CN': '销售机会' }, titleField: 'title' });
    expect(w.emitted('saved')).toEqual([['deal']]);
    w.unmount();
  });
});
