'use strict';
// Would Slack accept this Block Kit payload? Input: a message ({text, blocks, ...}), a view ({type: "modal" | "home"})
// or a bare array of blocks.
//
// 1. Structure, from Slack's own type definitions (@slack/types, the Node Slack SDK's Block Kit types): the payload is
//    compiled by TypeScript as a literal of type View, KnownBlock[] or a message, so an unknown block or element
//    type, a misspelt or unknown property, a wrong value type or a mrkdwn text where only plain_text is allowed fails.
//    The message envelope around the blocks (text, thread_ts, response_type, ...) is written by us from the
//    chat.postMessage and response_url reference; findings there are tagged PromiseBot.
// 2. Limits the types cannot express, from the types' documentation and Slack's Block Kit reference (ours): counts,
//    lengths, unique ids, URL schemes, the text fallback.
const path = require('node:path');
const { Findings, OURS, versionOf, inputFile, parseJson, run, isObject } = require('./findings');

const TYPES = `@slack/types@${versionOf('@slack/types')}`;

const ENVELOPE = `
type PromiseBotMessage = {
  channel?: string; text?: string; blocks?: KnownBlock[]; attachments?: MessageAttachment[];
  thread_ts?: string; reply_broadcast?: boolean; mrkdwn?: boolean; unfurl_links?: boolean; unfurl_media?: boolean;
  metadata?: MessageMetadata; parse?: 'full' | 'none'; link_names?: boolean; ts?: string; user?: string;
  username?: string; icon_emoji?: string; icon_url?: string; markdown_text?: string;
  response_type?: 'in_channel' | 'ephemeral'; replace_original?: boolean; delete_original?: boolean;
};`;

/** JSON pointer of the innermost JSON value that contains `pos` in the compiled source. */
function pointerAt(ts, sourceFile, root, pos) {
  let node = root;
  for (;;) {
    const child = node.getChildren(sourceFile).find((c) => pos >= c.getStart(sourceFile) && pos < c.getEnd());
    if (!child) break;
    node = child;
  }
  const parts = [];
  for (let n = node; n && n !== root; n = n.parent) {
    const p = n.parent;
    if (!p) break;
    if (ts.isPropertyAssignment(p)) {
      if (parts[0] !== p.name.text) parts.unshift(p.name.text);
    } else if (ts.isArrayLiteralExpression(p)) {
      parts.unshift(String(p.elements.indexOf(n)));
    }
  }
  return '/' + parts.join('/');
}

function checkTypes(payload, kind, findings) {
  const ts = require('typescript');
  const typeName = { view: 'View', blocks: 'KnownBlock[]', message: 'PromiseBotMessage' }[kind];
  const prefix = `import type { KnownBlock, View, MessageAttachment, MessageMetadata } from '@slack/types';\n${ENVELOPE}\nexport const payload: ${typeName} = `;
  const text = `${prefix}${JSON.stringify(payload, null, 1)};\n`;
  // The payload compiles as a file in this folder (never written to disk), so '@slack/types' resolves from our
  // node_modules.
  const fileName = path.join(__dirname, '..', '__payload__.ts');
  const options = {
    strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es5.d.ts'],
    target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, onError) =>
    name === fileName ? ts.createSourceFile(name, text, version, true) : getSourceFile.call(host, name, version, onError);
  host.fileExists = (name) => name === fileName || fileExists.call(host, name);
  host.readFile = (name) => (name === fileName ? text : readFile.call(host, name));
  const program = ts.createProgram([fileName], options, host);
  const sourceFile = program.getSourceFile(fileName);
  const value = sourceFile.statements[sourceFile.statements.length - 1].declarationList.declarations[0].initializer;
  const diagnostics = ts.getPreEmitDiagnostics(program, sourceFile);
  for (const d of diagnostics) {
    if (d.start === undefined || d.start < prefix.length) {
      findings.error(OURS, '/', `the type check could not run: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      continue;
    }
    const at = pointerAt(ts, sourceFile, value, d.start);
    const chain = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
    const message = chain.length > 2 ? `${chain[chain.length - 1]} (${chain[0]})` : chain.join(' ');
    const inEnvelope = kind === 'message' && !/^\/(blocks|attachments|metadata)(\/|$)/.test(at);
    findings.error(inEnvelope ? `${OURS} message envelope, checked by TypeScript` : `${TYPES}, checked by TypeScript`,
      at, message.replace(/\s+/g, ' ').slice(0, 500));
  }
}

// ---------- limits (ours) ----------

function checkLimits(payload, kind, findings) {
  const error = (at, message) => findings.error(OURS, at, message);
  const warn = (at, message) => findings.warn(OURS, at, message);
  const length = (s) => (typeof s === 'string' ? s.length : 0);

  const text = (t, at, max, plainOnly = false) => {
    if (!isObject(t) || typeof t.text !== 'string') return; // the types report the shape
    if (t.text.length === 0) error(at, 'a text object must not be empty');
    if (t.text.length > max) error(at, `text is ${t.text.length} characters (at most ${max})`);
    if (plainOnly && t.type !== 'plain_text') error(at, `must be plain_text, not ${t.type}`);
    if (t.type === 'mrkdwn' && 'emoji' in t) error(at, '"emoji" belongs on plain_text only');
    if (t.type === 'plain_text' && 'verbatim' in t) error(at, '"verbatim" belongs on mrkdwn only');
  };
  const max = (value, at, limit, what) => {
    if (length(value) > limit) error(at, `${what} is ${length(value)} characters (at most ${limit})`);
  };
  const url = (u, at) => {
    if (typeof u !== 'string') return;
    max(u, at, 3000, 'the URL');
    if (!/^https?:\/\//i.test(u)) error(at, `must be an http(s) URL, not "${u.slice(0, 40)}"`);
  };
  const count = (list, at, limit, what) => {
    if (Array.isArray(list) && list.length > limit) error(at, `${list.length} ${what} (at most ${limit})`);
  };
  const confirm = (c, at) => {
    if (!isObject(c)) return;
    text(c.title, `${at}/title`, 100, true);
    text(c.text, `${at}/text`, 300);
    text(c.confirm, `${at}/confirm`, 30, true);
    text(c.deny, `${at}/deny`, 30, true);
  };
  const option = (o, at) => {
    if (!isObject(o)) return;
    text(o.text, `${at}/text`, 75);
    max(o.value, `${at}/value`, 150, 'an option value');
    text(o.description, `${at}/description`, 75, true);
    url(o.url, `${at}/url`);
  };
  const element = (e, at, actionIds) => {
    if (!isObject(e)) return;
    if (typeof e.action_id === 'string') {
      max(e.action_id, `${at}/action_id`, 255, 'action_id');
      if (actionIds.has(e.action_id)) error(`${at}/action_id`, `action_id "${e.action_id}" is used twice in one block`);
      actionIds.add(e.action_id);
    }
    text(e.placeholder, `${at}/placeholder`, 150, true);
    confirm(e.confirm, `${at}/confirm`);
    if (e.type === 'button') {
      text(e.text, `${at}/text`, 75, true);
      max(e.value, `${at}/value`, 2000, 'a button value');
      url(e.url, `${at}/url`);
      max(e.accessibility_label, `${at}/accessibility_label`, 75, 'accessibility_label');
    } else if (e.type === 'overflow') {
      count(e.options, `${at}/options`, 5, 'overflow options');
    } else if (e.type === 'checkboxes' || e.type === 'radio_buttons') {
      count(e.options, `${at}/options`, 10, 'options');
    } else if (e.type === 'static_select' || e.type === 'multi_static_select') {
      count(e.options, `${at}/options`, 100, 'options');
      count(e.option_groups, `${at}/option_groups`, 100, 'option groups');
      if (e.options !== undefined && e.option_groups !== undefined) error(at, 'give options or option_groups, not both');
      if (e.options === undefined && e.option_groups === undefined) error(at, `${e.type} needs options or option_groups`);
    } else if (e.type === 'image') {
      url(e.image_url, `${at}/image_url`);
    }
    (Array.isArray(e.options) ? e.options : []).forEach((o, i) => option(o, `${at}/options/${i}`));
    (Array.isArray(e.option_groups) ? e.option_groups : []).forEach((g, i) => {
      if (!isObject(g)) return;
      text(g.label, `${at}/option_groups/${i}/label`, 75, true);
      (Array.isArray(g.options) ? g.options : []).forEach((o, j) => option(o, `${at}/option_groups/${i}/options/${j}`));
    });
  };

  if (kind === 'message') {
    const hasText = typeof payload.text === 'string' && payload.text.trim() !== '';
    const hasBlocks = Array.isArray(payload.blocks) && payload.blocks.length > 0;
    const hasAttachments = Array.isArray(payload.attachments) && payload.attachments.length > 0;
    if (!hasText && !hasBlocks && !hasAttachments) error('/', 'a message needs text, blocks or attachments (Slack answers no_text)');
    if (hasBlocks && !hasText) warn('/text', 'no top-level text: notifications and screen readers get no fallback');
    max(payload.text, '/text', 40000, 'the message text');
  }
  if (kind === 'view') {
    for (const key of ['title', 'submit', 'close']) {
      if (isObject(payload[key])) max(payload[key].text, `/${key}`, 24, `the view ${key}`);
    }
    max(payload.private_metadata, '/private_metadata', 3000, 'private_metadata');
    max(payload.callback_id, '/callback_id', 255, 'callback_id');
    max(payload.external_id, '/external_id', 255, 'external_id');
  }

  const blocks = kind === 'blocks' ? payload : payload.blocks;
  if (!Array.isArray(blocks)) return;
  const base = kind === 'blocks' ? '' : '/blocks';
  const limit = kind === 'view' ? 100 : 50;
  if (blocks.length > limit) {
    error(base || '/', `${blocks.length} blocks; a ${kind === 'view' ? 'modal or Home tab' : 'message'} holds at most ${limit}`);
  }
  const blockIds = new Map();
  blocks.forEach((b, i) => {
    const at = `${base}/${i}`;
    if (!isObject(b)) return;
    if (typeof b.block_id === 'string') {
      max(b.block_id, `${at}/block_id`, 255, 'block_id');
      if (blockIds.has(b.block_id)) error(`${at}/block_id`, `block_id "${b.block_id}" is also used at ${blockIds.get(b.block_id)}`);
      else blockIds.set(b.block_id, at);
    }
    const actionIds = new Set();
    switch (b.type) {
      case 'section':
        if (b.text === undefined && b.fields === undefined) error(at, 'a section needs text or fields');
        text(b.text, `${at}/text`, 3000);
        count(b.fields, `${at}/fields`, 10, 'fields');
        (Array.isArray(b.fields) ? b.fields : []).forEach((f, j) => text(f, `${at}/fields/${j}`, 2000));
        element(b.accessory, `${at}/accessory`, actionIds);
        break;
      case 'header':
        text(b.text, `${at}/text`, 150, true);
        break;
      case 'context':
      case 'actions': {
        const most = b.type === 'context' ? 10 : 25;
        if (Array.isArray(b.elements) && b.elements.length === 0) error(`${at}/elements`, `a ${b.type} block needs at least one element`);
        count(b.elements, `${at}/elements`, most, 'elements');
        (Array.isArray(b.elements) ? b.elements : []).forEach((e, j) => {
          if (isObject(e) && (e.type === 'mrkdwn' || e.type === 'plain_text')) text(e, `${at}/elements/${j}`, 3000);
          else element(e, `${at}/elements/${j}`, actionIds);
        });
        break;
      }
      case 'image':
        url(b.image_url, `${at}/image_url`);
        max(b.alt_text, `${at}/alt_text`, 2000, 'alt_text');
        text(b.title, `${at}/title`, 2000, true);
        break;
      case 'input':
        text(b.label, `${at}/label`, 2000, true);
        text(b.hint, `${at}/hint`, 2000, true);
        element(b.element, `${at}/element`, actionIds);
        break;
      default:
        break;
    }
  });
}

run(() => {
  const { file, bytes } = inputFile(process.argv.slice(2), 'validate-block-kit.sh FILE   (a message, a view or an array of blocks, as JSON)');
  const findings = new Findings('Slack Block Kit payload', file);
  const payload = parseJson(bytes.toString('utf8'), findings);
  if (payload === undefined) return findings.exit();
  let kind;
  if (Array.isArray(payload)) kind = 'blocks';
  else if (isObject(payload)) kind = payload.type === 'modal' || payload.type === 'home' ? 'view' : 'message';
  else {
    findings.error('JSON', '/', 'a Block Kit payload is an object or an array of blocks');
    return findings.exit();
  }
  checkTypes(payload, kind, findings);
  checkLimits(payload, kind, findings);
  return findings.exit();
});
