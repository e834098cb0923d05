#!/usr/bin/env node
'use strict';
// The crash test's verdict (bench/crash-test.sh): compares what the load generator saw acknowledged with what the
// database holds and what the fake Slack received after the final restart. Prints the counts and exits 1 on any
// loss or duplicate.
//
//   node bench/crash/verify.js LOAD.json PROMISES.tsv INBOX.tsv OUTBOX.tsv DELIVERIES.json KILLS
//   PROMISES.tsv: workspace \t number \t title        (every promise in the crash workspaces)
//   INBOX.tsv:    event_id \t done(0/1) \t pending(0/1) (every inbox row)
//   OUTBOX.tsv:   id \t idempotency_key \t status \t message_id
const fs = require('node:fs');
const [loadFile, promisesFile, inboxFile, outboxFile, deliveriesFile, kills] = process.argv.slice(2);
const load = JSON.parse(fs.readFileSync(loadFile, 'utf8'));
const rows = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
const promises = rows(promisesFile).map(([workspace, number, title]) => ({ workspace, number: Number(number), title }));
const inbox = rows(inboxFile).map(([id, done, pending]) => ({ id, done: done === '1', pending: pending === '1' }));
const outbox = rows(outboxFile).map(([id, key, status, messageId]) => ({ id, key, status, messageId }));
const deliveries = JSON.parse(fs.readFileSync(deliveriesFile, 'utf8'));
const problems = [];

// Slash creates: every acknowledged one exactly once, with its title and the number its reply named.
const byToken = new Map();
for (const p of promises) {
  const m = /\b([SE]\d+)\b/.exec(p.title);
  if (!m) continue;
  const key = (m[1][0] === 'S' ? p.workspace + '/' : '') + m[1];
  if (!byToken.has(key)) byToken.set(key, []);
  byToken.get(key).push(p);
}
let found = 0;
let wrongNumber = 0;
for (const c of load.creates) {
  const stored = byToken.get(`${c.workspace}/S${c.seq}`) || [];
  if (stored.length >= 1) found++;
  if (stored.length === 1 && stored[0].number !== c.number) wrongNumber++;
}
const duplicates = [...byToken.values()].reduce((n, list) => n + Math.max(0, list.length - 1), 0);
const numberKeys = new Set(promises.map((p) => `${p.workspace}/${p.number}`));
const duplicateNumbers = promises.length - numberKeys.size;
const lost = load.creates.length - found;
if (lost > 0) problems.push(`${lost} acknowledged creates are missing`);
if (wrongNumber > 0) problems.push(`${wrongNumber} creates stored under another number than their reply named`);
if (duplicates > 0) problems.push(`${duplicates} promises stored twice`);
if (duplicateNumbers > 0) problems.push(`${duplicateNumbers} duplicate promise numbers`);
const perWorkspace = {};
for (const p of promises) perWorkspace[p.workspace] = Math.max(perWorkspace[p.workspace] || 0, p.number);
for (const [workspace, max] of Object.entries(perWorkspace)) {
  const count = promises.filter((p) => p.workspace === workspace).length;
  if (count > max) problems.push(`${workspace}: ${count} promises but the highest number is ${max}`);
}

// Events: each acknowledged DM made exactly one promise; the inbox holds each once, all processed.
const eventsFound = load.events.filter((n) => (byToken.get(`E${n}`) || []).length >= 1).length;
if (eventsFound < load.events.length) problems.push(`${load.events.length - eventsFound} acknowledged events made no promise`);
if (load.eventsUnacked.length > 0) problems.push(`${load.eventsUnacked.length} events were never acknowledged`);
const inboxIds = new Set(inbox.map((r) => r.id));
if (inboxIds.size !== inbox.length) problems.push(`${inbox.length - inboxIds.size} events stored twice in the inbox`);
const processed = inbox.filter((r) => r.done).length;
const pending = inbox.filter((r) => r.pending).length;
if (processed !== inbox.length) problems.push(`${inbox.length - processed} inbox events not processed (${pending} still pending)`);

// Outbox: every row sent, each to exactly one delivery the fake Slack received; nothing delivered twice.
const unsent = outbox.filter((r) => r.status !== 'sent');
if (unsent.length > 0) problems.push(`${unsent.length} outbox rows not sent (${[...new Set(unsent.map((r) => r.status))].join(', ')})`);
const deliveryByTs = new Map(deliveries.map((d) => [d.ts, d]));
const undelivered = outbox.filter((r) => r.status === 'sent' && !deliveryByTs.has(r.messageId)).length;
if (undelivered > 0) problems.push(`${undelivered} sent outbox rows whose message the fake Slack never received`);
const sameMessage = new Map();
for (const d of deliveries) {
  const key = `${d.channel}\n${d.text}`;
  sameMessage.set(key, (sameMessage.get(key) || 0) + 1);
}
const doubles = [...sameMessage.values()].reduce((n, c) => n + c - 1, 0);
if (doubles > 0) problems.push(`${doubles} messages delivered more than once`);
if (deliveries.length - doubles !== outbox.length) problems.push(`${deliveries.length - doubles} distinct messages delivered for ${outbox.length} outbox rows`);

const line = (label, value) => process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
process.stdout.write(`crash test: ${kills} kill -9 during ${load.seconds.toFixed(1)} s of load\n`);
line('slash creates acknowledged', load.creates.length);
line('  found after restart (exactly once)', found);
line('  missing / duplicates / duplicate numbers', `${lost} / ${duplicates} / ${duplicateNumbers}`);
line('  unanswered (killed mid-request) / refused', `${load.unanswered} / ${load.refused}`);
line('promises stored (all workspaces)', `${promises.length} (${Object.entries(perWorkspace).map(([w, n]) => `${w}: 1..${n}`).join(', ')})`);
line('events acknowledged / stored / processed', `${load.events.length} / ${inbox.length} / ${processed}`);
line('  sent again (retries, repeats)', `${load.eventRetries} (${load.eventRepeats} after an ack)`);
line('outbox rows / sent', `${outbox.length} / ${outbox.length - unsent.length}`);
line('deliveries to the fake Slack / doubles', `${deliveries.length} / ${doubles}`);
if (load.refused > 0 && load.refusedSample) process.stdout.write(`  a refused reply: ${load.refusedSample}\n`);
if (problems.length > 0) {
  process.stdout.write(`FAILED: ${problems.join('; ')}\n`);
  process.exit(1);
}
process.stdout.write('PASSED: nothing lost, nothing doubled\n');
