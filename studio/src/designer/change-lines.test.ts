import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { messages } from '../i18n/messages.js';
import { changeLines } from './change-lines.js';
import type { ChangeItem } from '../api/types.js';

const translator = (locale: 'en' | 'zh-CN') => {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'en', messages });
  return (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});
};

const items: ChangeItem[] = [
  { action: 'added', kind: 'entity', name: 'customer', field: 'wechat_id' },
  { action: 'changed', kind: 'view', name: 'customer_all' },
  { action: 'removed', kind: 'entity', name: 'customer', field: 'fax' },
  { action: 'added', kind: 'email_template', name: 'welcome' },
];

describe('changeLines', () => {
  it('says what changed in English', () => {
    expect(changeLines(translator('en'), items)).toEqual([
      'Added field wechat_id to customer',
      'Changed view customer_all',
      'Removed field fax from customer',
      'Added e-mail template welcome',
    ]);
  });

  it('says what changed in Chinese, and how many more lines there are', () => {
    expect(changeLines(translator('zh-CN'), items, 2)).toEqual(['为 customer 新增字段 wechat_id', '修改视图 customer_all', '另有 2 项']);
  });
});
