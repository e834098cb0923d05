'use strict';
// Would Teams accept this app? Input: a manifest.json, or the app package (.zip) uploaded to Teams.
//
// 1. Microsoft's own schema for the manifest's manifestVersion, as bundled in @microsoft/app-manifest (the Microsoft
//    365 Agents Toolkit's manifest package; json-schemas/teams/vX.Y/), checked by that package's
//    AppManifestUtils.validateAgainstSchema, the check the toolkit runs. Nothing is downloaded. Localization files
//    are checked against the bundled localization schema (with ajv-draft-04 and non-unicode patterns, which that
//    schema needs).
// 2. Package rules (ours, from Microsoft's app package documentation): manifest.json at the root of the zip, every
//    icon and localization file in the package, icons PNG (color 192x192; outline 32x32, white on transparent),
//    $schema naming the same version as manifestVersion, a semver app version, no unresolved ${{...}} placeholders.
const fs = require('node:fs');
const path = require('node:path');
const { Findings, OURS, versionOf, inputFile, parseJson, run, isObject } = require('./findings');

const PACKAGE = '@microsoft/app-manifest';
const OFFICIAL = `${PACKAGE}@${versionOf(PACKAGE)}`;
const SCHEMAS = path.join(__dirname, '..', 'node_modules', ...PACKAGE.split('/'), 'build', 'json-schemas', 'teams');

function bundledSchema(version, name) {
  const file = path.join(SCHEMAS, version, name);
  if (!fs.existsSync(file)) return undefined;
  // The package reads its bundled schemas the same way: \a and \v are not JSON escapes.
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

function checkIcon(findings, key, bytes, where, width, height, outline) {
  const { PNG } = require('pngjs');
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes || bytes.length < 8 || !bytes.subarray(0, 8).equals(signature)) {
    findings.error(OURS, where, `the ${key} icon is not a PNG`);
    return;
  }
  let png;
  try {
    png = PNG.sync.read(bytes);
  } catch (e) {
    findings.error(OURS, where, `the ${key} icon cannot be read as PNG (${e.message})`);
    return;
  }
  if (png.width !== width || png.height !== height) {
    findings.error(OURS, where, `the ${key} icon is ${png.width}x${png.height}; it must be ${width}x${height}`);
  }
  if (!outline) return;
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a < 255) transparent++;
    if (a >= 32 && (r < 230 || g < 230 || b < 230)) coloured++;
  }
  if (transparent === 0) findings.error(OURS, where, 'the outline icon needs a transparent background');
  if (coloured > 0) findings.error(OURS, where, `the outline icon must be white on transparent; ${coloured} visible pixel(s) are not white`);
}

function checkLocalization(data, schema) {
  const Ajv04 = require('ajv-draft-04');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv04({ allErrors: true, strict: false, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const check = ajv.compile(schema);
  return check(data) ? [] : check.errors.map((e) => ({ at: e.instancePath || '/', message: `${e.message} ${JSON.stringify(e.params)}` }));
}

run(async () => {
  const { file, bytes } = inputFile(process.argv.slice(2), 'validate-teams-manifest.sh FILE   (manifest.json or the app package .zip)');
  const findings = new Findings('Teams app manifest', file);
  const zipped = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

  let manifestText;
  let fileInPackage; // relative path -> bytes, or undefined
  if (zipped) {
    const AdmZip = require('adm-zip');
    let entries;
    try {
      entries = new AdmZip(bytes).getEntries().filter((e) => !e.isDirectory);
    } catch (e) {
      findings.error(OURS, '/', `not a readable zip (${e.message})`);
      return findings.exit();
    }
    const byName = new Map(entries.map((e) => [e.entryName.replace(/\\/g, '/'), e]));
    const root = byName.get('manifest.json');
    if (!root) {
      const nested = [...byName.keys()].find((n) => n.endsWith('/manifest.json'));
      findings.error(OURS, '/', nested
        ? `manifest.json must sit at the root of the zip, not at ${nested} (zip the files, not their folder)`
        : 'the package has no manifest.json');
      return findings.exit();
    }
    manifestText = root.getData().toString('utf8');
    fileInPackage = (rel) => {
      const entry = byName.get(String(rel).replace(/\\/g, '/').replace(/^\.\//, ''));
      return entry ? entry.getData() : undefined;
    };
  } else {
    manifestText = bytes.toString('utf8');
    const dir = path.dirname(path.resolve(file));
    fileInPackage = (rel) => {
      const p = path.resolve(dir, String(rel));
      return fs.existsSync(p) && fs.statSync(p).isFile() ? fs.readFileSync(p) : undefined;
    };
  }

  const manifest = parseJson(manifestText, findings);
  if (manifest === undefined) return findings.exit();
  if (!isObject(manifest)) {
    findings.error('JSON', '/', 'a manifest is a JSON object');
    return findings.exit();
  }
  const mv = manifest.manifestVersion;
  if (typeof mv !== 'string') {
    findings.error(OFFICIAL, '/manifestVersion', 'manifestVersion is required, as a string such as "1.29"');
    return findings.exit();
  }
  const version = /^devpreview$/i.test(mv) ? 'vDevPreview' : `v${mv}`;
  const schema = bundledSchema(version, 'MicrosoftTeams.schema.json');
  if (!schema) {
    const known = fs.readdirSync(SCHEMAS).filter((d) => fs.existsSync(path.join(SCHEMAS, d, 'MicrosoftTeams.schema.json')));
    findings.error(OFFICIAL, '/manifestVersion', `no schema for manifestVersion "${mv}"; known: ${known.join(', ')}`);
    return findings.exit();
  }

  const { AppManifestUtils } = require(PACKAGE);
  for (const e of await AppManifestUtils.validateAgainstSchema(manifest, schema)) {
    const space = e.indexOf(' ');
    findings.error(OFFICIAL, space > 0 ? e.slice(0, space) : '/', space > 0 ? e.slice(space + 1) : e);
  }

  const schemaUrl = typeof manifest.$schema === 'string'
    ? manifest.$schema.match(/\/json-schemas\/teams\/(v[0-9.]+|vDevPreview)\/MicrosoftTeams\.schema\.json$/i)
    : null;
  if (manifest.$schema === undefined) findings.warn(OURS, '/$schema', 'no $schema: tools cannot tell which schema applies');
  else if (!schemaUrl) findings.warn(OURS, '/$schema', `"${manifest.$schema}" is not a Teams schema URL`);
  else if (schemaUrl[1].toLowerCase() !== version.toLowerCase()) {
    findings.error(OURS, '/$schema', `$schema names ${schemaUrl[1]} but manifestVersion is "${mv}"`);
  }
  if (typeof manifest.version === 'string' && !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(manifest.version)) {
    findings.error(OURS, '/version', `the app version "${manifest.version}" must be MAJOR.MINOR.PATCH`);
  }
  const placeholders = [...new Set(manifestText.match(/\$\{\{[^}]*\}\}/g) || [])];
  if (placeholders.length) {
    const message = `unresolved placeholders: ${placeholders.join(', ')}`;
    if (zipped) findings.error(OURS, '/', message);
    else findings.warn(OURS, '/', `${message} (fine in a template, not in a package)`);
  }

  const icons = isObject(manifest.icons) ? manifest.icons : {};
  for (const [key, width, height, outline] of [['color', 192, 192, false], ['outline', 32, 32, true], ['color32x32', 32, 32, false]]) {
    const rel = icons[key];
    if (typeof rel !== 'string' || /^[a-z]+:\/\//i.test(rel)) continue; // the schema speaks about URLs
    const data = fileInPackage(rel);
    if (data) checkIcon(findings, key, data, `/icons/${key} (${rel})`, width, height, outline);
    else if (zipped) findings.error(OURS, `/icons/${key}`, `${rel} is not in the package`);
    else findings.warn(OURS, `/icons/${key}`, `${rel} is not beside the manifest, so it was not checked`);
  }

  const languages = isObject(manifest.localizationInfo) && Array.isArray(manifest.localizationInfo.additionalLanguages)
    ? manifest.localizationInfo.additionalLanguages : [];
  const localizationSchema = bundledSchema(version, 'MicrosoftTeams.Localization.schema.json');
  languages.forEach((language, i) => {
    if (!isObject(language) || typeof language.file !== 'string') return;
    const where = `/localizationInfo/additionalLanguages/${i}/file (${language.file})`;
    const data = fileInPackage(language.file);
    if (!data) {
      if (zipped) findings.error(OURS, where, 'the localization file is not in the package');
      else findings.warn(OURS, where, 'the localization file is not beside the manifest, so it was not checked');
      return;
    }
    const inner = new Findings('', '');
    const localized = parseJson(data.toString('utf8'), inner);
    if (localized === undefined) {
      findings.error('JSON', where, inner.errors[0].message);
      return;
    }
    if (!localizationSchema) return;
    for (const e of checkLocalization(localized, localizationSchema)) findings.error(`${OFFICIAL} localization schema`, `${where} ${e.at}`, e.message);
  });
  return findings.exit();
});
