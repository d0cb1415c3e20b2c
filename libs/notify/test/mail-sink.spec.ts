import { connect, type Socket } from 'node:net';
import { MailSink } from './support/receivers';

// The tests' SMTP server outlives a client killed in the middle of a mail transaction (the
// notifier's kill test SIGKILLs the API while it sends): before, that reset was thrown from
// smtp-server's 'error' event and ended the test file ("read ECONNRESET").
describe('MailSink', () => {
  let sink: MailSink;
  beforeAll(async () => {
    sink = await new MailSink().start();
  });
  afterAll(() => sink.stop());

  function talk(socket: Socket, line: string, expect: RegExp): Promise<void> {
    return new Promise((resolve, reject) => {
      let got = '';
      const onData = (d: Buffer) => {
        got += d.toString();
        if (expect.test(got)) {
          socket.off('data', onData);
          resolve();
        }
      };
      socket.on('data', onData);
      socket.once('error', reject);
      if (line) socket.write(`${line}\r\n`);
    });
  }

  it('records a connection reset mid-transaction and goes on serving', async () => {
    const socket = connect(sink.port, '127.0.0.1');
    await talk(socket, '', /^220 /m);
    await talk(socket, 'EHLO client.test', /^250 /m);
    await talk(socket, 'MAIL FROM:<notify@ta.test>', /^250 /m);
    socket.resetAndDestroy(); // a TCP RST, as from a killed process
    for (const until = Date.now() + 5000; sink.connectionErrors.length === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    expect(sink.connectionErrors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET']);

    const next = connect(sink.port, '127.0.0.1');
    await talk(next, '', /^220 /m);
    await talk(next, 'QUIT', /^221 /m);
    next.destroy();
  });
});
