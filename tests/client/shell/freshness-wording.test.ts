import { describe, expect, it } from 'vitest';
import { freshnessWording } from '../../../client/shell/freshness-wording.ts';
import { syncText } from '../../../client/shell/sync-text.ts';

const MINUTE = 60_000;
// 12 Nov 2026 14.03 in Jakarta.
const confirmedAt = Date.UTC(2026, 10, 12, 7, 3);
const facts = { confirmedAt, serverOffsetMs: 0, lastAttempt: 'ok' as const };
const id = { language: 'id' as const, words: syncText.id };

describe('freshness label wording', () => {
  it('the first paint says "not refreshed yet" where the app, having synced, may say "terbaru"', () => {
    const now = confirmedAt + 2 * MINUTE;
    expect(freshnessWording(facts, { ...id, now, isOnline: true })).toEqual({ text: 'Data per 12 Nov 2026 14.03 — terbaru', isFresh: true });
    expect(freshnessWording(facts, { ...id, now, isOnline: true, mayClaimFresh: false })).toEqual({ text: 'Data per 12 Nov 2026 14.03 — belum diperbarui', isFresh: false });
  });

  it('offline, it says so, with the time of the data and not of the paint', () => {
    const now = confirmedAt + 3 * 24 * 60 * MINUTE;
    expect(freshnessWording(facts, { ...id, now, isOnline: false, mayClaimFresh: false }).text).toBe('Data per 12 Nov 2026 14.03 — belum diperbarui, Anda sedang offline');
  });

  it('uses the server clock: a phone clock behind does not make old data fresh', () => {
    const phoneNow = confirmedAt - 10 * MINUTE;
    const behind = { ...facts, serverOffsetMs: 30 * MINUTE };
    expect(freshnessWording(behind, { ...id, now: phoneNow, isOnline: true }).text).toBe('Data per 12 Nov 2026 14.03 — belum diperbarui');
  });

  it('warns past 35 days, tells a failed or ended session, and says when there never was data', () => {
    expect(freshnessWording(facts, { ...id, now: confirmedAt + 36 * 24 * 60 * MINUTE, isOnline: true, mayClaimFresh: false }).text).toBe(
      'Data per 12 Nov 2026 14.03 — lebih dari 35 hari, mungkin sudah tidak sesuai',
    );
    expect(freshnessWording({ ...facts, lastAttempt: 'session-ended' }, { ...id, now: confirmedAt + MINUTE, isOnline: true, mayClaimFresh: false }).text).toBe(
      'Data per 12 Nov 2026 14.03 — belum diperbarui, masuk lagi untuk memperbarui',
    );
    expect(freshnessWording({ ...facts, confirmedAt: null }, { ...id, now: confirmedAt, isOnline: true })).toEqual({ text: 'Belum pernah diambil dari server.', isFresh: false });
  });

  it('in English too', () => {
    expect(freshnessWording(facts, { language: 'en', words: syncText.en, now: confirmedAt + MINUTE, isOnline: false }).text).toBe('Data as of 12 Nov 2026 14:03 — not refreshed, you are offline');
  });
});
