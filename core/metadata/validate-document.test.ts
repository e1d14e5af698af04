import { describe, expect, it } from 'vitest';
import { validateDocument, validateManifest } from './validate-document.js';
import { label, sample, sampleDocuments } from './test-fixtures.js';

const messages = (doc: unknown, overlay = false) => validateDocument(doc, { file: 'f.json', overlay }).map((p) => `${p.pointer}: ${p.message}`);

describe('validateDocument (structural pass)', () => {
  it('accepts a valid document of every kind', () => {
    for (const doc of sampleDocuments()) expect(validateDocument(doc), `${doc.kind}/${doc.name}`).toEqual([]);
  });

  it('collects every problem with file and JSON pointer, not only the first', () => {
    const problems = validateDocument(
      {
        kind: 'entity',
        name: 'Bad Name',
        label: { en: 'x' },
        fields: {
          a: { type: 'text', maxLength: 0, entity: 'x' },
          b: { type: 'reference' },
          c: { type: 'colour' },
          d: { label: label('D', '丁') },
          Upper: { type: 'text' },
        },
        extra: 1,
      },
      { file: 'plugins/x/entities/bad.json' },
    );
    expect(problems.every((p) => p.file === 'plugins/x/entities/bad.json')).toBe(true);
    expect(problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/name: is not valid: use lowercase/),
        '/label/zh-CN: is required',
        '/extra: is not an allowed property',
        '/fields/a/maxLength: must be >= 1',
        '/fields/a/entity: is not an allowed property for type "text"',
        '/fields/b/entity: is required',
        '/fields/c/type: "colour" is not a known type',
        '/fields/d/type: is required',
        expect.stringMatching(/^\/fields\/Upper: is not valid/),
      ]),
    );
  });

  it('refuses properties a field type does not have, per type', () => {
    expect(messages({ kind: 'entity', name: 'a', fields: { n: { type: 'integer', maxLength: 3 } } })).toEqual([
      '/fields/n/maxLength: is not an allowed property for type "integer"',
    ]);
    expect(messages({ kind: 'entity', name: 'a', fields: { n: { type: 'text', maxLength: 3 } } })).toEqual([]);
  });

  it('explains a wrong alternative in words', () => {
    const role = { ...sample('role', 'sales_rep'), entities: { account: { read: 'mine' } } };
    expect(messages(role)).toEqual(['/entities/account/read: must be none, own, team, all or a json-logic rule']);
    const form = { kind: 'form', name: 'f', entity: 'a', sections: [{ name: 's', fields: [5, { field: 'x', foo: 1 }] }] };
    expect(messages(form)).toEqual([
      '/sections/0/fields/0: must be a field name or an object {field, span, readonly, required, visibleWhen}',
      '/sections/0/fields/1/foo: is not an allowed property',
    ]);
  });

  it('names an unknown kind and a non-object', () => {
    expect(messages({ kind: 'widget', name: 'x' })).toEqual(['/kind: must be one of: entity, form, view, lifecycle, workflow, role, report, dashboard, dictionary, email_template, home_tile']);
    expect(messages([])).toEqual([': must be a JSON object']);
  });

  describe('overlay mode', () => {
    it('needs only kind, name and what the overlay adds or changes', () => {
      expect(messages({ kind: 'entity', name: 'account', fields: { wechat: { type: 'text' } } }, true)).toEqual([]);
      expect(messages({ kind: 'dictionary', name: 'grade', items: [{ value: 'c' }] }, true)).toEqual([]);
      expect(messages({ kind: 'view', name: 'big_orders', label: { en: 'Large orders' } }, true)).toEqual([]);
      expect(messages({ kind: 'view', label: { en: 'Large orders' } }, true)).toEqual(['/name: is required']);
    });

    it('accepts a field patch without a type, and a null asking for removal (judged by the merge)', () => {
      expect(messages({ kind: 'entity', name: 'account', fields: { name: { label: label('Client', '客户') }, region: null } }, true)).toEqual([]);
      expect(messages({ kind: 'entity', name: 'account', fields: { grade: { options: [{ value: 'z' }] } } }, true)).toEqual([]);
    });

    it('still checks types, formats and unknown properties', () => {
      expect(messages({ kind: 'entity', name: 'account', fields: { name: { maxLength: 'long' }, x: { type: 'text', entity: 'a' }, y: { colour: 1 } } }, true)).toEqual(
        expect.arrayContaining([
          '/fields/name/maxLength: must be an integer',
          '/fields/x/entity: is not an allowed property for type "text"',
          '/fields/y/colour: is not an allowed property',
        ]),
      );
    });
  });

  it('checks a plugin manifest', () => {
    expect(validateManifest({ name: 'sales', version: '1.2.0', label: label('Sales', '销售'), requires: { base: '^1.0.0' } })).toEqual([]);
    expect(validateManifest({ name: 'Sales', version: '1.2', label: label('Sales', '销售') }, 'plugins/sales/plugin.json').map((p) => p.pointer)).toEqual([
      '/name',
      '/version',
    ]);
  });
});
