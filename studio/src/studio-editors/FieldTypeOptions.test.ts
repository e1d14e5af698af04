import { afterEach, describe, expect, it } from 'vitest';
import { mountApp } from '../testing/mount-app.js';
import { meta } from '../testing/fixtures.js';
import { blankFieldForm } from './field-form.js';
import FieldTypeOptions from './FieldTypeOptions.vue';

const maxLengthPlaceholder = (type: 'text' | 'long_text', locale: 'en' | 'zh-CN') => {
  const w = mountApp(FieldTypeOptions, { props: { modelValue: blankFieldForm(type), errors: {}, entity: 'deal', entities: meta.entities, dictionaries: [] } }, locale);
  const placeholder = document.querySelector<HTMLInputElement>('[name="maxLength"] input, input[name="maxLength"]')?.placeholder;
  w.unmount();
  return placeholder;
};

describe('field type options', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the maximum length a text field gets when it sets none', () => {
    expect(maxLengthPlaceholder('text', 'en')).toBe('Default 1,000');
    expect(maxLengthPlaceholder('long_text', 'en')).toBe('Default 100,000');
    expect(maxLengthPlaceholder('long_text', 'zh-CN')).toBe('默认 100,000');
  });
});
