// `ask` must not load Slack, Teams or LangChain: walk the static import graph of
// the CLI (dynamic `await import()` is how the heavy parts are loaded on demand).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const HEAVY =
  /^(@slack\/|botbuilder|botframework|langchain|@langchain\/|openai$|express$|pdfkit$|docx$|playwright|jszip$|pg$|unpdf$)/;

function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm))
    specs.push(m[1]!);
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  return specs;
}

it('the CLI start-up graph has no Slack, Teams, LangChain, Express, PostgreSQL or document readers/writers', () => {
  const seen = new Set<string>();
  const heavy: string[] = [];
  // app.ts is imported (dynamically) by every command, so it is part of start-up too.
  const queue = [path.join(root, 'src/cli.ts'), path.join(root, 'src/app.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
        if (existsSync(target)) queue.push(target);
      } else if (HEAVY.test(spec)) {
        heavy.push(`${path.relative(root, file)} -> ${spec}`);
      }
    }
  }
  expect(seen.size).toBeGreaterThan(3);
  expect(heavy).toEqual([]);
});
