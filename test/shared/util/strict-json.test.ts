import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseStrictJson } from '../../../shared/util/strict-json.js';
import { AppError } from '../../../shared/errors.js';
import { codeOf } from '../../helpers/error-code.js';


function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('parseStrictJson: valid documents match JSON.parse', () => {
  const valid: string[] = [
    'null',
    'true',
    'false',
    '0',
    '-0',
    '1',
    '-1',
    '123456789',
    '3.14159',
    '-0.5',
    '1e10',
    '1E+2',
    '1e-7',
    '-1.5e-3',
    '0.0',
    '9007199254740993',
    '1.7976931348623157e308',
    '5e-324',
    '""',
    '"hello"',
    '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
    '"\\u0041\\u00e9\\u20AC\\uFFFF"',
    '"\\u0000"',
    '"\\ud83d\\ude00"',
    '"\\uD834\\uDD1E clef"',
    '"😀 raw pair, é, 中文"',
    '"\u007f DEL is allowed raw"',
    '[]',
    '{}',
    '[1,2,3]',
    '[ 1 , [ 2 , [ 3 ] ] , { } ]',
    ' \t\r\n{ "a" : 1 , "b" : [ true , false , null ] } \n',
    '{"a":{"b":{"c":{"d":"e"}}}}',
    '{"":0}',
    '{"a":1,"A":2}',
    '{"toString":1,"hasOwnProperty":2,"valueOf":3,"__defineGetter__":4}',
    '{"__proto":1,"proto__":2,"Constructor":3}',
    '[{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"]}]',
    '"a\\u005cb"',
  ];
  it.each(valid)('%s', (text) => {
    const ours = parseStrictJson(text);
    expect(ours).toStrictEqual(JSON.parse(text));
    if (Object.is(JSON.parse(text), -0)) expect(Object.is(ours, -0)).toBe(true);
  });

  it('builds ordinary objects and arrays', () => {
    const v = parseStrictJson('{"a":[{"b":1}]}') as { a: Array<{ b: number }> };
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Array.isArray(v.a)).toBe(true);
    expect(Object.getPrototypeOf(v.a[0])).toBe(Object.prototype);
  });

  it('keeps keys such as toString as own data properties', () => {
    const v = parseStrictJson('{"toString":"x"}') as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(v, 'toString')).toMatchObject({ value: 'x', writable: true, enumerable: true });
  });
});

describe('parseStrictJson: syntax errors', () => {
  const invalid: Array<[string, string]> = [
    ['empty input', ''],
    ['only whitespace', '  \n '],
    ['trailing comma in array', '[1,2,]'],
    ['trailing comma in object', '{"a":1,}'],
    ['leading comma', '[,1]'],
    ['missing comma', '[1 2]'],
    ['missing colon', '{"a" 1}'],
    ['unquoted key', '{a:1}'],
    ['single-quoted string', "'a'"],
    ['single-quoted key', "{'a':1}"],
    ['unterminated string', '"abc'],
    ['unterminated array', '[1,2'],
    ['unterminated object', '{"a":1'],
    ['mismatched bracket', '[1}'],
    ['raw newline in string', '"a\nb"'],
    ['raw tab in string', '"a\tb"'],
    ['bad escape', '"\\x41"'],
    ['short unicode escape', '"\\u12"'],
    ['non-hex unicode escape', '"\\u12G4"'],
    ['escaped lone high surrogate', '"\\ud800"'],
    ['escaped lone low surrogate', '"\\udc00"'],
    ['high surrogate then non-surrogate escape', '"\\ud800\\u0041"'],
    ['raw lone high surrogate', '"\ud800"'],
    ['raw lone low surrogate', '"\udc00x"'],
    ['leading zero', '01'],
    ['negative leading zero', '-01'],
    ['plus sign', '+1'],
    ['bare minus', '-'],
    ['leading dot', '.5'],
    ['trailing dot', '1.'],
    ['exponent without digits', '1e'],
    ['exponent sign without digits', '1e+'],
    ['hex number', '0x10'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['overflowing number', '1e400'],
    ['overflowing negative number', '-1e400'],
    ['undefined', 'undefined'],
    ['capitalised literal', 'True'],
    ['truncated literal', 'nul'],
    ['literal with suffix', 'nulls'],
    ['two values', '1 2'],
    ['trailing garbage', '{} x'],
    ['comment', '[1 /* c */]'],
    ['byte order mark', '\ufeff{}'],
    ['non-JSON whitespace (NBSP)', '\u00a0{}'],
    ['vertical tab', '\u000b{}'],
  ];
  // JSON.parse accepts a few of these (lone surrogates, 1e400 as Infinity); see the module comment.
  it.each(invalid)('%s', (_name, text) => {
    expect(codeOf(() => parseStrictJson(text))).toBe('JSON_SYNTAX');
  });

  it('reports the position, line and column', () => {
    const e = errorOf(() => parseStrictJson('{\n  "a": tru\n}'));
    expect(e.code).toBe('JSON_SYNTAX');
    expect(e.status).toBe(400);
    expect(e.details).toMatchObject({ position: 9, line: 2, column: 8 });
    expect(e.message).toContain('position 9');
    expect(e.toJSON()).not.toHaveProperty('stack');
  });

  it('refuses a non-string input', () => {
    expect(codeOf(() => parseStrictJson(42 as unknown as string))).toBe('JSON_SYNTAX');
  });
});

describe('parseStrictJson: limits', () => {
  it('JSON_TOO_LARGE counts UTF-8 bytes, not characters', () => {
    const text = `"${'é'.repeat(10)}"`; // 12 characters, 22 bytes
    expect(parseStrictJson(text, { maxBytes: 22 })).toBe('é'.repeat(10));
    const e = errorOf(() => parseStrictJson(text, { maxBytes: 21 }));
    expect(e.code).toBe('JSON_TOO_LARGE');
    expect(e.status).toBe(413);
    expect(parseStrictJson('"😀"', { maxBytes: 6 })).toBe('😀');
    expect(codeOf(() => parseStrictJson('"😀"', { maxBytes: 5 }))).toBe('JSON_TOO_LARGE');
  });

  it('JSON_TOO_LARGE for a 5 MB body, checked before parsing', () => {
    // Invalid JSON from the first character: only a size check that runs first reports TOO_LARGE.
    const body = `#${'x'.repeat(5 * 1024 * 1024)}`;
    expect(codeOf(() => parseStrictJson(body))).toBe('JSON_TOO_LARGE');
    const valid = `[${'1,'.repeat(2_500_000)}1]`;
    expect(codeOf(() => parseStrictJson(valid))).toBe('JSON_TOO_LARGE');
  });

  it('JSON_TOO_DEEP at the default depth of 64', () => {
    const ok = `${'['.repeat(64)}${']'.repeat(64)}`;
    expect(() => parseStrictJson(ok)).not.toThrow();
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    const e = errorOf(() => parseStrictJson(deep));
    expect(e.code).toBe('JSON_TOO_DEEP');
    expect(e.details).toMatchObject({ maxDepth: 64, position: 64 });
    expect(codeOf(() => parseStrictJson(`{"a":${'{"a":'.repeat(64)}1${'}'.repeat(65)}`))).toBe('JSON_TOO_DEEP');
    expect(codeOf(() => parseStrictJson('[[1]]', { maxDepth: 1 }))).toBe('JSON_TOO_DEEP');
    expect(parseStrictJson('1', { maxDepth: 0 })).toBe(1);
    expect(codeOf(() => parseStrictJson('[]', { maxDepth: 0 }))).toBe('JSON_TOO_DEEP');
  });

  it('refuses 10,000-deep nesting at the depth limit, without a stack overflow', () => {
    const text = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    // No timing here (benchmarks judge speed): where it stops shows it did not read on.
    expect(errorOf(() => parseStrictJson(text)).details).toMatchObject({ position: 64 });
    // Even unterminated, it stops at the limit.
    expect(codeOf(() => parseStrictJson('['.repeat(10_000)))).toBe('JSON_TOO_DEEP');
  });

  it('parses 100,000-deep nesting when the caller allows it (iterative, no recursion)', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    let v = parseStrictJson(text, { maxDepth: depth }) as unknown[];
    let n = 1;
    while (v.length === 1) {
      v = v[0] as unknown[];
      n++;
    }
    expect(n).toBe(depth);
  });

  it('JSON_TOO_MANY_ITEMS for a 1,000,000-item array, refused at the item over the limit', () => {
    const text = `[${'0,'.repeat(999_999)}0]`;
    const e = errorOf(() => parseStrictJson(text, { maxBytes: 10_000_000 }));
    expect(e.code).toBe('JSON_TOO_MANY_ITEMS');
    // Position 200,000: the comma after item 100,000, not the end of the text.
    expect(e.details).toMatchObject({ kind: 'array', limit: 100_000, position: 200_000 });
  });

  it('JSON_TOO_MANY_ITEMS at exactly the limit + 1', () => {
    expect(parseStrictJson('[1,2,3]', { maxArrayItems: 3 })).toEqual([1, 2, 3]);
    expect(codeOf(() => parseStrictJson('[1,2,3,4]', { maxArrayItems: 3 }))).toBe('JSON_TOO_MANY_ITEMS');
    expect(codeOf(() => parseStrictJson('[1]', { maxArrayItems: 0 }))).toBe('JSON_TOO_MANY_ITEMS');
    expect(parseStrictJson('[]', { maxArrayItems: 0 })).toEqual([]);
  });

  it('JSON_TOO_MANY_ITEMS for too many keys in one object', () => {
    expect(parseStrictJson('{"a":1,"b":2}', { maxKeys: 2 })).toEqual({ a: 1, b: 2 });
    const e = errorOf(() => parseStrictJson('{"a":1,"b":2,"c":3}', { maxKeys: 2 }));
    expect(e.code).toBe('JSON_TOO_MANY_ITEMS');
    expect(e.details).toMatchObject({ kind: 'object', limit: 2 });
    // The limit is per object, not per document.
    expect(parseStrictJson('[{"a":1,"b":2},{"a":1,"b":2}]', { maxKeys: 2 })).toHaveLength(2);
    const many = `{${Array.from({ length: 10_001 }, (_, i) => `"k${i}":0`).join(',')}}`;
    expect(codeOf(() => parseStrictJson(many))).toBe('JSON_TOO_MANY_ITEMS');
  });

  it('refuses nonsensical limits as a programming error', () => {
    expect(() => parseStrictJson('1', { maxDepth: -1 })).toThrow(TypeError);
    expect(() => parseStrictJson('1', { maxBytes: Number.NaN })).toThrow(TypeError);
  });
});

describe('parseStrictJson: keys', () => {
  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"a":1,"b":{"c":1,"c":1}}', 'c'],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"":1,"":2}', ''],
    ['[{"x":{}, "x":[]}]', 'x'],
    ['{"toString":1,"toString":2}', 'toString'],
  ])('JSON_DUPLICATE_KEY for %s', (text, key) => {
    const e = errorOf(() => parseStrictJson(text));
    expect(e.code).toBe('JSON_DUPLICATE_KEY');
    expect(e.details).toMatchObject({ key });
    expect(e.message).toContain(`"${key}"`);
  });

  it('truncates a huge duplicate key in the message', () => {
    const key = 'k'.repeat(10_000);
    const e = errorOf(() => parseStrictJson(`{"${key}":1,"${key}":2}`));
    expect(e.code).toBe('JSON_DUPLICATE_KEY');
    expect(e.message.length).toBeLessThan(300);
  });

  it.each([
    ['{"__proto__":{"x":1}}', '__proto__'],
    ['{"constructor":{"prototype":{"x":1}}}', 'constructor'],
    ['{"prototype":1}', 'prototype'],
    ['{"a":{"b":[{"__proto__":null}]}}', '__proto__'],
    ['{"\\u005f\\u005fproto\\u005f\\u005f":{"x":1}}', '__proto__'],
    ['{"a":1,"__proto__":{"x":1}}', '__proto__'],
  ])('JSON_FORBIDDEN_KEY for %s', (text, key) => {
    const e = errorOf(() => parseStrictJson(text));
    expect(e.code).toBe('JSON_FORBIDDEN_KEY');
    expect(e.details).toMatchObject({ key });
  });

  it('leaves Object.prototype untouched after a __proto__ attack', () => {
    for (const text of ['{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '[{"__proto__":{"x":1}}]']) {
      expect(codeOf(() => parseStrictJson(text))).toBe('JSON_FORBIDDEN_KEY');
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('allows the forbidden words as values', () => {
    expect(parseStrictJson('{"a":"__proto__","b":["constructor"]}')).toEqual({ a: '__proto__', b: ['constructor'] });
  });
});

/** The parts of a JSON_SYNTAX refusal a client sees: where it is and why. */
function syntaxOf(text: string): { reason: unknown; position: unknown; line: unknown; column: unknown } {
  const e = errorOf(() => parseStrictJson(text));
  expect(e.code).toBe('JSON_SYNTAX');
  expect(e.status).toBe(400);
  const d = e.details as { reason: unknown; position: unknown; line: unknown; column: unknown };
  expect(e.message).toBe(`Invalid JSON at position ${String(d.position)} (line ${String(d.line)}, column ${String(d.column)}): ${String(d.reason)}`);
  return { reason: d.reason, position: d.position, line: d.line, column: d.column };
}

describe('parseStrictJson: each syntax refusal names its reason and place', () => {
  // [input, reason, position]; all on line 1, so column = position + 1.
  const cases: Array<[string, string, number]> = [
    ['', 'unexpected end of input', 0],
    ['[1,', 'unexpected end of input', 3],
    ['{"a":', 'unexpected end of input', 5],
    ['x', 'unexpected character, expected a value', 0],
    ['+1', 'unexpected character, expected a value', 0],
    ['.5', 'unexpected character, expected a value', 0],
    ['nul', 'unexpected character, expected a value', 0],
    ['[tru]', 'unexpected character, expected a value', 1],
    ['{} x', 'unexpected data after the JSON value', 3],
    ['1 2', 'unexpected data after the JSON value', 2],
    ['[1 2]', "expected ',' or ']'", 3],
    ['[1}', "expected ',' or ']'", 2],
    ['{"a":1 "b":2}', "expected ',' or '}'", 7],
    ['{"a":1]', "expected ',' or '}'", 6],
    ['{a:1}', 'expected a string key', 1],
    ['{"a":1, b:2}', 'expected a string key', 8],
    ['{"a" 1}', "expected ':'", 5],
    ['{"a":1,"b"}', "expected ':'", 10],
    ['"abc', 'unterminated string', 4],
    ['{"ab', 'unterminated string', 4],
    ['"a\tb"', 'control character in string', 2],
    ['"\u001f"', 'control character in string', 1],
    ['"ab\ud800"', 'unpaired surrogate in string', 3],
    ['"\udc00\udc00"', 'unpaired surrogate in string', 1],
    ['"a\udfff"', 'unpaired surrogate in string', 2],
    ['"\ud800\ud800"', 'unpaired surrogate in string', 1],
    ['"a\\ud800"', 'unpaired surrogate escape in string', 2],
    ['"\\ud800\\u0041"', 'unpaired surrogate escape in string', 1],
    ['"\\udbff\\ud800"', 'unpaired surrogate escape in string', 1],
    // The low half must be a \u escape right after the high half, nothing else in between.
    ['"\\ud800xxdc00"', 'unpaired surrogate escape in string', 1],
    ['"\\ud800xudc00"', 'unpaired surrogate escape in string', 1],
    ['"\\ud800\\xdc00"', 'unpaired surrogate escape in string', 1],
    ['"\\ud800\\\\udc00"', 'unpaired surrogate escape in string', 1],
    ['"x\\udc00"', 'unpaired surrogate escape in string', 2],
    ['"\\udfff"', 'unpaired surrogate escape in string', 1],
    ['"\\x41"', 'invalid escape in string', 1],
    ['"\\U0041"', 'invalid escape in string', 1],
    ['"ab\\', 'invalid escape in string', 3],
    ['"\\u12G4"', 'invalid \\u escape in string', 5],
    ['"\\u002/"', 'invalid \\u escape in string', 6],
    ['"\\u00:0"', 'invalid \\u escape in string', 5],
    ['"\\u00@0"', 'invalid \\u escape in string', 5],
    ['"\\u00G0"', 'invalid \\u escape in string', 5],
    ['"\\u00g0"', 'invalid \\u escape in string', 5],
    ['"\\u00`0"', 'invalid \\u escape in string', 5],
    ['"\\u12"', 'invalid \\u escape in string', 5],
    ['-', 'invalid number', 1],
    ['-x', 'invalid number', 1],
    ['-.5', 'invalid number', 1],
    ['- 1', 'invalid number', 1],
    ['[-]', 'invalid number', 2],
    ['01', 'unexpected data after the JSON value', 1],
    ['-01', 'unexpected data after the JSON value', 2],
    ['1.', 'invalid number: digit expected after the decimal point', 2],
    ['1.e5', 'invalid number: digit expected after the decimal point', 2],
    ['1e', 'invalid number: digit expected in the exponent', 2],
    ['1e+', 'invalid number: digit expected in the exponent', 3],
    ['1E-x', 'invalid number: digit expected in the exponent', 3],
    ['[1e400]', 'number is too large', 1],
    ['-1e400', 'number is too large', 0],
  ];
  it.each(cases)('%j: %s at %i', (text, reason, position) => {
    expect(syntaxOf(text)).toEqual({ reason, position, line: 1, column: position + 1 });
  });

  it.each([
    // A newline right at the error position still belongs to the line it ends.
    ['"a\nb"', 'control character in string', 2, 1, 3],
    ['[1,\n2,\nx]', 'unexpected character, expected a value', 7, 3, 1],
    ['{\n  "a": tru\n}', 'unexpected character, expected a value', 9, 2, 8],
    ['\n\n"abc', 'unterminated string', 6, 3, 5],
  ])('%j reports line and column', (text, reason, position, line, column) => {
    expect(syntaxOf(text)).toEqual({ reason, position, line, column });
  });

  it('refuses a non-string input with a located 400', () => {
    const e = errorOf(() => parseStrictJson(42 as unknown as string));
    expect(e.code).toBe('JSON_SYNTAX');
    expect(e.status).toBe(400);
    expect(e.details).toEqual({ position: 0, line: 1, column: 1 });
    expect(e.message).toBe('JSON input must be a string');
  });
});

describe('parseStrictJson: accepted edge forms', () => {
  it.each([
    ['"\\u00aa\\u00AA\\u0aF9\\ufffa"', '\u00aa\u00aa\u0af9\ufffa'],
    ['"\\udbff\\udfff"', '\udbff\udfff'],
    ['"\\ud800\\udc00"', '\ud800\udc00'],
    ['"\udbff\udfff"', '\udbff\udfff'],
    ['"\ud800\udc00"', '\ud800\udc00'],
    ['"\ue000\uffff\ud7ff"', '\ue000\uffff\ud7ff'],
    ['"a\\nb\\u0009"', 'a\nb\t'],
    ['2e5', 2e5],
    ['1E5', 1e5],
    ['-7e0', -7],
    ['1e+5', 1e5],
    ['1.25E-2', 0.0125],
    ['-0.0', -0],
    ['10', 10],
    ['[0,-0,90,-12.5e1]', [0, -0, 90, -125]],
    ['\t[ \r\n1\n,\t2 ]\r\n', [1, 2]],
  ])('%j', (text, expected) => {
    expect(parseStrictJson(text)).toStrictEqual(expected);
    expect(parseStrictJson(text)).toStrictEqual(JSON.parse(text));
  });
});

describe('parseStrictJson: limits exactly at and one over', () => {
  // [document, its UTF-8 size]. Every unit of a surrogate pair is 2 bytes; U+0080 and U+0800
  // are the first 2- and 3-byte characters; a lone surrogate counts as U+FFFD (3 bytes).
  it.each([
    ['"abc"', 5],
    ['"\u007f"', 3],
    ['"\u0080"', 4],
    ['"\u07ff"', 4],
    ['"\u0800"', 5],
    ['"\u0800\u0800"', 8],
    ['"\uffff"', 5],
    ['"\ud7ff"', 5],
    ['"\ud800\udc00"', 6],
    ['"\udbff\udfff"', 6],
    ['"\ud83d\ude00\u00e9a"', 9],
  ])('maxBytes counts %j as %i bytes', (text, bytes) => {
    expect(parseStrictJson(text, { maxBytes: bytes })).toBe(JSON.parse(text));
    const e = errorOf(() => parseStrictJson(text, { maxBytes: bytes - 1 }));
    expect(e.code).toBe('JSON_TOO_LARGE');
    expect(e.status).toBe(413);
    expect(e.details).toEqual({ maxBytes: bytes - 1 });
    expect(e.message).toBe(`JSON document is larger than ${bytes - 1} bytes`);
  });

  // Not JSON, so only the size check can tell them apart: at the limit the parser sees them
  // and refuses the syntax, one byte under it the size check refuses first.
  it.each([
    ['\u0800\udc00', 6],
    ['\udc00\udc00', 6],
    ['\ud800\ud800', 6],
    ['\ud800', 3],
    ['\u0800\ud800', 6],
  ])('maxBytes counts the non-JSON %j as %i bytes', (text, bytes) => {
    expect(codeOf(() => parseStrictJson(text, { maxBytes: bytes }))).toBe('JSON_SYNTAX');
    expect(codeOf(() => parseStrictJson(text, { maxBytes: bytes - 1 }))).toBe('JSON_TOO_LARGE');
  });

  it('maxBytes 0 refuses the empty document as syntax, not size', () => {
    expect(syntaxOf('').reason).toBe('unexpected end of input');
    expect(codeOf(() => parseStrictJson('', { maxBytes: 0 }))).toBe('JSON_SYNTAX');
    expect(codeOf(() => parseStrictJson('1', { maxBytes: 0 }))).toBe('JSON_TOO_LARGE');
  });

  it.each([
    ['maxKeys', '{"a":1}', '{"a":1,"b":2}', 'object', 'keys in an object', 6],
    ['maxArrayItems', '[1]', '[1,2]', 'array', 'items in an array', 2],
  ] as const)('%s 1 accepts one member and refuses two', (name, one, two, kind, what, position) => {
    expect(parseStrictJson(one, { [name]: 1 })).toEqual(JSON.parse(one));
    const e = errorOf(() => parseStrictJson(two, { [name]: 1 }));
    expect(e.code).toBe('JSON_TOO_MANY_ITEMS');
    expect(e.status).toBe(400);
    expect(e.message).toBe(`JSON has more than 1 ${what}`);
    expect(e.details).toEqual({ kind, limit: 1, position, line: 1, column: position + 1 });
  });

  it.each([
    ['maxKeys', '{"a":1}', '{}', 'object', 'keys in an object'],
    ['maxArrayItems', '[1]', '[]', 'array', 'items in an array'],
  ] as const)('%s 0 allows only the empty container', (name, one, empty, kind, what) => {
    expect(parseStrictJson(empty, { [name]: 0 })).toEqual(JSON.parse(empty));
    const e = errorOf(() => parseStrictJson(` ${one}`, { [name]: 0 }));
    expect(e.code).toBe('JSON_TOO_MANY_ITEMS');
    expect(e.message).toBe(`JSON has more than 0 ${what}`);
    expect(e.details).toEqual({ kind, limit: 0, position: 2, line: 1, column: 3 });
  });

  it.each(['maxBytes', 'maxDepth', 'maxArrayItems', 'maxKeys'] as const)('a bad %s is a TypeError naming it', (name) => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => parseStrictJson('1', { [name]: bad })).toThrow(
        new TypeError(`parseStrictJson: limit ${name} must be a non-negative integer`),
      );
    }
    expect(parseStrictJson('1', { [name]: 1 })).toBe(1);
  });
});

describe('parseStrictJson: duplicate key shown in the refusal', () => {
  it.each([
    [99, false],
    [100, false],
    [101, true],
  ])('a %i-character key is cut: %s', (length, cut) => {
    const key = 'k'.repeat(length - 1) + 'z';
    const e = errorOf(() => parseStrictJson(`{"${key}":1,"${key}":2}`));
    const shown = cut ? `${'k'.repeat(100)}…` : key;
    expect(e.code).toBe('JSON_DUPLICATE_KEY');
    expect(e.details).toEqual({ key: shown, position: length + 6, line: 1, column: length + 7 });
    expect(e.message).toBe(`JSON key "${shown}" appears more than once in an object`);
  });
});

describe('parseStrictJson against JSON.parse (property)', () => {
  const FORBIDDEN = /"(__proto__|constructor|prototype)"\s*:/;
  const doc = fc
    .tuple(fc.jsonValue({ stringUnit: 'binary', maxDepth: 6 }), fc.constantFrom(undefined, 0, 2, '\t', ' \r\n'))
    .map(([v, indent]) => JSON.stringify(v, null, indent))
    .filter((text) => !FORBIDDEN.test(text));

  it('agrees on every valid document without forbidden keys', () => {
    fc.assert(
      fc.property(doc, (text) => {
        expect(parseStrictJson(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500, seed: 20261129 },
    );
  });

  // One edit of a valid document: whatever JSON.parse refuses is refused too, and whatever
  // it accepts is accepted with the same value, or refused only for what the module comment
  // lists beyond RFC 8259 (duplicate or forbidden key, lone surrogate, overflowing number).
  it('never accepts what JSON.parse refuses after a one-character edit', () => {
    const edit = fc.tuple(doc, fc.nat(), fc.constantFrom('', ',', ':', '"', '[', ']', '{', '}', '0', '-', '.', 'e', '\\', ' ', 'x', '\u0000', '\u001f', '\t', '\u00e9'));
    fc.assert(
      fc.property(edit, ([text, at, ch]) => {
        const i = at % (text.length + 1);
        const edited = text.slice(0, i) + ch + text.slice(i + (ch === '' || at % 2 === 0 ? 1 : 0));
        let expected: unknown;
        let refusedByJsonParse = false;
        try {
          expected = JSON.parse(edited);
        } catch {
          refusedByJsonParse = true;
        }
        let e: AppError | undefined;
        let got: unknown;
        try {
          got = parseStrictJson(edited);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          e = err;
        }
        if (refusedByJsonParse) {
          expect(e?.status).toBe(400);
        } else if (e === undefined) {
          expect(got).toStrictEqual(expected);
        } else if (e.code === 'JSON_SYNTAX') {
          expect(String((e.details as { reason: string }).reason)).toMatch(/surrogate|too large/);
        } else {
          expect(['JSON_DUPLICATE_KEY', 'JSON_FORBIDDEN_KEY']).toContain(e.code);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
