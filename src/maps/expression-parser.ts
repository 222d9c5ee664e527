import jsep from 'jsep';

/**
 * The Python subset stream-map expressions may use, as a small typed tree. Anything else is rejected when the
 * config is read, with the construct named: the tree is evaluated by our own walker (expression-compiler.ts),
 * never by `eval` or `Function`.
 */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'name'; name: string }
  | { kind: 'subscript'; object: Expr; index: Expr }
  | { kind: 'call'; fn: CallableName; arg: Expr }
  | { kind: 'unary'; op: '-' | '+' | 'not'; arg: Expr }
  | { kind: 'arithmetic'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'compare'; op: '==' | '!=' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr };

export const CALLABLES = ['md5', 'sha256', 'str', 'int', 'float', 'bool'] as const;
export type CallableName = (typeof CALLABLES)[number];

/** An expression outside the supported subset, or not an expression at all; the message names the construct. */
export class ExpressionError extends Error {}

const ARITHMETIC = new Set(['+', '-', '*', '/']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
/** JavaScript spellings a Python user may type by habit, with the Python word to use instead. */
const JS_OPERATORS: Record<string, string> = { '&&': 'and', '||': 'or', '!': 'not', '===': '==', '!==': '!=' };
const GROUP = 'Group';
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;

// jsep is configured once for the process (its operator tables are static); nothing else here uses jsep.
// Python's word operators and constants; `not` gets Python's precedence in liftNot below.
jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('and', 2);
jsep.addUnaryOp('not');
jsep.addLiteral('True', true);
jsep.addLiteral('False', false);
jsep.addLiteral('None', null);
for (const literal of ['true', 'false', 'null']) jsep.removeLiteral(literal);
// Keep parentheses in the tree: `(not a) == b` and `not a == b` differ in Python.
jsep.hooks.add('gobble-token', function gobbleGroup(env) {
  if (this.code !== OPEN_PAREN) return;
  this.index += 1;
  const start = this.index;
  const nodes = this.gobbleExpressions(CLOSE_PAREN);
  // Read again after parsing moved the index (TypeScript would keep the narrowing from the check above).
  const closing: number = this.code;
  if (closing !== CLOSE_PAREN) this.throwError('Unclosed (');
  this.index += 1;
  if (nodes.length === 0) this.throwError('Empty ()');
  if (nodes.length > 1)
    this.throwError(this.expr.slice(start, this.index).includes(',') ? 'tuples (a, b) are not supported' : 'several expressions in ()');
  env.node = this.gobbleTokenProperty({ type: GROUP, expression: nodes[0] });
});

/** Parses one expression of the subset; throws ExpressionError naming what is not supported. */
export function parseExpression(text: string): Expr {
  let tree: jsep.Expression;
  try {
    tree = jsep(text);
  } catch (error) {
    const message = (error as Error).message;
    // jsep stops at the `:` of a slice with "Unclosed [": say what the construct is.
    if (message.startsWith('Unclosed [') && text.includes(':')) throw new ExpressionError('slices such as x[1:3] are not supported');
    throw new ExpressionError(describePythonConstruct(text) ?? `not a valid expression (${message})`);
  }
  if (tree.type === 'Compound') {
    throw new ExpressionError(describePythonConstruct(text) ?? 'several expressions side by side are not supported');
  }
  return convert(liftNot(tree));
}

type Node = jsep.Expression & Record<string, unknown>;

/**
 * jsep binds a unary `not` tightest; Python binds it looser than comparisons and arithmetic (`not a == b`
 * is `not (a == b)`). Rotates `not` up through the left operands of such operators, stopping at parentheses.
 */
function liftNot(node: jsep.Expression): jsep.Expression {
  const n = node as Node;
  switch (n.type) {
    case 'BinaryExpression': {
      const left = liftNot(n.left as jsep.Expression) as Node;
      const right = liftNot(n.right as jsep.Expression) as Node;
      if (n.operator === 'and' || n.operator === 'or') return { ...n, left, right };
      if (isNot(right)) throw new ExpressionError(`"not" after "${String(n.operator)}" needs parentheses: write ... (not x)`);
      if (isNot(left)) return { ...left, argument: liftNot({ ...n, left: left.argument as jsep.Expression, right }) };
      return { ...n, left, right };
    }
    case 'UnaryExpression':
      return { ...n, argument: liftNot(n.argument as jsep.Expression) };
    case GROUP:
      return { ...n, expression: liftNot(n.expression as jsep.Expression) };
    case 'MemberExpression':
      return {
        ...n,
        object: liftNot(n.object as jsep.Expression),
        property: n.computed ? liftNot(n.property as jsep.Expression) : n.property,
      };
    case 'CallExpression':
      return { ...n, arguments: (n.arguments as jsep.Expression[]).map(liftNot) };
    default:
      return n;
  }
}

const isNot = (node: Node): boolean => node.type === 'UnaryExpression' && node.operator === 'not';

function convert(node: jsep.Expression): Expr {
  const n = node as Node;
  switch (n.type) {
    case GROUP:
      return convert(n.expression as jsep.Expression);
    case 'Literal':
      return convertLiteral(n);
    case 'Identifier':
      return convertName(String(n.name));
    case 'MemberExpression':
      return convertMember(n);
    case 'CallExpression':
      return convertCall(n);
    case 'UnaryExpression':
      return convertUnary(n);
    case 'BinaryExpression':
      return convertBinary(n);
    default:
      throw new ExpressionError(describeUnsupported(n));
  }
}

function convertLiteral(n: Node): Expr {
  const value = n.value;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return { kind: 'literal', value };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'literal', value };
  throw new ExpressionError(`the literal ${String(n.raw)} is not supported`);
}

function convertName(name: string): Expr {
  const pythonSpelling: Record<string, string> = { true: 'True', false: 'False', null: 'None' };
  const python = pythonSpelling[name];
  if (python) throw new ExpressionError(`"${name}" is not Python: write ${python}`);
  return { kind: 'name', name };
}

function convertMember(n: Node): Expr {
  const object = convert(n.object as jsep.Expression);
  if (n.computed) return { kind: 'subscript', object, index: convert(n.property as jsep.Expression) };
  const attribute = String((n.property as Node).name);
  throw new ExpressionError(
    moduleMessage(n) ?? `attribute access ".${attribute}" is not supported: use a subscript such as x['${attribute}']`,
  );
}

function convertCall(n: Node): Expr {
  const callee = n.callee as Node;
  const args = n.arguments as jsep.Expression[];
  if (callee.type === 'MemberExpression' && !callee.computed) {
    throw new ExpressionError(moduleMessage(callee) ?? `the method call .${String((callee.property as Node).name)}() is not supported`);
  }
  if (callee.type !== 'Identifier') throw new ExpressionError(`only calls of ${CALLABLES.join(', ')} are supported`);
  const name = String(callee.name);
  if (!(CALLABLES as readonly string[]).includes(name)) {
    throw new ExpressionError(`the function ${name}() is not supported (supported: ${CALLABLES.join(', ')})`);
  }
  if (args.length !== 1) throw new ExpressionError(`${name}() takes exactly one argument here (${args.length} given)`);
  return { kind: 'call', fn: name as CallableName, arg: convert(args[0]!) };
}

function convertUnary(n: Node): Expr {
  const op = String(n.operator);
  if (op === '-' || op === '+' || op === 'not') return { kind: 'unary', op, arg: convert(n.argument as jsep.Expression) };
  throw new ExpressionError(unsupportedOperator(op));
}

function convertBinary(n: Node): Expr {
  const op = String(n.operator);
  const left = convert(n.left as jsep.Expression);
  const right = convert(n.right as jsep.Expression);
  if (op === 'and' || op === 'or') return { kind: 'logical', op, left, right };
  if (ARITHMETIC.has(op)) return { kind: 'arithmetic', op: op as '+' | '-' | '*' | '/', left, right };
  if (COMPARISONS.has(op)) {
    // jsep reads `a < b < c` as `(a < b) < c`; Python means `a < b and b < c`. Neither is worth guessing.
    const isComparison = (side: jsep.Expression) => side.type === 'BinaryExpression' && COMPARISONS.has(String(side.operator));
    if (isComparison(n.left as jsep.Expression) || isComparison(n.right as jsep.Expression)) {
      throw new ExpressionError('chained comparisons such as a < b < c are not supported: write a < b and b < c');
    }
    return { kind: 'compare', op: op as '==' | '!=' | '<' | '<=' | '>' | '>=', left, right };
  }
  throw new ExpressionError(unsupportedOperator(op));
}

function unsupportedOperator(op: string): string {
  const python = JS_OPERATORS[op];
  return python ? `the operator ${op} is not Python: write ${python}` : `the operator ${op} is not supported`;
}

function describeUnsupported(n: Node): string {
  switch (n.type) {
    case 'ConditionalExpression':
      return 'the conditional ?: is not supported';
    case 'ArrayExpression':
      return 'list literals [...] are not supported';
    case 'ThisExpression':
      return '"this" is not Python: use self or record';
    case 'SequenceExpression':
      return 'tuples (a, b) are not supported';
    default:
      return `${n.type} is not supported`;
  }
}

/**
 * Python constructs jsep can't parse or reads as several expressions side by side, recognised in the text of
 * an expression that already failed to parse (so a string literal can't make a valid expression fail).
 */
const PYTHON_CONSTRUCTS: Array<[RegExp, string]> = [
  [/\blambda\b/, 'lambda is not supported'],
  [/\bif\b[\s\S]*\belse\b/, 'conditional expressions (x if c else y) are not supported'],
  [/\bfor\b/, 'comprehensions (for ... in ...) are not supported'],
  [/\b(not\s+)?in\b/, 'the operators in and not in are not supported'],
  [/\bis\b/, 'the operators is and is not are not supported: write == None or != None'],
  [/\/\//, 'the operator // is not supported'],
  [/(^|[^\w'"])[fFrRbBuU]{1,2}['"]/, "string prefixes (f'', r'', b'') are not supported"],
];

function describePythonConstruct(text: string): string | undefined {
  return PYTHON_CONSTRUCTS.find(([pattern]) => pattern.test(text))?.[1];
}

/**
 * Names the SDK offers as Python modules or objects (simpleeval names and functions) that this tap does not:
 * a reference to one is reported as such rather than as an unknown name.
 */
export const UNSUPPORTED_MODULES: Readonly<Record<string, string>> = {
  datetime: "the SDK's datetime module",
  json: "the SDK's json module",
  fake: 'Faker (fake)',
  Faker: 'Faker',
  math: 'the math module',
  re: 'the re module',
  time: 'the time module',
  hashlib: 'the hashlib module (use md5() or sha256())',
  random: 'the random module',
  uuid: 'the uuid module',
};

/** "... is not supported" for `datetime.now`, `fake.email()`, `json.dumps(x)`; undefined for other attributes. */
function moduleMessage(member: Node): string | undefined {
  const path: string[] = [];
  let current = member;
  while (current.type === 'MemberExpression' && !current.computed) {
    path.unshift(String((current.property as Node).name));
    current = current.object as Node;
  }
  const root = current.type === 'Identifier' ? String(current.name) : undefined;
  const module = root === undefined ? undefined : UNSUPPORTED_MODULES[root];
  return module ? `${module} is not supported (${[root, ...path].join('.')})` : undefined;
}
