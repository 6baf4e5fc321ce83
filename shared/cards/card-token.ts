/**
 * The digital card's QR payload: `<base64url(JSON)>.<base64url(Ed25519 signature)>`. An office
 * device holding the public key can check it with no connection; nothing secret is inside.
 */
export interface CardClaims {
  v: 1;
  kpj: string;
  name: string;
  status: 'ACTIVE' | 'NONACTIVE' | 'LAPSED';
  programs: string[];
  /** ISO date the server signed this card. */
  issued: string;
}

export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function decodeBase64Url(text: string): Uint8Array {
  const padded = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

export function cardPayloadBytes(claims: CardClaims): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(claims));
}

export function splitCardToken(token: string): { claims: CardClaims; payload: Uint8Array; signature: Uint8Array } | null {
  const [payloadPart, signaturePart, extra] = token.split('.');
  if (!payloadPart || !signaturePart || extra !== undefined) return null;
  try {
    const payload = decodeBase64Url(payloadPart);
    const claims = JSON.parse(new TextDecoder().decode(payload)) as CardClaims;
    return claims.v === 1 ? { claims, payload, signature: decodeBase64Url(signaturePart) } : null;
  } catch {
    return null;
  }
}

/** Checks a scanned card with WebCrypto (browsers with Ed25519, and Node 20). */
export async function verifyCardToken(token: string, publicKeyRaw: Uint8Array): Promise<CardClaims | null> {
  const parts = splitCardToken(token);
  if (!parts) return null;
  const key = await crypto.subtle.importKey('raw', publicKeyRaw as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  const valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, parts.signature as BufferSource, parts.payload as BufferSource);
  return valid ? parts.claims : null;
}
