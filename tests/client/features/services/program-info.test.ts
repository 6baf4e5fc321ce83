import { describe, expect, it } from 'vitest';
import { programInfo } from '../../../../client/features/services/program-info.ts';
import { formatRupiah } from '../../../../shared/money/rupiah.ts';
import { jakartaDateOf } from '../../../../shared/rules/dates.ts';
import { jmoClaimLimitOn } from '../../../../shared/rules/jht-claims.ts';

describe('program info on JHT claims', () => {
  it.each(['id', 'en'] as const)('names the limit and the conditions the channel rule applies (%s)', (language) => {
    const jht = programInfo[language].programs.find((program) => program.code === 'JHT')!;
    const channelPoint = jht.points.find((point) => point.includes(formatRupiah(jmoClaimLimitOn(jakartaDateOf(Date.now())), language)));
    expect(channelPoint).toBeDefined();
    expect(channelPoint).toMatch(language === 'id' ? /verifikasi wajah.*Pengkinian Data/ : /face match.*Pengkinian Data/);
  });
});
