'use strict';
// Would Slack accept this app manifest (YAML or JSON)?
//
// 1. Slack's own JSON schema for app manifests (github.com/slackapi/manifest-schema, MIT), vendored in
//    schemas/slack-manifest/ and checked with ajv: unknown keys, lengths, URL formats, types, enums. The top-level
//    schema picks version 1 or 2 by _metadata.major_version; the versioned files are registered under the URLs the
//    top-level schema refers to, so nothing is downloaded. The schema's own "regex" keyword is honoured.
// 2. Rules across fields that a schema cannot state (ours, from Slack's manifest reference and the errors Slack gives
//    when an app is created from a manifest): errors for event subscriptions with neither a request URL nor Socket
//    Mode, events without their scope and slash commands without the `commands` scope; warnings for the rest.
//    `--schema-only` skips them.
const fs = require('node:fs');
const path = require('node:path');
const { Findings, OURS, inputFile, run, isObject } = require('./findings');

const DIR = path.join(__dirname, '..', 'schemas', 'slack-manifest');
const SCHEMA = 'Slack manifest schema (slackapi/manifest-schema v0.5.0)';

// Events whose required scope is unambiguous in Slack's event reference.
const SCOPE_OF_EVENT = {
  app_mention: 'app_mentions:read',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  reaction_added: 'reactions:read',
  reaction_removed: 'reactions:read',
  pin_added: 'pins:read',
  pin_removed: 'pins:read',
  team_join: 'users:read',
  user_change: 'users:read',
  channel_created: 'channels:read',
  channel_rename: 'channels:read',
};

function schemaValidators() {
  const Ajv = require('ajv');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (pattern, value) => new RegExp(pattern).test(value),
    error: { message: (ctx) => `must match ${ctx.schema}` },
  });
  const top = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.schema.json'), 'utf8'));
  const byMajor = {};
  const urls = new Set(JSON.stringify(top).match(/https:\/\/[^"]+\/manifest\.schema\.\d+\.\d+\.\d+\.json/g) || []);
  for (const url of urls) {
    const schema = JSON.parse(fs.readFileSync(path.join(DIR, path.basename(url)), 'utf8'));
    ajv.addSchema(schema, url);
    byMajor[url.match(/manifest\.schema\.(\d+)\./)[1]] = url;
  }
  return { top: ajv.compile(top), major: (m) => (byMajor[m] ? ajv.getSchema(byMajor[m]) : undefined) };
}

function describe(e) {
  const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
  return { at: e.instancePath || '/', message: `${e.message}${extra}` };
}

function crossFieldRules(m, findings) {
  const error = (at, message) => findings.error(OURS, at, message);
  const warn = (at, message) => findings.warn(OURS, at, message);
  const settings = isObject(m.settings) ? m.settings : {};
  const features = isObject(m.features) ? m.features : {};
  const socket = settings.socket_mode_enabled === true;
  const scopes = isObject(m.oauth_config) && isObject(m.oauth_config.scopes) ? m.oauth_config.scopes : {};
  const list = (v) => (Array.isArray(v) ? v : []);
  const bot = new Set([...list(scopes.bot), ...list(scopes.bot_optional)]);
  const user = new Set([...list(scopes.user), ...list(scopes.user_optional)]);
  const commands = list(features.slash_commands);
  const shortcuts = list(features.shortcuts);
  const events = isObject(settings.event_subscriptions) ? settings.event_subscriptions : undefined;
  const interactivity = isObject(settings.interactivity) ? settings.interactivity : undefined;

  if (events && !socket && !events.request_url) {
    error('/settings/event_subscriptions', 'event subscriptions need a request_url unless socket_mode_enabled is true');
  }
  if (events) {
    for (const [key, have, who] of [['bot_events', bot, 'bot'], ['user_events', user, 'user']]) {
      list(events[key]).forEach((event, i) => {
        const scope = SCOPE_OF_EVENT[event];
        if (scope && !have.has(scope)) error(`/settings/event_subscriptions/${key}/${i}`, `the event ${event} needs the ${who} scope ${scope}`);
      });
    }
    if (list(events.bot_events).length && !features.bot_user) warn('/features/bot_user', 'bot events are subscribed but there is no bot user');
  }
  if (commands.length && !bot.has('commands')) error('/oauth_config/scopes/bot', 'slash commands need the commands bot scope');
  commands.forEach((c, i) => {
    if (isObject(c) && !c.url && !socket) warn(`/features/slash_commands/${i}`, `${c.command} has no url and Socket Mode is off`);
  });
  if (interactivity && interactivity.is_enabled === true && !interactivity.request_url && !socket) {
    warn('/settings/interactivity', 'interactivity is on without a request_url and Socket Mode is off');
  }
  if (shortcuts.length && !(interactivity && interactivity.is_enabled === true)) {
    warn('/features/shortcuts', 'shortcuts need settings.interactivity.is_enabled: true');
  }
  if (shortcuts.length && !bot.has('commands')) warn('/oauth_config/scopes/bot', 'shortcuts need the commands bot scope');
  const major = isObject(m._metadata) ? m._metadata.major_version : undefined;
  if (bot.size && !features.bot_user && major !== 2) warn('/features/bot_user', 'bot scopes are requested but there is no bot user');
  list(isObject(m.oauth_config) ? m.oauth_config.redirect_urls : undefined).forEach((u, i) => {
    if (typeof u === 'string' && /^http:\/\//i.test(u) && !/^http:\/\/(localhost|127\.0\.0\.1)([:/]|$)/i.test(u)) {
      warn(`/oauth_config/redirect_urls/${i}`, 'Slack wants https redirect URLs (localhost excepted)');
    }
  });
}

run(() => {
  const args = process.argv.slice(2);
  const { file, bytes } = inputFile(args, 'validate-slack-manifest.sh FILE [--schema-only]   (YAML or JSON)');
  const findings = new Findings('Slack app manifest', file);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let manifest;
  if (/\.json$/i.test(file) || /^\s*[{[]/.test(text)) {
    try {
      manifest = JSON.parse(text);
    } catch (e) {
      findings.error('JSON', '/', `not valid JSON (${e.message})`);
      return findings.exit();
    }
  } else {
    const YAML = require('yaml');
    const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length) {
      for (const e of doc.errors) findings.error('YAML', '/', e.message.split('\n')[0]);
      return findings.exit();
    }
    for (const w of doc.warnings) findings.warn('YAML', '/', w.message.split('\n')[0]);
    manifest = doc.toJS();
  }
  if (!isObject(manifest)) {
    findings.error('JSON', '/', 'a manifest is an object');
    return findings.exit();
  }

  const { top, major } = schemaValidators();
  if (!top(manifest)) {
    // The top-level schema is a choice between versions; the errors of the version that applies say what is wrong.
    const version = isObject(manifest._metadata) && manifest._metadata.major_version !== undefined ? manifest._metadata.major_version : 1;
    const versioned = major(String(version));
    if (!versioned) findings.error(SCHEMA, '/_metadata/major_version', `major_version ${JSON.stringify(version)} is neither 1 nor 2`);
    else if (!versioned(manifest)) for (const e of versioned.errors) { const d = describe(e); findings.error(SCHEMA, d.at, d.message); }
    else for (const e of top.errors) { const d = describe(e); findings.error(SCHEMA, d.at, d.message); }
  }
  if (!args.includes('--schema-only')) crossFieldRules(manifest, findings);
  return findings.exit();
});
