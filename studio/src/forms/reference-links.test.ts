import { describe, expect, it } from 'vitest';
import type { EntityDocument, FieldDefinition } from '../api/types.js';
import { dependencyFilter, dependentsOf, fillPatch, pickerColumns } from './reference-links.js';

const customer = { kind: 'entity', name: 'customer', titleField: 'name', fields: { name: { type: 'text' } } } as EntityDocument;
const contact = {
  kind: 'entity', name: 'contact', titleField: 'name', pickerFields: ['customer', 'mobile', 'gone'],
  fields: { name: { type: 'text' }, mobile: { type: 'phone' }, customer: { type: 'reference', entity: 'customer' } },
} as unknown as EntityDocument;
const person: FieldDefinition = { type: 'reference', entity: 'contact', dependsOn: { field: 'customer', targetField: 'customer' } };
const product: FieldDefinition = { type: 'reference', entity: 'product', fills: { unit_price: 'price', label: 'name' } };

describe('reference pickers that depend on another field and fill from the chosen record', () => {
  it('shows the secondary fields: a reference by its title, others by value; unknown ones are left out', () => {
    expect(pickerColumns({ customer, contact }, 'contact').map((c) => c.path)).toEqual(['customer.name', 'mobile']);
    expect(pickerColumns({ customer, contact }, 'customer')).toEqual([]);
  });

  it('filters by the field it depends on once that is chosen, and names who depends on a field', () => {
    expect(dependencyFilter(person, { customer: 'c1' })).toEqual({ '==': [{ var: 'customer' }, 'c1'] });
    expect(dependencyFilter(person, { customer: null })).toBeUndefined();
    expect(dependencyFilter(product, { customer: 'c1' })).toBeUndefined();
    expect(dependentsOf({ customer: { type: 'reference', entity: 'customer' }, contact: person, product }, 'customer')).toEqual(['contact']);
  });

  it('fills the values the chosen record has', () => {
    expect(fillPatch(product, { price: 48600, name: null })).toEqual({ unit_price: 48600 });
    expect(fillPatch(person, { price: 1 })).toEqual({});
  });
});
