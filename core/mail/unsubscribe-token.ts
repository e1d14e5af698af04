import { jwtVerify, SignJWT } from 'jose';

const PURPOSE = 'unsubscribe';

/** What a link came with besides the address: the message it was in and the record action its sender asked for. */
export interface UnsubscribeOrigin {
  message?: string;
  action?: string;
}

/** A signed, non-expiring link token naming one address, and the message it came in (HS256 with the tenant's own key). */
export const signUnsubscribe = (address: string, key: Uint8Array, origin: UnsubscribeOrigin = {}): Promise<string> =>
  new SignJWT({ a: address.toLowerCase(), p: PURPOSE, ...(origin.message && { m: origin.message }), ...(origin.action && { x: origin.action }) }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key);

/** The address (and origin) a token names, or undefined when it is not one of this tenant's unsubscribe tokens. */
export const verifyUnsubscribe = async (token: string, key: Uint8Array): Promise<({ address: string } & UnsubscribeOrigin) | undefined> => {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
    if (payload.p !== PURPOSE || typeof payload.a !== 'string') return undefined;
    return { address: payload.a, ...(typeof payload.m === 'string' && { message: payload.m }), ...(typeof payload.x === 'string' && { action: payload.x }) };
  } catch {
    return undefined;
  }
};
