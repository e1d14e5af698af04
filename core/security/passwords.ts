import { hash, verify } from '@node-rs/argon2';
import type { FieldProblem } from '../errors.js';

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export const verifyPassword = async (stored: string, password: string): Promise<boolean> => {
  try {
    return await verify(stored, password);
  } catch {
    // argon2 throws for a stored value that is not one of its hashes (e.g. a disabled account's
    // placeholder): no password matches it.
    return false;
  }
};

/** Verified against when the account does not exist, so both paths cost the same. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword('decoy password that matches nothing'));

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** The password policy: length, more than one kind of character, not the e-mail. */
export const passwordProblems = (password: unknown, email?: string): FieldProblem[] => {
  const field = 'password';
  if (typeof password !== 'string' || password === '') return [{ field, message: 'is required', code: 'REQUIRED' }];
  if (password.length < PASSWORD_MIN) return [{ field, message: `must be at least ${PASSWORD_MIN} characters`, code: 'TOO_SHORT' }];
  if (password.length > PASSWORD_MAX) return [{ field, message: `must be at most ${PASSWORD_MAX} characters`, code: 'TOO_LONG' }];
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) return [{ field, message: 'must mix at least two of: lower case, upper case, digits, symbols', code: 'TOO_WEAK' }];
  if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 4) {
    return [{ field, message: 'must not contain the e-mail name', code: 'TOO_WEAK' }];
  }
  return [];
};
