import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElCheckbox, ElRadioGroup, ElSelect } from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoleDocument } from '../api/types.js';
import { overlayRole, withField } from '../lib/role-matrix.js';
import { account, deal } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import PermissionMatrix from './PermissionMatrix.vue';

const entities = { deal, account };
const blank: RoleDocument = { kind: 'role', name: 'sales_rep', label: { en: 'Sales rep', 'zh-CN': '销售' }, entities: {}, actions: [] };

/** The matrix as a page uses it: v-model on a role document. */
const mountMatrix = (role: RoleDocument, extra: Record<string, unknown> = {}, locale: 'en' | 'zh-CN' = 'en') => {
  const w = mountApp(PermissionMatrix, {
    props: { modelValue: role, entities, actions: ['deal.assign'], ...extra, 'onUpdate:modelValue': (r: RoleDocument) => w.setProps({ modelValue: r } as Record<string, unknown>) },
  }, locale);
  return w;
};
const row = (w: VueWrapper, entity: string) => w.findAll(`.matrix-row-${entity}`)[0];
const scopeSelect = (w: VueWrapper, entity: string, op: string) =>
  (row(w, entity).findAllComponents(ElSelect) as VueWrapper[]).find((s) => s.classes().includes(`scope-${op}`))!;
const scope = async (w: VueWrapper, entity: string, op: string, value: string) => {
  scopeSelect(w, entity, op).vm.$emit('update:modelValue', value);
  await flushPromises();
};
const role = (w: VueWrapper) => (w.props() as { modelValue: RoleDocument }).modelValue;

describe('PermissionMatrix', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('writes create, scopes, field access and action rights into the role document', async () => {
    const w = mountMatrix(blank);
    await flushPromises();
    expect(w.findAll('.matrix-row').map((r) => r.find('.entity-name').text())).toEqual(['account', 'deal']);

    row(w, 'deal').findComponent(ElCheckbox).vm.$emit('update:modelValue', true);
    await flushPromises();
    await scope(w, 'deal', 'read', 'team');
    await scope(w, 'deal', 'update', 'own');
    await scope(w, 'account', 'read', 'all');

    await row(w, 'deal').find('.fields-button').trigger('click');
    await flushPromises();
    const drawer = () => document.querySelector('.field-access-drawer')!;
    expect([...drawer().querySelectorAll('.field-access')].map((e) => e.getAttribute('data-field'))).toEqual(Object.keys(deal.fields));
    const radios = w.findAllComponents(ElRadioGroup);
    const byField = (f: string) => radios.find((r) => r.element.closest('[data-field]')?.getAttribute('data-field') === f)!;
    byField('amount').vm.$emit('update:modelValue', 'read');
    await flushPromises();
    byField('notes').vm.$emit('update:modelValue', 'hidden');
    await flushPromises();
    expect(row(w, 'deal').find('.fields-button').text()).toBe('2 restricted');

    w.findAllComponents(ElCheckbox).find((c) => c.attributes('data-action') === 'deal.assign')!.vm.$emit('update:modelValue', true);
    await flushPromises();
    await w.find('.add-action input').setValue('deal.close_won');
    await w.find('.add-action input').trigger('keyup', { key: 'Enter' });
    await flushPromises();

    expect(role(w)).toEqual({
      kind: 'role',
      name: 'sales_rep',
      label: { en: 'Sales rep', 'zh-CN': '销售' },
      entities: {
        deal: { create: true, read: 'team', update: 'own', delete: 'none', fields: { amount: 'read', notes: 'hidden' } },
        account: { create: false, read: 'all', update: 'none', delete: 'none' },
      },
      actions: ['deal.assign', 'deal.close_won'],
    });
    w.unmount();
  });

  it('keeps a rule scope until another scope is chosen, and says write explicitly where the role said otherwise', async () => {
    const rule = { '==': [{ var: 'owner' }, { var: '$user.id' }] };
    const loaded: RoleDocument = { ...blank, entities: { deal: { read: rule, update: 'own', fields: { amount: 'read' } } } };
    const w = mountMatrix(loaded, { original: loaded });
    await flushPromises();
    const read = scopeSelect(w, 'deal', 'read');
    expect((read.props() as { modelValue: string }).modelValue).toBe('__rule');
    await scope(w, 'deal', 'delete', 'own');
    expect(role(w).entities!.deal).toEqual({ create: false, read: rule, update: 'own', delete: 'own', fields: { amount: 'read' } });
    await scope(w, 'deal', 'read', 'all');
    expect(role(w).entities!.deal.read).toBe('all');
    expect(withField(role(w), 'deal', 'amount', 'write', loaded).entities!.deal.fields).toEqual({ amount: 'write' });
    expect(withField(role(w), 'deal', 'seats', 'read', loaded).entities!.deal.fields).toEqual({ amount: 'read', seats: 'read' });
    expect(withField(withField(blank, 'deal', 'seats', 'read'), 'deal', 'seats', 'write').entities!.deal.fields).toBeUndefined();
    w.unmount();
  });

  it('lays a draft over the published role the way the server does, and speaks Chinese', async () => {
    const published: RoleDocument = { ...blank, entities: { deal: { read: 'all', fields: { amount: 'read' } } }, actions: ['deal.assign'] };
    const draft: RoleDocument = { ...blank, entities: { deal: { read: 'own', fields: { notes: 'hidden' } } }, actions: [] };
    expect(overlayRole(published, draft)).toMatchObject({ entities: { deal: { read: 'own', fields: { amount: 'read', notes: 'hidden' } } }, actions: [] });
    expect(overlayRole(undefined, draft)).toBe(draft);
    const w = mountMatrix(published, {}, 'zh-CN');
    await flushPromises();
    expect(w.find('thead').text()).toContain('查看');
    expect(w.text()).toContain('操作权限');
    expect(row(w, 'deal').find('.fields-button').text()).toBe('1 个受限');
    w.unmount();
  });
});
