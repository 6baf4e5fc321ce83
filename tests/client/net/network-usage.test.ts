import { describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../../client/data/device-db.ts';
import { addTransferredBytes, costInRupiah, createUsageRecorder, monthOf, readMonthUsage, type ResourceTimeline } from '../../../client/net/network-usage.ts';
import { browserAsksToSaveData, isDataSaverOn, writeDataSaverChoice } from '../../../client/data/data-saver.ts';

/** A Resource Timing buffer the test fills by hand, cleared like the browser's. */
function fakeTimeline(navigation = 0) {
  let resources: { entryType: string; transferSize: number }[] = [];
  const timeline: ResourceTimeline & { load(...sizes: number[]): void } = {
    getEntriesByType: (type) => (type === 'resource' ? resources : type === 'navigation' ? [{ entryType: 'navigation', transferSize: navigation }] : []),
    clearResourceTimings: () => {
      resources = [];
    },
    load: (...sizes) => resources.push(...sizes.map((transferSize) => ({ entryType: 'resource', transferSize }))),
  };
  return timeline;
}

const NOV = new Date(2026, 10, 25, 12).getTime();
const DEC = new Date(2026, 11, 1, 0, 5).getTime();

describe('the monthly network counter', () => {
  it('adds every context’s bytes to the month they were used in', async () => {
    const db = openDeviceDb(`usage-${crypto.randomUUID()}`);
    await Promise.all([addTransferredBytes(db, 1_000, NOV), addTransferredBytes(db, 250, NOV), addTransferredBytes(db, 0, NOV), addTransferredBytes(db, Number.NaN, NOV)]);
    await addTransferredBytes(db, 4_000, DEC);
    expect(monthOf(NOV)).toBe('2026-11');
    expect(await readMonthUsage(db, NOV)).toBe(1_250);
    expect(await readMonthUsage(db, DEC)).toBe(4_000);
  });

  it('counts each request once from Resource Timing, and the page load only once', async () => {
    const db = openDeviceDb(`usage-${crypto.randomUUID()}`);
    const timeline = fakeTimeline(12_000);
    const record = createUsageRecorder(db, timeline, () => NOV, true);
    timeline.load(300, 0, 1_200); // a 304, a cache hit, a small answer
    await record();
    await record();
    timeline.load(700);
    await record();
    expect(await readMonthUsage(db, NOV)).toBe(12_000 + 1_500 + 700);
  });

  it('prices bytes at Rp4.300 per GB', () => {
    expect(costInRupiah(1024 ** 3)).toBe(4_300);
    expect(costInRupiah(100 * 1024 ** 2)).toBeCloseTo(419.92, 2);
  });
});

describe('the data saver default', () => {
  it('follows navigator.connection.saveData, or the Save-Data header the server saw once, until the user chooses', async () => {
    const db = openDeviceDb(`saver-${crypto.randomUUID()}`);
    let asked = 0;
    const serverSaw = (saveData: boolean) => async () => (asked++, new Response(JSON.stringify({ saveData })));
    expect(await isDataSaverOn(db, { saveData: true })).toBe(true);
    expect(await isDataSaverOn(db, { saveData: false, fetch: serverSaw(true) })).toBe(true);
    expect(await browserAsksToSaveData(db, { saveData: false, fetch: serverSaw(false) })).toBe(true);
    expect(asked).toBe(1);
    await writeDataSaverChoice(db, 'off');
    expect(await isDataSaverOn(db, { saveData: true })).toBe(false);
    await writeDataSaverChoice(db, 'on');
    expect(await isDataSaverOn(db, {})).toBe(true);
  });

  it('asks again later when the first question fails (offline first start)', async () => {
    const db = openDeviceDb(`saver-${crypto.randomUUID()}`);
    expect(await browserAsksToSaveData(db, { fetch: async () => Promise.reject(new TypeError('offline')) })).toBe(false);
    expect(await browserAsksToSaveData(db, { fetch: async () => new Response(JSON.stringify({ saveData: true })) })).toBe(true);
  });
});
