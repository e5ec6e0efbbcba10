import { UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { AppConfig } from '../config/app-config.js';
import { BearerAuthMiddleware } from './bearer-auth.middleware.js';

const TOKEN = 'correct-horse-battery-staple';
const SOURCE_PATH = new URL('./bearer-auth.middleware.ts', import.meta.url);

function middleware(): BearerAuthMiddleware {
  return new BearerAuthMiddleware({ http: { port: 0, apiToken: TOKEN } } as AppConfig);
}

/** Runs the middleware on a request with this Authorization header; true when it called next(). */
function admits(authorization: string | undefined): boolean {
  let passed = false;
  const next: NextFunction = () => {
    passed = true;
  };
  middleware().use({ headers: { authorization } } as Request, {} as Response, next);
  return passed;
}

/** Every call in the file, as the text of what is called (`timingSafeEqual`, `a.equals`, …). */
function calledNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) names.push(node.expression.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

describe('BearerAuthMiddleware', () => {
  it('admits the configured token, with any case of "Bearer" and surrounding blanks', () => {
    expect(admits(`Bearer ${TOKEN}`)).toBe(true);
    expect(admits(`bearer   ${TOKEN} `)).toBe(true);
  });

  it.each([
    ['no header', undefined, /Missing bearer token/],
    ['another scheme', `Basic ${TOKEN}`, /Missing bearer token/],
    ['an empty token', 'Bearer ', /Missing bearer token/],
    ['a wrong token', 'Bearer wrong', /Invalid bearer token/],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, /Invalid bearer token/],
    ['the token with more after it', `Bearer ${TOKEN}x`, /Invalid bearer token/],
  ])('refuses %s', (_name, header, message) => {
    expect(() => admits(header)).toThrow(UnauthorizedException);
    expect(() => admits(header)).toThrow(message);
  });

  // Equal behaviour cannot tell a constant-time comparison from Buffer.equals or ===: only the source can
  // (issue #22). The token's digest is compared with node:crypto's timingSafeEqual and with nothing else.
  it('compares the token in constant time (node:crypto timingSafeEqual, no equals or ===)', () => {
    const text = readFileSync(SOURCE_PATH, 'utf8');
    const source = ts.createSourceFile('bearer-auth.middleware.ts', text, ts.ScriptTarget.ES2022, true);
    const imported = source.statements
      .filter(ts.isImportDeclaration)
      .filter((declaration) => (declaration.moduleSpecifier as ts.StringLiteral).text === 'node:crypto')
      .flatMap((declaration) => {
        const bindings = declaration.importClause?.namedBindings;
        return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name.text) : [];
      });
    expect(imported).toContain('timingSafeEqual');
    const calls = calledNames(source);
    expect(calls).toContain('timingSafeEqual');
    expect(calls.filter((name) => /(?:^|\.)(?:equals|compare|localeCompare)$/.test(name))).toEqual([]);

    const strictComparisons: string[] = [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isBinaryExpression(node) &&
        [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(
          node.operatorToken.kind,
        )
      ) {
        strictComparisons.push(node.getText(source));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(strictComparisons).toEqual([]);
  });
});
