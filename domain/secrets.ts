import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Secrets are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSecret(prefix: 'ivc' | 'ivs'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
