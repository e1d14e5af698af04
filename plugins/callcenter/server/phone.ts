import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A phone number in E.164 (`+8613812345678`), read as dialled in `region` when it has no
 * country code: Chinese mobiles (`138 1234 5678`) and landlines with their area code
 * (`010-12345678`, `0571 8888 9999`). Undefined when it is not a valid number.
 */
export const toE164 = (raw: string, region: CountryCode = 'CN'): string | undefined => {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed, region);
  return parsed?.isValid() ? parsed.number : undefined;
};

/** The number in E.164 when it parses, else as given (an extension, a note): saving never loses what was typed. */
export const normalisePhone = (raw: unknown, region: CountryCode = 'CN'): unknown =>
  typeof raw === 'string' ? (toE164(raw, region) ?? raw.trim()) : raw;
