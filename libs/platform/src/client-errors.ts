import { maxHeaderSize, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemType } from './problem-details';

type ClientError = Error & { code?: string; rawPacket?: Buffer };

/** What Node's parser refused, as a status and a stable code. */
function classify(error: ClientError, limit: number): { status: number; code: string; detail: string } {
  const kib = `${Math.round(limit / 1024)} KiB`;
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return requestLineTooLong(error.rawPacket, limit)
        ? { status: 414, code: 'request.uri_too_long', detail: `The request line alone is longer than the server accepts (${kib} with the headers)` }
        : { status: 431, code: 'request.headers_too_large', detail: `The request line and headers are larger than the server accepts (${kib})` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'request.timeout', detail: 'The request did not arrive in time' };
    default:
      return { status: 400, code: 'request.malformed_http', detail: 'The request is not valid HTTP/1.1' };
  }
}

/** The packet starts with the request line, and that line alone is over the limit. */
function requestLineTooLong(packet: Buffer | undefined, limit: number): boolean {
  if (!packet || !/^[A-Z]+ /.test(packet.subarray(0, 32).toString('latin1'))) return false;
  const end = packet.indexOf('\n');
  return end < 0 || end > limit;
}

/**
 * Answers what Node's HTTP parser refuses before any request object exists (a request line or
 * headers too large, a malformed request line or header, a timeout) with a problem document,
 * instead of Node's empty 400 or 431. With a 'clientError' listener Node writes nothing: the
 * listener writes the whole response to the socket and closes it. As Node does, it writes only
 * when the socket is writable and no response on it has started; otherwise it destroys it.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: ClientError, socket: Duplex) => {
    const current = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, code, detail } = classify(error, (server as Server & { maxHeaderSize?: number }).maxHeaderSize ?? maxHeaderSize);
    const body = JSON.stringify({ type: problemType(code), title: STATUS_CODES[status], status, detail, code });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
