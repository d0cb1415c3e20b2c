import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifySignature } from '../../src/domain';

/** A real SMTP server on a free port: every message received, parsed. */
export class MailSink {
  readonly messages: ParsedMail[] = [];
  /**
   * Connections that failed mid-transaction (a client killed while sending: the notifier's kill
   * test). smtp-server emits these as 'error' on the server, which with no listener is thrown and
   * ends the test file ("read ECONNRESET"); a real server logs them and goes on, and so does this one.
   */
  readonly connectionErrors: Error[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          this.messages.push(mail);
          callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  port = 0;

  async start(): Promise<this> {
    this.server.on('error', (e: Error) => this.connectionErrors.push(e));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((t) => t.value.some((v) => v.address === address)));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedDelivery {
  readonly deliveryId: string;
  readonly body: { deliveryId: string; type: string; data: Record<string, unknown> };
}

/**
 * A webhook receiver over real HTTP that verifies every signature with the subscription's
 * secret; answers `status()` (500: the platform retries), after `delayMs`.
 */
export class WebhookReceiver {
  /** Deliveries with a valid signature, every attempt (a resent delivery id appears again). */
  readonly received: ReceivedDelivery[] = [];
  rejected = 0;
  /** Deliveries that also carried the Standard Webhooks headers, verified with the `standardwebhooks` library. */
  standardVerified = 0;
  delayMs = 0;
  status: () => number = () => 204;
  private readonly server: Server;
  url = '';

  constructor(public secret: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const signature = String(req.headers[SIGNATURE_HEADER] ?? '');
        if (!verifySignature(this.secret, raw, signature, Math.floor(Date.now() / 1000))) {
          this.rejected++;
          res.writeHead(401).end();
          return;
        }
        if (req.headers['webhook-signature'] !== undefined) {
          try {
            new Webhook(this.secret).verify(raw, req.headers as Record<string, string>);
            this.standardVerified++;
          } catch {
            this.rejected++;
            res.writeHead(401).end();
            return;
          }
        }
        const timer = setTimeout(() => {
          const status = this.status();
          if (status < 300) this.received.push({ deliveryId: String(req.headers[DELIVERY_HEADER]), body: JSON.parse(raw) });
          res.writeHead(status).end();
        }, this.delayMs);
        timer.unref();
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  /** Delivery ids accepted, each once (what a receiver that de-duplicates by id processes). */
  distinctIds(): Set<string> {
    return new Set(this.received.map((d) => d.deliveryId));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
