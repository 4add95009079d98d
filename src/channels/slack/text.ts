/**
 * Slack message text -> the supplier's question in plain words: the bot's own
 * mention removed, other mentions and links made readable, and Slack's three
 * HTML entities decoded (Slack escapes &, < and > in message text).
 */
export function questionFromSlack(text: string | undefined, botUserId: string | undefined): string {
  if (!text) return '';
  let out = text;
  if (botUserId) out = out.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ');
  out = out
    .replace(/<@([UW][A-Z0-9]+)\|([^>]+)>/g, '@$2')
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(\|([^>]*))?>/g, (_m, _g, name: string | undefined) => name ?? '')
    .replace(/<!(here|channel|everyone)(\|[^>]*)?>/g, '')
    .replace(/<(mailto:)?([^|<>]+)\|([^<>]+)>/g, (_m, mailto: string | undefined, url: string, label: string) =>
      mailto || label === url ? label : `${label} (${url})`,
    )
    .replace(/<([^<>|]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return out.replace(/[ \t]+/g, ' ').trim();
}

/**
 * The one escape for everything the bot sends to Slack (fallback `text`,
 * plain_text and mrkdwn objects, button labels, ephemeral responses): Slack
 * reads `<...>` as a mention or link (`<!channel>` pings a whole channel,
 * `<@U123>` a person) in any text, and decodes these three entities for
 * display, so a quoted document or a published answer shows as written and
 * pings no one.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
