'use strict';
// Would Teams render this Adaptive Card? Input: a bare card or a Bot Framework attachment
// ({"contentType": "application/vnd.microsoft.card.adaptive", "content": {...}}).
//
// 1. Microsoft's Adaptive Card JSON schema 1.5.0 (github.com/microsoft/AdaptiveCards, MIT), vendored in
//    schemas/adaptive-card/, checked with ajv. Two changes are made in memory only, neither changes what passes: the
//    draft-06 root "id" is given to ajv as "$id", and each "ImplementationsOf.*" choice (anyOf over every element or
//    action type) is stated as "if type is X then X's definition", so an error names the type that was used.
// 2. Microsoft's Adaptive Cards object model (the `adaptivecards` package): the card is parsed for version 1.5 with the
//    Teams host config (also from the AdaptiveCards repository, vendored beside the schema) and validateProperties()
//    is run; its hints (deprecated, inputs without a label) are warnings. A second parse at the card's own version
//    warns about elements newer than the version it declares.
// 3. Teams' limits (ours, from Microsoft's Teams documentation): type AdaptiveCard, a "version" string no newer than
//    1.5, at most 28 KB, `msteams` an object.
// 4. Teams' people picker (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/people-picker):
//    an Input.ChoiceSet may carry `"choices.data": {"type": "Data.Query", "dataset": ...}` with one of the datasets
//    Teams documents, on cards of the versions Teams renders (the generic 1.5 schema and model know the property only
//    from 1.6). It is checked here, exactly, and left out of checks 1 and 2; any other `choices.data` still fails them.
const fs = require('node:fs');
const path = require('node:path');
const { Findings, OURS, versionOf, inputFile, parseJson, run, isObject } = require('./findings');

const DIR = path.join(__dirname, '..', 'schemas', 'adaptive-card');
const SCHEMA = 'Adaptive Card schema 1.5.0 (microsoft/AdaptiveCards)';
const MODEL = `adaptivecards@${versionOf('adaptivecards')}`;
const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const TEAMS_NEWEST = '1.5';
const TEAMS_MAX_BYTES = 28 * 1024;
const HINTS = new Set(['Hint', 'Deprecated', 'RequiredInputsShouldHaveLabel', 'RequiredInputsShouldHaveErrorMessage']);

let schemaCheck;
function schema() {
  if (schemaCheck) return schemaCheck;
  const Ajv = require('ajv');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  addFormats(ajv);
  const s = JSON.parse(fs.readFileSync(path.join(DIR, 'adaptive-card-1.5.0.schema.json'), 'utf8'));
  if (s.id !== undefined && s.$id === undefined) {
    s.$id = s.id;
    delete s.id;
  }
  for (const [name, definition] of Object.entries(s.definitions)) {
    if (!name.startsWith('ImplementationsOf.') || !Array.isArray(definition.anyOf)) continue;
    const cases = definition.anyOf.map((branch) => {
      const ref = branch.allOf && branch.allOf.length === 1 ? branch.allOf[0].$ref : undefined;
      const target = ref ? s.definitions[ref.replace('#/definitions/', '')] : undefined;
      const types = target && target.properties && target.properties.type && target.properties.type.enum;
      return types && types.length === 1 ? { type: types[0], ref } : undefined;
    });
    if (cases.some((c) => c === undefined)) continue; // not a plain choice by "type": keep it as it is
    s.definitions[name] = {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: cases.map((c) => c.type) } },
      allOf: cases.map((c) => ({ if: { properties: { type: { const: c.type } }, required: ['type'] }, then: { $ref: c.ref } })),
    };
  }
  schemaCheck = ajv.compile(s);
  return schemaCheck;
}

function schemaFindings(errors) {
  const out = new Map();
  for (const e of errors || []) {
    if (e.keyword === 'if') continue; // the "then" error under it says what is wrong
    const at = e.instancePath || '/';
    let message;
    if (e.keyword === 'additionalProperties') message = `unknown property "${e.params.additionalProperty}"`;
    else if (e.keyword === 'enum' && /\/type$/.test(at)) message = `unknown type; here it may be one of ${e.params.allowedValues.join(', ')}`;
    else if (e.keyword === 'anyOf') message = 'matches none of the allowed forms';
    else message = `${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`;
    out.set(`${at}|${message}`, { at, message, anyOf: e.keyword === 'anyOf' });
  }
  const list = [...out.values()];
  // "matches none of the allowed forms" says nothing when a more precise error sits at or below the same place.
  const within = (inner, outer) => inner === outer || outer === '/' || inner.startsWith(`${outer}/`);
  return list.filter((f) => !f.anyOf || !list.some((g) => !g.anyOf && within(g.at, f.at)));
}

function parseWithModel(card, version) {
  const AC = require('adaptivecards/dist/adaptivecards.js'); // the UMD build; the ESM build does not load in Node
  const model = new AC.AdaptiveCard();
  model.hostConfig = new AC.HostConfig(JSON.parse(fs.readFileSync(path.join(DIR, 'microsoft-teams-light.hostconfig.json'), 'utf8')));
  const context = new AC.SerializationContext(AC.Version.parse(version, new AC.SerializationContext()) || AC.Versions.v1_5);
  model.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push({ kind: AC.ValidationEvent[e.event], message: e.message, source: 'parse' });
  }
  for (const e of model.validateProperties().validationEvents) {
    const type = e.source && typeof e.source.getJsonTypeName === 'function' ? e.source.getJsonTypeName() : 'card';
    events.push({ kind: AC.ValidationEvent[e.event], message: e.message, source: e.source && e.source.id ? `${type} #${e.source.id}` : type });
  }
  return events;
}

const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => String(v).split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) > (y[i] || 0);
  return false;
};

const PEOPLE_DATASETS = new Set(['graph.microsoft.com/users', 'graph.microsoft.com/users?scope=currentContext']);

/**
 * A copy of the card without the `choices.data` of Teams people pickers (check 4), each checked on the way: only on an
 * Input.ChoiceSet, exactly {type: "Data.Query", dataset: <a documented people dataset>}. Anything else is kept, so
 * the generic checks still refuse it.
 */
function withoutPeoplePickers(card, findings, at) {
  const walk = (node, pointer) => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${pointer}/${i}`));
    if (!isObject(node)) return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'choices.data' && node.type === 'Input.ChoiceSet' && isObject(value)) {
        const keys = Object.keys(value).sort().join(',');
        if (keys === 'dataset,type' && value.type === 'Data.Query' && PEOPLE_DATASETS.has(value.dataset)) continue;
        findings.error(OURS, at(`${pointer}/choices.data`), `a Teams people picker is {"type": "Data.Query", "dataset": one of ${[...PEOPLE_DATASETS].join(', ')}}`);
        continue;
      }
      out[key] = walk(value, `${pointer}/${key}`);
    }
    return out;
  };
  return walk(card, '');
}

/** Checks one card; `prefix` is the JSON pointer of the card inside a larger payload. */
function checkCard(card, findings, prefix = '') {
  const at = (p) => `${prefix}${p}` || '/';
  if (!isObject(card)) {
    findings.error(OURS, at(''), 'an Adaptive Card is a JSON object');
    return;
  }
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > TEAMS_MAX_BYTES) findings.error(OURS, at(''), `the card is ${bytes} bytes; Teams takes at most 28 KB`);
  if (card.type !== 'AdaptiveCard') findings.error(OURS, at('/type'), `type must be "AdaptiveCard", not ${JSON.stringify(card.type)}`);
  let declared;
  if (card.version === undefined) findings.error(OURS, at('/version'), 'a card must declare its version');
  else if (typeof card.version !== 'string' || !/^\d+\.\d+$/.test(card.version)) {
    findings.error(OURS, at('/version'), `version must be a string such as "1.5", not ${JSON.stringify(card.version)}`);
  } else if (newer(card.version, TEAMS_NEWEST)) {
    findings.error(OURS, at('/version'), `version ${card.version} is newer than Teams renders (${TEAMS_NEWEST})`);
  } else declared = card.version;

  // `msteams` (width, mention entities) is Teams' own extension of the card; the generic schema does not know it.
  const generic = { ...card };
  if ('msteams' in generic) {
    if (!isObject(card.msteams)) findings.error(OURS, at('/msteams'), 'msteams must be an object');
    delete generic.msteams;
  }
  const modelCard = withoutPeoplePickers(generic, findings, at);
  const check = schema();
  if (!check(modelCard)) for (const f of schemaFindings(check.errors)) findings.error(SCHEMA, at(f.at === '/' ? '' : f.at), f.message);

  const seen = new Set();
  for (const e of parseWithModel(modelCard, TEAMS_NEWEST)) {
    seen.add(`${e.kind}|${e.message}`);
    const where = prefix ? `${prefix} (${e.source})` : e.source;
    if (HINTS.has(e.kind)) findings.warn(MODEL, where, `${e.kind}: ${e.message}`);
    else findings.error(MODEL, where, `${e.kind}: ${e.message}`);
  }
  if (declared && declared !== TEAMS_NEWEST) {
    for (const e of parseWithModel(modelCard, declared)) {
      if (seen.has(`${e.kind}|${e.message}`)) continue;
      findings.warn(MODEL, prefix || e.source, `at the declared version ${declared}: ${e.kind}: ${e.message}`);
    }
  }
}

module.exports = { checkCard, CARD_CONTENT_TYPE };

if (require.main === module) {
  run(() => {
    const { file, bytes } = inputFile(process.argv.slice(2), 'validate-adaptive-card.sh FILE   (a card, or an attachment holding one, as JSON)');
    const findings = new Findings('Adaptive Card for Teams', file);
    const json = parseJson(bytes.toString('utf8'), findings);
    if (json === undefined) return findings.exit();
    if (isObject(json) && json.contentType !== undefined) {
      if (json.contentType !== CARD_CONTENT_TYPE) {
        findings.error(OURS, '/contentType', `an Adaptive Card attachment has contentType ${CARD_CONTENT_TYPE}, not ${JSON.stringify(json.contentType)}`);
        return findings.exit();
      }
      checkCard(json.content, findings, '/content');
    } else {
      checkCard(json, findings);
    }
    return findings.exit();
  });
}
