import { describe, expect, it } from 'vitest';
import { renderTemplate, valueAt } from './render-template.js';

describe('renderTemplate', () => {
  it('reads own data properties only, never the prototype chain', () => {
    const data = { subject: 'Printer', tags: ['a'], account: { name: 'Acme' } };
    expect(renderTemplate('{{constructor}}|{{__proto__}}|{{toString}}|{{subject.length}}|{{account.hasOwnProperty}}|{{tags.map}}', data)).toBe('|||||');
    expect(renderTemplate('{{constructor.name}} {{account.constructor.constructor}}', data)).toBe(' ');
    expect(valueAt(data, 'account.__proto__')).toBeUndefined();
  });

  it('still fills own values, arrays and nested objects', () => {
    expect(renderTemplate('{{subject}} for {{account.name}} {{tags.0}} {{account}}', { subject: 'Printer', tags: ['a'], account: { name: 'Acme' } })).toBe('Printer for Acme a {"name":"Acme"}');
  });
});
