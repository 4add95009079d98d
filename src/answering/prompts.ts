/**
 * Loads the Swedish prompt templates in prompts/*.md and checks their
 * placeholders at start-up, so a broken edit fails loudly before the first
 * supplier is answered. Pure: no LangChain here (the offline path imports it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodedError } from '../core/errors.js';

export type PromptName = 'system' | 'answer' | 'anonymise';

/** The placeholders each template must carry, and the only ones it may carry. */
export const PROMPT_PLACEHOLDERS: Readonly<Record<PromptName, readonly string[]>> = {
  system: ['buyer', 'reference', 'title'],
  answer: ['passages', 'question'],
  anonymise: ['question', 'anonymised'],
};

export interface PromptTemplate {
  readonly name: PromptName;
  readonly file: string;
  /** The template text, HTML comments removed. */
  readonly text: string;
  /** Fills every placeholder in one pass: values are never expanded again. */
  render(values: Record<string, string>): string;
}

export type Prompts = Readonly<Record<PromptName, PromptTemplate>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export function loadPrompts(dir: string): Prompts {
  const entries = (Object.keys(PROMPT_PLACEHOLDERS) as PromptName[]).map(
    (name) => [name, loadTemplate(dir, name)] as const,
  );
  return Object.fromEntries(entries) as Record<PromptName, PromptTemplate>;
}

/**
 * The project's prompts/ folder: the nearest one above this module, so it is
 * found both from src/ (tsx) and from a compiled dist/src/.
 */
export function defaultPromptsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'prompts');
    if (existsSync(path.join(candidate, 'system.md'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new CodedError('config_invalid', 'Mappen prompts/ med promptmallarna hittades inte.');
    dir = parent;
  }
}

function loadTemplate(dir: string, name: PromptName): PromptTemplate {
  const file = path.join(dir, `${name}.md`);
  if (!existsSync(file)) {
    throw new CodedError('config_invalid', `Promptmallen ${file} saknas.`);
  }
  const text = stripComments(readFileSync(file, 'utf8')).trim();
  if (text.length === 0) {
    throw new CodedError('config_invalid', `Promptmallen ${file} är tom.`);
  }
  return parseTemplate(name, file, text);
}

/** Exported for tests: checks one template's text. */
export function parseTemplate(name: PromptName, file: string, text: string): PromptTemplate {
  const required = PROMPT_PLACEHOLDERS[name];
  const found = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string));
  for (const placeholder of required) {
    if (!found.has(placeholder)) {
      throw new CodedError('config_invalid', `Promptmallen ${file} saknar platshållaren {{${placeholder}}}.`);
    }
  }
  for (const placeholder of found) {
    if (!required.includes(placeholder)) {
      throw new CodedError(
        'config_invalid',
        `Promptmallen ${file} har en okänd platshållare {{${placeholder}}} (tillåtna: ${required.map((p) => `{{${p}}}`).join(', ')}).`,
      );
    }
  }
  return {
    name,
    file,
    text,
    render(values) {
      return text.replace(PLACEHOLDER, (_match, key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`prompt ${name}: no value for {{${key}}}`);
        return value;
      });
    },
  };
}

function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '');
}
