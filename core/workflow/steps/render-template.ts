/** The value at a dot path ("account.name", "$steps.assign.user") of the step's data. */
export const valueAt = (data: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);

/** Fills `{{path}}` placeholders from the step's data (missing values become empty). Plain text, never code. */
export const renderTemplate = (template: string, data: Record<string, unknown>): string =>
  template.replace(/\{\{\s*([$A-Za-z0-9_.]+)\s*\}\}/g, (_, path: string) => {
    const v = valueAt(data, path);
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
