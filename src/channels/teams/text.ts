/**
 * Teams message text -> the supplier's question: the bot's own @mention removed
 * (Bot Framework's removeRecipientMention, then any <at> tag left over), and
 * the few HTML entities Teams puts in message text decoded.
 */
import { type Activity, TurnContext } from 'botbuilder';

export function questionFromTeams(activity: Activity): string {
  // removeRecipientMention mutates the activity; work on a copy.
  const copy = { ...activity, entities: activity.entities ? [...activity.entities] : undefined } as Activity;
  const text = TurnContext.removeRecipientMention(copy) ?? activity.text ?? '';
  return cleanTeamsText(text, activity.recipient?.name);
}

export function cleanTeamsText(text: string, botName?: string): string {
  let out = text;
  if (botName) out = out.split(`<at>${botName}</at>`).join(' ');
  return out
    .replace(/<at>([^<]*)<\/at>/g, '@$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}
