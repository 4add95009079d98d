// Module hooks for recordImports.mjs (they run off the main thread, hence a file of their own).
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (process.env.RECORD_IMPORTS) appendFileSync(process.env.RECORD_IMPORTS, `${url}\n`);
  return result;
}
