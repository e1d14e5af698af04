import { describe, expect, it } from 'vitest';
import { toOverlaySchema } from './overlay-schema.js';

describe('toOverlaySchema', () => {
  it('keeps only kind and name required, drops minimum counts, gives the schema an overlay id', () => {
    const schema = {
      $id: 'x.schema.json',
      required: ['kind', 'name', 'label', 'items'],
      properties: { items: { type: 'array', minItems: 1, items: { type: 'object', required: ['value'] } } },
    };
    expect(toOverlaySchema(schema, 'x.schema.json')).toEqual({
      $id: 'overlay/x.schema.json',
      required: ['kind', 'name'],
      properties: { items: { type: 'array', items: { type: 'object' } } },
    });
  });

  it('checks a discriminated entry by its tag when it has one, against any shape when it does not', () => {
    const schema = { $defs: { field: { type: 'object', required: ['type'], discriminator: { propertyName: 'type' }, oneOf: [{ $ref: '#/$defs/a' }] } } };
    expect((toOverlaySchema(schema, 'x.json').$defs as Record<string, unknown>).field).toEqual({
      type: 'object',
      if: { required: ['type'] },
      then: { required: ['type'], discriminator: { propertyName: 'type' }, oneOf: [{ $ref: '#/$defs/a' }] },
      else: { anyOf: [{ $ref: '#/$defs/a' }] },
    });
  });
});
