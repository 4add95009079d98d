// Dependencies point inward: the core imports nothing from adapters or SDKs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const coreDir = path.resolve(import.meta.dirname, '../../src/core');

it('src/core imports only node built-ins and other core modules', () => {
  const offending: string[] = [];
  for (const file of readdirSync(coreDir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(coreDir, file), 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1] ?? '';
      if (!(spec.startsWith('node:') || /^\.\/[\w.-]+\.js$/.test(spec))) offending.push(`${file}: ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});
