import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileExpression, ExpressionError, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, type Value } from '../../engine/cascade/expr.ts';

const KNOWN = new Set(['waterDepthM', 'gustMs', 'x', 'y', 'flag', 'label', 'onScene.repair', 'a.b_c.d2']);

/** Evaluates with a fixed set of variable values, recording every lookup in order. */
function run(source: string, vars: Record<string, Value> = {}): { value: Value; looked: string[] } {
  const looked: string[] = [];
  const value = compileExpression(source, KNOWN).evaluate((name) => {
    looked.push(name);
    if (!(name in vars)) throw new Error(`test gave no value for ${name}`);
    return vars[name];
  });
  return { value, looked };
}
const val = (source: string, vars: Record<string, Value> = {}): Value => run(source, vars).value;

/** The ExpressionError thrown by compiling `source` (fails the test if none is thrown). */
function errorOf(source: string, known: ReadonlySet<string> = KNOWN): ExpressionError {
  try {
    compileExpression(source, known);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return e as ExpressionError;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

describe('expression: literals', () => {
  it('reads integers, decimals, exponents, booleans and quoted strings', () => {
    expect(val('42')).toBe(42);
    expect(val('2.5')).toBe(2.5);
    expect(val('.5')).toBe(0.5);
    expect(val('1e-3')).toBe(0.001);
    expect(val('2.5E+2')).toBe(250);
    expect(val('true')).toBe(true);
    expect(val('false')).toBe(false);
    expect(val('"风暴潮"')).toBe('风暴潮');
    expect(val("'it\\'s'")).toBe("it's");
    expect(val('"say \\"hi\\""')).toBe('say "hi"');
    expect(val('"a\\\\b"')).toBe('a\\b');
  });
});

describe('expression: precedence and associativity (hand-computed)', () => {
  it('multiplies before adding and binds unary tighter than both', () => {
    expect(val('1 + 2 * 3')).toBe(7);
    expect(val('(1 + 2) * 3')).toBe(9);
    expect(val('2 * 3 % 4')).toBe(2); // (2*3)%4 = 6%4; 2*(3%4) would be 6
    expect(val('1 + 7 % 4')).toBe(4); // 1+(7%4); (1+7)%4 would be 0
    expect(val('8 - 6 / 2')).toBe(5); // (8-6)/2 would be 1
    expect(val('-2 * 3 + 10')).toBe(4);
    expect(val('- 2 - -3')).toBe(1);
    expect(val('!0 + 1')).toBe(2); // (!0)+1 = true+1
  });

  it('groups - / % from the left', () => {
    expect(val('10 - 4 - 3')).toBe(3); // 10-(4-3) would be 9
    expect(val('100 / 10 / 5')).toBe(2); // 100/(10/5) would be 50
    expect(val('17 % 10 % 4')).toBe(3); // 17%(10%4) would be 1
  });

  it('compares after arithmetic, tests equality after comparing, && before ||', () => {
    expect(val('1 + 1 == 2')).toBe(true);
    expect(val('1 < 2 == 3 < 4')).toBe(true);
    expect(val('2 < 1 == false')).toBe(true);
    expect(val('true || false && false')).toBe(true); // (true||false)&&false would be false
    expect(val('true or false and false')).toBe(true);
    expect(val('1 == 1 && 2 > 3 || 4 >= 4')).toBe(true);
  });

  it('treats `not` as `!`, binding tighter than ==', () => {
    expect(val('not 1 == 2')).toBe(false); // (!1)==2 → 0==2; !(1==2) would be true
    expect(val('!(1 == 2)')).toBe(true);
    expect(val('not not 3')).toBe(true);
  });

  it('puts the ternary lowest and groups it from the right', () => {
    expect(val('1 + 1 ? 10 : 20 + 5')).toBe(10);
    expect(val('0 ? 1 : 2 + 3')).toBe(5);
    expect(val('1 ? 2 : 0 ? 3 : 4')).toBe(2); // ((1?2:0)?3:4) would be 3
    expect(val('0 ? 2 : 0 ? 3 : 4')).toBe(4);
    expect(val('1 ? 0 ? 5 : 6 : 7')).toBe(6);
    expect(val('x > 3 || flag ? "high" : "low"', { x: 1, flag: false })).toBe('low');
  });
});

describe('expression: evaluation rules', () => {
  it('short-circuits && and || and evaluates only the ternary branch taken', () => {
    expect(run('flag && x > 1', { flag: false })).toEqual({ value: false, looked: ['flag'] });
    expect(run('flag and x > 1', { flag: false })).toEqual({ value: false, looked: ['flag'] });
    expect(run('x || y', { x: 2 })).toEqual({ value: true, looked: ['x'] });
    expect(run('x or y', { x: 2 })).toEqual({ value: true, looked: ['x'] });
    expect(run('flag ? x : y', { flag: true, x: 7 })).toEqual({ value: 7, looked: ['flag', 'x'] });
    expect(run('flag ? x : y', { flag: false, y: 8 })).toEqual({ value: 8, looked: ['flag', 'y'] });
    // When the left side does not decide, the right side is read.
    expect(run('flag && x > 1', { flag: true, x: 2 })).toEqual({ value: true, looked: ['flag', 'x'] });
  });

  it('compares strings exactly, numbers with booleans numerically, never strings with numbers', () => {
    expect(val('label == "flood"', { label: 'flood' })).toBe(true);
    expect(val("label != 'flood'", { label: 'Flood' })).toBe(true);
    expect(val('"1" == 1')).toBe(false);
    expect(val('"1" != 1')).toBe(true);
    expect(val('true == 1')).toBe(true);
    expect(val('false == 0')).toBe(true);
    expect(val('true != 2')).toBe(true);
    expect(val('"10" < "9"')).toBe(true); // code-unit order
    expect(val('"b" >= "a"')).toBe(true);
    expect(val('"a" < 1')).toBe(false); // NaN comparison
    expect(val('true > 0.5')).toBe(true);
  });

  it('does arithmetic on numbers only: booleans are 0/1, strings NaN', () => {
    expect(val('true + true')).toBe(2);
    expect(val('"a" + "b"')).toBeNaN();
    expect(val('-flag', { flag: true })).toBe(-1);
  });

  it('divides by zero as IEEE 754 does', () => {
    expect(val('1 / 0')).toBe(Infinity);
    expect(val('-1 / 0')).toBe(-Infinity);
    expect(val('0 / 0')).toBeNaN();
    expect(val('5 % 0')).toBeNaN();
    expect(val('-7 % 3')).toBe(-1);
  });

  it('coerces for evaluateBoolean and evaluateNumber', () => {
    const e = compileExpression('x', KNOWN);
    const at = (v: Value) => (n: string) => (n === 'x' ? v : NaN);
    expect([0, 2, -1, NaN].map((v) => e.evaluateBoolean(at(v)))).toEqual([false, true, true, false]);
    expect(['', 'a', true, false].map((v) => e.evaluateBoolean(at(v)))).toEqual([false, true, true, false]);
    expect([true, false, 3.5].map((v) => e.evaluateNumber(at(v)))).toEqual([1, 0, 3.5]);
    expect(e.evaluateNumber(at('3'))).toBeNaN();
  });
});

describe('expression: functions', () => {
  it('computes each whitelisted function', () => {
    expect(val('min(3, 1, 2)')).toBe(1);
    expect(val('max(3, 1, 2)')).toBe(3);
    expect(val('min(4)')).toBe(4);
    expect(val('abs(-2.5)')).toBe(2.5);
    expect(val('exp(0)')).toBe(1);
    expect(val('ln(exp(2))')).toBeCloseTo(2, 14);
    expect(val('log10(1000)')).toBe(3);
    expect(val('sqrt(16)')).toBe(4);
    expect(val('pow(2, 10)')).toBe(1024);
    expect(val('clamp(5, 0, 3)')).toBe(3);
    expect(val('clamp(-1, 0, 3)')).toBe(0);
    expect(val('clamp(1.5, 0, 3)')).toBe(1.5);
    expect(val('floor(-1.5)')).toBe(-2);
    expect(val('ceil(1.2)')).toBe(2);
    expect(val('round(2.5)')).toBe(3);
    expect(val('round(-2.5)')).toBe(-2);
    expect(val('ln(0)')).toBe(-Infinity);
    expect(val('sqrt(-1)')).toBeNaN();
  });

  it('nests calls and reads variables in arguments', () => {
    expect(val('clamp(gustMs / 40, 0, 1) * max(waterDepthM, 0.1)', { gustMs: 20, waterDepthM: 0.05 })).toBeCloseTo(0.05, 15);
  });
});

describe('expression: variables', () => {
  it('reads dotted names as single variables and lists distinct variables in order of first use', () => {
    const e = compileExpression('onScene.repair && a.b_c.d2 > x || x < a.b_c.d2 + onScene.repair', KNOWN);
    expect(e.variables).toEqual(['onScene.repair', 'a.b_c.d2', 'x']);
    expect(e.evaluate((n) => ({ 'onScene.repair': 1, 'a.b_c.d2': 5, x: 2 })[n] ?? NaN)).toBe(true);
    expect(compileExpression('1 + 2', KNOWN).variables).toEqual([]);
  });

  it('allows a variable named like a function when it is not called', () => {
    expect(compileExpression('min + 1', new Set(['min'])).evaluate(() => 1)).toBe(2);
  });
});

describe('expression: errors name the column and what was expected', () => {
  it.each([
    ['(1 + 2', 7, 'expected ")" at column 7 to close the "(" at column 1, found end of expression'],
    ['min(1, 2', 9, 'expected ")" at column 9 or "," in the arguments of min(), found end of expression'],
    ['1 +', 4, 'expected a value at column 4, found end of expression'],
    ['1 + * 2', 5, 'expected a value at column 5, found "*"'],
    ['x and or y', 7, 'expected a value at column 7, found "or"'],
    ['1 2', 3, 'expected an operator or end of expression at column 3, found number 2'],
    ['(1))', 4, 'expected an operator or end of expression at column 4, found ")"'],
    ['', 1, 'expected an expression at column 1'],
    ['   ', 4, 'expected an expression at column 4'],
    ['flag ? 1', 9, 'expected ":" at column 9 to go with the "?" at column 6, found end of expression'],
    ['x = 1', 3, 'unexpected "=" at column 3; use "==" to compare'],
    ['x & y', 3, 'unexpected "&" at column 3; use "&&" or "and"'],
    ['x | y', 3, 'unexpected "|" at column 3; use "||" or "or"'],
    ['1 # 2', 3, 'unexpected character "#" at column 3'],
    ['0 < x < 5', 7, 'unexpected "<" at column 7; comparisons cannot be chained, write "a < x && x < b" instead of "a < x < b"'],
    ['x == 1 == y', 8, 'unexpected "==" at column 8; "==" and "!=" cannot be chained, add parentheses'],
    ["label == 'abc", 14, "expected a closing single quote (') at column 14 for the string starting at column 10"],
    ['"a\\nb"', 3, 'unsupported escape "\\n" at column 3; only \\\\, \\\' and \\" are allowed'],
    ['1.', 3, 'expected a digit after the decimal point at column 3'],
    ['2e+', 4, 'expected digits in the exponent at column 4'],
    ['3x', 2, 'expected an operator after the number at column 2'],
    ['onScene.', 9, 'expected a name after "." at column 9'],
    ['1e999', 1, 'number 1e999 at column 1 is too large'],
    ['1 + foo(2)', 5, 'unknown function "foo" at column 5; known: min, max, abs, exp, ln, log10, sqrt, pow, clamp, floor, ceil, round'],
    ['pow(2)', 1, 'wrong number of arguments for pow() at column 1: it takes 2 arguments, got 1'],
    ['1 + max()', 5, 'wrong number of arguments for max() at column 5: it takes at least 1 argument, got 0'],
    ['abs(1, 2)', 1, 'wrong number of arguments for abs() at column 1: it takes 1 argument, got 2'],
    ['"风速" + @', 8, 'unexpected character "@" at column 8'], // columns count characters, not bytes
    ['"🌀" @', 5, 'unexpected character "@" at column 5'], // one column for an astral character
  ])('%j → column %i', (source, column, message) => {
    const e = errorOf(source);
    expect(e.column).toBe(column);
    expect(e.message).toBe(message);
    expect(e.source).toBe(source);
  });

  it('names an unknown variable and lists the known ones, closest spelling first', () => {
    const e = errorOf('wterDepth > 1 && gustMs > 20', new Set(['gustMs', 'waterDepthM']));
    expect(e.column).toBe(1);
    expect(e.message).toBe('unknown variable "wterDepth" at column 1; known: waterDepthM, gustMs');
    expect(errorOf('x + zz', KNOWN).column).toBe(5);
    expect(errorOf('q', new Set()).message).toBe('unknown variable "q" at column 1; no variables are available here');
  });

  it('lists at most 12 known variables', () => {
    const many = new Set(Array.from({ length: 20 }, (_, i) => `v${String(i).padStart(2, '0')}`));
    const e = errorOf('v', many);
    const listed = e.message.split('known: ')[1].split(', ');
    expect(listed).toHaveLength(13);
    expect(listed[12]).toBe('... (8 more)');
  });

  it('rejects a non-text condition (a YAML number or null) with an ExpressionError', () => {
    expect(() => compileExpression(42 as unknown as string, KNOWN)).toThrow(new ExpressionError('expected the expression as text, got number', 1, '42'));
    expect(errorOf(null as unknown as string).message).toBe('expected the expression as text, got null');
  });

  it('does not accept keywords, control characters or prototype names as values or functions', () => {
    expect(errorOf('1 + not').message).toBe('expected a value at column 8, found end of expression');
    expect(errorOf('and').message).toBe('expected a value at column 1, found "and"');
    expect(errorOf('1 +\u0000 2').message).toBe('unexpected character U+0000 at column 4');
    expect(errorOf('constructor(1)').message).toMatch(/^unknown function "constructor" at column 1/);
    expect(errorOf('toString').message).toMatch(/^unknown variable "toString" at column 1/);
  });
});

describe('expression: limits on untrusted input', () => {
  it(`accepts ${MAX_EXPRESSION_LENGTH} characters and rejects one more at column ${MAX_EXPRESSION_LENGTH + 1}`, () => {
    const atLimit = '1' + ' + 1'.repeat((MAX_EXPRESSION_LENGTH - 1) / 4) + '';
    const padded = atLimit.padEnd(MAX_EXPRESSION_LENGTH, ' ');
    expect(padded.length).toBe(MAX_EXPRESSION_LENGTH);
    expect(compileExpression(padded, KNOWN).evaluate(() => 0)).toBe(1 + (MAX_EXPRESSION_LENGTH - 1 - ((MAX_EXPRESSION_LENGTH - 1) % 4)) / 4);
    const e = errorOf(padded + ' ');
    expect(e.column).toBe(MAX_EXPRESSION_LENGTH + 1);
    expect(e.message).toMatch(/^expression is 501 characters long; at most 500 are allowed/);
  });

  it(`accepts ${MAX_EXPRESSION_DEPTH} levels of nesting and rejects level ${MAX_EXPRESSION_DEPTH + 1} at its column`, () => {
    const parens = (n: number) => '('.repeat(n) + 'x' + ')'.repeat(n);
    expect(compileExpression(parens(MAX_EXPRESSION_DEPTH), KNOWN).evaluate(() => 3)).toBe(3);
    const deep = errorOf(parens(MAX_EXPRESSION_DEPTH + 1));
    expect(deep.column).toBe(MAX_EXPRESSION_DEPTH + 1);
    expect(deep.message).toMatch(/^nesting too deep at column 33 \(at most 32 levels/);

    expect(compileExpression('-'.repeat(MAX_EXPRESSION_DEPTH) + '1', KNOWN).evaluate(() => 0)).toBe(1);
    expect(errorOf('!'.repeat(MAX_EXPRESSION_DEPTH + 1) + '1').column).toBe(MAX_EXPRESSION_DEPTH + 1);
    expect(errorOf('abs('.repeat(MAX_EXPRESSION_DEPTH + 1) + '1' + ')'.repeat(MAX_EXPRESSION_DEPTH + 1)).column).toBe(4 * MAX_EXPRESSION_DEPTH + 4);
    const ternaries = '1 ? '.repeat(MAX_EXPRESSION_DEPTH + 1) + '1' + ' : 0'.repeat(MAX_EXPRESSION_DEPTH + 1);
    expect(errorOf(ternaries).column).toBe(4 * MAX_EXPRESSION_DEPTH + 3);
  });

  it('evaluates a long flat chain (not nesting) within the length limit', () => {
    const chain = Array.from({ length: 160 }, () => 'x').join('+');
    expect(chain.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    expect(compileExpression(chain, KNOWN).evaluate(() => 2)).toBe(320);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random trees, printed with the fewest parentheses the precedence rules allow,
// evaluate to what a reference evaluator written here computes, reading the same variables
// in the same order (which also checks short-circuiting).

type Tree =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'var'; name: string }
  | { k: 'neg'; a: Tree }
  | { k: 'not'; a: Tree; word: boolean }
  | { k: 'bin'; op: string; a: Tree; b: Tree }
  | { k: 'cond'; t: Tree; a: Tree; b: Tree }
  | { k: 'call'; fn: string; args: Tree[] };

const VAR_NAMES = ['x', 'y', 'flag', 'label', 'onScene.repair'];
const BINARY_OPS = ['*', '/', '%', '+', '-', '<', '<=', '>', '>=', '==', '!=', '&&', '||', 'and', 'or'];
const PREC: Record<string, number> = { '||': 1, or: 1, '&&': 2, and: 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
const ARITY: Record<string, number> = { abs: 1, exp: 1, ln: 1, log10: 1, sqrt: 1, floor: 1, ceil: 1, round: 1, pow: 2, clamp: 3, min: 0, max: 0 };

const leaf: fc.Arbitrary<Tree> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 20 }).map((v): Tree => ({ k: 'num', v })), weight: 3 },
  // Eighths print exactly as decimals (12.375), so parsing adds no rounding of its own.
  { arbitrary: fc.integer({ min: 0, max: 800 }).map((n): Tree => ({ k: 'num', v: n / 8 })), weight: 1 },
  { arbitrary: fc.constantFrom(1e-3, 2.5e3, 1e21).map((v): Tree => ({ k: 'num', v })), weight: 1 },
  { arbitrary: fc.constantFrom('', 'a', 'flood').map((v): Tree => ({ k: 'str', v })), weight: 1 },
  { arbitrary: fc.boolean().map((v): Tree => ({ k: 'bool', v })), weight: 1 },
  { arbitrary: fc.constantFrom(...VAR_NAMES).map((name): Tree => ({ k: 'var', name })), weight: 5 }
);

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 6, depthSize: 'medium', depthIdentifier: 'expr-tree' },
    { arbitrary: leaf, weight: 4 },
    { arbitrary: tie('tree').map((a): Tree => ({ k: 'neg', a })), weight: 1 },
    { arbitrary: fc.tuple(tie('tree'), fc.boolean()).map(([a, word]): Tree => ({ k: 'not', a, word })), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom(...BINARY_OPS), tie('tree'), tie('tree')).map(([op, a, b]): Tree => ({ k: 'bin', op, a, b })), weight: 8 },
    { arbitrary: fc.tuple(tie('tree'), tie('tree'), tie('tree')).map(([t, a, b]): Tree => ({ k: 'cond', t, a, b })), weight: 1 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...Object.keys(ARITY)), fc.array(tie('tree'), { minLength: 1, maxLength: 3 })).map(([fn, args]): Tree => ({
        k: 'call',
        fn,
        args: ARITY[fn] === 0 ? args : Array.from({ length: ARITY[fn] }, (_, i) => args[i % args.length]),
      })),
      weight: 1,
    }
  ),
}));

/** Prints with the fewest parentheses; returns the text and the precedence of its top operator. */
function print(t: Tree): { text: string; prec: number } {
  switch (t.k) {
    case 'num': return { text: String(t.v), prec: 8 };
    case 'str': return { text: `'${t.v}'`, prec: 8 };
    case 'bool': return { text: String(t.v), prec: 8 };
    case 'var': return { text: t.name, prec: 8 };
    case 'neg':
    case 'not': {
      const a = print(t.a);
      const operand = a.prec < 7 ? `(${a.text})` : a.text;
      const op = t.k === 'neg' ? '-' : t.word ? 'not ' : '!';
      return { text: op + operand, prec: 7 };
    }
    case 'bin': {
      const p = PREC[t.op];
      const a = print(t.a);
      const b = print(t.b);
      const comparison = p === 3 || p === 4; // not chainable: parenthesise equal precedence on both sides
      const left = a.prec < p || (comparison && a.prec === p) ? `(${a.text})` : a.text;
      const right = b.prec <= p ? `(${b.text})` : b.text; // left-associative
      return { text: `${left} ${t.op} ${right}`, prec: p };
    }
    case 'cond': {
      const c = print(t.t);
      const test = c.prec <= 0 ? `(${c.text})` : c.text;
      return { text: `${test} ? ${print(t.a).text} : ${print(t.b).text}`, prec: 0 };
    }
    case 'call':
      return { text: `${t.fn}(${t.args.map((a) => print(a).text).join(', ')})`, prec: 8 };
  }
}

// The reference semantics, written out again from the module's documentation.
const num = (v: Value): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN);
const truth = (v: Value): boolean => (typeof v === 'number' ? v !== 0 && !Number.isNaN(v) : typeof v === 'boolean' ? v : v !== '');
function ref(t: Tree, get: (name: string) => Value): Value {
  switch (t.k) {
    case 'num': case 'str': case 'bool': return t.v;
    case 'var': return get(t.name);
    case 'neg': return -num(ref(t.a, get));
    case 'not': return !truth(ref(t.a, get));
    case 'cond': return truth(ref(t.t, get)) ? ref(t.a, get) : ref(t.b, get);
    case 'call': {
      const xs = t.args.map((a) => num(ref(a, get)));
      switch (t.fn) {
        case 'abs': return Math.abs(xs[0]);
        case 'exp': return Math.exp(xs[0]);
        case 'ln': return Math.log(xs[0]);
        case 'log10': return Math.log10(xs[0]);
        case 'sqrt': return Math.sqrt(xs[0]);
        case 'floor': return Math.floor(xs[0]);
        case 'ceil': return Math.ceil(xs[0]);
        case 'round': return Math.round(xs[0]);
        case 'pow': return xs[0] ** xs[1];
        case 'clamp': return Math.min(Math.max(xs[0], xs[1]), xs[2]);
        case 'min': return Math.min(...xs);
        case 'max': return Math.max(...xs);
      }
      throw new Error(t.fn);
    }
    case 'bin': {
      if (t.op === '&&' || t.op === 'and') return truth(ref(t.a, get)) ? truth(ref(t.b, get)) : false;
      if (t.op === '||' || t.op === 'or') return truth(ref(t.a, get)) ? true : truth(ref(t.b, get));
      const a = ref(t.a, get);
      const b = ref(t.b, get);
      const bothStrings = typeof a === 'string' && typeof b === 'string';
      switch (t.op) {
        case '*': return num(a) * num(b);
        case '/': return num(a) / num(b);
        case '%': return num(a) % num(b);
        case '+': return num(a) + num(b);
        case '-': return num(a) - num(b);
        case '<': return bothStrings ? a < b : num(a) < num(b);
        case '<=': return bothStrings ? a <= b : num(a) <= num(b);
        case '>': return bothStrings ? a > b : num(a) > num(b);
        case '>=': return bothStrings ? a >= b : num(a) >= num(b);
        case '==': case '!=': {
          const eq = typeof a === 'string' || typeof b === 'string' ? a === b : num(a) === num(b);
          return t.op === '==' ? eq : !eq;
        }
      }
      throw new Error(t.op);
    }
  }
}

function varsInOrder(t: Tree, out: string[] = []): string[] {
  switch (t.k) {
    case 'var': if (!out.includes(t.name)) out.push(t.name); break;
    case 'neg': case 'not': varsInOrder(t.a, out); break;
    case 'bin': varsInOrder(t.a, out); varsInOrder(t.b, out); break;
    case 'cond': varsInOrder(t.t, out); varsInOrder(t.a, out); varsInOrder(t.b, out); break;
    case 'call': for (const a of t.args) varsInOrder(a, out); break;
    default: break;
  }
  return out;
}

const values = fc.record({
  x: fc.oneof({ arbitrary: fc.integer({ min: -5, max: 5 }), weight: 4 }, { arbitrary: fc.double({ noNaN: false }), weight: 1 }),
  y: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.boolean()),
  flag: fc.boolean(),
  label: fc.constantFrom('', 'a', 'flood'),
  'onScene.repair': fc.oneof(fc.boolean(), fc.constant(0), fc.constant(1)),
});

describe('expression: properties', () => {
  it('random trees evaluate as the reference evaluator does, reading the same variables in the same order', () => {
    fc.assert(
      fc.property(tree, values, (t, vars) => {
        const text = print(t).text;
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        const compiled = compileExpression(text, new Set(VAR_NAMES));
        const refLooked: string[] = [];
        const expected = ref(t, (n) => (refLooked.push(n), vars[n as keyof typeof vars]));
        const looked: string[] = [];
        const got = compiled.evaluate((n) => (looked.push(n), vars[n as keyof typeof vars]));
        expect(Object.is(got, expected) || (typeof got === 'number' && typeof expected === 'number' && Number.isNaN(got) && Number.isNaN(expected)))
          .toBe(true);
        expect(looked).toEqual(refLooked);
        expect(compiled.variables).toEqual(varsInOrder(t));
        // Same inputs, same answer (the closure tree keeps no state between calls).
        expect(Object.is(compiled.evaluate((n) => vars[n as keyof typeof vars]), got)).toBe(true);
      }),
      { numRuns: 1500, seed: 20261128 }
    );
  });

  const alphabet = fc.constantFrom(...'0123456789.eE+-*/%<>=!&|?:(),\'"\\ _xyabcflgonScepr风🌀\t\n'.split(''), 'and', 'or', 'not', 'true', 'min(', 'clamp(', 'onScene.repair');
  it('random garbage either compiles and evaluates without throwing, or throws an ExpressionError with a column inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabet, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 })), (source) => {
        let compiled;
        try {
          compiled = compileExpression(source, new Set(VAR_NAMES));
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeLessThanOrEqual([...source].length + 1);
          expect(e.message).toContain(`at column ${e.column}`);
          return;
        }
        const v = compiled.evaluate((n) => (n === 'label' ? 'a' : n === 'flag' ? true : 1));
        expect(['number', 'boolean', 'string']).toContain(typeof v);
      }),
      { numRuns: 1500, seed: 7 }
    );
  });
});
