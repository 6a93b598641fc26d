/**
 * Boolean expressions over condition ids (`rule_cond_expr: "a and (b or not c)"`), as pySigma's
 * `condition_expressions` defines them: `and`, `or`, `not`, parentheses, identifiers.
 * @module
 */
export type CondExpr =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'not'; readonly operand: CondExpr }
  | { readonly kind: 'and' | 'or'; readonly left: CondExpr; readonly right: CondExpr };

export type CondExprParse =
  | { readonly ok: true; readonly expr: CondExpr; readonly ids: ReadonlySet<string> }
  | { readonly ok: false; readonly reason: string };

/** Parses an expression; reports the first problem with its character offset. */
export function parseCondExpr(text: string): CondExprParse {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const ids = new Set<string>();
  const fail = (reason: string): never => {
    throw new SyntaxError(reason);
  };
  const peek = () => tokens[at];
  const parseOr = (): CondExpr => {
    let left = parseAnd();
    while (peek() === 'or') {
      at++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): CondExpr => {
    let left = parseNot();
    while (peek() === 'and') {
      at++;
      left = { kind: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): CondExpr => {
    const token = peek();
    if (token === 'not') {
      at++;
      return { kind: 'not', operand: parseNot() };
    }
    if (token === '(') {
      at++;
      const inner = parseOr();
      if (peek() !== ')') fail(`expected ")" after token ${at} in "${text}"`);
      at++;
      return inner;
    }
    if (token === undefined) return fail(`"${text}" ends where a condition id was expected`);
    if (token === ')' || token === 'and' || token === 'or') {
      return fail(`unexpected "${token}" in "${text}"`);
    }
    at++;
    ids.add(token);
    return { kind: 'id', id: token };
  };
  try {
    const expr = parseOr();
    if (at < tokens.length) fail(`unexpected "${tokens[at]}" in "${text}"`);
    return { ok: true, expr, ids };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Evaluates an expression given each id's truth. */
export function evaluateCondExpr(expr: CondExpr, truth: (id: string) => boolean): boolean {
  switch (expr.kind) {
    case 'id':
      return truth(expr.id);
    case 'not':
      return !evaluateCondExpr(expr.operand, truth);
    case 'and':
      return evaluateCondExpr(expr.left, truth) && evaluateCondExpr(expr.right, truth);
    case 'or':
      return evaluateCondExpr(expr.left, truth) || evaluateCondExpr(expr.right, truth);
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}
