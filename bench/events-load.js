#!/usr/bin/env node
'use strict';
// Signed Slack Events API load for PromiseBot's bench (no npm dependencies). Every request is a distinct DM event
// (its own event_id and ts) carrying a promise to create, signed like Slack signs it:
//   X-Slack-Signature = 'v0=' + hex(HMAC-SHA256(secret, `v0:${ts}:${body}`)).
// Closed loop: N connections, each sends its next event when the previous one was acknowledged.
//
//   node bench/events-load.js --url URL --secret S [--connections 16] [--duration 10]
//
// Prints one summary line: requests=N rps=.. p50_ms=.. p99_ms=.. max_ms=.. errors=N
const http = require('node:http');
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');

const args = { connections: 16, duration: 10 };
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, '');
  args[key] = process.argv[++i];
}
if (!args.url || !args.secret) throw new Error('--url and --secret are required');
const connections = Number(args.connections);
const durationMs = Number(args.duration) * 1000;
const url = new URL(args.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

let sequence = 0;
function body() {
  const n = ++sequence;
  return JSON.stringify({
    type: 'event_callback', team_id: 'T0BENCH01', api_app_id: 'A1', event_id: `EvBench${n}`, event_time: 1795446000,
    authorizations: [{ team_id: 'T0BENCH01', user_id: 'U0BOT', is_bot: true }],
    event: {
      type: 'message', channel_type: 'im', channel: `D0BENCH${n % 50}`, user: `U0BENCH${n % 50}`,
      text: `Send invoice ${n} to Acme by Friday`, ts: `1795446000.${String(n).padStart(6, '0')}`,
    },
  });
}

function send() {
  const payload = body();
  const ts = Math.floor(Date.now() / 1000).toString();
  const signature = 'v0=' + crypto.createHmac('sha256', args.secret).update(`v0:${ts}:${payload}`).digest('hex');
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request({
      agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: {
        'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload),
        'X-Slack-Request-Timestamp': ts, 'X-Slack-Signature': signature,
      },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve({ ok: response.statusCode === 200, ms: performance.now() - started }));
    });
    request.on('error', () => resolve({ ok: false, ms: performance.now() - started }));
    request.end(payload);
  });
}

(async () => {
  const latencies = [];
  let errors = 0;
  const end = performance.now() + durationMs;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const r = await send();
      if (r.ok) latencies.push(r.ms); else errors++;
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0).toFixed(2);
  console.log(`requests=${latencies.length} rps=${(latencies.length / seconds).toFixed(0)} p50_ms=${at(0.5)} p99_ms=${at(0.99)} max_ms=${at(1)} errors=${errors}`);
  agent.destroy();
})();
