/**
 * A persistent cache in front of any Embedder, so a re-ingest calls the
 * endpoint only for chunks whose text changed. Keys are sha256(embedder id +
 * text); vectors live in 256 binary shard files per embedder id (by the key's
 * first byte), each rewritten atomically (temp file + rename) after every
 * batch, so a crash mid-ingest keeps what was paid for and never leaves a torn
 * file. Misses are de-duplicated and sent in batches. No LangChain here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Embedder, Logger } from '../../core/ports.js';

export interface CachedEmbedderOptions {
  /** Texts per call to the inner embedder; default 128. */
  batchSize?: number;
}

export interface CachedEmbedder extends Embedder {
  /** Hits and misses since creation (benchmarks, tests, the ingest summary). */
  readonly stats: { hits: number; misses: number };
}

const KEY_BYTES = 32;

export function createCachedEmbedder(
  inner: Embedder,
  cacheDir: string,
  opts: CachedEmbedderOptions = {},
): CachedEmbedder {
  const batchSize = Math.max(1, opts.batchSize ?? 128);
  const shards = new Map<string, Map<string, Float32Array>>();
  const stats = { hits: 0, misses: 0 };
  const dirFor = () => path.join(cacheDir, inner.id.replace(/[^A-Za-z0-9._-]+/g, '_'));
  // Remembered from an earlier run, so `dimensions` is right before the first call
  // (the knowledge base keys its index on it: a 0 now and 768 later would rebuild).
  let learnedDimensions = readDimensions(dirFor());
  const keyOf = (text: string) => createHash('sha256').update(inner.id).update('\0').update(text).digest('hex');

  function shard(name: string): Map<string, Float32Array> {
    let entries = shards.get(name);
    if (!entries) {
      entries = readShard(path.join(dirFor(), `${name}.bin`));
      shards.set(name, entries);
    }
    return entries;
  }

  function persist(names: Iterable<string>): void {
    const dir = dirFor();
    mkdirSync(dir, { recursive: true });
    for (const name of names) writeShard(path.join(dir, `${name}.bin`), shard(name));
  }

  return {
    stats,
    get id() {
      return inner.id;
    },
    get dimensions() {
      return inner.dimensions || learnedDimensions;
    },
    async embed(texts: string[]): Promise<number[][]> {
      const keys = texts.map(keyOf);
      const out: (number[] | undefined)[] = keys.map((key) => {
        const hit = shard(key.slice(0, 2)).get(key);
        return hit ? Array.from(hit) : undefined;
      });
      // Each distinct missing text once, however often it occurs.
      const missing = new Map<string, string>();
      keys.forEach((key, i) => {
        if (out[i] === undefined) missing.set(key, texts[i] as string);
      });
      stats.hits += out.filter((v) => v !== undefined).length;
      stats.misses += missing.size;

      const pending = [...missing.entries()];
      for (let i = 0; i < pending.length; i += batchSize) {
        const batch = pending.slice(i, i + batchSize);
        const vectors = await inner.embed(batch.map(([, text]) => text));
        const touched = new Set<string>();
        batch.forEach(([key], j) => {
          const vector = vectors[j];
          if (!vector || vector.length === 0) throw new Error(`embedder ${inner.id} returned no vector`);
          shard(key.slice(0, 2)).set(key, Float32Array.from(vector));
          touched.add(key.slice(0, 2));
        });
        persist(touched);
      }
      return keys.map((key, i) => {
        const vector = out[i] ?? Array.from(shard(key.slice(0, 2)).get(key) as Float32Array);
        if (learnedDimensions !== vector.length) {
          learnedDimensions = vector.length;
          writeDimensions(dirFor(), learnedDimensions);
        }
        return vector;
      });
    },
  };
}

function readDimensions(dir: string): number {
  try {
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { dimensions?: unknown };
    return typeof meta.dimensions === 'number' && meta.dimensions > 0 ? meta.dimensions : 0;
  } catch {
    return 0;
  }
}

function writeDimensions(dir: string, dimensions: number): void {
  mkdirSync(dir, { recursive: true });
  atomicWrite(path.join(dir, 'meta.json'), Buffer.from(JSON.stringify({ dimensions })));
}

/** Shard file: repeated [32-byte key][uint32 dims][dims x float32], little-endian. */
function readShard(file: string): Map<string, Float32Array> {
  const entries = new Map<string, Float32Array>();
  if (!existsSync(file)) return entries;
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return entries;
  }
  let at = 0;
  while (at + KEY_BYTES + 4 <= buf.length) {
    const key = buf.subarray(at, at + KEY_BYTES).toString('hex');
    const dims = buf.readUInt32LE(at + KEY_BYTES);
    const start = at + KEY_BYTES + 4;
    const end = start + dims * 4;
    if (dims === 0 || end > buf.length) break; // a damaged tail: keep what is whole, rebuild the rest
    const vector = new Float32Array(dims);
    for (let d = 0; d < dims; d++) vector[d] = buf.readFloatLE(start + d * 4);
    entries.set(key, vector);
    at = end;
  }
  return entries;
}

function writeShard(file: string, entries: Map<string, Float32Array>): void {
  let size = 0;
  for (const v of entries.values()) size += KEY_BYTES + 4 + v.length * 4;
  const buf = Buffer.alloc(size);
  let at = 0;
  for (const [key, vector] of entries) {
    buf.write(key, at, KEY_BYTES, 'hex');
    buf.writeUInt32LE(vector.length, at + KEY_BYTES);
    at += KEY_BYTES + 4;
    for (const x of vector) {
      buf.writeFloatLE(x, at);
      at += 4;
    }
  }
  atomicWrite(file, buf);
}

function atomicWrite(file: string, buf: Buffer): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, buf);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * For the composition root, before building a KnowledgeBase: an embedder whose
 * model size is not known yet (a local model, first run) is asked once, so the
 * index key carries the real dimension from the start. Failures are only logged:
 * retrieval then runs lexical-only until the endpoint answers.
 */
export async function ensureDimensions(embedder: Embedder, logger: Logger): Promise<void> {
  if (embedder.dimensions > 0) return;
  try {
    await embedder.embed(['dimension probe']);
  } catch (err) {
    logger.warn('embedding endpoint unavailable at start-up', { embedder: embedder.id, error: (err as Error).message });
  }
}
