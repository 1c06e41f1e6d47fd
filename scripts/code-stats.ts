// Prints the readability figures the README quotes: lines over 120 characters, files over 300 lines and
// functions over 80 lines (outside tests and generated files), one-letter names outside tiny lambdas and loop
// indices, functions taking more than four positional parameters, and non-null assertions.
// Usage: npx tsx scripts/code-stats.ts [--list]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const MAX_LINE = 120;
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
const MAX_POSITIONAL = 4;
/** A lambda this short (lines) may name its parameters with one letter: `(a, b) => a.n - b.n`. */
const TINY_LAMBDA_LINES = 3;

const list = process.argv.includes('--list');
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && !file.startsWith('test/fixtures/mail/'));

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('test/');
const isGenerated = (file: string) => file === 'src/db/schema.ts';

interface Finding {
  file: string;
  line: number;
  what: string;
}
const findings: Record<string, Finding[]> = {
  'lines over 120 characters': [],
  'source files over 300 lines': [],
  'functions over 80 lines outside tests': [],
  'one-letter names outside tiny lambdas and loop indices': [],
  'functions with more than four positional parameters': [],
  'non-null assertions': [],
};
const add = (kind: string, finding: Finding) => findings[kind]!.push(finding);

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if ([...line].length > MAX_LINE) {
      add('lines over 120 characters', { file, line: index + 1, what: `${[...line].length} characters` });
    }
  });
  if (isGenerated(file)) {
    continue;
  }
  if (!isTest(file) && lines.length > MAX_FILE_LINES) {
    add('source files over 300 lines', { file, line: 1, what: `${lines.length} lines` });
  }
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const span = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getEnd()).line + 2 - lineOf(node);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
      if (!isTest(file) && span(node) > MAX_FUNCTION_LINES && !ts.isClassLike(node)) {
        add('functions over 80 lines outside tests', {
          file,
          line: lineOf(node),
          what: `${name}: ${span(node)} lines`,
        });
      }
      const positional = node.parameters.filter((parameter) => !parameter.dotDotDotToken).length;
      if (positional > MAX_POSITIONAL) {
        add('functions with more than four positional parameters', {
          file,
          line: lineOf(node),
          what: `${name}: ${positional} parameters`,
        });
      }
      const tiny = ts.isArrowFunction(node) && span(node) <= TINY_LAMBDA_LINES;
      for (const parameter of node.parameters) {
        if (!tiny && ts.isIdentifier(parameter.name) && parameter.name.text.length === 1) {
          add('one-letter names outside tiny lambdas and loop indices', {
            file,
            line: lineOf(parameter),
            what: `parameter ${parameter.name.text} of ${name}`,
          });
        }
      }
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text.length === 1) {
      const inLoopHeader = ts.isVariableDeclarationList(node.parent) && ts.isForStatement(node.parent.parent);
      if (!inLoopHeader && node.name.text !== '_') {
        add('one-letter names outside tiny lambdas and loop indices', {
          file,
          line: lineOf(node),
          what: `variable ${node.name.text}`,
        });
      }
    }
    if (ts.isNonNullExpression(node)) {
      add('non-null assertions', { file, line: lineOf(node), what: node.getText(source).slice(0, 60) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

for (const [kind, found] of Object.entries(findings)) {
  console.log(`${String(found.length).padStart(6)}  ${kind}`);
  if (list) {
    for (const finding of found) {
      console.log(`        ${finding.file}:${finding.line}  ${finding.what}`);
    }
  }
}
console.log(`${String(files.length).padStart(6)}  TypeScript files read`);
