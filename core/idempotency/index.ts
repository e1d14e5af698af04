export { ABANDONED_CLAIM_MS, IDEMPOTENCY_TTL_MS, claimKey, finishKey, readKey, releaseKey, sweepIdempotencyKeys, type Claim, type KeyRef, type StoredAnswer } from './idempotency-store.js';
export { requestHash } from './request-hash.js';
export { sweepAllIdempotencyKeys } from './sweep-all.js';
