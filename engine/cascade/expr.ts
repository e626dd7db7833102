/**
 * The small, safe expression language of cascade-rule conditions in scenario files, e.g.
 *
 *   waterDepthM > 0.5 && !onScene.repair ? clamp(gustMs / 40, 0, 1) : 0
 *
 * A scenario file is untrusted input, so an expression is parsed by hand (never eval or
 * Function), limited in size and nesting, and checked at scenario load against the variables
 * the rule may read. It compiles to a tree of closures that runs per entity per sim tick
 * without allocating.
 *
 * Grammar, lowest precedence first (C-like; `not`, `and`, `or` are spellings of `!`, `&&`, `||`):
 *
 *   expr     := or ( "?" expr ":" expr )?          right-associative
 *   or       := and ( ("||" | "or") and )*          short-circuit
 *   and      := eq ( ("&&" | "and") eq )*           short-circuit
 *   eq       := rel ( ("==" | "!=") rel )?          not chainable: "a == b == c" is an error
 *   rel      := add ( ("<" | "<=" | ">" | ">=") add )?  not chainable: "0 < x < 5" is an error
 *   add      := mul ( ("+" | "-") mul )*            left-associative
 *   mul      := unary ( ("*" | "/" | "%") unary )*  left-associative
 *   unary    := ("-" | "!" | "not") unary | primary
 *   primary  := number | "true" | "false" | string | name | function "(" expr ("," expr)* ")" | "(" expr ")"
 *   number   := digits ("." digits)? (("e" | "E") ("+" | "-")? digits)?  (also ".5")
 *   string   := '...' or "..." with escapes \\ \' \" only
 *   name     := [A-Za-z_][A-Za-z0-9_]* ("." [A-Za-z_][A-Za-z0-9_]*)*   one variable, e.g. onScene.repair
 *
 * Values and their meaning (evaluation never throws; every mix of types has a defined result):
 * - Truthiness: a non-zero, non-NaN number, `true`, a non-empty string.
 * - Arithmetic (+ - * / %, unary -, function arguments) is numeric: booleans count 0/1, strings
 *   are NaN. `+` does not join strings. Division by zero follows IEEE 754 as in JS: 1/0 = Infinity,
 *   -1/0 = -Infinity, 0/0 = NaN; `%` takes the sign of the dividend (-7 % 3 = -1), x % 0 = NaN.
 * - `< <= > >=`: two strings compare by UTF-16 code units; otherwise numerically (NaN → false).
 * - `== !=`: two strings compare exactly; number/boolean mixes compare numerically (true == 1);
 *   a string never equals a number or boolean. NaN equals nothing, itself included.
 * - `!`, `&&`, `||` and comparisons give booleans; `&&`/`||` do not evaluate their right side
 *   when the left side decides; `c ? a : b` evaluates only the branch taken.
 * - Functions (fixed list): min, max (one or more arguments), abs, exp, ln (natural log), log10,
 *   sqrt, pow(a, b), clamp(x, lo, hi) = min(max(x, lo), hi), floor, ceil, round (halves round
 *   towards +Infinity, as JS Math.round: round(-2.5) = -2).
 *
 * Limits (a scenario file is untrusted): at most 500 characters (UTF-16 units) and 32 levels of
 * nesting, counting parentheses, function calls, unary operators and "?:" branches; a flat chain
 * such as a + b + c does not nest. Columns in error messages are 1-based and count code points.
 */

export type Value = number | boolean | string;

export interface ExprError {
  message: string;
  /** 1-based column in the source text. */
  column: number;
}

/** A malformed expression: the message names the column and what was expected there. */
export class ExpressionError extends Error implements ExprError {
  readonly column: number;
  readonly source: string;
  constructor(message: string, column: number, source: string) {
    super(message);
    this.name = 'ExpressionError';
    this.column = column;
    this.source = source;
  }
}

export interface CompiledExpression {
  readonly source: string;
  /** Distinct variables used, in order of first use. */
  readonly variables: readonly string[];
  /** Never throws by itself (only if `lookup` does). */
  evaluate(lookup: (name: string) => Value): Value;
  /** Truthiness: non-zero number, true, non-empty string. */
  evaluateBoolean(lookup: (name: string) => Value): boolean;
  /** Booleans as 0/1; strings → NaN. */
  evaluateNumber(lookup: (name: string) => Value): number;
}

export const MAX_EXPRESSION_LENGTH = 500;
export const MAX_EXPRESSION_DEPTH = 32;
const MAX_KNOWN_LISTED = 12;

/** Parse once (at scenario load); `known` lists the variable names the expression may read. */
export function compileExpression(source: string, known: ReadonlySet<string>): CompiledExpression {
  if (typeof source !== 'string') {
    throw new ExpressionError(`expected the expression as text, got ${source === null ? 'null' : typeof source}`, 1, String(source));
  }
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      `expression is ${source.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed (column ${MAX_EXPRESSION_LENGTH + 1} is past the limit)`,
      MAX_EXPRESSION_LENGTH + 1,
      source
    );
  }
  const parser = new Parser(source, known);
  const ast = parser.parseAll();
  const run = compile(ast);
  const variables = Object.freeze([...parser.variables]);
  return Object.freeze({
    source,
    variables,
    evaluate: run,
    evaluateBoolean: (lookup: Lookup) => truthy(run(lookup)),
    evaluateNumber: (lookup: Lookup) => toNumber(run(lookup)),
  });
}

// ---------------------------------------------------------------------------------------------
// Value rules

type Lookup = (name: string) => Value;
type Run = (lookup: Lookup) => Value;

function truthy(v: Value): boolean {
  if (typeof v === 'number') return v !== 0 && v === v; // NaN is falsy
  if (typeof v === 'boolean') return v;
  return v.length > 0;
}

function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

function looseEqual(a: Value, b: Value): boolean {
  const sa = typeof a === 'string';
  const sb = typeof b === 'string';
  if (sa || sb) return sa && sb && a === b;
  return toNumber(a) === toNumber(b);
}

function less(a: Value, b: Value, orEqual: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return orEqual ? a <= b : a < b;
  const x = toNumber(a);
  const y = toNumber(b);
  return orEqual ? x <= y : x < y;
}

// ---------------------------------------------------------------------------------------------
// Functions

interface FunctionSpec {
  /** Fewest and most arguments (Infinity: variadic). */
  min: number;
  max: number;
}

const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  abs: { min: 1, max: 1 },
  exp: { min: 1, max: 1 },
  ln: { min: 1, max: 1 },
  log10: { min: 1, max: 1 },
  sqrt: { min: 1, max: 1 },
  pow: { min: 2, max: 2 },
  clamp: { min: 3, max: 3 },
  floor: { min: 1, max: 1 },
  ceil: { min: 1, max: 1 },
  round: { min: 1, max: 1 },
};
const FUNCTION_NAMES = Object.keys(FUNCTIONS);

const UNARY_MATH: Readonly<Record<string, (x: number) => number>> = {
  abs: Math.abs,
  exp: Math.exp,
  ln: Math.log,
  log10: Math.log10,
  sqrt: Math.sqrt,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
};

// ---------------------------------------------------------------------------------------------
// Syntax tree

type BinaryOp = '*' | '/' | '%' | '+' | '-' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';

type Node =
  | { kind: 'const'; value: Value }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; operand: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node }
  | { kind: 'cond'; test: Node; then: Node; otherwise: Node }
  | { kind: 'call'; fn: string; args: Node[] };

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'number' | 'string' | 'name' | 'op' | 'end';

interface Token {
  kind: TokenKind;
  /** Operator text, name, or raw number text. */
  text: string;
  /** Decoded string value (strings only). */
  value: string;
  /** Index in the source (UTF-16 units). */
  at: number;
}

const KEYWORDS = new Set(['true', 'false', 'not', 'and', 'or']);
const TWO_CHAR_OPS = new Set(['<=', '>=', '==', '!=', '&&', '||']);
const ONE_CHAR_OPS = new Set(['+', '-', '*', '/', '%', '<', '>', '!', '(', ')', ',', '?', ':']);

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isNamePart(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}

/** 1-based column of a source index, counting code points (so a CJK or emoji character is one). */
function columnOf(source: string, index: number): number {
  let column = 1;
  for (let i = 0; i < index && i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) {
      const next = source.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    column++;
  }
  return column;
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end': return 'end of expression';
    case 'string': return 'a string';
    case 'number': return `number ${t.text}`;
    case 'name': return KEYWORDS.has(t.text) ? `"${t.text}"` : `name "${t.text}"`;
    default: return `"${t.text}"`;
  }
}

class Lexer {
  private pos = 0;
  constructor(private readonly source: string, private readonly fail: (message: string, at: number, suffix?: string) => never) {}

  next(): Token {
    const s = this.source;
    while (this.pos < s.length && (s[this.pos] === ' ' || s[this.pos] === '\t' || s[this.pos] === '\n' || s[this.pos] === '\r')) this.pos++;
    const at = this.pos;
    if (at >= s.length) return { kind: 'end', text: '', value: '', at };
    const c = s[at];
    if (isDigit(c) || (c === '.' && isDigit(s[at + 1] ?? ''))) return this.number(at);
    if (isNameStart(c)) return this.name(at);
    if (c === '"' || c === "'") return this.string(at, c);
    const two = s.slice(at, at + 2);
    if (TWO_CHAR_OPS.has(two)) {
      this.pos += 2;
      return { kind: 'op', text: two, value: '', at };
    }
    if (ONE_CHAR_OPS.has(c)) {
      this.pos += 1;
      return { kind: 'op', text: c, value: '', at };
    }
    if (c === '=') this.fail('unexpected "="', at, '; use "==" to compare');
    if (c === '&') this.fail('unexpected "&"', at, '; use "&&" or "and"');
    if (c === '|') this.fail('unexpected "|"', at, '; use "||" or "or"');
    const code = s.codePointAt(at) ?? 0;
    const shown = code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${String.fromCodePoint(code)}"`;
    return this.fail(`unexpected character ${shown}`, at);
  }

  private number(at: number): Token {
    const s = this.source;
    let i = at;
    while (isDigit(s[i] ?? '')) i++;
    if (s[i] === '.') {
      i++;
      if (!isDigit(s[i] ?? '')) this.fail('expected a digit after the decimal point', i);
      while (isDigit(s[i] ?? '')) i++;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!isDigit(s[i] ?? '')) this.fail('expected digits in the exponent', i);
      while (isDigit(s[i] ?? '')) i++;
    }
    if (isNamePart(s[i] ?? '') || s[i] === '.') this.fail('expected an operator after the number', i);
    const text = s.slice(at, i);
    if (!Number.isFinite(Number(text))) this.fail(`number ${text}`, at, ' is too large');
    this.pos = i;
    return { kind: 'number', text, value: '', at };
  }

  private name(at: number): Token {
    const s = this.source;
    let i = at;
    for (;;) {
      while (isNamePart(s[i] ?? '')) i++;
      if (s[i] !== '.') break;
      if (!isNameStart(s[i + 1] ?? '')) this.fail('expected a name after "."', i + 1);
      i++;
    }
    this.pos = i;
    return { kind: 'name', text: s.slice(at, i), value: '', at };
  }

  private string(at: number, quote: string): Token {
    const s = this.source;
    let i = at + 1;
    let value = '';
    const quoteName = quote === '"' ? 'double quote (")' : "single quote (')";
    for (;;) {
      if (i >= s.length) this.fail(`expected a closing ${quoteName}`, s.length, ` for the string starting at column ${columnOf(s, at)}`);
      const c = s[i];
      if (c === quote) break;
      if (c === '\\') {
        const e = s[i + 1];
        if (e !== '\\' && e !== "'" && e !== '"') {
          if (e === undefined) this.fail(`expected a closing ${quoteName}`, s.length, ` for the string starting at column ${columnOf(s, at)}`);
          this.fail(`unsupported escape "\\${e}"`, i, '; only \\\\, \\\' and \\" are allowed');
        }
        value += e;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'string', text: s.slice(at, i + 1), value, at };
  }
}

// ---------------------------------------------------------------------------------------------
// Parser (recursive descent; binary levels loop, so only unary operators, parentheses, calls
// and ternary branches nest, and those are what the depth limit counts)

class Parser {
  readonly variables: string[] = [];
  private readonly seen = new Set<string>();
  private readonly lexer: Lexer;
  private token: Token;
  private depth = 0;

  constructor(private readonly source: string, private readonly known: ReadonlySet<string>) {
    this.lexer = new Lexer(source, (m, at, suffix) => this.fail(m, at, suffix));
    this.token = this.lexer.next();
  }

  parseAll(): Node {
    if (this.atEnd()) this.fail('expected an expression', this.token.at);
    const node = this.expression();
    if (!this.atEnd()) {
      this.fail('expected an operator or end of expression', this.token.at, `, found ${describe(this.token)}`);
    }
    return node;
  }

  private fail(message: string, at: number, suffix = ''): never {
    const column = columnOf(this.source, at);
    throw new ExpressionError(`${message} at column ${column}${suffix}`, column, this.source);
  }

  private advance(): Token {
    const t = this.token;
    this.token = this.lexer.next();
    return t;
  }

  private atEnd(): boolean {
    return this.token.kind === 'end';
  }

  private isOp(text: string): boolean {
    return this.token.kind === 'op' && this.token.text === text;
  }

  private isWord(word: string): boolean {
    return this.token.kind === 'name' && this.token.text === word;
  }

  private expect(text: string, context: string): void {
    if (!this.isOp(text)) this.fail(`expected "${text}"`, this.token.at, `${context}, found ${describe(this.token)}`);
    this.advance();
  }

  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > MAX_EXPRESSION_DEPTH) this.fail(`nesting too deep`, at, ` (at most ${MAX_EXPRESSION_DEPTH} levels of parentheses, calls, unary operators and "?:")`);
    const result = parse();
    this.depth--;
    return result;
  }

  private expression(): Node {
    const test = this.or();
    if (!this.isOp('?')) return test;
    const q = this.advance();
    const then = this.nested(q.at, () => this.expression());
    this.expect(':', ` to go with the "?" at column ${columnOf(this.source, q.at)}`);
    const otherwise = this.nested(q.at, () => this.expression());
    return { kind: 'cond', test, then, otherwise };
  }

  private or(): Node {
    let left = this.and();
    while (this.isOp('||') || this.isWord('or')) {
      this.advance();
      left = { kind: 'binary', op: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.equality();
    while (this.isOp('&&') || this.isWord('and')) {
      this.advance();
      left = { kind: 'binary', op: '&&', left, right: this.equality() };
    }
    return left;
  }

  private equality(): Node {
    const left = this.relational();
    if (!this.isOp('==') && !this.isOp('!=')) return left;
    const op = this.advance().text as BinaryOp;
    const node: Node = { kind: 'binary', op, left, right: this.relational() };
    if (this.isOp('==') || this.isOp('!=')) {
      this.fail(`unexpected "${this.token.text}"`, this.token.at, '; "==" and "!=" cannot be chained, add parentheses');
    }
    return node;
  }

  private relational(): Node {
    const left = this.additive();
    if (!this.isRelational()) return left;
    const op = this.advance().text as BinaryOp;
    const node: Node = { kind: 'binary', op, left, right: this.additive() };
    if (this.isRelational()) {
      this.fail(`unexpected "${this.token.text}"`, this.token.at, '; comparisons cannot be chained, write "a < x && x < b" instead of "a < x < b"');
    }
    return node;
  }

  private isRelational(): boolean {
    return this.isOp('<') || this.isOp('<=') || this.isOp('>') || this.isOp('>=');
  }

  private additive(): Node {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.advance().text as BinaryOp;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.advance().text as BinaryOp;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('-')) {
      const t = this.advance();
      return { kind: 'neg', operand: this.nested(t.at, () => this.unary()) };
    }
    if (this.isOp('!') || this.isWord('not')) {
      const t = this.advance();
      return { kind: 'not', operand: this.nested(t.at, () => this.unary()) };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.token;
    switch (t.kind) {
      case 'number':
        this.advance();
        return { kind: 'const', value: Number(t.text) };
      case 'string':
        this.advance();
        return { kind: 'const', value: t.value };
      case 'name':
        return this.nameOrCall();
      case 'op':
        if (t.text === '(') {
          this.advance();
          const inner = this.nested(t.at, () => this.expression());
          this.expect(')', ` to close the "(" at column ${columnOf(this.source, t.at)}`);
          return inner;
        }
        return this.fail('expected a value', t.at, `, found ${describe(t)}`);
      default:
        return this.fail('expected a value', t.at, ', found end of expression');
    }
  }

  private nameOrCall(): Node {
    const t = this.advance();
    const name = t.text;
    if (name === 'true' || name === 'false') return { kind: 'const', value: name === 'true' };
    if (KEYWORDS.has(name)) this.fail('expected a value', t.at, `, found "${name}"`);
    if (this.isOp('(')) return this.call(t);
    if (!this.known.has(name)) this.fail(`unknown variable "${name}"`, t.at, this.knownList(name));
    if (!this.seen.has(name)) {
      this.seen.add(name);
      this.variables.push(name);
    }
    return { kind: 'var', name };
  }

  private call(t: Token): Node {
    const name = t.text;
    const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (spec === undefined) {
      this.fail(`unknown function "${name}"`, t.at, `; known: ${FUNCTION_NAMES.join(', ')}`);
    }
    const open = this.advance();
    const args = this.nested(open.at, () => {
      const list: Node[] = [];
      if (this.isOp(')')) return list;
      list.push(this.expression());
      while (this.isOp(',')) {
        this.advance();
        list.push(this.expression());
      }
      return list;
    });
    this.expect(')', ` or "," in the arguments of ${name}()`);
    if (args.length < spec.min || args.length > spec.max) {
      const wanted = spec.max === Infinity ? `at least ${spec.min} argument${spec.min === 1 ? '' : 's'}` : `${spec.min} argument${spec.min === 1 ? '' : 's'}`;
      this.fail(`wrong number of arguments for ${name}()`, t.at, `: it takes ${wanted}, got ${args.length}`);
    }
    return { kind: 'call', fn: name, args };
  }

  /** Up to 12 known names, closest spelling first, so a typo's intended name leads the list. */
  private knownList(name: string): string {
    if (this.known.size === 0) return '; no variables are available here';
    const lower = name.toLowerCase();
    const ranked = [...this.known]
      .map((k) => ({ k, d: editDistance(lower, k.toLowerCase()) }))
      .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      .map((r) => r.k);
    const shown = ranked.slice(0, MAX_KNOWN_LISTED).join(', ');
    return `; known: ${shown}${ranked.length > MAX_KNOWN_LISTED ? `, ... (${ranked.length - MAX_KNOWN_LISTED} more)` : ''}`;
  }
}

/** Levenshtein distance (Levenshtein 1966), two-row dynamic programme. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

// ---------------------------------------------------------------------------------------------
// Compiler: syntax tree → closures. Subtrees without variables are folded to constants.

const NO_LOOKUP: Lookup = () => NaN; // never called: folded subtrees read no variables

function compile(node: Node): Run {
  const run = compileNode(node);
  if (node.kind !== 'const' && node.kind !== 'var' && isConstant(node)) {
    const value = run(NO_LOOKUP);
    return () => value;
  }
  return run;
}

function isConstant(node: Node): boolean {
  switch (node.kind) {
    case 'const': return true;
    case 'var': return false;
    case 'neg': case 'not': return isConstant(node.operand);
    case 'binary': return isConstant(node.left) && isConstant(node.right);
    case 'cond': return isConstant(node.test) && isConstant(node.then) && isConstant(node.otherwise);
    case 'call': return node.args.every(isConstant);
  }
}

function compileNode(node: Node): Run {
  switch (node.kind) {
    case 'const': {
      const value = node.value;
      return () => value;
    }
    case 'var': {
      const name = node.name;
      return (lookup) => lookup(name);
    }
    case 'neg': {
      const a = compile(node.operand);
      return (l) => -toNumber(a(l));
    }
    case 'not': {
      const a = compile(node.operand);
      return (l) => !truthy(a(l));
    }
    case 'cond': {
      const test = compile(node.test);
      const then = compile(node.then);
      const otherwise = compile(node.otherwise);
      return (l) => (truthy(test(l)) ? then(l) : otherwise(l));
    }
    case 'binary':
      return compileBinary(node.op, compile(node.left), compile(node.right));
    case 'call':
      return compileCall(node.fn, node.args.map(compile));
  }
}

function compileBinary(op: BinaryOp, a: Run, b: Run): Run {
  switch (op) {
    case '*': return (l) => toNumber(a(l)) * toNumber(b(l));
    case '/': return (l) => toNumber(a(l)) / toNumber(b(l));
    case '%': return (l) => toNumber(a(l)) % toNumber(b(l));
    case '+': return (l) => toNumber(a(l)) + toNumber(b(l));
    case '-': return (l) => toNumber(a(l)) - toNumber(b(l));
    case '<': return (l) => less(a(l), b(l), false);
    case '<=': return (l) => less(a(l), b(l), true);
    // a > b is b < a with the operands evaluated left to right.
    case '>': return (l) => { const x = a(l); return less(b(l), x, false); };
    case '>=': return (l) => { const x = a(l); return less(b(l), x, true); };
    case '==': return (l) => looseEqual(a(l), b(l));
    case '!=': return (l) => !looseEqual(a(l), b(l));
    case '&&': return (l) => truthy(a(l)) && truthy(b(l));
    case '||': return (l) => truthy(a(l)) || truthy(b(l));
  }
}

function compileCall(fn: string, args: Run[]): Run {
  const unary = Object.hasOwn(UNARY_MATH, fn) ? UNARY_MATH[fn] : undefined;
  if (unary !== undefined) {
    const x = args[0];
    return (l) => unary(toNumber(x(l)));
  }
  switch (fn) {
    case 'pow': {
      const [x, y] = args;
      return (l) => Math.pow(toNumber(x(l)), toNumber(y(l)));
    }
    case 'clamp': {
      const [x, lo, hi] = args;
      return (l) => {
        const v = toNumber(x(l));
        const low = toNumber(lo(l));
        const high = toNumber(hi(l));
        return Math.min(Math.max(v, low), high);
      };
    }
    case 'min':
    case 'max': {
      const pick = fn === 'min' ? Math.min : Math.max;
      const first = args[0];
      const n = args.length;
      return (l) => {
        let acc = toNumber(first(l));
        for (let i = 1; i < n; i++) acc = pick(acc, toNumber(args[i](l)));
        return acc;
      };
    }
    default:
      // Unreachable: the parser only admits names listed in FUNCTIONS.
      throw new Error(`internal: no implementation for function ${fn}`);
  }
}
