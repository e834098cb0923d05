#!/usr/bin/env node
'use strict';
// Load for bench/crash-test.sh (Node.js only, no packages): signed Slack slash creates and signed Slack events at
// full rate against a host that is killed and restarted under it, recording what the host acknowledged.
//
//   node bench/crash/crash-load.js --url http://127.0.0.1:PORT --secret S --seconds N --out FILE
//        [--stop-file F] [--progress-file P] [--connections 8] [--event-connections 2]
//        [--workspaces T0CRASH1,T0CRASH2,T0CRASH3]
// --stop-file: new requests stop as soon as F exists (or after --seconds, whichever is first).
// --progress-file: P holds the number of acknowledged creates, rewritten every 100 ms (the test waits on it to kill
// the host only once it is answering).
//
// Slash creates: `add Crash create S<seq> in 2 weeks` (far enough that no escalation comes due during the test), a fresh trigger_id and timestamp each, spread over the
// workspaces. A 200 whose reply names "#N" is an acknowledged create {workspace, seq, number}; a 200 without a
// number is counted as refused (e.g. "I can't save right now"), never as acknowledged; anything else (connection
// refused or reset while the host is down) as unanswered: such a create may exist at most once.
// Events: DMs `Send crash report E<seq> in 2 weeks` (message.im in the first workspace), each with its own event_id.
// An event not answered 200 is sent again with the same event_id and X-Slack-Retry-Num, as Slack does, until it is;
// every tenth acknowledged event is also sent once more (Slack's retry after a slow ack), which must change nothing.
// When new requests stop, unacknowledged events are retried for up to 60 s more.
// At the end FILE gets { creates: [...], unanswered: n, refused: n, refusedSample, events: [...acked ids], ... }.
const http = require('node:http');
const fs = require('node:fs');
const crypto = require('node:crypto');

const o = { connections: 8, 'event-connections': 2, workspaces: 'T0CRASH1,T0CRASH2,T0CRASH3' };
for (let i = 2; i < process.argv.length; i += 2) o[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!o.url || !o.secret || !o.seconds || !o.out) {
  process.stderr.write('usage: crash-load.js --url URL --secret S --seconds N --out FILE [--connections N] [--event-connections N]\n');
  process.exit(2);
}
const base = new URL(o.url);
const workspaces = o.workspaces.split(',');
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(o.connections) + Number(o['event-connections']) + 2 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sign(body, headers) {
  const ts = String(Math.floor(Date.now() / 1000));
  headers['X-Slack-Request-Timestamp'] = ts;
  headers['X-Slack-Signature'] = 'v0=' + crypto.createHmac('sha256', o.secret).update(`v0:${ts}:${body}`).digest('hex');
  return headers;
}

function post(path, body, headers) {
  return new Promise((resolve) => {
    const request = http.request({ agent, method: 'POST', hostname: base.hostname, port: base.port, path, headers: sign(body, { ...headers, 'Content-Length': Buffer.byteLength(body) }) }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', () => resolve({ status: 0, text: '' }));
    });
    request.setTimeout(15000, () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve({ status: 0, text: '' }));
    request.end(body);
  });
}

const result = { creates: [], unanswered: 0, refused: 0, refusedSample: null, otherStatus: {}, events: [], eventsSent: 0, eventRetries: 0, eventRepeats: 0, eventsUnacked: [] };
const started = Date.now();
let stopAt = started + Number(o.seconds) * 1000;
const ticker = setInterval(() => {
  if (o['progress-file']) {
    fs.writeFileSync(o['progress-file'] + '.tmp', String(result.creates.length));
    fs.renameSync(o['progress-file'] + '.tmp', o['progress-file']);
  }
  if (o['stop-file'] && Date.now() < stopAt && fs.existsSync(o['stop-file'])) stopAt = Date.now();
}, 100);
let seq = 0;

async function slashWorker() {
  while (Date.now() < stopAt) {
    const n = ++seq;
    const workspace = workspaces[n % workspaces.length];
    const body = new URLSearchParams({
      token: 'unused', team_id: workspace, team_domain: 'crash', channel_id: 'C0CRASH1', channel_name: 'crash',
      user_id: `U0CRASH${n % 5}`, user_name: 'crash', command: '/promise', text: `add Crash create S${n} in 2 weeks`,
      api_app_id: 'A0CRASH', response_url: `https://hooks.slack.com/commands/${workspace}/1/crash`, trigger_id: `crash.${n}.${started}`,
    }).toString();
    const r = await post('/slack/commands', body, { 'Content-Type': 'application/x-www-form-urlencoded' });
    if (r.status === 200) {
      const m = /#(\d+)/.exec(r.text);
      if (m && r.text.includes(`S${n}`)) result.creates.push({ workspace, seq: n, number: Number(m[1]) });
      else {
        result.refused++;
        result.refusedSample ??= r.text.slice(0, 300);
      }
    } else {
      result.unanswered++;
      if (r.status !== 0) result.otherStatus[r.status] = (result.otherStatus[r.status] || 0) + 1;
      await sleep(20);
    }
  }
}

let eventSeq = 0;
const retries = [];
function eventBody(n) {
  return JSON.stringify({
    type: 'event_callback', team_id: workspaces[0], api_app_id: 'A0CRASH', event_id: `EvCrash${n}x${started}`, event_time: Math.floor(started / 1000),
    authorizations: [{ team_id: workspaces[0], user_id: 'U0BOT', is_bot: true }],
    event: {
      type: 'message', channel_type: 'im', channel: `D0CRASH${n % 20}`, user: `U0CRASH${n % 20}`,
      text: `Send crash report E${n} in 2 weeks`, ts: `${Math.floor(started / 1000)}.${String(n).padStart(6, '0')}`,
    },
  });
}

async function sendEvent(n, retry) {
  const headers = { 'Content-Type': 'application/json' };
  if (retry > 0) {
    headers['X-Slack-Retry-Num'] = String(retry);
    headers['X-Slack-Retry-Reason'] = 'http_error';
  }
  return (await post('/slack/events', eventBody(n), headers)).status === 200;
}

async function eventWorker() {
  while (true) {
    const now = Date.now();
    const drainUntil = stopAt + 60000;
    let job;
    if (retries.length > 0) job = retries.shift();
    else if (now < stopAt) job = { n: ++eventSeq, retry: 0 };
    else return;
    if (now >= drainUntil) {
      retries.unshift(job);
      return;
    }
    if (job.retry === 0) result.eventsSent++;
    else result.eventRetries++;
    if (await sendEvent(job.n, job.retry)) {
      if (!job.acked) {
        job.acked = true;
        result.events.push(job.n);
        if (job.n % 10 === 0) retries.push({ n: job.n, retry: 1, acked: true, repeat: true });
      } else if (job.repeat) result.eventRepeats++;
    } else {
      retries.push({ ...job, retry: job.retry + 1 });
      await sleep(20);
    }
  }
}

(async () => {
  await Promise.all([
    ...Array.from({ length: Number(o.connections) }, slashWorker),
    ...Array.from({ length: Number(o['event-connections']) }, () => eventWorker()),
  ]);
  clearInterval(ticker);
  result.eventsUnacked = retries.filter((j) => !j.acked).map((j) => j.n);
  result.seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(o.out, JSON.stringify(result));
  process.stdout.write(`creates acknowledged=${result.creates.length} refused=${result.refused} unanswered=${result.unanswered} (answered non-200: ${JSON.stringify(result.otherStatus)}) events acknowledged=${result.events.length} unacknowledged=${result.eventsUnacked.length}\n`);
})();
