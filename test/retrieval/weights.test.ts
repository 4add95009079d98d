// Loading the retrieval weights: the shipped file, and clear errors for a damaged one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HAND_SET_WEIGHTS,
  loadRetrievalWeights,
  loadRetrievalWeightsFile,
  RETRIEVAL_WEIGHTS_FORMAT,
} from '../../src/retrieval/weights.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'retrieval-weights-'));
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const fileWith = (weights: unknown, format = RETRIEVAL_WEIGHTS_FORMAT) => ({
  format,
  weights,
  fittedOn: { dataHash: 'x', questions: 0, callOffs: 0, buyers: 0 },
  heldOut: {},
});

describe('retrieval weights', () => {
  it('loads a well-formed file', () => {
    expect(loadRetrievalWeights(write('ok.json', fileWith(HAND_SET_WEIGHTS)))).toEqual(HAND_SET_WEIGHTS);
  });

  it('reads the shipped file once per process', () => {
    expect(loadRetrievalWeightsFile()).toBe(loadRetrievalWeightsFile());
  });

  it('refuses a file it cannot read, in Swedish, naming the file', () => {
    expect(() => loadRetrievalWeights(path.join(dir, 'missing.json'))).toThrow(
      /Sökvikterna .*missing\.json kunde inte läsas/,
    );
    expect(() => loadRetrievalWeights(write('broken.json', '{"format": 1, "weights": '))).toThrow(/kunde inte läsas/);
  });

  it('refuses another format or a missing, negative or non-numeric weight, and says how to refit', () => {
    const bad = [
      fileWith(HAND_SET_WEIGHTS, RETRIEVAL_WEIGHTS_FORMAT + 1),
      fileWith({ ...HAND_SET_WEIGHTS, fusion: { lexical: 0.7, vector: 0.3, agreement: 0.05 } }),
      fileWith({ ...HAND_SET_WEIGHTS, answerType: { ...HAND_SET_WEIGHTS.answerType, date: -0.1 } }),
      fileWith({ ...HAND_SET_WEIGHTS, expansion: { ...HAND_SET_WEIGHTS.expansion, synonym: '0.5' } }),
      fileWith({ ...HAND_SET_WEIGHTS, candidates: 2.5 }),
      fileWith({
        ...HAND_SET_WEIGHTS,
        bm25: { k1: 1.2, fields: { heading: HAND_SET_WEIGHTS.bm25.fields.heading } },
      }),
    ];
    bad.forEach((content, i) => {
      expect(() => loadRetrievalWeights(write(`bad-${i}.json`, content))).toThrow(/npm run fit:retrieval/);
    });
  });
});
