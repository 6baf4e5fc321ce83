import { useState } from 'preact/hooks';
import { defineText, useText, countOf } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { readSignedInEmail, wipeLocalData } from '../../data/session-state.ts';
import { callApi } from '../../net/api-client.ts';
import { stopSync } from '../../sync/sync-client.ts';

const text = defineText({
  id: {
    title: 'Keluar',
    explain: 'Keluar menghapus semua data Anda dari ponsel ini, agar orang lain yang memakai ponsel ini tidak bisa melihatnya.',
    signOut: 'Keluar dari akun',
    unsent: (count: number) => `${count} data belum terkirim ke server dan akan hilang jika Anda keluar sekarang. Sambungkan ke internet dulu agar terkirim.`,
    confirm: 'Tetap keluar dan hapus',
    cancel: 'Batal',
    signingOut: 'Menghapus data…',
  },
  en: {
    title: 'Sign out',
    explain: 'Signing out deletes all your data from this phone, so others using it cannot see it.',
    signOut: 'Sign out',
    unsent: (count: number) => `${countOf(count, 'item')} ${count === 1 ? 'has' : 'have'} not reached the server and will be lost if you sign out now. Connect to the internet first so they are sent.`,
    confirm: 'Sign out and delete anyway',
    cancel: 'Cancel',
    signingOut: 'Deleting data…',
  },
});

export function SignOutSection() {
  const t = useText(text);
  const state = useLiveQuery(async () => ({ owner: await readSignedInEmail(), unsent: await localDb.outbox.count() }), []);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!state?.owner) return null;

  async function signOut() {
    if (state!.unsent > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    setBusy(true);
    stopSync();
    // Offline the server session cannot be ended, but the data on the phone is gone either way.
    await callApi('POST', '/api/auth/sign-out', {});
    await wipeLocalData();
    window.location.assign('/');
  }

  return (
    <section class="card" aria-labelledby="sign-out-heading">
      <h2 id="sign-out-heading">{t.title}</h2>
      <p>{t.explain}</p>
      {confirming && (
        <p class="notice notice--warning" role="alert">
          {t.unsent(state.unsent)}
        </p>
      )}
      <div class="row">
        <button type="button" class="btn btn--primary" onClick={signOut} disabled={busy}>
          {busy ? t.signingOut : confirming ? t.confirm : t.signOut}
        </button>
        {confirming && (
          <button type="button" class="btn" onClick={() => setConfirming(false)}>
            {t.cancel}
          </button>
        )}
      </div>
    </section>
  );
}
