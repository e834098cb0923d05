#!/usr/bin/env node
// HTTP fuzz run against a running PromiseBot host (bench/http-fuzz.sh starts one). Sends N malformed or hostile
// requests to /slack/commands, /slack/events, /slack/interactions, /api/messages and /playground/api/command: bad
// signatures, stale timestamps, truncated bodies, wrong content types, oversized bodies, invalid UTF-8, huge headers,
// correctly signed but mutated payloads (deep JSON, wrong types, hostile text), broken HTTP framing, and a few
// slowloris-style connections that trickle their headers. Counts responses by status class per endpoint and prints
// them as JSON on the last line. Only 127.0.0.1 is contacted.
//
//   node bench/http-fuzz/http-fuzz.js PORT SECRET [COUNT=50000] [CONNS=16] [SLOW=4]
'use strict';
const http = require('http');
const net = require('net');
const crypto = require('crypto');

const [port, secret] = [Number(process.argv[2]), process.argv[3]];
const total = Number(process.argv[4] || 50000);
const conns = Number(process.argv[5] || 16);
const slowCount = Number(process.argv[6] || 4);
if (!port || !secret) { console.error('usage: http-fuzz.js PORT SECRET [COUNT] [CONNS] [SLOW]'); process.exit(2); }

// mulberry32: a small seeded generator (FUZZ_SEED), so a run can be repeated.
let seed = Number(process.env.FUZZ_SEED || 12345) >>> 0;
const rnd = (n) => {
  seed = (seed + 0x6D2B79F5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
};
const pick = (a) => a[rnd(a.length)];

const hostile = ['<!channel>', '<!here>', '<!subteam^S0EVIL|x>', '<@U0EVIL>', '<https://evil.example|x>', '&lt;!here&gt;',
  '\u202E', '\u200B', '👨‍👩‍👧', 'e\u0301', '\u0000', '\u001B', '\u0085', '99999999999999999999999', '-1', '1e309', '%', '%zz',
  '"', '\\', '{', '[', '\ud800', 'مرحبا', '[x](https://evil.example)', '<at>Maya</at>', '${x}'];
const commands = ['add Send the quote to Acme by Friday 5pm', 'list', 'list mine', 'done 1', 'extend 1 to Monday because x',
  'calendar hours mon-fri 09:00-17:00', 'sla #support 4 business hours', 'guarantee basic credit 5% per business day late max 25%',
  'authority credit $100', 'help', 'report last week', 'risk 1 +vendor', 'cancel 1 <!channel>'];

function mutateText(s) {
  for (let i = 0, n = 1 + rnd(4); i < n; i++) {
    const at = rnd(s.length + 1);
    switch (rnd(5)) {
      case 0: s = s.slice(0, at) + pick(hostile) + s.slice(at); break;
      case 1: s = s.slice(0, at) + s.slice(at + 1 + rnd(6)); break;
      case 2: s = s.slice(0, at) + String.fromCharCode(rnd(0x10000)) + s.slice(at); break;
      case 3: s = s.slice(0, at) + pick(hostile).repeat(2 + rnd(200)) + s.slice(at); break;
      default: s = s + ' ' + pick(commands);
    }
  }
  return s;
}

function deepJson(depth) { const o = rnd(2) === 0; return (o ? '{"a":' : '[').repeat(depth) + '1' + (rnd(4) ? (o ? '}' : ']').repeat(depth) : ''); }

function mutateJson(obj) {
  const text = JSON.stringify(obj);
  switch (rnd(8)) {
    case 0: return Buffer.from(text.slice(0, rnd(text.length)));
    case 1: return Buffer.from(deepJson(10 + rnd(5000)));
    case 2: { const b = Buffer.from(text); b[rnd(b.length)] = 0x80 + rnd(0x80); return b; }
    case 3: return Buffer.from(mutateText(text));
    case 4: return Buffer.from(text.replace(/"[^"]*"/, '"\\ud800"'));
    default: {
      const copy = JSON.parse(text);
      const keys = []; (function walk(o) { for (const k of Object.keys(o)) { keys.push([o, k]); if (o[k] && typeof o[k] === 'object') walk(o[k]); } })(copy);
      for (let i = 0, n = 1 + rnd(3); i < n && keys.length; i++) {
        const [o, k] = pick(keys);
        const d = 2 + rnd(60);
        o[k] = pick([null, 12, -1e308, true, [], {}, 'x'.repeat(rnd(40000)), mutateText(String(o[k])), JSON.parse('['.repeat(d) + ']'.repeat(d))]);
      }
      return Buffer.from(JSON.stringify(copy));
    }
  }
}

const nowTs = () => Math.floor(Date.now() / 1000);
const sign = (body, ts) => 'v0=' + crypto.createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`v0:${ts}:`), body])).digest('hex');

function slashForm(text) {
  return new URLSearchParams({ token: 'x', team_id: 'T0FUZZ', channel_id: 'C0FUZZ', channel_name: 'fuzz', user_id: 'U0FUZZ' + rnd(20),
    command: '/promise', text, trigger_id: 'fuzz.' + rnd(1e9), api_app_id: 'A1', response_url: 'https://hooks.slack.com/commands/1/2/3' }).toString();
}
const event = () => ({ token: 'x', team_id: 'T0FUZZ', api_app_id: 'A1', type: 'event_callback', event_id: 'EvFUZZ' + rnd(1e9), event_time: nowTs(),
  event: { type: 'message', channel: 'D0FUZZ', user: 'U0FUZZ1', text: pick(commands), ts: `${nowTs()}.${rnd(1e6)}`, channel_type: 'im' },
  authorizations: [{ team_id: 'T0FUZZ', user_id: 'U0BOT', is_bot: true }] });
const interaction = () => ({ type: pick(['block_actions', 'view_submission', 'shortcut', 'message_action']), team: { id: 'T0FUZZ' }, user: { id: 'U0FUZZ1' },
  trigger_id: '1.2.3', channel: { id: 'C0FUZZ' }, actions: [{ type: 'button', action_id: pick(['promise_done', 'promise_ack', 'promise_extend', 'x']), value: `${rnd(5)}:${rnd(5)}` }],
  view: { id: 'V1', callback_id: pick(['new_promise', 'extend_promise']), private_metadata: '{}', state: { values: { title: { title: { type: 'plain_text_input', value: mutateText('Send it') } } } } } });
const activity = () => ({ type: pick(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'typing']), name: pick([undefined, 'adaptiveCard/action', 'fileConsent/invoke']),
  id: String(rnd(1e9)), serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', from: { id: '29:1fuzz', name: 'Fuzz' },
  conversation: { conversationType: 'personal', tenantId: 'tenant-fuzz', id: 'a:1fuzz' }, recipient: { id: '28:bot' }, text: mutateText(pick(commands)),
  value: { action: { type: 'Action.Execute', verb: pick(['promise.done', 'promise.new.submit', 'x']), data: { number: rnd(9), version: rnd(9) } } },
  channelData: { tenant: { id: 'tenant-fuzz' } } });
const playground = () => ({ person: pick(['maya', 'sam', 'nobody', '', null]), channel: pick(['general', 'C0', '', null]), text: mutateText(pick(commands)), requestId: String(rnd(1e9)) });

// Each case: [endpoint, method, headers, body]. The signature headers are right only where the case says so.
function makeCase() {
  const ts = nowTs();
  switch (rnd(20)) {
    case 0: { const b = Buffer.from(slashForm(pick(commands))); return ['/slack/commands', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': 'v0=' + 'ab'.repeat(32) }, b]; }
    case 1: { const b = Buffer.from(slashForm(pick(commands))); const old = ts - 600 - rnd(1e6); return ['/slack/commands', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': old, 'x-slack-signature': sign(b, old) }, b]; }
    case 2: { const b = Buffer.from(slashForm(pick(commands))); return ['/slack/commands', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(b, ts) }, b.subarray(0, rnd(b.length))]; }
    case 3: case 4: { // signed, mutated: reaches the parser and the grammar
      let b = Buffer.from(slashForm(mutateText(pick(commands))));
      if (rnd(3) === 0) { b = Buffer.from(b); b[rnd(b.length)] = 0x80 + rnd(0x80); }
      if (rnd(4) === 0) b = Buffer.from(mutateText(b.toString('latin1')), 'latin1');
      return ['/slack/commands', { 'content-type': pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', '']), 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(b, ts) }, b];
    }
    case 5: { const b = Buffer.alloc((1 + rnd(3)) * 1024 * 1024, 'a'); return [pick(['/slack/commands', '/slack/events', '/slack/interactions', '/api/messages', '/playground/api/command']), { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(b, ts) }, b]; }
    case 6: case 7: { const b = mutateJson(event()); return ['/slack/events', { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(b, ts) }, b]; }
    case 8: { const b = mutateJson(event()); return ['/slack/events', { 'content-type': 'application/json', 'x-slack-request-timestamp': pick([ts, 'abc', '', '-1', '99999999999999999999']), 'x-slack-signature': pick(['', 'v0=', 'v1=' + 'a'.repeat(64), 'v0=zz']) }, b]; }
    case 9: case 10: {
      const json = mutateJson(interaction());
      const b = rnd(4) === 0 ? Buffer.concat([Buffer.from('payload='), json]) : Buffer.from('payload=' + encodeURIComponent(json.toString('utf8')) + (rnd(5) === 0 ? '&payload=x' : ''));
      return ['/slack/interactions', { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(b, ts) }, b];
    }
    case 11: case 12: case 13: { const b = mutateJson(activity()); return ['/api/messages', { 'content-type': pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded']), authorization: pick([undefined, 'Bearer x.y.z', 'Bearer ' + 'a'.repeat(5000)]) }, b]; }
    case 14: case 15: case 16: { const b = mutateJson(playground()); return ['/playground/api/command', { 'content-type': pick(['application/json', 'text/plain', 'application/json; charset=latin1', '']) }, b]; }
    case 17: { const b = Buffer.from(slashForm('list')); return [pick(['/slack/commands', '/slack/events', '/api/messages']), { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(b, ts), 'x-fuzz': 'x'.repeat(40000 + rnd(60000)) }, b]; }
    default: return ['RAW', null, null];
  }
}

// Broken framing over a raw socket: truncated bodies, lying Content-Length, bad chunking, junk request lines.
function rawCase() {
  const path = pick(['/slack/commands', '/slack/events', '/slack/interactions', '/api/messages', '/playground/api/command']);
  const body = Buffer.from(slashForm('list'));
  switch (rnd(6)) {
    case 0: return Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 100}\r\nConnection: close\r\n\r\n`), body]);
    case 1: return Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`);
    case 2: return Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n`);
    case 3: return Buffer.from(`\u0000\u00ff GARBAGE ${path}\r\n\r\n`, 'latin1');
    case 4: return Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\nabcde`);
    default: return Buffer.from(`POST ${path}?${'a='.repeat(5000)} HTTP/1.1\r\nHost: x\r\nX-Bad\u0001Header: y\r\nConnection: close\r\n\r\n`, 'latin1');
  }
}

const counts = {}; // endpoint -> { '2xx': n, ... }
const fives = [];
function tally(endpoint, status) {
  const cls = status ? `${Math.floor(status / 100)}xx` : 'closed';
  (counts[endpoint] ||= {})[cls] = (counts[endpoint][cls] || 0) + 1;
  if (status >= 500 && fives.length < 20) fives.push(`${endpoint} ${status}`);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
function send([path, headers, body]) {
  return new Promise((resolve) => {
    if (path === 'RAW') {
      const socket = net.connect(port, '127.0.0.1');
      let data = '';
      socket.setTimeout(10000, () => socket.destroy());
      socket.on('data', (d) => { data += d.toString('latin1'); });
      socket.on('error', () => {});
      socket.on('close', () => { const m = /^HTTP\/1\.1 (\d{3})/.exec(data); tally('raw framing', m ? Number(m[1]) : 0); resolve(); });
      socket.end(rawCase());
      return;
    }
    const clean = {}; for (const [k, v] of Object.entries(headers)) if (v !== undefined) clean[k] = String(v);
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...clean, 'content-length': body.length } }, (res) => {
      res.resume(); res.on('end', () => { tally(path, res.statusCode); resolve(); });
    });
    req.setTimeout(30000, () => req.destroy());
    req.on('error', () => { tally(path, 0); resolve(); });
    req.end(body);
  });
}

// Slowloris: a few connections that send their headers one byte a second; they must not stop anyone else.
function slowloris(seconds) {
  const head = Buffer.from(`POST /slack/commands HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: ${nowTs()}\r\nContent-Length: 10\r\n\r\nabcdefghij`);
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let i = 0, data = '';
    const timer = setInterval(() => { if (i < head.length && !socket.destroyed) socket.write(head.subarray(i, ++i)); }, 1000);
    socket.on('data', (d) => { data += d; });
    socket.on('error', () => {});
    const stop = setTimeout(() => socket.destroy(), seconds * 1000);
    socket.on('close', () => { clearInterval(timer); clearTimeout(stop); const m = /^HTTP\/1\.1 (\d{3})/.exec(data); tally('slowloris', m ? Number(m[1]) : 0); resolve(); });
  });
}

(async () => {
  const started = Date.now();
  const slow = Array.from({ length: slowCount }, () => slowloris(Math.max(20, Math.min(120, total / 1000))));
  let next = 0;
  const workers = Array.from({ length: conns }, async () => { while (next++ < total) await send(makeCase()); });
  await Promise.all(workers);
  await Promise.all(slow);
  const seconds = (Date.now() - started) / 1000;
  let five = 0; let sent = 0;
  for (const c of Object.values(counts)) for (const [k, n] of Object.entries(c)) { sent += n; if (k === '5xx') five += n; }
  for (const [endpoint, c] of Object.entries(counts).sort()) console.log(`  ${endpoint.padEnd(26)} ${Object.entries(c).sort().map(([k, n]) => `${k}=${n}`).join(' ')}`);
  if (fives.length) console.log('  first 5xx: ' + fives.join(', '));
  console.log(JSON.stringify({ requests: sent, seconds, fiveXX: five, counts }));
  agent.destroy();
})();
