'use strict';
// Would the Bot Connector and Teams accept this outgoing activity? Input: one activity or an array of them.
//
// 1. Microsoft's own activity model (@microsoft/agents-activity, the Microsoft 365 Agents SDK): its runtime zod schema
//    activityZodSchema (what Activity.fromObject applies), extra properties allowed as the package allows them, and
//    the package's enums, which the schema itself leaves open: type, textFormat and attachmentLayout must be known
//    values (errors); inputHint, importance and deliveryMode warn.
// 2. Rules of the Bot Connector and Teams (ours, from Microsoft's Bot Framework and Teams documentation): a message
//    needs non-empty text or an attachment; at most 28 KB; camelCase property names; every attachment has content or
//    contentUrl; Adaptive Card attachments are checked as cards (see adaptive-card.js); a mention entity names whom it
//    mentions and its text appears in the message.
const { Findings, OURS, versionOf, inputFile, parseJson, run, isObject } = require('./findings');
const { checkCard, CARD_CONTENT_TYPE } = require('./adaptive-card');

const PACKAGE = '@microsoft/agents-activity';
const MODEL = `${PACKAGE}@${versionOf(PACKAGE)}`;
const TEAMS_MAX_BYTES = 28 * 1024;

function checkActivity(activity, findings, base) {
  const A = require(PACKAGE);
  const at = (p) => `${base}${p}` || '/';
  if (!isObject(activity)) {
    findings.error('JSON', at(''), 'an activity is a JSON object');
    return;
  }
  const parsed = A.activityZodSchema.passthrough().safeParse(activity);
  if (!parsed.success) for (const issue of parsed.error.issues) findings.error(MODEL, at(`/${issue.path.join('/')}`), issue.message);

  for (const [key, values, strict] of [
    ['type', A.ActivityTypes, true], ['textFormat', A.TextFormatTypes, true], ['attachmentLayout', A.AttachmentLayoutTypes, true],
    ['inputHint', A.InputHints, false], ['importance', A.ActivityImportance, false], ['deliveryMode', A.DeliveryModes, false],
  ]) {
    if (typeof activity[key] !== 'string' || !values) continue;
    const known = Object.values(values).filter((v) => typeof v === 'string');
    if (known.includes(activity[key])) continue;
    const message = `"${activity[key]}" is none of ${known.join(', ')}`;
    if (strict) findings.error(`${MODEL} enums`, at(`/${key}`), message);
    else findings.warn(`${MODEL} enums`, at(`/${key}`), message);
  }

  const pascal = Object.keys(activity).filter((k) => /^[A-Z]/.test(k));
  if (pascal.length) findings.error(OURS, at(''), `PascalCase property names (${pascal.join(', ')}): the protocol is camelCase`);
  const bytes = Buffer.byteLength(JSON.stringify(activity), 'utf8');
  if (bytes > TEAMS_MAX_BYTES) findings.error(OURS, at(''), `the activity is ${bytes} bytes; Teams takes at most 28 KB`);
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  if (activity.type === 'message' && !(typeof activity.text === 'string' && activity.text.trim() !== '') && attachments.length === 0) {
    findings.error(OURS, at(''), 'a message needs non-empty text or at least one attachment (the Bot Connector refuses it)');
  }
  attachments.forEach((attachment, i) => {
    const where = at(`/attachments/${i}`);
    if (!isObject(attachment)) return;
    if (attachment.content === undefined && attachment.contentUrl === undefined) findings.error(OURS, where, 'an attachment needs content or contentUrl');
    if (attachment.contentType !== CARD_CONTENT_TYPE || attachment.content === undefined) return;
    let card = attachment.content;
    if (typeof card === 'string') {
      try {
        card = JSON.parse(card);
        findings.warn(OURS, `${where}/content`, 'the card is sent as a JSON string; send it as an object');
      } catch {
        findings.error(OURS, `${where}/content`, 'the card is a string that is not JSON');
        return;
      }
    }
    checkCard(card, findings, `${where}/content`);
  });
  if (activity.attachmentLayout === 'carousel' && attachments.length > 10) {
    findings.warn(OURS, at('/attachments'), `${attachments.length} attachments in a carousel; Teams shows 10`);
  }
  (Array.isArray(activity.entities) ? activity.entities : []).forEach((entity, i) => {
    if (!isObject(entity) || entity.type !== 'mention') return;
    if (!isObject(entity.mentioned) || typeof entity.mentioned.id !== 'string') {
      findings.error(OURS, at(`/entities/${i}/mentioned`), 'a mention names whom it mentions (mentioned.id)');
    }
    if (typeof entity.text === 'string' && !(typeof activity.text === 'string' && activity.text.includes(entity.text))) {
      findings.warn(OURS, at(`/entities/${i}/text`), `"${entity.text}" is not in the message text, so Teams shows no mention`);
    }
  });
}

run(() => {
  const { file, bytes } = inputFile(process.argv.slice(2), 'validate-bot-activity.sh FILE   (an outgoing activity, or an array of them, as JSON)');
  const findings = new Findings('Bot Framework activity for Teams', file);
  const json = parseJson(bytes.toString('utf8'), findings);
  if (json === undefined) return findings.exit();
  if (Array.isArray(json)) json.forEach((a, i) => checkActivity(a, findings, `/${i}`));
  else checkActivity(json, findings, '');
  return findings.exit();
});
