import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The documents whose TypeScript blocks must compile. */
const documents = ['docs/plugins.md'];

interface CodeBlock {
  document: string;
  /** Line of the block's first code line in the document (1-based). */
  line: number;
  /** Where the block's first line `// path/to/file.ts` puts it; a block without one is a module of its own. */
  path: string;
  code: string;
}

/**
 * Every ```ts block of a document. A block that starts with a path comment
 * (`// plugins/example/src/plugin.ts`) is that file of the example plugin, so the blocks
 * of a walkthrough compile together with the rest of the scaffold; any other block must
 * compile on its own.
 */
function codeBlocks(document: string): CodeBlock[] {
  const lines = readFileSync(join(root, document), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    const named = /^\/\/ ((?:plugins|test)\/[\w./-]+\.ts)\s*$/.exec(lines[start] ?? '');
    const first = named ? start + 1 : start;
    const path = named ? named[1]! : `snippets/${document.replace(/\W/g, '-')}-${start + 1}.ts`;
    blocks.push({ document, line: first + 1, path, code: lines.slice(first, end).join('\n') });
    i = end;
  }
  return blocks;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function compilerOptions(browser: boolean): ts.CompilerOptions {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(base.compilerOptions, root);
  return {
    ...options,
    noEmit: true,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    types: browser ? [] : ['node', 'mocha'],
    lib: browser ? ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'] : ['lib.es2023.d.ts'],
    useDefineForClassFields: browser ? false : options.useDefineForClassFields,
  };
}

describe('docs: code blocks', function () {
  this.timeout(120_000);
  const workDir = join(root, '.cache', `docs-check-${process.pid}`);
  after(() => rmSync(workDir, { recursive: true, force: true }));

  for (const document of documents) {
    it(`${document}: every TypeScript block compiles, and the example plugin's files are the scaffold's`, async () => {
      const blocks = codeBlocks(document);
      expect(blocks.length, `${document} has TypeScript blocks`).to.be.greaterThan(0);
      const byFile = new Map<string, CodeBlock>();
      const scaffold = await import(pathToFileURL(join(root, 'scripts', 'new-plugin.mjs')).href);
      const examples = new Set(blocks.map((b) => /^plugins\/([^/]+)\//.exec(b.path)?.[1]).filter(Boolean));
      for (const id of examples) {
        const files = scaffold.scaffoldFiles(id) as Map<string, string>;
        for (const [path, text] of files) {
          const file = join(workDir, 'plugins', id!, path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
          const shown = blocks.find((b) => b.path === `plugins/${id}/${path}`);
          // The walkthrough shows the scaffold's own files, word for word.
          if (shown)
            expect(
              `${shown.code}\n`,
              `${document}:${shown.line}: ${shown.path} differs from what the scaffold writes`,
            ).to.equal(text);
        }
      }
      for (const block of blocks) {
        const file = join(workDir, block.path);
        expect(byFile.has(file), `${document}:${block.line}: ${block.path} appears twice`).to.equal(false);
        byFile.set(file, block);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${block.code}\n`);
      }
      const problems: string[] = [];
      for (const browser of [false, true]) {
        const files = sourcesUnder(workDir).filter((file) => file.includes('/ui/') === browser);
        if (files.length === 0) continue;
        const program = ts.createProgram(files, compilerOptions(browser));
        for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
          const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
          const block = diagnostic.file && byFile.get(diagnostic.file.fileName);
          if (diagnostic.file && block && diagnostic.start !== undefined) {
            const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
            problems.push(`${block.document}:${block.line + line}: ${message}`);
          } else {
            const where = diagnostic.file ? relative(root, diagnostic.file.fileName) : 'compiler';
            problems.push(`${where}: ${message}`);
          }
        }
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  }
});
