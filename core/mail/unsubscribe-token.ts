import { jwtVerify, SignJWT } from 'jose';

const PURPOSE = 'unsubscribe';

/** A signed, non-expiring link token naming one address (HS256 with the tenant's own key). */
export const signUnsubscribe = (address: string, key: Uint8Array): Promise<string> =>
  new SignJWT({ a: address.toLowerCase(), p: PURPOSE }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key);

/** The address a token names, or undefined when it is not one of this tenant's unsubscribe tokens. */
export const verifyUnsubscribe = async (token: string, key: Uint8Array): Promise<string | undefined> => {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
    return payload.p === PURPOSE && typeof payload.a === 'string' ? payload.a : undefined;
  } catch {
    return undefined;
  }
};
