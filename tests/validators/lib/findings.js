'use strict';
// What every check reports through: errors make a payload invalid, warnings do not. Each finding names where its
// rule comes from, so a reader can tell the platforms' own artifacts ("@slack/types@3.2.0", "Slack manifest schema")
// from rules we wrote down from the platforms' documentation ("PromiseBot").
//
// Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error or unreadable input, 3 the check itself broke.
const fs = require('node:fs');
const path = require('node:path');

const OURS = 'PromiseBot';

/** The installed version of a package, for naming the artifact a finding comes from. */
function versionOf(pkg) {
  const file = path.join(__dirname, '..', 'node_modules', ...pkg.split('/'), 'package.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

class Findings {
  constructor(what, file) {
    this.what = what;
    this.file = file;
    this.errors = [];
    this.warnings = [];
  }

  error(rule, at, message) {
    this.errors.push({ rule, at, message });
  }

  warn(rule, at, message) {
    this.warnings.push({ rule, at, message });
  }

  /** Prints the findings (to stderr when invalid, else stdout) and exits 0 or 1. */
  exit() {
    const line = (kind, f) => `  ${kind} ${f.at || '/'}: ${f.message} [${f.rule}]`;
    const lines = [`${this.what}: ${this.file}`];
    for (const f of this.errors) lines.push(line('error  ', f));
    for (const f of this.warnings) lines.push(line('warning', f));
    const valid = this.errors.length === 0;
    lines.push(valid
      ? `valid (${this.warnings.length} warning(s))`
      : `INVALID: ${this.errors.length} error(s), ${this.warnings.length} warning(s)`);
    (valid ? process.stdout : process.stderr).write(lines.join('\n') + '\n');
    process.exit(valid ? 0 : 1);
  }
}

function usage(message) {
  process.stderr.write(`usage: ${message}\n`);
  process.exit(2);
}

/** The file named on the command line as bytes; exit 2 when it is missing or unreadable. */
function inputFile(argv, usageText) {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) usage(usageText);
  try {
    return { file, bytes: fs.readFileSync(file) };
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${e.message}\n`);
    process.exit(2);
  }
}

/** Parses JSON text; a syntax error becomes a finding and the result is undefined. */
function parseJson(text, findings, at = '/') {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    findings.error('JSON', at, `not valid JSON (${e.message})`);
    return undefined;
  }
}

/** Runs a check's main function; a crash is exit 3, never a silent pass. */
function run(main) {
  Promise.resolve()
    .then(main)
    .catch((e) => {
      process.stderr.write(`the check itself failed: ${e && e.stack ? e.stack : e}\n`);
      process.exit(3);
    });
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

module.exports = { Findings, OURS, versionOf, inputFile, parseJson, run, isObject };
