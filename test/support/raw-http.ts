import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes exactly as given (a request line and headers no HTTP client would send) and reads
 * the answer until the server closes the connection or `Content-Length` bytes have arrived.
 */
export function rawRequest(port: number, head: string, body: Buffer | string = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (ended = false) => {
      if (settled) return;
      const parsed = parseResponse(Buffer.concat(chunks), ended);
      if (!parsed) return;
      settled = true;
      socket.destroy();
      resolve(parsed);
    };
    socket.setTimeout(10_000, () => {
      settled = true;
      socket.destroy();
      reject(new Error(`no complete answer to ${JSON.stringify(head.slice(0, 80))}`));
    });
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('end', () => {
      finish(true);
      if (!settled) {
        settled = true;
        reject(new Error(`connection closed without an answer: ${Buffer.concat(chunks).toString('latin1').slice(0, 200)}`));
      }
    });
    socket.on('error', (error) => {
      if (!settled) {
        finish(true);
        if (!settled) {
          settled = true;
          reject(error);
        }
      }
    });
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}

function parseResponse(bytes: Buffer, ended: boolean): RawResponse | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  const status = Number(statusLine.split(' ')[1]);
  const length = Number(headers['content-length']);
  if (Number.isFinite(length) && rest.length >= length) return { status, headers, body: rest.subarray(0, length).toString('utf8') };
  return ended ? { status, headers, body: rest.toString('utf8') } : undefined;
}
