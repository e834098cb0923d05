#!/usr/bin/env node
'use strict';
// A fake Slack Web API for bench/crash-test.sh (Node.js only, no packages), on 127.0.0.1 only. The host under test
// points Slack__ApiBaseUrl at it. It answers what the host calls (auth.test, users.info, conversations.open,
// chat.postMessage, chat.postEphemeral, chat.update, views.publish, ...) and counts every message delivered, by its
// destination and text: Slack has no idempotency key on chat.postMessage, so "the same message twice" is the same
// channel and the same text (every message the crash test provokes names a unique promise title).
//
//   node bench/crash/fake-slack.js PORTFILE
// Writes its port to PORTFILE once listening. GET /deliveries answers every delivery so far as JSON:
//   [{ "method": "chat.postMessage", "channel": "D…", "text": "…", "ts": "…", "at": <Unix ms> }, …]
const http = require('node:http');
const fs = require('node:fs');

const [portFile] = process.argv.slice(2);
if (!portFile) {
  process.stderr.write('usage: fake-slack.js PORTFILE\n');
  process.exit(2);
}

const deliveries = [];
let tsCounter = 0;
const nextTs = () => `1795446000.${String(++tsCounter).padStart(6, '0')}`;

function args(request, body) {
  const type = request.headers['content-type'] || '';
  if (type.startsWith('application/json')) {
    try { return JSON.parse(body || '{}'); } catch { return {}; }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function answer(method, a) {
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://fake.slack.test/', team: 'Crash', user: 'promisebot', team_id: a.team_id || 'T0CRASH1', user_id: 'U0BOT', bot_id: 'B0BOT' };
    case 'users.info':
      return { ok: true, user: { id: a.user, name: String(a.user || '').toLowerCase(), deleted: false, is_bot: false, tz: 'America/New_York', tz_label: 'Eastern', tz_offset: -18000 } };
    case 'conversations.open':
      return { ok: true, channel: { id: 'D' + String(a.users || 'X').replace(/^U/, '') } };
    case 'chat.postMessage': {
      if (!a.channel) return { ok: false, error: 'channel_not_found' };
      const ts = nextTs();
      deliveries.push({ method, channel: a.channel, text: a.text || '', ts, at: Date.now() });
      return { ok: true, channel: a.channel, ts, message: { type: 'message', text: a.text, ts, bot_id: 'B0BOT' } };
    }
    case 'chat.postEphemeral': {
      const ts = nextTs();
      deliveries.push({ method, channel: `${a.channel}/${a.user}`, text: a.text || '', ts, at: Date.now() });
      return { ok: true, message_ts: ts };
    }
    case 'chat.update':
      return { ok: true, channel: a.channel, ts: a.ts, text: a.text };
    case 'views.publish':
    case 'views.open':
      return { ok: true, view: { id: 'V0CRASH' } };
    case 'chat.getPermalink':
      return { ok: true, channel: a.channel, permalink: `https://fake.slack.test/archives/${a.channel}/p${String(a.message_ts || '').replace('.', '')}` };
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (c) => chunks.push(c));
  request.on('end', () => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let json;
    if (request.method === 'GET' && url.pathname === '/deliveries') {
      json = deliveries;
    } else if (url.pathname.startsWith('/api/')) {
      const a = { ...Object.fromEntries(url.searchParams), ...args(request, Buffer.concat(chunks).toString('utf8')) };
      json = answer(url.pathname.slice('/api/'.length), a);
    } else {
      response.writeHead(404).end();
      return;
    }
    const text = JSON.stringify(json);
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
