import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meta } from '../api/types.js';
import { i18n } from '../i18n/index.js';
import { useMetaStore } from './meta.js';

const meta = {
  entities: {
    team: { kind: 'entity', name: 'team', titleField: 'label', localeTitleFields: { 'zh-CN': 'label_zh' }, fields: { label: { type: 'text' }, label_zh: { type: 'text' }, name: { type: 'text' } } },
    stock: { kind: 'entity', name: 'stock', titleField: 'product', fields: { product: { type: 'text' }, stock_key: { type: 'text', internal: true } } },
  },
} as unknown as Meta;

describe('meta store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });
  afterEach(() => {
    i18n.global.locale.value = 'en';
  });

  it('gives the app entities as people see them in its language, and the designers the documents', () => {
    const store = useMetaStore();
    store.meta = meta;
    expect(store.entity('team')?.titleField).toBe('label');
    i18n.global.locale.value = 'zh-CN';
    expect(store.entity('team')?.titleField).toBe('label_zh');
    expect(Object.keys(store.entity('stock')?.fields ?? {})).toEqual(['product']);
    expect(Object.keys(store.document('stock')?.fields ?? {})).toEqual(['product', 'stock_key']);
    expect(store.document('team')?.titleField).toBe('label');
  });
});
