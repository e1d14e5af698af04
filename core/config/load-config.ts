import envSchema from 'env-schema';
import type { ErrorObject } from 'ajv';
import { CONFIG_VARIABLES, type Config, type ConfigName, type Variable } from './variables.js';

/** A setting the environment gives wrongly: its message names each variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: { name: string; message: string }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.name} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export const isConfigError = (e: unknown): e is ConfigError => e instanceof ConfigError;

const VARIABLES: Record<string, Variable> = CONFIG_VARIABLES;
const NAMES = Object.keys(VARIABLES) as ConfigName[];

/** One schema object for the process (ajv compiles it once). */
const SCHEMA = { type: 'object', properties: CONFIG_VARIABLES, additionalProperties: false };

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** The declared variables as given: an empty value is unset; a flag reads 1/0, true/false, yes/no, on/off. */
const declared = (env: NodeJS.ProcessEnv): Record<string, string> => {
  const given: Record<string, string> = {};
  for (const name of NAMES) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const flag = raw.trim().toLowerCase();
    given[name] = VARIABLES[name].type === 'boolean' && (TRUE.has(flag) || FALSE.has(flag)) ? String(TRUE.has(flag)) : raw;
  }
  return given;
};

const what = (v: Variable, e: ErrorObject): string => {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return v.type === 'boolean' ? 'must be 1 or 0 (or true/false)' : v.type === 'integer' ? 'must be a whole number' : 'must be a number';
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    case 'minLength':
      return `must have at least ${String(p.limit)} characters`;
    case 'enum':
      return `must be one of ${(v.enum ?? []).join(', ')}`;
    case 'pattern':
      return v.examples?.length ? `must look like ${v.examples[0]}` : `must match ${String(p.pattern)}`;
    default:
      return e.message ?? 'is not valid';
  }
};

const problemsOf = (errors: ErrorObject[], given: Record<string, string>): { name: string; message: string }[] => {
  const seen = new Set<string>();
  return errors.flatMap((e) => {
    const name = e.instancePath.replace(/^\//, '');
    const v = VARIABLES[name];
    if (!v || seen.has(name)) return [];
    seen.add(name);
    const value = v.writeOnly ? '' : ` (it is "${given[name]}")`;
    return [{ name, message: `${what(v, e)}${value}` }];
  });
};

/**
 * The settings from `env` (default: the process's), validated against the declared
 * variables, with defaults filled in. Throws a ConfigError naming each bad variable.
 */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const given = declared(env);
  try {
    return Object.freeze(envSchema({ schema: SCHEMA, data: { ...given }, env: false })) as unknown as Config;
  } catch (e) {
    const errors = (e as { errors?: ErrorObject[] }).errors;
    if (errors) throw new ConfigError(problemsOf(errors, given));
    throw e;
  }
};

let last: { key: string; config: Config } | undefined;

/**
 * The process's settings. Read afresh when a declared variable changed since the last
 * call (tests point CRM_PLUGINS_DIR at fixtures), else the same frozen object.
 */
export const config = (): Config => {
  const key = NAMES.map((n) => process.env[n] ?? '\u0000').join('\u0001');
  if (last?.key !== key) last = { key, config: loadConfig(process.env) };
  return last.config;
};

/** A comma-separated list, trimmed, without empty entries. */
export const commaList = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
