#!/usr/bin/env node
'use strict';
// HTTP load for PromiseBot's benches (Node.js only, no packages). Two kinds of request:
//
//   node bench/loadgen/loadgen.js slack URL --secret SECRET [--texts FILE | --text TEXT] [options]
//       Slack slash commands (/promise TEXT) signed as Slack signs them:
//       X-Slack-Signature = "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)).
//       --texts FILE: one command text a line; the requests rotate through them, so no cache only ever sees one text.
//       Every body is signed once at start with one timestamp (Slack accepts 5 minutes), so keep runs shorter.
//   node bench/loadgen/loadgen.js json URL --body FILE [--authorization 'Bearer ...'] [options]
//       One fixed JSON body (a Bot Framework activity, say), with that Authorization header on every request.
//
// Options: --connections N (16)   --seconds S (15)   --rate R: open loop instead of closed   --max-inflight N (512)
//          --timeout-ms N (10000)
//   closed loop (default): N keep-alive connections; each sends its next request as soon as the last one answered.
//     Latency = sent -> whole response read. Measures the most the host does.
//   open loop (--rate R): request i is due at start + i/R whatever the answers; latency is measured from when it was
//     due, so waiting in a queue counts. At most --max-inflight requests at once; one that cannot go is an error.
//
// URL may be several, comma-separated (hosts behind a load balancer): the requests go to them in turn.
//
// The last line on stdout is the summary the bench scripts read:
//   mode=closed connections=16 seconds=15 requests=N rps=... p50_ms=... p90_ms=... p99_ms=... max_ms=... errors=N ...
// errors = non-2xx answers + network errors + requests never sent or never answered. Status counts go to stderr.
const fs = require('node:fs');
const http = require('node:http');
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');

function usage(message) {
  if (message) process.stderr.write(`loadgen: ${message}\n`);
  process.stderr.write('usage: loadgen.js slack URL --secret S [--texts FILE | --text T] [--connections N] [--seconds S] [--rate R]\n' +
    '       loadgen.js json URL --body FILE [--authorization VALUE] [--connections N] [--seconds S] [--rate R]\n');
  process.exit(2);
}

function options(argv) {
  const [kind, url, ...rest] = argv;
  if (kind !== 'slack' && kind !== 'json') usage(kind ? `unknown kind ${kind}` : undefined);
  if (!url) usage('URL missing');
  const o = { kind, urls: url.split(',').map((u) => new URL(u)), connections: 16, seconds: 15, rate: 0, maxInflight: 512, timeoutMs: 10000 };
  const numbers = { '--connections': 'connections', '--seconds': 'seconds', '--rate': 'rate', '--max-inflight': 'maxInflight', '--timeout-ms': 'timeoutMs' };
  const strings = { '--secret': 'secret', '--texts': 'texts', '--text': 'text', '--body': 'body', '--authorization': 'authorization' };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) usage(`${flag} needs a value`);
    if (numbers[flag]) {
      o[numbers[flag]] = Number(value);
      if (!(o[numbers[flag]] >= 0)) usage(`${flag} must be a number`);
    } else if (strings[flag]) o[strings[flag]] = value;
    else usage(`unknown option ${flag}`);
  }
  if (kind === 'slack' && !o.secret) usage('slack needs --secret');
  if (kind === 'json' && !o.body) usage('json needs --body');
  if (o.connections < 1 || o.seconds <= 0) usage('--connections and --seconds must be positive');
  return o;
}

/** The requests to send, in rotation: each { body: Buffer, headers }. */
function requests(o) {
  if (o.kind === 'json') {
    const body = fs.readFileSync(o.body);
    const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length };
    if (o.authorization) headers.Authorization = o.authorization;
    return [{ body, headers }];
  }
  const texts = o.texts
    ? fs.readFileSync(o.texts, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    : [o.text || 'add Send the invoice to Acme by Friday'];
  if (texts.length === 0) usage(`${o.texts} holds no texts`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return texts.map((text, i) => {
    const body = Buffer.from(new URLSearchParams({
      token: 'unused', team_id: 'T0BENCH01', team_domain: 'bench', channel_id: 'C0BENCH01', channel_name: 'bench',
      user_id: 'U0BENCH01', user_name: 'bench', command: '/promise', text, api_app_id: 'A0BENCH01',
      is_enterprise_install: 'false', response_url: 'https://hooks.slack.com/commands/T0BENCH01/1/bench', trigger_id: `bench.${i}`,
    }).toString());
    const signature = 'v0=' + crypto.createHmac('sha256', o.secret).update(`v0:${timestamp}:`).update(body).digest('hex');
    return {
      body,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length,
        'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': signature,
      },
    };
  });
}

function main() {
  const o = options(process.argv.slice(2));
  const rotation = requests(o);
  const open = o.rate > 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: open ? o.maxInflight : o.connections });
  const bases = o.urls.map((u) => ({ agent, method: 'POST', hostname: u.hostname, port: u.port || 80, path: u.pathname + u.search }));

  let latencies = new Float64Array(1 << 16);
  let answered = 0;
  let non2xx = 0;
  let networkErrors = 0;
  let unsent = 0;
  let inflight = 0;
  let next = 0;
  const statuses = {};

  function record(fromMs, error, status) {
    if (error) {
      networkErrors++;
      statuses[error.code || error.message] = (statuses[error.code || error.message] || 0) + 1;
      return;
    }
    statuses[status] = (statuses[status] || 0) + 1;
    if (status < 200 || status > 299) non2xx++;
    if (answered === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[answered++] = performance.now() - fromMs;
  }

  function send(fromMs, done) {
    const base = bases[next % bases.length];
    const r = rotation[next++ % rotation.length];
    inflight++;
    let finished = false;
    const finish = (error, status) => {
      if (finished) return;
      finished = true;
      inflight--;
      record(fromMs, error, status);
      done();
    };
    const request = http.request({ ...base, headers: r.headers }, (response) => {
      response.on('data', () => {});
      response.on('end', () => finish(null, response.statusCode));
      response.on('error', (e) => finish(e));
    });
    request.setTimeout(o.timeoutMs, () => request.destroy(new Error('timeout')));
    request.on('error', (e) => finish(e));
    request.end(r.body);
  }

  const start = performance.now();
  const end = start + o.seconds * 1000;
  let reported = false;
  function report() {
    if (reported) return;
    reported = true;
    const elapsed = (Math.max(performance.now(), end) - start) / 1000;
    const sorted = latencies.subarray(0, answered).sort();
    const at = (p) => (answered ? sorted[Math.min(answered - 1, Math.max(0, Math.ceil((p / 100) * answered) - 1))].toFixed(2) : 'nan');
    const errors = non2xx + networkErrors + unsent + inflight;
    process.stderr.write(`statuses=${JSON.stringify(statuses)} elapsed_s=${elapsed.toFixed(2)} texts=${rotation.length}\n`);
    const mode = open ? `mode=open rate=${o.rate}` : `mode=closed connections=${o.connections}`;
    process.stdout.write(`${mode} seconds=${o.seconds} requests=${answered} rps=${(answered / elapsed).toFixed(1)} ` +
      `p50_ms=${at(50)} p90_ms=${at(90)} p99_ms=${at(99)} max_ms=${answered ? sorted[answered - 1].toFixed(2) : 'nan'} ` +
      `errors=${errors} non2xx=${non2xx} neterr=${networkErrors} unsent=${unsent} unfinished=${inflight}\n`);
    agent.destroy();
    process.exit(0);
  }

  if (!open) {
    let running = o.connections;
    const loop = () => {
      const now = performance.now();
      if (now >= end) {
        if (--running === 0) report();
        return;
      }
      send(now, loop);
    };
    for (let i = 0; i < o.connections; i++) loop();
    return;
  }

  const total = Math.floor(o.rate * o.seconds);
  const interval = 1000 / o.rate;
  let scheduled = 0;
  const afterLast = () => {
    if (scheduled >= total && inflight === 0) report();
  };
  const timer = setInterval(() => {
    const now = performance.now();
    while (scheduled < total && start + scheduled * interval <= now) {
      const due = start + scheduled * interval;
      scheduled++;
      if (inflight >= o.maxInflight) unsent++;
      else send(due, afterLast);
    }
    if (scheduled >= total) {
      clearInterval(timer);
      afterLast();
      setTimeout(report, o.timeoutMs + 100).unref(); // whatever is still unanswered by then counts as an error
    }
  }, 1);
}

main();
