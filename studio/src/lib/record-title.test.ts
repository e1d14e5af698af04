import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../api/types.js';
import { i18n } from '../i18n/index.js';
import { recordTitle } from './record-title.js';

const run = {
  kind: 'entity', name: 'mining_run', label: { en: 'Mining run', 'zh-CN': '挖掘运行' }, titleField: 'kind',
  fields: { kind: { type: 'enum', label: { en: 'Kind', 'zh-CN': '类型' }, options: [{ value: 'rfm', label: { en: 'RFM and golden customers', 'zh-CN': 'RFM 与黄金客户' } }] } },
} as unknown as EntityDocument;

describe('recordTitle', () => {
  it('names a record whose title is a code by the code’s label, in the app’s language', () => {
    i18n.global.locale.value = 'en';
    expect(recordTitle(run, { id: 'a1b2c3d4-0000', kind: 'rfm' }, 'kind')).toBe('RFM and golden customers');
    i18n.global.locale.value = 'zh-CN';
    expect(recordTitle(run, { id: 'a1b2c3d4-0000', kind: 'rfm' }, 'kind')).toBe('RFM 与黄金客户');
    i18n.global.locale.value = 'en';
    expect(recordTitle(run, { id: 'a1b2c3d4-0000', kind: 'other' }, 'kind')).toBe('other');
    expect(recordTitle(run, { id: 'a1b2c3d4-0000', kind: null }, 'kind')).toBe('a1b2c3d4');
  });
});
