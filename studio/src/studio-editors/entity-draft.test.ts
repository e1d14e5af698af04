import { describe, expect, it } from 'vitest';
import type { MetaEntity } from '../api/types.js';
import { account } from '../testing/fixtures.js';
import { draftEntityOf, fieldOwner, fieldRows } from './entity-draft.js';
import { entityRows, searchEntityRows } from './entity-rows.js';
import { draftDictionaries } from './draft-context.js';

const pluginAccount: MetaEntity = { ...account, plugin: 'customers', fields: { ...account.fields, region: { type: 'text', label: { en: 'Region', 'zh-CN': '区域' } } } };

describe('the entity as the draft makes it', () => {
  it('overlays a plugin entity field by field and tells the tenant’s fields from the plugin’s', () => {
    const own = { fields: { name: { label: { en: 'Company', 'zh-CN': '公司' } }, wechat: { type: 'text' as const } } };
    const draft = draftEntityOf('account', pluginAccount, own);
    expect(draft.fields.name).toEqual({ type: 'text', label: { en: 'Company', 'zh-CN': '公司' } });
    expect(fieldOwner('name', pluginAccount, own)).toBe('plugin');
    expect(fieldOwner('wechat', pluginAccount, own)).toBe('tenant');
    const rows = fieldRows('account', pluginAccount, own, ['region']);
    expect(rows.map((r) => [r.name, r.status, r.owner])).toEqual([
      ['name', 'changed', 'plugin'],
      ['region', 'published', 'plugin'],
      ['wechat', 'new', 'tenant'],
    ]);
  });

  it('lists fields the draft retires (named by the plan) so they can be undone', () => {
    const published: MetaEntity = { kind: 'entity', name: 'project', plugin: 'tenant', fields: { name: { type: 'text' }, budget: { type: 'currency' } } };
    const own = { kind: 'entity' as const, name: 'project', fields: { name: { type: 'text' as const } } };
    expect(fieldRows('project', published, own, ['budget']).map((r) => [r.name, r.status, r.owner])).toEqual([
      ['name', 'published', 'tenant'],
      ['budget', 'retiring', 'tenant'],
    ]);
  });

  it('lists published and draft entities with their origin, and searches names and both labels', () => {
    const rows = entityRows({ account: pluginAccount }, { project: { name: 'project', label: { en: 'Project', 'zh-CN': '项目' }, fields: { name: { type: 'text' } } } }, 'en');
    expect(rows.map((r) => [r.name, r.origin, r.draft])).toEqual([
      ['account', 'customers', undefined],
      ['project', 'custom', 'new'],
    ]);
    expect(searchEntityRows(rows, '项目').map((r) => r.name)).toEqual(['project']);
    expect(searchEntityRows(rows, 'ACC').map((r) => r.name)).toEqual(['account']);
  });

  it('puts draft dictionaries over published ones, items merged by value', () => {
    const merged = draftDictionaries(
      { grade: { kind: 'dictionary', name: 'grade', items: [{ value: 'a', label: { en: 'A', 'zh-CN': '甲' } }] } },
      [{ kind: 'dictionary', name: 'grade', doc: { items: [{ value: 'a', active: false }, { value: 'b', label: { en: 'B', 'zh-CN': '乙' } }] }, updatedAt: '', updatedBy: null }],
    );
    expect(merged.grade.items).toEqual([{ value: 'a', label: { en: 'A', 'zh-CN': '甲' }, active: false }, { value: 'b', label: { en: 'B', 'zh-CN': '乙' } }]);
  });
});
