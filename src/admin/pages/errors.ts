/** Error pages in Swedish; never a stack trace or an internal message. */
import { html } from '../html.js';
import { barePage, type PageContext, page } from '../layout.js';

export function renderError(ctx: PageContext | null, base: string, title: string, message: string): string {
  const body = html`<p>${message}</p><p><a href="${base}/">Till alla frågor</a></p>`;
  return ctx ? page(ctx, { title, body }) : barePage(base, title, body);
}
