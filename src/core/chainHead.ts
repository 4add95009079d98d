/**
 * The chain head as an outside anchor. The hash chain proves the register
 * unbroken only up to its own last event: someone with database access can cut
 * the tail and rewind the head, and the shorter chain still verifies. A copy of
 * the head kept elsewhere (printed on every FAQ export, logged, noted in the
 * authority's diary) closes that gap: `verify --expect-head SEQ:HASH` fails
 * unless the chain still holds that event with that hash.
 */
import { CodedError } from './errors.js';

/** The last event of the hash chain: its sequence number and hash. Seq 0 is the empty chain. */
export interface ChainHead {
  seq: number;
  /** SHA-256, 64 lowercase hex digits. */
  hash: string;
}

/** The Swedish label printed with the head wherever a buyer may copy it from. */
export const CHAIN_HEAD_LABEL = 'Registrets kontrollsumma';

/** "123:ab12…" in full: the form `verify --expect-head` takes back. */
export function formatChainHead(head: ChainHead): string {
  return `${head.seq}:${head.hash}`;
}

/** "Registrets kontrollsumma: 123:ab12…", one line for documents and terminals. */
export function chainHeadLine(head: ChainHead): string {
  return `${CHAIN_HEAD_LABEL}: ${formatChainHead(head)}`;
}

const HEAD_RE = /^(\d{1,15}):([0-9a-f]{64})$/;

/**
 * Reads "SEQ:HASH" as the buyer copied it: surrounding space, upper-case hex and
 * the label itself ("Registrets kontrollsumma: 12:…") are accepted; anything
 * else is a usage error saying what the value should look like.
 */
export function parseChainHead(text: string): ChainHead {
  const bare = text
    .trim()
    .replace(new RegExp(`^${CHAIN_HEAD_LABEL}:\\s*`, 'i'), '')
    .replace(/\s+/g, '')
    .toLowerCase();
  const m = HEAD_RE.exec(bare);
  if (!m) {
    throw new CodedError(
      'usage',
      `"${text.trim()}" är ingen kontrollsumma. Ange den som NUMMER:HASH, t.ex. 12:` +
        'följt av 64 hexadecimala tecken, så som den står på en exporterad frågor och svar-fil eller i loggen.',
    );
  }
  return { seq: Number(m[1]), hash: m[2] as string };
}
