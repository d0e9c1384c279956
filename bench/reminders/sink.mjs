// The webhook sink of the reminders bench: a bare node:http server that answers 200 at once to
// every POST and records, per request, the receive time, the `webhook-id` header and the
// `dueAt` the payload carries (claimtrack: data.dueAt; the bare baseline sends the same shape).
//
//   SINK_PORT=3823 node bench/reminders/sink.mjs
//
// GET /__count?from=<ms>&to=<ms>  → { count }            requests whose dueAt is in [from, to)
// GET /__dump?from=<ms>&to=<ms>   → { recv[], due[], ids[] } the same requests, in arrival order
import { createServer } from 'node:http';

const port = Number(process.env.SINK_PORT ?? 3823);
const recv = [];
const due = [];
const ids = [];
let unparsable = 0;

const now = () => performance.timeOrigin + performance.now();

function window(url) {
  const from = Number(url.searchParams.get('from') ?? -Infinity);
  const to = Number(url.searchParams.get('to') ?? Infinity);
  return (i) => due[i] >= from && due[i] < to;
}

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    const url = new URL(req.url, 'http://sink');
    const inWindow = window(url);
    if (url.pathname === '/__health') return void res.writeHead(200).end('ok');
    if (url.pathname === '/__count') {
      let count = 0;
      for (let i = 0; i < due.length; i++) if (inWindow(i)) count++;
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count, total: due.length, unparsable }));
    }
    if (url.pathname === '/__dump') {
      const out = { recv: [], due: [], ids: [] };
      for (let i = 0; i < due.length; i++) {
        if (!inWindow(i)) continue;
        out.recv.push(recv[i]);
        out.due.push(due[i]);
        out.ids.push(ids[i]);
      }
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    }
    return void res.writeHead(404).end();
  }
  const at = now();
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    res.writeHead(200, { 'content-length': 0 }).end();
    let dueAt = NaN;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      dueAt = Date.parse(body?.data?.dueAt);
    } catch {
      // counted below
    }
    if (!Number.isFinite(dueAt)) unparsable++;
    recv.push(at);
    due.push(dueAt);
    ids.push(String(req.headers['webhook-id'] ?? ''));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`sink listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
