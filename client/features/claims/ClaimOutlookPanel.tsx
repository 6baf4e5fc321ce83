import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { readMeta } from '../../data/meta.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { jakartaDateOf } from '../../../shared/rules/dates.ts';
import { claimOutlook } from '../../../shared/claims/claim-outlook.ts';
import type { ClaimChannel } from '../../../shared/rules/jht-claims.ts';
import type { ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { loadLocalClaimFacts } from './claim-local-facts.ts';
import { claimsText } from './claims-text.ts';

/** Where a full JHT claim goes and, when not the app, why; shared by the wizard's start and its review. */
export function ChannelExplanation({ channel }: { channel: ClaimChannel }) {
  const t = useText(claimsText);
  const language = useLanguage();
  return (
    <>
      <p>{channel.channel === 'JMO' ? t.review.channelJmo : t.review.channelOther}</p>
      {channel.gaps.map((gap) => (
        <p key={gap}>{gap === 'ABOVE_LIMIT' ? t.review.channelGaps.ABOVE_LIMIT(formatRupiah(channel.limit, language)) : t.review.channelGaps[gap]}</p>
      ))}
    </>
  );
}

/** The start of the wizard: can this claim succeed on this card, what is missing, and from when. */
export function ClaimOutlookPanel({ draftId, type, kpj }: { draftId: string; type: ClaimType; kpj: string }) {
  const t = useText(claimsText);
  const language = useLanguage();
  const outlook = useLiveQuery(async () => {
    const facts = await loadLocalClaimFacts(localDb, kpj, type, draftId);
    if (!facts) return null;
    const offsetMs = (await readMeta(localDb, 'serverOffsetMs')) ?? 0;
    return claimOutlook(type, facts, jakartaDateOf(Date.now() + offsetMs));
  }, [draftId, type, kpj]);
  if (outlook === undefined) return <div class="skeleton" aria-busy="true" />;
  if (outlook === null) return <p class="notice notice--warning">{t.review.noData}</p>;
  return (
    <section class={`notice ${outlook.eligible ? 'notice--success' : 'notice--warning'}`} aria-labelledby="outlook-heading" data-testid="claim-outlook">
      <h3 id="outlook-heading">{t.outlook.heading}</h3>
      {outlook.eligible ? (
        <>
          <p>{t.outlook.eligible}</p>
          {outlook.estimate > 0 && <p>{t.outlook.estimate(formatRupiah(outlook.estimate, language))}</p>}
          {outlook.channel && <ChannelExplanation channel={outlook.channel} />}
        </>
      ) : (
        <>
          <p>{t.outlook.notEligible}</p>
          <ul>
            {outlook.problems.map((problem) => (
              <li key={problem.code}>{problem.message}</li>
            ))}
          </ul>
          <p>{t.outlook.draftKept}</p>
        </>
      )}
    </section>
  );
}
