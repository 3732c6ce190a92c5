import { SMTPServer } from 'smtp-server';

export type SunkMail = { to: string[]; subject: string; text: string; raw: string };

/** RFC 2047 encoded words (B and Q), adjacent words joined before UTF-8 decoding. */
function decodeWords(value: string): string {
  return value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=(\s+(?==\?))?)+/g, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)) {
      const [, enc, data] = m;
      bytes.push(
        enc!.toUpperCase() === 'B'
          ? Buffer.from(data!, 'base64')
          : Buffer.from(data!.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
      );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

/** Just enough MIME for the platform's single-part text mails: unfolded headers, base64 / quoted-printable body. */
export function parseMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
        : body;
  return { subject: decodeWords(header('Subject')), text };
}

/**
 * A local SMTP sink (smtp-server) on 127.0.0.1 for tests: accepts every message, keeps it parsed.
 * `failNext(n)` answers the next n messages with a 451 so retry paths can be tested.
 */
export async function startSmtpSink(): Promise<{ port: number; mails: SunkMail[]; waitFor(n: number, timeoutMs?: number): Promise<SunkMail[]>; failNext(n: number): void; refused(): number; close(): Promise<void> }> {
  const mails: SunkMail[] = [];
  let failing = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failing > 0) {
          failing--;
          refusedCount++;
          const err = Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parseMail(raw), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    mails,
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} mails in the sink, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return mails;
    },
    failNext(n) {
      failing = n;
    },
    refused: () => refusedCount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
