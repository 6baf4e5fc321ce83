import { describe, expect, it } from 'vitest';
import { canTellWifi, decideUpload, type UploadConditions } from '../../../client/uploads/upload-policy.ts';
import { ChunkSizer, MAX_CHUNK, MIN_CHUNK } from '../../../client/uploads/chunk-sizer.ts';

const base: UploadConditions = { online: true, dataSaver: false, wifiOnly: false, connectionType: undefined, userAsked: false };
const decide = (changes: Partial<UploadConditions>) => decideUpload({ ...base, ...changes });

describe('whether photos may be uploaded now', () => {
  it('never offline', () => {
    expect(decide({ online: false })).toEqual({ upload: false, reason: 'offline' });
    expect(decide({ connectionType: 'none' })).toEqual({ upload: false, reason: 'offline' });
    expect(decide({ online: false, userAsked: true })).toEqual({ upload: false, reason: 'offline' });
  });

  it('uploads on any link when nothing holds it back', () => {
    for (const connectionType of [undefined, 'unknown', 'cellular', 'wifi']) expect(decide({ connectionType })).toEqual({ upload: true });
  });

  it('"only over Wi-Fi" waits on a known cellular link, even when asked, and is not enforceable where the type is unknown', () => {
    expect(decide({ wifiOnly: true, connectionType: 'cellular' })).toEqual({ upload: false, reason: 'waiting-for-wifi' });
    expect(decide({ wifiOnly: true, connectionType: 'bluetooth', userAsked: true })).toEqual({ upload: false, reason: 'waiting-for-wifi' });
    expect(decide({ wifiOnly: true, connectionType: 'wifi' })).toEqual({ upload: true });
    expect(decide({ wifiOnly: true, connectionType: 'ethernet' })).toEqual({ upload: true });
    expect(decide({ wifiOnly: true, connectionType: undefined })).toEqual({ upload: true });
    expect(canTellWifi(undefined)).toBe(false);
    expect(canTellWifi('unknown')).toBe(false);
    expect(canTellWifi('cellular')).toBe(true);
  });

  it('under data saver, uploads on Wi-Fi or when the participant asks, not otherwise', () => {
    expect(decide({ dataSaver: true, connectionType: 'cellular' })).toEqual({ upload: false, reason: 'data-saver' });
    expect(decide({ dataSaver: true, connectionType: undefined })).toEqual({ upload: false, reason: 'data-saver' });
    expect(decide({ dataSaver: true, connectionType: 'cellular', userAsked: true })).toEqual({ upload: true });
    expect(decide({ dataSaver: true, connectionType: 'wifi' })).toEqual({ upload: true });
  });
});

describe('chunk size from the measured throughput', () => {
  it('starts at the smallest chunk on an unknown link', () => {
    expect(new ChunkSizer().size).toBe(MIN_CHUNK);
  });

  it('stays small on a slow link and grows to the largest on a fast one, in 16 KB steps', () => {
    const slow = new ChunkSizer();
    slow.record(64 * 1024, 8_000); // 8 KB/s, a weak 2G link
    expect(slow.size).toBe(MIN_CHUNK);
    const medium = new ChunkSizer();
    medium.record(64 * 1024, 2_000); // 32 KB/s: four seconds hold 128 KB
    expect(medium.size).toBe(128 * 1024);
    const fast = new ChunkSizer();
    fast.record(256 * 1024, 100);
    expect(fast.size).toBe(MAX_CHUNK);
    expect(fast.size % (16 * 1024)).toBe(0);
  });

  it('follows a link that gets worse, without jumping on one sample', () => {
    const sizer = new ChunkSizer();
    sizer.record(256 * 1024, 100);
    expect(sizer.size).toBe(MAX_CHUNK);
    sizer.record(64 * 1024, 16_000); // 4 KB/s
    expect(sizer.size).toBeGreaterThan(MIN_CHUNK);
    for (let i = 0; i < 9; i++) sizer.record(64 * 1024, 16_000);
    expect(sizer.size).toBe(MIN_CHUNK);
  });
});
