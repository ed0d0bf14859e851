// Abuse damping for the hosted form without a third-party captcha (issue 15): the form
// carries the time it was served, signed, so a bot can neither skip loading it nor post
// it faster than a person fills it in. The key lives in PostgreSQL, so every API instance
// signs and checks alike (MISSION.md §9).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../platform/database.js';

/** A person needs longer than this to fill in the form; a bot posting at once does not. */
export const MINIMUM_FILL_MS = 2_000;
/** A form left open longer is served again (with what was typed), not refused. */
export const FORM_TOKEN_LIFETIME_MS = 24 * 60 * 60_000;

const keys = new WeakMap<Database, Promise<Buffer>>();

export function formSigningKey(db: Database): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      const name = 'hosted-form-signing-key';
      await db.productSecret.createMany({ data: [{ name, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
      const row = await db.productSecret.findUniqueOrThrow({ where: { name } });
      return Buffer.from(row.value, 'base64url');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const sign = (key: Buffer, purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\n${value}`).digest('base64url');

function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function issueFormToken(key: Buffer, sourceId: string, now = new Date()): string {
  const issuedAt = String(now.getTime());
  return `${issuedAt}.${sign(key, `form:${sourceId}`, issuedAt)}`;
}

export type FormTokenCheck = 'ok' | 'too-fast' | 'expired' | 'invalid';

export function checkFormToken(key: Buffer, sourceId: string, token: unknown, now = new Date()): FormTokenCheck {
  if (typeof token !== 'string') return 'invalid';
  const [issuedAt, signature, ...rest] = token.split('.');
  if (!issuedAt || !signature || rest.length > 0 || !/^\d{1,15}$/.test(issuedAt)) return 'invalid';
  if (!sameSignature(signature, sign(key, `form:${sourceId}`, issuedAt))) return 'invalid';
  const age = now.getTime() - Number(issuedAt);
  if (age < MINIMUM_FILL_MS) return 'too-fast';
  return age > FORM_TOKEN_LIFETIME_MS ? 'expired' : 'ok';
}

/** The thank-you page's address names the case; the signature keeps others from guessing one. */
export const signCaseId = (key: Buffer, caseId: string) => sign(key, 'thanks', caseId);
export const caseIdSigned = (key: Buffer, caseId: string, signature: string) => sameSignature(signature, signCaseId(key, caseId));
