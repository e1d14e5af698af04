import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { account, deal, dealStage } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import AddFieldDialog from './AddFieldDialog.vue';

const input = (name: string) => document.querySelector(`.add-field-dialog [name="${name}"]`) as HTMLInputElement;
const type = async (name: string, value: string) => {
  const el = input(name);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await flushPromises();
};
const save = async () => {
  const button = [...document.querySelectorAll('.add-field-dialog .el-dialog__footer button')].find((b) => ['Save', '保存'].includes(b.textContent?.trim() ?? '')) as HTMLButtonElement;
  button.click();
  await flushPromises();
  await new Promise((r) => setTimeout(r, 0));
  await flushPromises();
};
const itemError = (name: string) => input(name).closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim();
const previewLabel = () => document.querySelector('.field-preview .preview-item label')?.textContent?.trim();
const ownDoc = (doc: unknown) => () => new Response(JSON.stringify(doc), { status: 200, headers: { 'content-type': 'application/json', 'x-metadata-layer': 'tenant' } });

const props = { modelValue: true, entity: 'deal', taken: Object.keys(deal.fields), editing: null, entities: { deal, account }, dictionaries: { deal_stage: dealStage } };

describe('field editor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('checks the name and labels, redraws the preview as one types, and places server problems on their inputs', async () => {
    const { calls } = stubFetch({
      'GET /api/studio/entity/deal': json(404, { title: 'Not Found', status: 404 }),
      'PUT /api/studio/entity/deal': json(400, {
        title: 'Bad Request',
        status: 400,
        detail: 'The entity "deal" has 1 problem',
        errors: [{ field: '/fields/code/maxLength', message: 'must be <= 1000000' }],
      }),
    });
    const w = mountApp(AddFieldDialog, { props, global: { stubs: { transition: false, 'transition-group': false } } });
    await flushPromises();
    await type('fieldName', 'title');
    await save();
    await vi.waitFor(() => expect(itemError('fieldName')).toBe('“title” is already used'), { timeout: 10_000 });
    await vi.waitFor(() => expect(itemError('labelEn')).toBe('Enter the label in English and in 中文'), { timeout: 10_000 });

    await type('fieldName', 'code');
    await type('labelEn', 'Code');
    await type('labelZh', '编码');
    expect(previewLabel()).toBe('Code');
    await type('helpEn', 'Two capitals and digits');
    await type('helpZh', '两个大写字母加数字');
    expect(document.querySelector('.field-preview')!.textContent).toContain('Two capitals and digits');
    await type('pattern', '([');
    await save();
    await vi.waitFor(() => expect(itemError('pattern')).toBe('This is not a valid regular expression'), { timeout: 10_000 });
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await type('pattern', '^[A-Z]{2}[0-9]+$');
    await save();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(JSON.parse(put.body!)).toEqual({
      kind: 'entity',
      name: 'deal',
      fields: { code: { type: 'text', label: { en: 'Code', 'zh-CN': '编码' }, description: { en: 'Two capitals and digits', 'zh-CN': '两个大写字母加数字' }, pattern: '^[A-Z]{2}[0-9]+$' } },
    });
    await vi.waitFor(() => expect(itemError('maxLength')).toBe('must be <= 1000000'), { timeout: 10_000 });
    expect(document.querySelector('.add-field-dialog .server-error')!.textContent).toContain('The entity "deal" has 1 problem');
    expect(w.emitted('saved')).toBeUndefined();
    w.unmount();
  });

  it('suggests the name from the label until one is typed, and says help text is optional', async () => {
    stubFetch({ 'GET /api/studio/entity/deal': json(404, { title: 'Not Found', status: 404 }) });
    const w = mountApp(AddFieldDialog, { props, global: { stubs: { transition: false, 'transition-group': false } } });
    await flushPromises();
    await type('labelZh', '微信号');
    expect(input('fieldName').value).toBe('field_1');
    await type('labelEn', 'WeChat ID');
    expect(input('fieldName').value).toBe('wechat_id');
    await type('fieldName', 'wx');
    await type('labelEn', 'WeChat account');
    expect(input('fieldName').value).toBe('wx');
    await type('helpEn', 'The account name');
    await save();
    await vi.waitFor(() => expect(itemError('helpEn')).toBe('Help text is optional; if you give it, give it in English and in 中文'), { timeout: 10_000 });
    w.unmount();
  });

  it('edits a plugin’s field as an overlay of what changed: the type is locked and explained', async () => {
    const { calls } = stubFetch({
      'GET /api/studio/entity/deal': ownDoc({ kind: 'entity', name: 'deal', fields: { title: { required: true } } }),
      'PUT /api/studio/entity/deal': { version: 3 },
    });
    const w = mountApp(AddFieldDialog, { props: { ...props, editing: { name: 'title', field: deal.fields.title, owner: 'plugin', published: deal.fields.title } } });
    await flushPromises();
    expect(input('fieldName').disabled).toBe(true);
    expect((document.querySelector('.add-field-dialog [aria-label="Type"]') as HTMLInputElement).disabled).toBe(true);
    expect(document.querySelector('.type-locked')!.textContent).toContain('only the plugin can change it');
    expect(previewLabel()).toBe('Title');
    await type('labelEn', 'Deal title');
    expect(previewLabel()).toBe('Deal title');
    await save();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(JSON.parse(put.body!).fields).toEqual({ title: { required: true, label: { en: 'Deal title', 'zh-CN': '标题' } } });
    expect(w.emitted('saved')).toEqual([['title']]);
    w.unmount();
  });

  it('explains a type change of the tenant’s own published field before saving, and keeps its stable id', async () => {
    const { calls } = stubFetch({ 'GET /api/studio/entity/deal': ownDoc({ kind: 'entity', name: 'deal', fields: {} }), 'PUT /api/studio/entity/deal': { version: 4 } });
    const seats = { ...deal.fields.seats, id: '9a0c4f5e-1111-4222-8333-444455556666' };
    const w = mountApp(AddFieldDialog, { props: { ...props, editing: { name: 'seats', field: seats, owner: 'tenant', published: deal.fields.seats } } }, 'zh-CN');
    await flushPromises();
    expect(document.querySelector('.type-note')).toBeNull();
    (w.vm as unknown as { $: { setupState: { form: { type: string } } } }).$.setupState.form.type = 'text';
    await flushPromises();
    expect(document.querySelector('.type-safe')!.textContent).toContain('修改类型会保留所有已存的值');
    await save();
    const field = JSON.parse(calls.find((c) => c.method === 'PUT')!.body!).fields.seats;
    expect(field).toMatchObject({ id: seats.id, type: 'text', label: { en: 'Seats', 'zh-CN': '席位' } });
    expect(field.min).toBeUndefined();
    w.unmount();
  });
});
