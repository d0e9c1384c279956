// A worker thread of the live events bench: holds a share of the streams, notes when each
// claim.created reaches each of them, and answers the main thread's commands. The streams are
// read as bytes and only claim.created frames are looked at, so that the readers stay light.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { baseUrl, tokens, first, count, write } = workerData;
/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the server's `at`. */
const wallNow = () => performance.timeOrigin + performance.now();

let recording = false;
let writes = new Map(); // write key → { at, times: Float64Array(count) }
let duplicates = 0;
let arrivals = 0;
const streams = [];

function arrived(local, key, at, time) {
  if (!recording) return;
  let entry = writes.get(key);
  if (!entry) {
    entry = { at: Date.parse(at), times: new Float64Array(count) };
    writes.set(key, entry);
  }
  if (entry.times[local]) {
    duplicates++;
    return;
  }
  entry.times[local] = time;
  arrivals++;
}

const FRAME_END = Buffer.from('\n\n');
const AT = Buffer.from('"at":"');
// create: claim.created, keyed by the claim's id; update: claim.updated, keyed by `u<n>` from
// the new text's `(edit n)`.
const EVENT = Buffer.from(write === 'create' ? 'event: claim.created\n' : 'event: claim.updated\n');
const KEY = Buffer.from(write === 'create' ? '"claimId":"' : '"after":{"text":"');
const EDIT = Buffer.from('(edit ');

/** Notes every event of the measured kind in `bytes` (whole frames only), scanning bytes, not strings. */
function scan(local, bytes, time) {
  for (let pos = bytes.indexOf(EVENT); pos >= 0; pos = bytes.indexOf(EVENT, pos + EVENT.length)) {
    const end = bytes.indexOf(FRAME_END, pos);
    const a = bytes.indexOf(AT, pos);
    const k = bytes.indexOf(KEY, pos);
    if (a < 0 || k < 0 || a > end || k > end) continue;
    let key;
    if (write === 'create') key = bytes.latin1Slice(k + KEY.length, k + KEY.length + 36);
    else {
      const e = bytes.indexOf(EDIT, k);
      if (e < 0 || e > end) continue;
      key = `u${bytes.latin1Slice(e + EDIT.length, bytes.indexOf(')', e))}`;
    }
    arrived(local, key, bytes.latin1Slice(a + AT.length, a + AT.length + 24), time);
  }
}

function open(local) {
  const token = tokens[(first + local) % tokens.length];
  let rest = null; // the start of a frame whose end has not come yet
  return new Promise((resolve, reject) => {
    const request = http.get(
      new URL('/v1/events', baseUrl),
      { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`stream ${first + local}: HTTP ${res.statusCode}`));
          return;
        }
        res.once('data', () => resolve());
        res.on('data', (chunk) => {
          const time = wallNow();
          const bytes = rest ? Buffer.concat([rest, chunk]) : chunk;
          const last = bytes.lastIndexOf(FRAME_END);
          if (last < 0) {
            rest = bytes;
            return;
          }
          rest = last + 2 < bytes.length ? bytes.subarray(last + 2) : null;
          scan(local, bytes.subarray(0, last + 2), time);
        });
        res.on('close', () => {
          stream.ended = true;
        });
      },
    );
    const stream = { request, ended: false };
    streams.push(stream);
    request.on('error', reject);
  });
}

parentPort.on('message', async (message) => {
  switch (message.cmd) {
    case 'open': {
      try {
        for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => open(i + j)));
        parentPort.postMessage({ type: 'opened' });
      } catch (error) {
        parentPort.postMessage({ type: 'error', message: error.message });
      }
      break;
    }
    case 'record':
      writes = new Map();
      duplicates = 0;
      arrivals = 0;
      recording = true;
      parentPort.postMessage({ type: 'recording' });
      break;
    case 'count':
      parentPort.postMessage({ type: 'count', arrivals, ended: streams.filter((s) => s.ended).length });
      break;
    case 'collect':
      recording = false;
      parentPort.postMessage({ type: 'collected', first, count, duplicates, writes: [...writes].map(([key, e]) => [key, e.at, e.times]) });
      break;
    case 'close':
      for (const stream of streams) stream.request.destroy();
      parentPort.postMessage({ type: 'closed' });
      break;
  }
});
