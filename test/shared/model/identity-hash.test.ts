import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashIdentity, makeNipIdentity, matchesIdentity, randomSalt } from '../../../shared/model/index.js';

const NIP = '198609262015051001';
const SALT = '0123456789abcdef0123456789abcdef';
const expectedHex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

describe('hashIdentity', () => {
  it('is sha256$ + hex(SHA-256(nip + salt)), computed independently with node:crypto', () => {
    expect(hashIdentity(NIP, SALT)).toBe(`sha256$${expectedHex(NIP + SALT)}`);
  });

  it('matches the Open Badges 3.0 IdentityHash example (a@example.com salted with Kosher)', () => {
    expect(hashIdentity('a@example.com', 'Kosher')).toBe('sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399');
  });

  it('hashes the 18 digits, whatever spaces were typed', () => {
    expect(hashIdentity('19860926 201505 1 001', SALT)).toBe(hashIdentity(NIP, SALT));
  });

  it('a different salt gives a different hash', () => {
    expect(hashIdentity(NIP, 'a')).not.toBe(hashIdentity(NIP, 'b'));
  });
});

describe('makeNipIdentity', () => {
  it('builds the OB 3.0 IdentityObject', () => {
    expect(makeNipIdentity(NIP, SALT)).toEqual({
      type: 'IdentityObject',
      identityHash: `sha256$${expectedHex(NIP + SALT)}`,
      identityType: 'identifier',
      hashed: true,
      salt: SALT,
    });
  });

  it('never contains the NIP', () => {
    expect(JSON.stringify(makeNipIdentity(NIP, SALT))).not.toContain(NIP);
  });

  it('refuses something that is not a NIP, and an empty salt', () => {
    expect(() => makeNipIdentity('12345', SALT)).toThrow(TypeError);
    expect(() => makeNipIdentity(NIP, '')).toThrow(TypeError);
  });
});

describe('matchesIdentity', () => {
  const identity = makeNipIdentity(NIP, SALT);

  it('matches the right NIP, with or without spaces', () => {
    expect(matchesIdentity(identity, NIP)).toBe(true);
    expect(matchesIdentity(identity, '19860926 201505 1 001')).toBe(true);
  });

  it('accepts upper-case hex (OB allows either case)', () => {
    const upper = { ...identity, identityHash: `sha256$${identity.identityHash.slice(7).toUpperCase()}` };
    expect(matchesIdentity(upper, NIP)).toBe(true);
  });

  it('an identity without salt is hashed over the NIP alone', () => {
    const { salt: _salt, ...unsalted } = identity;
    expect(matchesIdentity({ ...unsalted, identityHash: `sha256$${expectedHex(NIP)}` }, NIP)).toBe(true);
  });

  const negatives: Array<[string, unknown, string]> = [
    ['another NIP', identity, '198609262015051002'],
    ['the salt changed', { ...identity, salt: 'x' }, NIP],
    ['md5 is not honoured', { ...identity, identityHash: `md5$${createHash('md5').update(NIP + SALT).digest('hex')}` }, NIP],
    ['hex truncated', { ...identity, identityHash: identity.identityHash.slice(0, -2) }, NIP],
    ['hex with a non-hex character', { ...identity, identityHash: `${identity.identityHash.slice(0, -1)}g` }, NIP],
    ['no algorithm prefix', { ...identity, identityHash: identity.identityHash.slice(7) }, NIP],
    ['hashed: false (plaintext identity)', { ...identity, hashed: false, identityHash: NIP }, NIP],
    ['salt is not a string', { ...identity, salt: 42 }, NIP],
    ['null', null, NIP],
    ['a string', 'sha256$00', NIP],
  ];
  it.each(negatives)('does not match: %s', (_label, candidateIdentity, candidateNip) => {
    expect(matchesIdentity(candidateIdentity, candidateNip)).toBe(false);
  });
});

describe('randomSalt', () => {
  it('is 16 random bytes as 32 lowercase hex characters', () => {
    const a = randomSalt();
    const b = randomSalt();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});
