import { problem, type BeforeHook } from '../../../../core/index.js';
import { changedFields } from '../shared.js';

/** A contract template starts at version 1 and counts up each time its file is replaced; the number is not written by hand. */
export const beforeTemplateWrite: BeforeHook = (event) => {
  const { data, old } = event;
  if (event.action === 'create') {
    data.template_version = 1;
    return;
  }
  if (event.action !== 'update' || !old) return;
  if (changedFields(data, old, ['template_version']).length) throw problem('SET_BY_SALES_PROCESS', { fields: 'template_version' }, { errors: [{ field: 'template_version', message: 'counts up when the file is replaced', code: 'SET_BY_PROCESS' }] });
  const fileId = (v: unknown): unknown => (v && typeof v === 'object' ? (v as { id?: unknown }).id : v);
  if ('file' in data && fileId(data.file) !== fileId(old.file)) data.template_version = Number(old.template_version) + 1;
};
