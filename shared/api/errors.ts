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
} as const;

export type CommonErrorCode = keyof typeof commonErrors;
