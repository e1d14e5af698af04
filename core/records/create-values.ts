import { badRequest } from '../errors.js';
import type { EntityDocument } from '../metadata/types.js';
import { todayIn } from '../time/index.js';
import { READ_ONLY_TYPES } from './entity-fields.js';
import { nextAutoNumber } from './auto-number.js';
import type { RecordContext, RecordData } from './types.js';

/** A default as stored: "$user.id", "$now" and "$today" are read at create time. */
const defaultOf = (value: unknown, ctx: RecordContext): unknown => {
  const now = ctx.now ?? new Date();
  if (value === '$user.id') return ctx.actor.id;
  if (value === '$now') return now.toISOString();
  if (value === '$today') return todayIn(ctx.time?.timeZone ?? 'UTC', now);
  return structuredClone(value);
};

/** The input without undefined values (JSON has none; TypeScript callers may). */
export const definedValues = (input: RecordData): RecordData => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw badRequest('A record must be a JSON object');
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
};

/** field.default for every writable field the input leaves out. */
export const defaultValues = (entity: EntityDocument, input: RecordData, ctx: RecordContext): RecordData =>
  Object.fromEntries(
    Object.entries(entity.fields ?? {})
      .filter(([name, f]) => f.default !== undefined && input[name] === undefined && !READ_ONLY_TYPES.has(f.type))
      .map(([name, f]) => [name, defaultOf(f.default, ctx)]),
  );

/** The next number of every auto-number field, in field order. */
export const autoNumberValues = async (entity: EntityDocument, ctx: RecordContext): Promise<RecordData> => {
  const out: RecordData = {};
  for (const [name, f] of Object.entries(entity.fields ?? {})) {
    if (f.type === 'auto_number') out[name] = await nextAutoNumber(entity.name, name, f, ctx);
  }
  return out;
};
