// What the web app shows in English, read from the sources: every t() text of the shell
// (ui/src) and of each plugin's UI (plugins/<id>/ui), the values of `...Labels` tables
// (texts a page translates at render, `t(statusLabels[status])`), the texts each
// plugin declares for the shell in its `ui` definition (navigation labels, home actions,
// notifications, settings tabs), the navigation entries its server answers
// (`{ label, path }` in plugins/<id>/src), the quotas they count (`registerCounter`) and
// the agent operations' descriptions. test/i18n/dictionaries.test.ts checks them against the
// German dictionaries.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corePermissionDefinitions } from '@outpost/core';
import ts from 'typescript';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

/** One English text and where it is used (`ui/src/app.ts:12`). */
export interface SourceText {
  text: string;
  where: string;
}

/** A part of the web app with its own dictionary: the shell, or one plugin. */
export interface TextOwner {
  /** `shell` or the plugin's id. */
  id: string;
  /** The owner's German dictionary (`ui/src/locales/de.ts`, `plugins/<id>/ui/locales/de.json`). */
  dictionary: string;
  texts: SourceText[];
  /** t() calls whose text is built at run time (`t(\`Hello ${name}\`)`): no dictionary can hold them. */
  computed: SourceText[];
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' || name === 'node_modules' ? [] : typeScriptFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The string literals an expression can evaluate to (`a ? 'x' : 'y'`, `'x' ?? 'y'`); undefined for anything computed. */
function literals(node: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literals(node.expression);
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [literals(node.whenTrue), literals(node.whenFalse)];
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

/** Every string value of an object literal, nested ones included. */
function objectStrings(node: ts.Expression): string[] {
  while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node))
    node = node.expression;
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((property) => {
    if (!ts.isPropertyAssignment(property)) return [];
    const value = property.initializer;
    if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return [value.text];
    return objectStrings(value);
  });
}

/** The texts of one folder of UI sources. */
export function sourceTexts(dir: string): { texts: SourceText[]; computed: SourceText[] } {
  const texts: SourceText[] = [];
  const computed: SourceText[] = [];
  for (const file of typeScriptFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const argument = node.arguments[0];
        const found = argument && literals(argument);
        if (found) texts.push(...found.map((text) => ({ text, where: where(node) })));
        else if (argument && ts.isTemplateExpression(argument))
          computed.push({ text: argument.getText(source), where: where(node) });
      }
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        /labels$/i.test(node.name.text) &&
        node.initializer
      ) {
        texts.push(...objectStrings(node.initializer).map((text) => ({ text, where: where(node) })));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { texts, computed };
}

/**
 * Navigation entries a plugin's server answers (`{ label: 'Trash', path: '/devices/trash' }`,
 * the `children` of a nav entry): English the shell translates, unless marked `verbatim`.
 */
export function serverNavTexts(dir: string): SourceText[] {
  const texts: SourceText[] = [];
  for (const file of typeScriptFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const property = (name: string) =>
          node.properties.find(
            (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name,
          );
        const label = property('label')?.initializer;
        if (label && property('path') && (ts.isStringLiteral(label) || ts.isNoSubstitutionTemplateLiteral(label)))
          texts.push({
            text: label.text,
            where: `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
          });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return texts;
}

/**
 * The names of the quotas a plugin or the core counts (`quotas.registerCounter({ label: 'Devices', ... })`),
 * which the Billing tab shows: English the shell translates with the owner's dictionary.
 */
export function counterTexts(dir: string): SourceText[] {
  const texts: SourceText[] = [];
  for (const file of typeScriptFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const argument = ts.isCallExpression(node) ? node.arguments[0] : undefined;
      if (
        argument &&
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'registerCounter' &&
        ts.isObjectLiteralExpression(argument)
      ) {
        for (const property of argument.properties)
          if (
            ts.isPropertyAssignment(property) &&
            property.name.getText(source) === 'label' &&
            ts.isStringLiteral(property.initializer)
          )
            texts.push({
              text: property.initializer.text,
              where: `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
            });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return texts;
}

/** The agent operations' descriptions, which a device's page offers (translated by the devices plugin). */
async function operationTexts(): Promise<SourceText[]> {
  const { operationCatalog } = (await import(pathToFileURL(join(root, 'agent', 'dist', 'src', 'catalog.js')).href)) as {
    operationCatalog: Array<{ description: string }>;
  };
  return operationCatalog.map((op) => ({ text: op.description, where: 'agent/src/catalog.ts' }));
}

/** The texts a plugin declares for the shell to show: `label`, `title` and `body` of every item its `ui` lists. */
export function declaredTexts(id: string, ui: object | undefined): SourceText[] {
  return Object.entries(ui ?? {}).flatMap(([field, value]) =>
    Array.isArray(value)
      ? value.flatMap((item: Record<string, unknown>, index) =>
          ['label', 'title', 'body']
            .filter((key) => typeof item?.[key] === 'string' && item[key] !== '')
            .map((key) => ({ text: item[key] as string, where: `plugin ${id}: ui.${field}[${index}].${key}` })),
        )
      : [],
  );
}

/** The plugins/<id> folders that have a UI. */
export function pluginIds(): string[] {
  return readdirSync(join(root, 'plugins'))
    .filter((id) => {
      try {
        return statSync(join(root, 'plugins', id, 'ui')).isDirectory();
      } catch {
        return false;
      }
    })
    .sort();
}

/** A plugin's definition, from its package's exports (the object whose `id` is the plugin's). */
interface Definition {
  id: string;
  ui?: object;
  permissions?: Array<{ description?: string }>;
}

export async function pluginDefinition(id: string): Promise<Definition> {
  const module = (await import(pathToFileURL(join(root, 'plugins', id, 'dist', 'src', 'index.js')).href)) as Record<
    string,
    unknown
  >;
  const definition = Object.values(module).find(
    (value): value is Definition => !!value && typeof value === 'object' && (value as { id?: unknown }).id === id,
  );
  if (!definition) throw new Error(`plugins/${id}/src/index.ts exports no plugin definition with id '${id}'`);
  return definition;
}

/** What permissions allow, in words: the roles page shows each description (translated by its owner's dictionary). */
function permissionTexts(owner: string, permissions: Array<{ description?: string }> | undefined): SourceText[] {
  return (permissions ?? [])
    .filter((permission) => permission.description)
    .map((permission, index) => ({ text: permission.description!, where: `${owner}: permissions[${index}]` }));
}

/** The shell and each plugin with the English texts they show. */
export async function textOwners(): Promise<TextOwner[]> {
  const shell = sourceTexts(join(root, 'ui', 'src'));
  const owners: TextOwner[] = [
    {
      id: 'shell',
      dictionary: 'ui/src/locales/de.ts',
      texts: [
        ...permissionTexts('core', corePermissionDefinitions),
        ...counterTexts(join(root, 'core', 'src')),
        ...shell.texts,
      ],
      computed: shell.computed,
    },
  ];
  for (const id of pluginIds()) {
    const { texts, computed } = sourceTexts(join(root, 'plugins', id, 'ui'));
    const definition = await pluginDefinition(id);
    const declared = [...declaredTexts(id, definition.ui), ...permissionTexts(id, definition.permissions)];
    const served = [
      ...serverNavTexts(join(root, 'plugins', id, 'src')),
      ...counterTexts(join(root, 'plugins', id, 'src')),
    ];
    const operations = id === 'devices' ? await operationTexts() : [];
    owners.push({
      id,
      dictionary: `plugins/${id}/ui/locales/de.json`,
      texts: [...declared, ...served, ...operations, ...texts],
      computed,
    });
  }
  return owners;
}

/**
 * A text's placeholders as one comparable signature: the `{name}` arguments, and for each
 * `{count, plural, ...}` the forms it offers, sorted (`count:plural(one,other) name`).
 */
export function placeholders(text: string): string {
  const found: string[] = [];
  const plural = /\{(\w+),\s*plural,/g;
  let rest = text;
  for (let match = plural.exec(rest); match; match = plural.exec(rest)) {
    let i = match.index + match[0].length;
    const forms: string[] = [];
    let inner = '';
    for (;;) {
      while (/\s/.test(rest[i] ?? '')) i += 1;
      if (rest[i] !== '{' && rest[i] !== '}' && i < rest.length) {
        const selector = /^(=\d+|\w+)\s*\{/.exec(rest.slice(i));
        if (!selector) break;
        forms.push(selector[1]!);
        i += selector[0].length;
        let depth = 1;
        const start = i;
        for (; i < rest.length && depth > 0; i += 1) depth += rest[i] === '{' ? 1 : rest[i] === '}' ? -1 : 0;
        inner += ` ${rest.slice(start, i - 1)}`;
        continue;
      }
      break;
    }
    found.push(`${match[1]}:plural(${forms.sort().join(',')})`);
    rest = rest.slice(0, match.index) + inner + rest.slice(i + 1);
    plural.lastIndex = 0;
  }
  for (const [, name] of rest.matchAll(/\{(\w+)\}/g)) found.push(name!);
  return [...new Set(found)].sort().join(' ');
}
