import type { ApiErrorBody } from '../../shared/api/errors.ts';

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: ApiErrorBody };

const OFFLINE: ApiErrorBody = { code: 'OFFLINE', message: 'Tidak ada koneksi internet. Coba lagi setelah tersambung.' };
const UNREADABLE: ApiErrorBody = { code: 'UNREADABLE_RESPONSE', message: 'Jawaban server tidak dapat dibaca. Coba lagi beberapa saat lagi.' };

/**
 * For the few online-only actions (sign-in, registration, payment). Never throws: the screen
 * gets a code to switch on and an Indonesian message to show.
 */
export async function callApi<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, error: OFFLINE };
  }
  let parsed: unknown = null;
  try {
    parsed = response.status === 204 ? null : await response.json();
  } catch {
    if (response.ok) return { ok: false, status: response.status, error: UNREADABLE };
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  const error = parsed as Partial<ApiErrorBody> | null;
  return { ok: false, status: response.status, error: { ...UNREADABLE, ...(error?.code ? error : {}) } as ApiErrorBody };
}
