import { useEffect, useState } from 'preact/hooks';
import { useLanguage, useText } from '../../i18n/language.ts';
import { Field } from '../../ui/Field.tsx';
import { callApi } from '../../net/api-client.ts';
import { isOnline } from '../../shell/connection.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { formatAsOf } from '../../../shared/rules/freshness.ts';
import { accountText } from './account-text.ts';
import { ContactChangeForm } from './ContactChangeForm.tsx';

interface AccountInfo {
  cards: { kpj: string; employerName: string | null; segment: string; status: string }[];
  sessions: { id: string; deviceLabel: string; lastSeenAt: string; current: boolean }[];
}

/** Cards, devices and password: changes the server must make at once, so online only. */
export function OnlineAccountSections() {
  const t = useText(accountText);
  const language = useLanguage();
  const [info, setInfo] = useState<AccountInfo | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [kpj, setKpj] = useState('');
  const [passwords, setPasswords] = useState({ currentPassword: '', newPassword: '' });

  const load = async () => {
    const result = await callApi<AccountInfo>('GET', '/api/account');
    if (result.ok) setInfo(result.body);
  };
  useEffect(() => {
    if (isOnline.value) void load();
  }, [isOnline.value]);

  async function act(method: 'POST' | 'DELETE', path: string, body: unknown, success?: string) {
    const result = await callApi(method, path, body);
    setMessage(result.ok ? (success ? { kind: 'success', text: success } : null) : { kind: 'error', text: result.error.message });
    if (result.ok) {
      await load();
      // A changed set of cards resets the phone's copy through the next pull.
      requestSync();
    }
    return result.ok;
  }

  if (!isOnline.value) return <p class="notice notice--info">{t.online}</p>;
  if (!info) return <p class="muted">{t.loading}</p>;
  return (
    <>
      {message && (
        <p class={`notice notice--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <section class="card" aria-labelledby="cards-heading">
        <h2 id="cards-heading">{t.cards}</h2>
        <ul class="list">
          {info.cards.map((card) => (
            <li key={card.kpj} class="card-row office">
              <span>
                KPJ {card.kpj}
                <br />
                <span class="muted">{card.employerName ?? 'BPU'}</span>
              </span>
              {info.cards.length > 1 && (
                <button type="button" class="btn btn--quiet" onClick={() => void act('DELETE', `/api/account/cards/${card.kpj}`, undefined)}>
                  {t.remove}
                </button>
              )}
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => (e.preventDefault(), void act('POST', '/api/account/cards', { kpj: kpj.replace(/\s/g, '') }).then((ok) => ok && setKpj('')))}>
          <Field id="add-kpj" label={t.addCard} hint={t.addCardHint} inputMode="numeric" value={kpj} onInput={(e) => setKpj(e.currentTarget.value)} />
          <button type="submit" class="btn" disabled={!kpj}>
            {t.add}
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="devices-heading">
        <h2 id="devices-heading">{t.devices}</h2>
        <ul class="list">
          {info.sessions.map((session) => (
            <li key={session.id} class="card-row office">
              <span>
                {session.deviceLabel} {session.current && <strong>({t.thisDevice})</strong>}
                <br />
                <span class="muted">{t.lastSeen(formatAsOf(Date.parse(session.lastSeenAt), language).replace(/^Data (per|as of) /, ''))}</span>
              </span>
              {!session.current && (
                <button type="button" class="btn btn--quiet" onClick={() => void act('DELETE', `/api/account/sessions/${session.id}`, undefined)}>
                  {t.signOutDevice}
                </button>
              )}
            </li>
          ))}
        </ul>
        {info.sessions.length > 1 && (
          <button type="button" class="btn" onClick={() => void act('POST', '/api/account/sessions/revoke-all', { includeCurrent: false })}>
            {t.signOutOthers}
          </button>
        )}
      </section>
      <ContactChangeForm onChanged={() => void load()} />
      <form class="card" onSubmit={(e) => (e.preventDefault(), void act('POST', '/api/account/password', passwords, t.passwordChanged).then((ok) => ok && setPasswords({ currentPassword: '', newPassword: '' })))}>
        <h2>{t.changePassword}</h2>
        <Field id="current-password" type="password" label={t.currentPassword} autocomplete="current-password" value={passwords.currentPassword} onInput={(e) => setPasswords({ ...passwords, currentPassword: e.currentTarget.value })} />
        <Field id="new-password" type="password" label={t.newPassword} autocomplete="new-password" value={passwords.newPassword} onInput={(e) => setPasswords({ ...passwords, newPassword: e.currentTarget.value })} />
        <button type="submit" class="btn" disabled={!passwords.currentPassword || !passwords.newPassword}>
          {t.changePassword}
        </button>
      </form>
    </>
  );
}
