const own = Object.prototype.hasOwnProperty;

/**
 * The value at a dot path ("account.name", "$steps.assign.user") of the step's data.
 * Only own data properties are read: `constructor`, `__proto__`, `toString` and other
 * inherited members (and getters) are absent, so a template never reaches code.
 */
export const valueAt = (data: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => {
    if (v === null || typeof v !== 'object' || !own.call(v, k)) return undefined;
    const d = Object.getOwnPropertyDescriptor(v, k);
    return d && 'value' in d ? d.value : undefined;
  }, data);

/** Fills `{{path}}` placeholders from the step's data (missing values become empty). Plain text, never code. */
export const renderTemplate = (template: string, data: Record<string, unknown>): string =>
  template.replace(/\{\{\s*([$A-Za-z0-9_.]+)\s*\}\}/g, (_, path: string) => {
    const v = valueAt(data, path);
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'function' ? '' : String(v);
  });
