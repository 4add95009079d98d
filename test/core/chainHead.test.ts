import { describe, expect, it } from 'vitest';
import { CHAIN_HEAD_LABEL, chainHeadLine, formatChainHead, parseChainHead } from '../../src/core/chainHead.js';
import { CodedError } from '../../src/core/errors.js';

const HASH = 'c0ffee'.repeat(10).concat('abcd');

describe('chain head as text', () => {
  it('formats SEQ:HASH and the labelled line', () => {
    expect(HASH).toHaveLength(64);
    expect(formatChainHead({ seq: 12, hash: HASH })).toBe(`12:${HASH}`);
    expect(chainHeadLine({ seq: 12, hash: HASH })).toBe(`${CHAIN_HEAD_LABEL}: 12:${HASH}`);
  });

  it('reads back what it prints, also as a buyer copies it', () => {
    const head = { seq: 12, hash: HASH };
    expect(parseChainHead(formatChainHead(head))).toEqual(head);
    expect(parseChainHead(chainHeadLine(head))).toEqual(head);
    expect(parseChainHead(`  12:${HASH.toUpperCase()}\n`)).toEqual(head);
    // A PDF viewer may break the long hash over two lines.
    expect(parseChainHead(`12:${HASH.slice(0, 40)}\n${HASH.slice(40)}`)).toEqual(head);
  });

  it.each([
    ['no hash', '12'],
    ['a short hash', `12:${HASH.slice(0, 12)}`],
    ['a non-hex hash', `12:${HASH.slice(0, 63)}g`],
    ['a negative seq', `-1:${HASH}`],
    ['swapped parts', `${HASH}:12`],
    ['nothing', ''],
  ])('refuses %s with a Swedish usage error', (_what, text) => {
    let caught: unknown;
    try {
      parseChainHead(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CodedError);
    expect((caught as CodedError).code).toBe('usage');
    expect((caught as CodedError).message).toMatch(/är ingen kontrollsumma\. Ange den som NUMMER:HASH/);
  });
});
