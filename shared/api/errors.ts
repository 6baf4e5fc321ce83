/** The body of every refused API request: a stable machine code and an Indonesian message. */
export interface ApiErrorBody {
  code: string;
  message: string;
  /** Field-level problems of a refused body, keyed by dotted path. */
  fields?: Record<string, string>;
}

/** Codes every endpoint may answer; features add their own next to their schemas. */
export const commonErrors = {
  NOT_FOUND: 'Alamat yang diminta tidak ditemukan.',
  MALFORMED_JSON: 'Data yang dikirim tidak dapat dibaca (JSON tidak valid).',
  INVALID_INPUT: 'Data yang dikirim tidak lengkap atau tidak sesuai.',
  UNSUPPORTED_MEDIA_TYPE: 'Data harus dikirim sebagai JSON.',
  PAYLOAD_TOO_LARGE: 'Data yang dikirim terlalu besar.',
  CSRF_REJECTED: 'Permintaan ditolak karena tidak berasal dari aplikasi ini.',
  UNAUTHENTICATED: 'Silakan masuk terlebih dahulu.',
  SESSION_EXPIRED: 'Sesi Anda berakhir. Silakan masuk lagi; data di ponsel tetap tersimpan.',
  RATE_LIMITED: 'Terlalu banyak percobaan. Silakan coba lagi nanti.',
  METHOD_NOT_ALLOWED: 'Metode permintaan tidak didukung untuk alamat ini.',
  INTERNAL_ERROR: 'Terjadi kesalahan di server. Silakan coba lagi beberapa saat lagi.',
  SERVER_BUSY: 'Server sedang sibuk. Data Anda tetap tersimpan dan akan dikirim lagi otomatis.',
} as const;

export type CommonErrorCode = keyof typeof commonErrors;

/** Why one queued change was refused; shown on the phone next to the draft it came from. */
export const pushErrors = {
  UNKNOWN_MUTATION: 'Jenis perubahan ini tidak dikenal server. Perbarui aplikasi lalu coba lagi.',
  INVALID_ARGS: 'Data yang dikirim tidak lengkap atau tidak sesuai.',
  SERVER_REFUSED: 'Server tidak dapat memproses data ini. Periksa isinya, perbaiki, lalu kirim ulang. Jika tetap gagal, hubungi BPJAMSOSTEK di 175 dan sebutkan kode rujukan',
} as const;

/** The refusal text carries the reference the server logged, so a call to 175 can find it. */
export function serverRefusedMessage(reference: string): string {
  return `${pushErrors.SERVER_REFUSED} ${reference}.`;
}
