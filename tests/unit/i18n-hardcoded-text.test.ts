import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// No buyer-facing words in the buyer's pages and components: every one comes from messages/*.json
// (through t(), t.rich() or a prop filled by them). The check reads the TSX syntax tree, so it sees
// JSX text (`<p>Hello</p>`), string attributes people read (`aria-label="Close"`, `placeholder`,
// `title`, `alt`, form labels) and string literals rendered as children (`{ok ? 'Paid' : x}`).

const ROOT = join(__dirname, '..', '..');
const SCANNED = [
  'app/[locale]',
  'components/cart',
  'components/catalog',
  'components/layout',
  'components/order',
  'components/product',
  'components/ui',
];

/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'label', 'submitLabel', 'pendingLabel']);

/**
 * Words that are not the shop's language, file by file, each with its reason. Keep it short: a new
 * entry needs a reason a reviewer accepts.
 */
const ALLOWED: Record<string, string[]> = {};

const hasLetters = (s: string) => /\p{L}/u.test(s);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return path.endsWith('.tsx') ? [path] : [];
  });
}

/** String literals that end up as rendered text: directly, or through `a ? 'x' : 'y'`, `a && 'x'`, `a ?? 'x'`. */
function renderedStrings(node: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return [node];
  if (ts.isParenthesizedExpression(node)) return renderedStrings(node.expression);
  if (ts.isConditionalExpression(node)) return [...renderedStrings(node.whenTrue), ...renderedStrings(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    // `cond && 'x'` renders only the right side; `a || 'x'` and `a ?? 'x'` either.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return renderedStrings(node.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
      return [...renderedStrings(node.left), ...renderedStrings(node.right)];
  }
  return [];
}

function literalText(node: ts.Node, source: ts.SourceFile): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return node.getText(source);
}

/** Every hard-coded piece of buyer text in one TSX source, as `line: text`. */
export function hardCodedText(code: string, fileName = 'x.tsx'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${line + 1}: ${text.trim().replace(/\s+/g, ' ')}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetters(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init) && hasLetters(init.text)) report(init, `${node.name.getText(source)}="${init.text}"`);
      if (ts.isJsxExpression(init) && init.expression) {
        for (const s of renderedStrings(init.expression)) if (hasLetters(literalText(s, source))) report(s, literalText(s, source));
      }
    }
    // `{'Hello'}` or `{ok ? 'Paid' : 'Due'}` as a child of an element.
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const s of renderedStrings(node.expression)) if (hasLetters(literalText(s, source))) report(s, literalText(s, source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no hard-coded buyer text', () => {
  it('the check itself catches text, attributes and rendered literals', () => {
    expect(hardCodedText('export const A = () => <p>Hello</p>;')).toEqual(['1: Hello']);
    expect(hardCodedText('export const A = () => <button aria-label="Close cart">×</button>;')).toEqual(['1: aria-label="Close cart"']);
    expect(hardCodedText("export const A = ({ ok }) => <p>{ok ? 'Paid' : t('due')}</p>;")).toEqual(['1: Paid']);
    expect(hardCodedText('export const A = ({ n }) => <input placeholder={`Search ${n}`} />;')).toEqual(['1: Search']);
    // Not text: symbols, numbers, class names, test ids, messages.
    expect(
      hardCodedText('export const A = () => <p className="mt-2" data-testid="x" aria-hidden="true">{t(\'hello\')} × 404 · −</p>;'),
    ).toEqual([]);
  });

  const files = SCANNED.flatMap((dir) => tsxFiles(join(ROOT, dir))).map((f) => relative(ROOT, f));

  it('scans the buyer pages and components', () => {
    expect(files).toContain('app/[locale]/products/[slug]/page.tsx');
    expect(files).toContain('components/layout/site-header.tsx');
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files)('%s', (file) => {
    const found = hardCodedText(readFileSync(join(ROOT, file), 'utf8'), file);
    expect(found.filter((f) => !(ALLOWED[file] ?? []).includes(f.replace(/^\d+: /, '')))).toEqual([]);
  });
});
