#!/usr/bin/env node
// Plugin styles use the UI kit's tokens only (docs/ui-kit.md): in `css` template literals
// and `style=` bindings under plugins/*/ui, no color literal (hex, rgb()/hsl()/..., named
// colors) and no px/rem/em length. `%`, `fr`, `ch`, `vw`/`vh`, unitless `0` and `calc()`
// over tokens are fine; so are the conditions of `@media`/`@container` rules, where CSS
// takes no custom properties. Prints `plugin-styles: <file>:<line>: ...` per offence and
// exits 1. `node scripts/check-plugin-styles.mjs [root]` checks another checkout (the
// tests run it on a fixture).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFiles } from './source-files.mjs';

const root = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('..', import.meta.url));

// CSS named colors (CSS Color 4), besides the keywords that carry no color of their own
// (transparent, currentColor, inherit, ...).
const namedColors = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown ' +
    'burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan ' +
    'darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid ' +
    'darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet ' +
    'deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ' +
    'ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki ' +
    'lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow ' +
    'lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine ' +
    'mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise ' +
    'mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab ' +
    'orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru ' +
    'pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown ' +
    'seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen steelblue tan ' +
    'teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen'
  ).split(' '),
);

const tokenHint = {
  color: 'use a --wa-color-* token (or a documented --outpost-* one)',
  length:
    'use a --wa-space-*, --wa-font-size-*, --wa-border-* or --wa-border-radius-* token (or %, fr, ch, vw, calc() over tokens)',
};

/** The offences in one CSS value (`at` is the value's offset in the file). */
function checkValue(value, at, report) {
  const hits = [];
  for (const m of value.matchAll(/#[0-9a-f]{3,8}\b/gi)) hits.push([m.index, 'color', m[0]]);
  for (const m of value.matchAll(/\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^()]*\)/gi))
    hits.push([m.index, 'color', m[0]]);
  for (const m of value.matchAll(/(?<![\w-])[a-z]+(?![\w(-])/gi))
    if (namedColors.has(m[0].toLowerCase())) hits.push([m.index, 'color', m[0]]);
  for (const m of value.matchAll(/(?<![\w.-]|--[\w-]*)-?(?:\d+\.?\d*|\.\d+)(?:px|rem|em)\b/gi))
    hits.push([m.index, 'length', m[0]]);
  for (const [index, kind, text] of hits.sort((a, b) => a[0] - b[0]))
    report(at + index, `${kind === 'color' ? 'color literal' : 'hard-coded length'} ${text}; ${tokenHint[kind]}`);
}

/** Blank out `${...}` interpolations and comments, keeping offsets and line breaks. */
const blank = (text) => text.replace(/[^\n]/g, ' ');

/** The end (index of the closing backtick) of the template literal whose body starts at `start`. */
function templateEnd(text, start) {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '`') return i;
    else if (c === '$' && text[i + 1] === '{') i = expressionEnd(text, i + 2) + 1;
    else i++;
  }
  return text.length;
}

/** The index of the `}` that closes an expression starting at `start`. */
function expressionEnd(text, start) {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') i = templateEnd(text, i + 1) + 1;
    else if (c === "'" || c === '"') {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
      i++;
    } else i++;
  }
  return text.length;
}

/** A css`` body with interpolations and comments blanked. */
function cssBody(text, start, end) {
  let body = '';
  let i = start;
  while (i < end) {
    if (text[i] === '$' && text[i + 1] === '{') {
      const close = expressionEnd(text, i + 2);
      body += blank(text.slice(i, close + 1));
      i = close + 1;
    } else body += text[i++];
  }
  return body.replace(/\/\*[\s\S]*?\*\//g, blank);
}

/** Declarations of a style sheet: every innermost `{ ... }` block, split at `;`. */
function checkSheet(body, at, report) {
  for (const block of body.matchAll(/\{([^{}]*)\}/g)) checkDeclarations(block[1], at + block.index + 1, report);
}

function checkDeclarations(text, at, report) {
  let offset = 0;
  for (const declaration of text.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon >= 0) checkValue(declaration.slice(colon + 1), at + offset + colon + 1, report);
    offset += declaration.length + 1;
  }
}

const problems = [];
for (const plugin of (() => {
  try {
    return readdirSync(join(root, 'plugins')).sort();
  } catch {
    return [];
  }
})()) {
  for (const file of sourceFiles(join(root, 'plugins', plugin, 'ui'), (name) => name.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    const name = relative(root, file);
    const lineOf = (index) => text.slice(0, index).split('\n').length;
    const report = (index, message) => problems.push(`plugin-styles: ${name}:${lineOf(index)}: ${message}`);
    for (const m of text.matchAll(/\bcss`/g)) {
      const start = m.index + m[0].length;
      checkSheet(cssBody(text, start, templateEnd(text, start)), start, report);
    }
    // style="..." in a template, and style=${styleMap({...})}: the values in its strings.
    for (const m of text.matchAll(/\bstyle=(?:"([^"]*)"|'([^']*)'|\$\{)/g)) {
      if (m[1] !== undefined || m[2] !== undefined) {
        checkDeclarations(m[1] ?? m[2], m.index + 7, report);
        continue;
      }
      const start = m.index + m[0].length;
      const expression = text.slice(start, expressionEnd(text, start));
      for (const s of expression.matchAll(/'([^']*)'|"([^"]*)"/g))
        checkValue(s[1] ?? s[2], start + s.index + 1, report);
    }
  }
}

for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log('plugin-styles: plugin styles use the UI kit tokens only (no color literal, no px/rem/em length)');
