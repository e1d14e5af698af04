import type { FieldDependant } from '../api/field-dependants.js';

/** Where the studio edits the document a dependant belongs to (undefined when it has no editor page). */
export const dependantLink = (d: FieldDependant): string | undefined => {
  const entity = d.entity ? encodeURIComponent(d.entity) : undefined;
  const name = encodeURIComponent(d.name);
  switch (d.kind) {
    case 'entity':
      return `/studio/entities/${name}`;
    case 'view':
      return entity && `/studio/entities/${entity}/views`;
    case 'form':
      return entity && `/studio/entities/${entity}/form`;
    case 'lifecycle':
      return entity && `/studio/entities/${entity}/lifecycles/${name}`;
    case 'workflow':
      return `/studio/workflows/${name}`;
    case 'role':
      return '/studio/roles';
    case 'report':
      return `/app/pivot/${name}`;
    default:
      return undefined;
  }
};

