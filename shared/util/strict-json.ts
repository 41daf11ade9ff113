/**
 * Strict JSON (RFC 8259) parser for untrusted request bodies and fetched documents.
 *
 * Why not `JSON.parse`: it silently keeps the last of duplicate keys (two parties can read
 * one signed document differently), it turns `"__proto__"` into an own property that a later
 * spread or merge can turn into prototype pollution, and it has no limits, so a deeply nested
 * or huge document reaches JSON-LD processing before anything refuses it (BAD-INPUTS #10, #12).
 *
 * The parser is iterative (an explicit stack), so nesting depth never touches the call stack
 * whatever `maxDepth` is; it stops at the first limit it crosses, without reading further.
 *
 * Beyond RFC 8259, and like I-JSON (RFC 7493), it refuses:
 * - unpaired UTF-16 surrogates, raw or escaped (`"\uD800"`): they all become U+FFFD when the
 *   document is canonicalized and hashed as UTF-8, so different strings would carry the
 *   same signature;
 * - numbers that overflow to ±Infinity (`1e400`): they cannot round-trip (JSON.stringify
 *   writes `null`);
 * - a byte order mark (as `JSON.parse` does).
 */
import { AppError } from '../errors.js';

export interface StrictJsonLimits {
  /** Largest accepted input, in UTF-8 bytes. Default 1,000,000. */
  maxBytes?: number;
  /** Deepest accepted nesting of arrays and objects (`[]` is depth 1). Default 64. */
  maxDepth?: number;
  /** Most items in any one array. Default 100,000. */
  maxArrayItems?: number;
  /** Most keys in any one object. Default 10,000. */
  maxKeys?: number;
}

export const DEFAULT_STRICT_JSON_LIMITS: Readonly<Required<StrictJsonLimits>> = Object.freeze({
  maxBytes: 1_000_000,
  maxDepth: 64,
  maxArrayItems: 100_000,
  maxKeys: 10_000,
});

/** Keys that reach an object's prototype machinery when a parsed value is later merged or spread. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type JsonObject = Record<string, unknown>;
type Frame =
  | { kind: 'array'; value: unknown[] }
  | { kind: 'object'; value: JsonObject; key: string; keys: number };

/**
 * Parses `text` as one JSON value, refusing anything RFC 8259 does not allow and anything
 * beyond `limits`.
 *
 * @throws AppError with code
 *   `JSON_TOO_LARGE` (status 413; checked before any parsing),
 *   `JSON_SYNTAX` (details `{position, line, column}`; position is a UTF-16 offset),
 *   `JSON_TOO_DEEP`, `JSON_TOO_MANY_ITEMS` (arrays and object keys),
 *   `JSON_DUPLICATE_KEY` (details `{key}`), `JSON_FORBIDDEN_KEY` (`__proto__`, `constructor`,
 *   `prototype`; details `{key}`), all with status 400 unless said otherwise.
 */
export function parseStrictJson(text: string, limits: StrictJsonLimits = {}): unknown {
  const maxBytes = limitOf(limits.maxBytes, DEFAULT_STRICT_JSON_LIMITS.maxBytes, 'maxBytes');
  const maxDepth = limitOf(limits.maxDepth, DEFAULT_STRICT_JSON_LIMITS.maxDepth, 'maxDepth');
  const maxArrayItems = limitOf(limits.maxArrayItems, DEFAULT_STRICT_JSON_LIMITS.maxArrayItems, 'maxArrayItems');
  const maxKeys = limitOf(limits.maxKeys, DEFAULT_STRICT_JSON_LIMITS.maxKeys, 'maxKeys');

  if (typeof text !== 'string') {
    throw new AppError('JSON_SYNTAX', 'JSON input must be a string', { status: 400, details: { position: 0, line: 1, column: 1 } });
  }
  if (exceedsUtf8Bytes(text, maxBytes)) {
    throw new AppError('JSON_TOO_LARGE', `JSON document is larger than ${maxBytes} bytes`, {
      status: 413,
      details: { maxBytes },
    });
  }
  return new Parser(text, maxDepth, maxArrayItems, maxKeys).parseDocument();
}

function limitOf(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`parseStrictJson: limit ${name} must be a non-negative integer`);
  }
  return value;
}

/**
 * Whether the UTF-8 encoding of `text` is longer than `max` bytes, without encoding it.
 * A UTF-16 code unit takes 1 to 3 bytes (a surrogate pair takes 4 for its 2 units; a lone
 * surrogate, which TextEncoder replaces by U+FFFD, takes 3), so most inputs are decided
 * by their length alone.
 */
function exceedsUtf8Bytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > max) return true;
  }
  return false;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

const CH_TAB = 0x09;
const CH_LF = 0x0a;
const CH_CR = 0x0d;
const CH_SPACE = 0x20;
const CH_QUOTE = 0x22;
const CH_PLUS = 0x2b;
const CH_COMMA = 0x2c;
const CH_MINUS = 0x2d;
const CH_DOT = 0x2e;
const CH_0 = 0x30;
const CH_1 = 0x31;
const CH_9 = 0x39;
const CH_COLON = 0x3a;
const CH_E = 0x45;
const CH_LBRACKET = 0x5b;
const CH_BACKSLASH = 0x5c;
const CH_RBRACKET = 0x5d;
const CH_e = 0x65;
const CH_f = 0x66;
const CH_n = 0x6e;
const CH_t = 0x74;
const CH_LBRACE = 0x7b;
const CH_RBRACE = 0x7d;

/** `readValueStart` opened a container: its first member is read on the next turn. */
const OPENED = Symbol('opened');

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Parser {
  private pos = 0;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly maxArrayItems: number,
    private readonly maxKeys: number,
  ) {}

  parseDocument(): unknown {
    // Each turn reads one value start; a container start pushes a frame and reads its first
    // member on the next turn. A completed value is then folded into its parents until a
    // parent wants another member (next turn) or the stack is empty (done). Two methods and
    // no labelled loop, so the mutation tool can instrument every statement.
    for (;;) {
      const start = this.readValueStart();
      if (start === OPENED) continue;
      const done = this.foldIntoParents(start);
      if (done) {
        this.skipWhitespace();
        if (this.pos !== this.text.length) this.syntaxError('unexpected data after the JSON value');
        return done.value;
      }
    }
  }

  /** Reads a scalar, an empty container, or opens a container (its first member is read next). */
  private readValueStart(): unknown {
    const { text, stack } = this;
    this.skipWhitespace();
    const c = text.charCodeAt(this.pos);
    if (c === CH_LBRACE) {
      this.enterContainer();
      this.pos++;
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) === CH_RBRACE) {
        this.pos++;
        return {};
      }
      if (this.maxKeys < 1) this.tooManyItems('object', this.maxKeys);
      const obj: JsonObject = {};
      const key = this.readKey(obj);
      stack.push({ kind: 'object', value: obj, key, keys: 1 });
      return OPENED;
    }
    if (c === CH_LBRACKET) {
      this.enterContainer();
      this.pos++;
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) === CH_RBRACKET) {
        this.pos++;
        return [];
      }
      if (this.maxArrayItems < 1) this.tooManyItems('array', this.maxArrayItems);
      stack.push({ kind: 'array', value: [] });
      return OPENED;
    }
    if (c === CH_QUOTE) return this.readString();
    if (c === CH_MINUS || (c >= CH_0 && c <= CH_9)) return this.readNumber();
    if (c === CH_t) {
      this.expectLiteral('true');
      return true;
    }
    if (c === CH_f) {
      this.expectLiteral('false');
      return false;
    }
    if (c === CH_n) {
      this.expectLiteral('null');
      return null;
    }
    return this.syntaxError(Number.isNaN(c) ? 'unexpected end of input' : 'unexpected character, expected a value');
  }

  /**
   * Folds a completed value into the open containers: undefined when a container wants
   * another member (its key, for an object, is already read), the whole document when the
   * stack is empty.
   */
  private foldIntoParents(completed: unknown): { value: unknown } | undefined {
    const { text, stack } = this;
    let value = completed;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return { value };
      this.skipWhitespace();
      const d = text.charCodeAt(this.pos);
      if (top.kind === 'array') {
        top.value.push(value);
        if (d === CH_COMMA) {
          // Refuse before reading the item that would cross the limit.
          if (top.value.length >= this.maxArrayItems) this.tooManyItems('array', this.maxArrayItems);
          this.pos++;
          return undefined;
        }
        if (d !== CH_RBRACKET) this.syntaxError("expected ',' or ']'");
      } else {
        // Safe: readKey refused __proto__, so this assignment only ever makes an own property.
        top.value[top.key] = value;
        if (d === CH_COMMA) {
          if (top.keys >= this.maxKeys) this.tooManyItems('object', this.maxKeys);
          this.pos++;
          this.skipWhitespace();
          top.key = this.readKey(top.value);
          top.keys++;
          return undefined;
        }
        if (d !== CH_RBRACE) this.syntaxError("expected ',' or '}'");
      }
      this.pos++;
      stack.pop();
      value = top.value;
    }
  }

  private enterContainer(): void {
    if (this.stack.length + 1 > this.maxDepth) {
      throw new AppError('JSON_TOO_DEEP', `JSON nesting is deeper than ${this.maxDepth}`, {
        status: 400,
        details: { maxDepth: this.maxDepth, ...this.location() },
      });
    }
  }

  private tooManyItems(kind: 'array' | 'object', limit: number): never {
    const what = kind === 'array' ? 'items in an array' : 'keys in an object';
    throw new AppError('JSON_TOO_MANY_ITEMS', `JSON has more than ${limit} ${what}`, {
      status: 400,
      details: { kind, limit, ...this.location() },
    });
  }

  /** Reads `"key"` and the `:` after it; refuses forbidden and duplicate keys. */
  private readKey(obj: JsonObject): string {
    if (this.text.charCodeAt(this.pos) !== CH_QUOTE) this.syntaxError('expected a string key');
    const at = this.pos;
    const key = this.readString();
    if (FORBIDDEN_KEYS.has(key)) {
      throw new AppError('JSON_FORBIDDEN_KEY', `JSON key "${key}" is not allowed`, {
        status: 400,
        details: { key, ...this.location(at) },
      });
    }
    if (Object.hasOwn(obj, key)) {
      const shown = key.length > 100 ? `${key.slice(0, 100)}…` : key;
      throw new AppError('JSON_DUPLICATE_KEY', `JSON key "${shown}" appears more than once in an object`, {
        status: 400,
        details: { key: shown, ...this.location(at) },
      });
    }
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== CH_COLON) this.syntaxError("expected ':'");
    this.pos++;
    return key;
  }

  private readString(): string {
    const { text } = this;
    // pos is at the opening quote.
    let i = this.pos + 1;
    let start = i;
    let out = '';
    for (;;) {
      if (i >= text.length) {
        this.pos = i;
        this.syntaxError('unterminated string');
      }
      const c = text.charCodeAt(i);
      if (c === CH_QUOTE) {
        this.pos = i + 1;
        return out + text.slice(start, i);
      }
      if (c < 0x20) {
        this.pos = i;
        this.syntaxError('control character in string');
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        if (c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
          i += 2;
          continue;
        }
        this.pos = i;
        this.syntaxError('unpaired surrogate in string');
      }
      if (c !== CH_BACKSLASH) {
        i++;
        continue;
      }
      out += text.slice(start, i);
      const e = text.charAt(i + 1);
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 'u') {
        const unit = this.hex4(i + 2);
        if (unit >= 0xd800 && unit <= 0xdbff) {
          // A high surrogate must be followed by an escaped low surrogate. 0 stands for "none":
          // any value outside DC00-DFFF does, and a plain literal gives no equivalent mutant.
          const low = text.charCodeAt(i + 6) === CH_BACKSLASH && text.charAt(i + 7) === 'u' ? this.hex4(i + 8) : 0;
          if (!isLowSurrogate(low)) {
            this.pos = i;
            this.syntaxError('unpaired surrogate escape in string');
          }
          out += String.fromCharCode(unit, low);
          i += 12;
        } else if (isLowSurrogate(unit)) {
          this.pos = i;
          this.syntaxError('unpaired surrogate escape in string');
        } else {
          out += String.fromCharCode(unit);
          i += 6;
        }
      } else {
        this.pos = i;
        this.syntaxError('invalid escape in string');
      }
      start = i;
    }
  }

  private hex4(at: number): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = this.text.charCodeAt(at + k);
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else {
        this.pos = at + k;
        this.syntaxError('invalid \\u escape in string');
      }
      v = v * 16 + d;
    }
    return v;
  }

  /** number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT ) */
  private readNumber(): number {
    const { text } = this;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === CH_MINUS) i++;
    const first = text.charCodeAt(i);
    if (first === CH_0) {
      i++;
    } else if (first >= CH_1 && first <= CH_9) {
      i = this.skipDigits(i + 1);
    } else {
      this.pos = i;
      this.syntaxError('invalid number');
    }
    if (text.charCodeAt(i) === CH_DOT) {
      const end = this.skipDigits(i + 1);
      if (end === i + 1) {
        this.pos = end;
        this.syntaxError('invalid number: digit expected after the decimal point');
      }
      i = end;
    }
    const e = text.charCodeAt(i);
    if (e === CH_e || e === CH_E) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === CH_PLUS || sign === CH_MINUS) i++;
      const end = this.skipDigits(i);
      if (end === i) {
        this.pos = end;
        this.syntaxError('invalid number: digit expected in the exponent');
      }
      i = end;
    }
    const value = Number(text.slice(start, i));
    if (!Number.isFinite(value)) {
      this.pos = start;
      this.syntaxError('number is too large');
    }
    this.pos = i;
    return value;
  }

  private skipDigits(i: number): number {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c < CH_0 || c > CH_9 || Number.isNaN(c)) return i;
      i++;
    }
  }

  private expectLiteral(word: 'true' | 'false' | 'null'): void {
    if (!this.text.startsWith(word, this.pos)) this.syntaxError('unexpected character, expected a value');
    this.pos += word.length;
  }

  private skipWhitespace(): void {
    const { text } = this;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== CH_SPACE && c !== CH_LF && c !== CH_CR && c !== CH_TAB) break;
      i++;
    }
    this.pos = i;
  }

  /** Line and column are 1-based, computed only when an error is reported. */
  private location(at: number = this.pos): { position: number; line: number; column: number } {
    const position = Math.min(at, this.text.length);
    let line = 1;
    let lineStart = 0;
    for (let i = this.text.indexOf('\n'); i !== -1 && i < position; i = this.text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { position, line, column: position - lineStart + 1 };
  }

  private syntaxError(reason: string): never {
    const where = this.location();
    throw new AppError('JSON_SYNTAX', `Invalid JSON at position ${where.position} (line ${where.line}, column ${where.column}): ${reason}`, {
      status: 400,
      details: { ...where, reason },
    });
  }
}
