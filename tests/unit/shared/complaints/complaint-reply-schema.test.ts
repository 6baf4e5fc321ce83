import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ComplaintReplyArgsSchema } from '../../../../shared/complaints/complaint-schemas.ts';

const valid = { complaintKey: '42', replyId: '3f1c2a4e-8b9d-4c1e-9a7f-2b6d5e8c1a0f', body: 'Sudah saya kirim slip gajinya.' };
const messagesFor = (args: unknown) => {
  const result = v.safeParse(ComplaintReplyArgsSchema, args);
  return result.success ? [] : result.issues.map((issue) => issue.message);
};

describe('ComplaintReplyArgsSchema', () => {
  it('accepts a reply and trims the spaces around it', () => {
    expect(v.parse(ComplaintReplyArgsSchema, { ...valid, body: '  Sudah saya kirim slip gajinya.\n' }).body).toBe('Sudah saya kirim slip gajinya.');
  });

  it('asks, in Indonesian, for a reply that is empty or only spaces', () => {
    expect(messagesFor({ ...valid, body: '   ' })).toEqual(['Tulis balasan Anda.']);
    expect(messagesFor({ ...valid, body: undefined })).toEqual(['Tulis balasan Anda.']);
  });

  it('bounds the reply at 1000 letters', () => {
    expect(messagesFor({ ...valid, body: 'a'.repeat(1000) })).toEqual([]);
    expect(messagesFor({ ...valid, body: 'a'.repeat(1001) })).toEqual(['Balasan maksimal 1000 huruf.']);
  });

  it('refuses a complaint key or reply id the phone could not have made', () => {
    expect(messagesFor({ ...valid, complaintKey: '1 or 1=1' })).toEqual(['Pengaduan tidak dikenali.']);
    expect(messagesFor({ ...valid, complaintKey: '2147483648' })).toEqual(['Pengaduan tidak dikenali.']);
    expect(messagesFor({ ...valid, complaintKey: '2147483647' })).toEqual([]);
    expect(messagesFor({ ...valid, replyId: 'abc' })).toEqual(['Balasan tidak dikenali.']);
  });
});
