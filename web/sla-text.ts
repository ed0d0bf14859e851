// How a case's first-reply promise reads to a guide, in working days (MISSION.md §3.1).
import { workingDaysBetween } from '../domain/working-days.js';
import { words, type Language } from './i18n.js';

export interface SlaFacts {
  status: string;
  slaOutcome: string;
  firstReplyDueAt: Date;
}

export type SlaTone = 'ok' | 'soon' | 'overdue' | 'done';

export function slaText(facts: SlaFacts, lang: Language, now = new Date()): { text: string; tone: SlaTone } {
  const t = words(lang);
  if (facts.slaOutcome === 'met') return { text: t.repliedInTime, tone: 'done' };
  if (facts.slaOutcome === 'late') return { text: t.repliedLate, tone: 'done' };
  if (facts.status === 'closed') return { text: t.closed, tone: 'done' };
  if (now > facts.firstReplyDueAt) {
    const late = workingDaysBetween(facts.firstReplyDueAt, now);
    return { text: late > 0 ? t.overdueBy(late) : t.overdueJustNow, tone: 'overdue' };
  }
  const left = workingDaysBetween(now, facts.firstReplyDueAt);
  return { text: t.workingDaysLeft(left), tone: left <= 1 ? 'soon' : 'ok' };
}
