import { describe, expect, it } from 'vitest';
import { createLogger, formatPretty } from '../../../../server/logging/logger.ts';
import { scrubText } from '../../../../server/logging/scrub.ts';

describe('scrubText', () => {
  it('masks identity numbers, codes, emails, tokens and URL passwords, and drops query parameters', () => {
    expect(scrubText('NIK 3273010101900001 KPJ 99012345678 kode 123456')).toBe('NIK 3273••••••••••01 KPJ 9901•••••78 kode ••••••');
    expect(scrubText('to Sari.Dewi@Gmail.com')).toBe('to S•••@Gmail.com');
    expect(scrubText('/lupa-kata-sandi?token=Kq2Vt6L3oZx8yJc4nP0wQ1rS5uT7vW9xY2zA3bC4dE5')).toBe('/lupa-kata-sandi?token=[token]');
    expect(scrubText('postgres://jmo:s3cret@db:5432/jmo')).toBe('postgres://jmo:•••@db:5432/jmo');
    expect(scrubText('Failed query: select 1\nparams: signin-id:3273010101900001,x')).toBe('Failed query: select 1\nparams: [redacted]');
  });
});

describe('createLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, log: createLogger({ destination: { write: (line: string) => void lines.push(line) } }) };
  };

  it('redacts secrets by key and keeps only name, message, SQLSTATE and frames of an error', () => {
    const { lines, log } = capture();
    const cause = Object.assign(new Error('duplicate key'), { code: '23505', detail: 'Key (email)=(sari@contoh.id) already exists.' });
    log.error({ err: Object.assign(new Error('insert failed', { cause }), { params: ['sari@contoh.id'] }), password: 'Rahasia-1', headers: { cookie: 'jmo_session=abc' } }, 'failed');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'failed', password: '[redacted]', headers: { cookie: '[redacted]' }, err: { type: 'Error', message: 'insert failed', cause: { message: 'duplicate key', sqlState: '23505' } } });
    expect(lines[0]).not.toContain('sari@contoh.id');
  });

  it('prints one short line per entry for a person at a terminal', () => {
    const { lines, log } = capture();
    log.warn({ channel: 'sms' }, 'terlambat');
    expect(formatPretty(lines[0]!)).toBe('[jmo-lite] WARN terlambat channel=sms\n');
  });
});
