/**
 * Whether photos may go out now. A pure decision, so the page, the sync worker and the
 * service worker's Background Sync answer the same; tests cover every row.
 */
export interface UploadConditions {
  online: boolean;
  /** Data saver on (the app's setting, or the browser's / operator's Save-Data). */
  dataSaver: boolean;
  /** The participant's "unggah hanya lewat Wi-Fi" choice. */
  wifiOnly: boolean;
  /** navigator.connection.type where the browser tells it (Chromium on Android); undefined elsewhere. */
  connectionType?: string;
  /** The participant pressed "unggah sekarang" for this claim. */
  userAsked: boolean;
}

export type UploadDecision = { upload: true } | { upload: false; reason: 'offline' | 'waiting-for-wifi' | 'data-saver' };

const UNMETERED = new Set(['wifi', 'ethernet']);

/** The Wi-Fi-only choice can only be kept where the browser tells the connection type; elsewhere it is not offered. */
export const canTellWifi = (connectionType: string | undefined) => connectionType !== undefined && connectionType !== 'unknown';

export function decideUpload(conditions: UploadConditions): UploadDecision {
  if (!conditions.online || conditions.connectionType === 'none') return { upload: false, reason: 'offline' };
  const known = canTellWifi(conditions.connectionType);
  const unmetered = known && UNMETERED.has(conditions.connectionType!);
  // Wi-Fi only is the participant's own rule: even "send now" waits for Wi-Fi.
  if (conditions.wifiOnly && known && !unmetered) return { upload: false, reason: 'waiting-for-wifi' };
  // Under data saver, megabytes of photos go out on Wi-Fi or when the participant asks, never behind their back.
  if (conditions.dataSaver && !unmetered && !conditions.userAsked) return { upload: false, reason: 'data-saver' };
  return { upload: true };
}
