import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { CoreConfig } from '../config/schema.js';
import { privateFileMode, privateFolderMode } from '../db/data-folder.js';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Sends one message; returns its Message-ID. */
  send(message: MailMessage): Promise<string>;
  close(): void;
}

/**
 * nodemailer behind one small interface. `smtp` delivers to a server; `outbox`
 * writes each message as an .eml file under `<dataDir>/outbox`, for development
 * and instances without mail.
 */
export function createMailer(config: CoreConfig['mail'], dataDir: string, logger: Logger): Mailer {
  if (config.transport === 'smtp') {
    if (!config.smtp) throw new Error('mail.smtp is required when mail.transport is smtp');
    const transport = nodemailer.createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      auth: config.smtp.auth,
      tls: { rejectUnauthorized: config.smtp.rejectUnauthorized },
    });
    return {
      async send(message) {
        const info = await transport.sendMail({ from: config.from, ...message });
        logger.info({ messageId: info.messageId, subject: message.subject }, 'mail sent');
        return info.messageId;
      },
      close: () => transport.close(),
    };
  }

  const outbox = join(dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, ...message });
      mkdirSync(outbox, { recursive: true, mode: privateFolderMode });
      const file = join(
        outbox,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '')}.eml`,
      );
      writeFileSync(file, info.message as Buffer, { mode: privateFileMode });
      logger.info({ messageId: info.messageId, subject: message.subject, file }, 'mail written to the outbox');
      return info.messageId;
    },
    close: () => transport.close(),
  };
}
