import { describe, expect, it } from 'vitest';
import { formatAsOf, freshnessOf } from '../../../../shared/rules/freshness.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const now = Date.UTC(2026, 10, 12, 7, 3);

describe('freshnessOf', () => {
  const ok = 'ok' as const;
  it('is NEVER when nothing was confirmed yet', () => {
    expect(freshnessOf({ confirmedAt: null, now, isOnline: true, lastAttempt: null })).toEqual({ state: 'NEVER', ageMs: null });
  });
  it('is FRESH online up to 15 minutes after confirmation', () => {
    expect(freshnessOf({ confirmedAt: now - 15 * MINUTE, now, isOnline: true, lastAttempt: ok })).toEqual({ state: 'FRESH', ageMs: 15 * MINUTE });
  });
  it('becomes STALE online one millisecond later', () => {
    expect(freshnessOf({ confirmedAt: now - 15 * MINUTE - 1, now, isOnline: true, lastAttempt: ok }).state).toBe('STALE');
  });
  it('is OFFLINE without a connection, however recent the data', () => {
    expect(freshnessOf({ confirmedAt: now - MINUTE, now, isOnline: false, lastAttempt: ok })).toEqual({ state: 'OFFLINE', ageMs: MINUTE });
  });
  it('is OUTDATED after 35 days, online or not', () => {
    expect(freshnessOf({ confirmedAt: now - 35 * DAY, now, isOnline: false, lastAttempt: ok }).state).toBe('OFFLINE');
    expect(freshnessOf({ confirmedAt: now - 35 * DAY - 1, now, isOnline: false, lastAttempt: ok }).state).toBe('OUTDATED');
    expect(freshnessOf({ confirmedAt: now - 40 * DAY, now, isOnline: true, lastAttempt: ok }).state).toBe('OUTDATED');
  });
  it('treats a confirmation from a clock running ahead as age zero', () => {
    expect(freshnessOf({ confirmedAt: now + 5 * MINUTE, now, isOnline: true, lastAttempt: ok })).toEqual({ state: 'FRESH', ageMs: 0 });
  });
  it('keeps the age of the last confirmation when the last attempt failed', () => {
    expect(freshnessOf({ confirmedAt: now - 14 * MINUTE, now, isOnline: true, lastAttempt: 'unreachable' })).toEqual({ state: 'UNREACHABLE', ageMs: 14 * MINUTE });
    expect(freshnessOf({ confirmedAt: now - 14 * MINUTE, now, isOnline: true, lastAttempt: 'session-ended' })).toEqual({ state: 'SESSION_ENDED', ageMs: 14 * MINUTE });
  });

  // Every age band × connection × outcome of the last attempt: "terbaru" (FRESH) only after a successful one.
  const ages = { never: null, recent: now - 14 * MINUTE, old: now - 2 * 60 * MINUTE, outdated: now - 36 * DAY } as const;
  const expected: Record<keyof typeof ages, Record<'online' | 'offline', Record<'null' | 'ok' | 'unreachable' | 'session-ended', string>>> = {
    never: {
      online: { null: 'NEVER', ok: 'NEVER', unreachable: 'NEVER', 'session-ended': 'NEVER' },
      offline: { null: 'NEVER', ok: 'NEVER', unreachable: 'NEVER', 'session-ended': 'NEVER' },
    },
    recent: {
      online: { null: 'FRESH', ok: 'FRESH', unreachable: 'UNREACHABLE', 'session-ended': 'SESSION_ENDED' },
      offline: { null: 'OFFLINE', ok: 'OFFLINE', unreachable: 'OFFLINE', 'session-ended': 'OFFLINE' },
    },
    old: {
      online: { null: 'STALE', ok: 'STALE', unreachable: 'UNREACHABLE', 'session-ended': 'SESSION_ENDED' },
      offline: { null: 'OFFLINE', ok: 'OFFLINE', unreachable: 'OFFLINE', 'session-ended': 'OFFLINE' },
    },
    outdated: {
      online: { null: 'OUTDATED', ok: 'OUTDATED', unreachable: 'OUTDATED', 'session-ended': 'OUTDATED' },
      offline: { null: 'OUTDATED', ok: 'OUTDATED', unreachable: 'OUTDATED', 'session-ended': 'OUTDATED' },
    },
  };
  const cases = Object.entries(expected).flatMap(([age, byConnection]) =>
    Object.entries(byConnection).flatMap(([connection, byAttempt]) => Object.entries(byAttempt).map(([attempt, state]) => ({ age, connection, attempt, state }))),
  );
  it.each(cases)('$age data, $connection, last attempt $attempt → $state', ({ age, connection, attempt, state }) => {
    const lastAttempt = attempt === 'null' ? null : (attempt as 'ok' | 'unreachable' | 'session-ended');
    const result = freshnessOf({ confirmedAt: ages[age as keyof typeof ages], now, isOnline: connection === 'online', lastAttempt });
    expect(result.state).toBe(state);
  });
});

describe('formatAsOf', () => {
  it('shows Jakarta time in Indonesian with a dot between hours and minutes', () => {
    expect(formatAsOf(now, 'id')).toBe('Data per 12 Nov 2026 14.03');
  });
  it('shows Jakarta time in English with a colon', () => {
    expect(formatAsOf(now, 'en')).toBe('Data as of 12 Nov 2026 14:03');
  });
  it('moves to the next Jakarta day from 17.00 UTC', () => {
    expect(formatAsOf(Date.UTC(2026, 11, 31, 17, 0), 'id')).toBe('Data per 1 Jan 2027 00.00');
    expect(formatAsOf(Date.UTC(2026, 11, 31, 16, 59), 'id')).toBe('Data per 31 Des 2026 23.59');
  });
  it('uses Indonesian month names such as Mei, Agu and Okt', () => {
    expect(formatAsOf(Date.UTC(2026, 4, 1, 3, 0), 'id')).toBe('Data per 1 Mei 2026 10.00');
    expect(formatAsOf(Date.UTC(2026, 7, 17, 3, 0), 'id')).toBe('Data per 17 Agu 2026 10.00');
    expect(formatAsOf(Date.UTC(2026, 9, 5, 3, 0), 'en')).toBe('Data as of 5 Oct 2026 10:00');
  });
});
