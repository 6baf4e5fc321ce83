import nodemailer from 'nodemailer';
import { maskEmail } from '../../shared/ids/email.ts';
import { maskPhone } from '../../shared/ids/phone.ts';
import type { OutgoingMessage } from './message-outbox.ts';
import type { Logger } from '../logging/logger.ts';

export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

export type Senders = Record<OutgoingMessage['channel'], MessageSender>;

const maskRecipient = (message: OutgoingMessage) => (message.channel === 'email' ? maskEmail(message.recipient) : maskPhone(message.recipient));

/**
 * Development: nothing leaves the machine. The message stays readable at /dev/mailbox; the
 * log names only the masked recipient and subject, never the code in the body.
 */
export function devMailboxSender(log: Logger): MessageSender {
  return {
    send: async (message) => log.info({ channel: message.channel, to: maskRecipient(message), subject: message.subject || undefined }, 'pesan di kotak surat pengembangan (/dev/mailbox)'),
  };
}

export function smtpSender(smtpUrl: string, from: string): MessageSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message) => {
      await transport.sendMail({ from, to: message.recipient, subject: message.subject, text: message.body });
    },
  };
}

/** A generic HTTP SMS gateway: POST {to, text} with a bearer token (SMS_GATEWAY_URL / _TOKEN). */
export function smsGatewaySender(url: string, token: string | undefined, fetchImpl: typeof fetch = fetch): MessageSender {
  return {
    send: async (message) => {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to: message.recipient, text: message.body }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

export function sendersFromConfig(config: { smtpUrl?: string; smsGatewayUrl?: string; smsGatewayToken?: string; publicUrl: string }, log: Logger): Senders {
  const dev = devMailboxSender(log);
  return {
    email: config.smtpUrl ? smtpSender(config.smtpUrl, `JMO Lite <no-reply@${new URL(config.publicUrl).hostname}>`) : dev,
    sms: config.smsGatewayUrl ? smsGatewaySender(config.smsGatewayUrl, config.smsGatewayToken) : dev,
  };
}
