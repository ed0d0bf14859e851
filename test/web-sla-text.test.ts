// How the first-reply promise reads on Min dag and the card, in Swedish working days.
import { describe, expect, it } from 'vitest';
import { slaText } from '../web/sla-text.js';

const due = new Date('2026-12-30T23:59:59+01:00'); // Wednesday; received Monday 21 December
const open = { status: 'awaiting-reply', slaOutcome: 'open', firstReplyDueAt: due };

describe('slaText', () => {
  it.each([
    ['the day of receipt (Christmas week: 24–26 Dec are not worked)', '2026-12-21T10:00:00+01:00', '5 arbetsdagar kvar', 'ok'],
    ['the day before the deadline', '2026-12-29T09:00:00+01:00', '1 arbetsdag kvar', 'soon'],
    ['the day of the deadline', '2026-12-30T09:00:00+01:00', 'Förfaller i dag', 'soon'],
    ['one working day past (31 Dec is an eve, 1 Jan a holiday)', '2027-01-04T09:00:00+01:00', 'Försenad 1 arbetsdag', 'overdue'],
    ['two working days past', '2027-01-05T09:00:00+01:00', 'Försenad 2 arbetsdagar', 'overdue'],
    ['minutes past, on a non-working eve', '2026-12-31T00:10:00+01:00', 'Försenad', 'overdue'],
  ])('%s', (_what, now, text, tone) => {
    expect(slaText(open, 'sv', new Date(now))).toEqual({ text, tone });
  });

  it('says answered in time, late or closed whatever the date', () => {
    const later = new Date('2027-02-01T09:00:00+01:00');
    expect(slaText({ ...open, status: 'replied', slaOutcome: 'met' }, 'sv', later).text).toBe('Besvarad i tid');
    expect(slaText({ ...open, status: 'replied', slaOutcome: 'late' }, 'sv', later).text).toBe('Besvarad sent');
    expect(slaText({ ...open, status: 'closed' }, 'sv', later).text).toBe('Avslutad');
    expect(slaText(open, 'en', new Date('2026-12-21T10:00:00+01:00')).text).toBe('5 working days left');
  });
});
