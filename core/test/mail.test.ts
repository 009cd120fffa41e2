import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pino from 'pino';
import { createMailer } from '../src/mail/mailer.js';
import { startSmtpSink } from '../src/testing/index.js';

const silent = pino({ level: 'silent' });

describe('mail', () => {
  it('delivers over SMTP to a real server', async () => {
    const sink = await startSmtpSink();
    const mailer = createMailer(
      {
        transport: 'smtp',
        from: 'Outpost <no-reply@outpost.test>',
        smtp: { host: sink.host, port: sink.port, secure: false, rejectUnauthorized: true },
      },
      tmpdir(),
      silent,
    );
    try {
      const id = await mailer.send({
        to: 'tech@example.com',
        subject: 'Hello',
        text: 'plain body',
        html: '<p>html body</p>',
      });
      const message = await sink.waitFor((m) => m.subject === 'Hello');
      expect(message.messageId).to.equal(id);
      expect(message.from?.value[0]).to.include({ name: 'Outpost', address: 'no-reply@outpost.test' });
      expect(message.text?.trim()).to.equal('plain body');
      expect(message.html).to.contain('<p>html body</p>');
    } finally {
      mailer.close();
      await sink.close();
    }
  });

  it('writes .eml files to the outbox', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outpost-outbox-'));
    const mailer = createMailer({ transport: 'outbox', from: 'Outpost <no-reply@localhost>' }, dataDir, silent);
    await mailer.send({ to: 'a@example.com', subject: 'Outbox test', text: 'kept on disk' });
    const files = readdirSync(join(dataDir, 'outbox'));
    expect(files).to.have.length(1);
    const eml = readFileSync(join(dataDir, 'outbox', files[0]), 'utf8');
    expect(eml).to.contain('Subject: Outbox test');
    expect(eml).to.contain('kept on disk');
  });
});
