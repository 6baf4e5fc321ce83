import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardPayloadBytes, encodeBase64Url, type CardClaims } from '../../../shared/cards/card-token.ts';

export interface CardSigner {
  sign(claims: CardClaims): string;
  /** Raw 32-byte Ed25519 public key, base64url: what an office device needs to check cards. */
  publicKey: string;
}

export function createCardSigner(privateKey: KeyObject): CardSigner {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return {
    sign(claims) {
      const payload = cardPayloadBytes(claims);
      return `${encodeBase64Url(payload)}.${encodeBase64Url(sign(null, payload, privateKey))}`;
    },
    // The last 32 bytes of an Ed25519 SPKI structure are the raw key.
    publicKey: encodeBase64Url(new Uint8Array(spki.subarray(spki.length - 32))),
  };
}

/**
 * The signing key is made once per installation and kept beside the database (mode 0600);
 * CARD_SIGNING_KEY (PEM) overrides it so several instances sign with one key.
 */
export function loadCardSigningKey(dataDir: string, pemFromEnv?: string): KeyObject {
  if (pemFromEnv) return createPrivateKey(pemFromEnv);
  const path = join(dataDir, 'card-signing-key.pem');
  if (existsSync(path)) return createPrivateKey(readFileSync(path, 'utf8'));
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return privateKey;
}

export function ephemeralCardSigner(): CardSigner {
  return createCardSigner(generateKeyPairSync('ed25519').privateKey);
}
