import { describe, expect, it } from 'vitest';
import { parseConfig } from '../domain/config.js';
import { countsAsFirstReply } from '../domain/first-reply.js';
import { routeContact } from '../domain/routing.js';
import { durationToMs } from '../domain/duration.js';
import { normalizePhone } from '../api/schemas.js';

describe('routeContact (MISSION §4.2)', () => {
  it.each([
    [['are'], 'are'],
    [['ostersund'], 'ostersund'],
    [['are', 'are'], 'are'],
    [[], 'region'],
    [['krokom', 'ostersund'], 'region'],
    [['berg', 'bracke', 'harjedalen'], 'region'],
  ] as const)('routes %j to %s', (chosen, unit) => {
    expect(routeContact([...chosen])).toEqual({ responsibleUnit: unit });
  });
});

describe('countsAsFirstReply (MISSION §3.2)', () => {
  it.each([
    [{ type: 'email', direction: 'outbound' }, true],
    [{ type: 'email', direction: 'inbound' }, false],
    [{ type: 'phone', direction: 'outbound', outcome: 'reached' }, true],
    [{ type: 'phone', direction: 'outbound', outcome: 'no-answer' }, false],
    [{ type: 'phone', direction: 'inbound', outcome: 'reached' }, true],
    [{ type: 'meeting', outcome: 'reached' }, true],
    [{ type: 'meeting', outcome: 'no-answer' }, false],
    [{ type: 'note' }, false],
  ] as const)('%j → %s', (dialog, expected) => {
    expect(countsAsFirstReply(dialog)).toBe(expected);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['(063) 14 30 00', '+4663143000'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizePhone(raw)).toBe(normalized);
  });
});

describe('parseConfig', () => {
  it('has a safe local default for every setting', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, TEMPORAL_NAMESPACE: 'default', TEMPORAL_UI_PORT: 8233, MAIL_SINK_WEB_PORT: 1080 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('bounds the worker cache and sizes the pools explicitly', () => {
    expect(parseConfig({})).toMatchObject({ WORKER_MAX_CACHED_WORKFLOWS: 500, SMTP_POOL_SIZE: 5, DATABASE_POOL_SIZE: 10 });
    expect(parseConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0', SMTP_POOL_SIZE: '20' })).toMatchObject({ WORKER_MAX_CACHED_WORKFLOWS: 0, SMTP_POOL_SIZE: 20 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ TEMPORAL_ADDRESS: 'localhost' }, 'TEMPORAL_ADDRESS'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ TEMPORAL_TLS_CERT: '/cert.pem' }, 'TEMPORAL_TLS_CERT'],
    [{ SEED_DEMO_DATA: 'maybe' }, 'SEED_DEMO_DATA'],
    [{ WORKER_MAX_CACHED_WORKFLOWS: '-1' }, 'WORKER_MAX_CACHED_WORKFLOWS'],
    [{ SMTP_POOL_SIZE: '0' }, 'SMTP_POOL_SIZE'],
  ])('rejects %j naming the variable', (env, variable) => {
    expect(() => parseConfig(env)).toThrow(variable);
  });
});

describe('durations in settings', () => {
  it.each([
    ['500ms', 500],
    ['2 seconds', 2_000],
    ['1 minute', 60_000],
    ['1.5 hours', 5_400_000],
    ['21 days', 21 * 86_400_000],
  ])('%s is %i ms', (text, ms) => {
    expect(durationToMs(text)).toBe(ms);
  });
  it('refuses what the settings would refuse', () => {
    expect(() => durationToMs('soon')).toThrow(RangeError);
  });
});
