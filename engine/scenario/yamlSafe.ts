/**
 * Parse YAML written by a user without letting it cost us: an alias bomb ("billion laughs") is
 * refused by a low alias budget before expansion, absurd nesting is refused by a pre-scan of
 * the text, and oversized files are refused before parsing.
 */
import { parse, YAMLParseError } from 'yaml';
import { InputFileError } from './errors.ts';

export const MAX_YAML_BYTES = 8 * 1024 * 1024;
export const MAX_NESTING = 64;
const MAX_ALIASES = 200;

/** Deepest bracket nesting and deepest indentation in the text (cheap, linear, no parsing). */
function nestingOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inQuote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuote) {
      if (c === inQuote) inQuote = null;
      else if (c === '\n') inQuote = null;
      continue;
    }
    if (c === '"' || c === "'") inQuote = c;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      if (++depth > max) max = depth;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  let indentMax = 0;
  for (const line of text.split('\n')) {
    const m = /^( *)(- +)*/.exec(line);
    if (m && line.trim() && !line.trim().startsWith('#')) {
      // each two spaces of indent (or "- " marker) is roughly one level
      const lvl = Math.floor(m[0].length / 2);
      if (lvl > indentMax) indentMax = lvl;
    }
  }
  return Math.max(max, indentMax);
}

export function parseYamlSafe(text: string, file: string): unknown {
  if (text.length > MAX_YAML_BYTES) {
    throw new InputFileError(file, [{ path: '', message: `file is ${text.length} bytes; expected at most ${MAX_YAML_BYTES}` }]);
  }
  const depth = nestingOf(text);
  if (depth > MAX_NESTING) {
    throw new InputFileError(file, [{ path: '', message: `nesting is ${depth} levels deep; expected at most ${MAX_NESTING}` }]);
  }
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: MAX_ALIASES, prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
      throw new InputFileError(file, [{ path: where, message: `not valid YAML: ${e.message.split('\n')[0]}` }]);
    }
    if (e instanceof Error && /alias/i.test(e.message)) {
      throw new InputFileError(file, [{ path: '', message: `too many YAML aliases (more than ${MAX_ALIASES}); refused as a resource-exhaustion risk` }]);
    }
    if (e instanceof RangeError) {
      throw new InputFileError(file, [{ path: '', message: 'the YAML is nested too deeply to read' }]);
    }
    throw e;
  }
  const proto = protoKeyPath(doc);
  if (proto !== null) throw new InputFileError(file, [{ path: proto, message: 'a key named "__proto__" is refused: it would replace the object\'s prototype instead of naming a field' }]);
  return doc;
}

/** Path of the first "__proto__" key anywhere in the document, or null. Shared (aliased) nodes are walked once. */
function protoKeyPath(doc: unknown): string | null {
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): string | null => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return null;
    seen.add(v);
    for (const [k, child] of Object.entries(v)) {
      const p = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (k === '__proto__') return p;
      const hit = walk(child, p);
      if (hit !== null) return hit;
    }
    return null;
  };
  return walk(doc, '');
}
