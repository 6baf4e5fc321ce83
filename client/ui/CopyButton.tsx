import { useEffect, useState } from 'preact/hooks';
import { defineText, useText } from '../i18n/language.ts';

const text = defineText({
  id: { copy: 'Salin nomor', copied: 'Tersalin', manual: 'Tidak bisa menyalin otomatis: nomor sudah ditandai, tekan lama lalu pilih Salin.' },
  en: { copy: 'Copy number', copied: 'Copied', manual: 'Could not copy automatically: the number is selected, long-press it and choose Copy.' },
});

/**
 * Copies a number people otherwise retype into a banking app digit by digit. The result is
 * announced (role=status) and shown; where the Clipboard API is refused (plain http on a LAN
 * address, older WebViews) the number on screen is selected instead, ready for a long-press.
 */
export function CopyButton({ value, selectTarget }: { value: string; selectTarget?: () => HTMLElement | null }) {
  const t = useText(text);
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      const target = selectTarget?.();
      if (target) window.getSelection()?.selectAllChildren(target);
      setState('manual');
    }
  }

  return (
    <div class="copy-row">
      <button type="button" class="btn" onClick={() => void copy()}>
        {state === 'copied' ? `✓ ${t.copied}` : t.copy}
      </button>
      <span role="status" class={state === 'manual' ? 'field__hint' : 'visually-hidden'}>
        {state === 'copied' ? t.copied : state === 'manual' ? t.manual : ''}
      </span>
    </div>
  );
}
