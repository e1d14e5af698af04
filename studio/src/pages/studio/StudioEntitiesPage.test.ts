import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import { useMetaStore } from '../../stores/meta.js';
import StudioEntitiesPage from './StudioEntitiesPage.vue';

const drafts = { data: [{ kind: 'entity', name: 'project', doc: { kind: 'entity', name: 'project', label: { en: 'Project', 'zh-CN': '项目' }, fields: { name: { type: 'text' } } }, updatedAt: '', updatedBy: null }] };
const prepare = () => {
  const store = useMetaStore();
  store.meta!.entities.deal.plugin = 'sales';
  store.plugins = [{ name: 'sales', label: { en: 'Sales', 'zh-CN': '销售管理' }, status: 'installed', installedVersion: '1.0.0', availableVersion: '1.0.0' }];
};
const type = async (el: Element | null, value: string) => {
  (el as HTMLInputElement).value = value;
  el!.dispatchEvent(new Event('input'));
  await flushPromises();
};
const rowTexts = () =>
  [...document.querySelectorAll('.entities-table .el-table__body tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()).join(' | '));

describe('studio entity list', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists published and draft entities with their origin, and searches names and labels in both languages', async () => {
    stubFetch({ 'GET /api/studio': drafts });
    const w = mountApp(StudioEntitiesPage, {}, 'en', prepare);
    await flushPromises();
    expect(rowTexts()).toEqual(['Account | account | system | 1', 'Deal | deal | Sales | 23', 'Project | project | CustomNot published | 1']);
    await type(document.querySelector('input[type="search"]'), '项目');
    expect(rowTexts()).toEqual(['Project | project | CustomNot published | 1']);
    await type(document.querySelector('input[type="search"]'), 'nothing here');
    expect(document.querySelector('.el-empty')!.textContent).toContain('No entity matches “nothing here”');
    w.unmount();
  });

  it('creates an entity: suggests the name from the label, refuses reserved and taken names, and saves it with its title field', async () => {
    const { calls } = stubFetch({ 'GET /api/studio': { data: [] }, 'PUT /api/studio/entity/site_visit': { version: 2 } });
    const w = mountApp(StudioEntitiesPage, {}, 'en', prepare);
    await flushPromises();
    (document.querySelector('.new-entity') as HTMLButtonElement).click();
    await flushPromises();
    const field = (name: string) => document.querySelector(`.entity-dialog [name="${name}"]`);
    const save = async () => {
      ([...document.querySelectorAll('.entity-dialog .el-dialog__footer button')].find((b) => b.textContent?.trim() === 'Save') as HTMLButtonElement).click();
      await flushPromises();
    };
    const errorOf = (name: string) => field(name)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim();
    await type(field('entityLabelEn'), 'Deal');
    expect((field('entityName') as HTMLInputElement).value).toBe('deal');
    await type(field('entityLabelZh'), '商机');
    await save();
    await vi.waitFor(() => expect(errorOf('entityName')).toBe('“deal” is already used'), { timeout: 10_000 });
    await type(field('entityName'), 'select');
    await save();
    await vi.waitFor(() => expect(errorOf('entityName')).toBe('“select” is a reserved word of the database'), { timeout: 10_000 });
    await type(field('entityName'), 'site_visit');
    await type(field('pluralEn'), 'Site visits');
    await save();
    await vi.waitFor(() => expect(errorOf('pluralZh')).toBe('Enter the label in English and in 中文'), { timeout: 10_000 });
    await type(field('pluralZh'), '拜访');
    await save();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(JSON.parse(put.body!)).toEqual({
      kind: 'entity',
      name: 'site_visit',
      label: { en: 'Deal', 'zh-CN': '商机' },
      pluralLabel: { en: 'Site visits', 'zh-CN': '拜访' },
      titleField: 'name',
      fields: { name: { type: 'text', label: { en: 'Name', 'zh-CN': '名称' }, required: true, maxLength: 200 } },
    });
    w.unmount();
  });
});
