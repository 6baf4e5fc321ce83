import { useLocation } from 'preact-iso';
import { useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import type { ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { openClaimDraft } from './claim-drafts.ts';
import { claimsText } from './claims-text.ts';

const TYPES: ClaimType[] = ['JHT_FULL', 'JHT_PARTIAL', 'JKP', 'JKK'];

export function NewClaimScreen() {
  const t = useText(claimsText);
  const { route } = useLocation();
  useDocumentTitle(t.chooseType);
  async function start(type: ClaimType) {
    const cards = (await localDb.memberships.toArray()).map((card) => card.kpj);
    const id = await openClaimDraft(localDb, type, cards, Date.now(), () => crypto.randomUUID());
    route(`/klaim/draf/${id}`);
  }
  return (
    <>
      <h1>{t.chooseType}</h1>
      <ul class="list card">
        {TYPES.map((type) => (
          <li key={type}>
            <button type="button" class="list-link choice-button" onClick={() => void start(type)}>
              <span>
                <strong>{t.types[type].name}</strong>
                <br />
                <span class="muted">{t.types[type].about}</span>
              </span>
              <span aria-hidden="true">›</span>
            </button>
          </li>
        ))}
      </ul>
      <p class="notice notice--info">{t.jkmNote}</p>
    </>
  );
}
