// Newsletter, invitation and confirmation emails: real MIME with an HTML and a plain-text
// part, in the person's language where a text exists. All stored text is escaped.
import { DateTime } from 'luxon';
import { STOCKHOLM_ZONE } from '../domain/stockholm-time.js';
import { escapeHtml } from '../platform/html-escape.js';


const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replaceAll('\n', '<br>')}</p>`)
    .join('\n');

function page(title: string, bodyHtml: string, footerHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: auto; line-height: 1.5">
<h1 style="font-size: 1.4em">${escapeHtml(title)}</h1>
${bodyHtml}
<hr><p style="font-size: 0.85em; color: #555">${footerHtml}</p>
</body></html>`;
}

export interface CampaignMessage {
  kind: 'newsletter' | 'invitation';
  title: string;
  text: string;
  language: 'sv' | 'en';
  eventAt: Date | null;
  place: string | null;
  rsvpYesUrl: string | null;
  rsvpNoUrl: string | null;
  unsubscribeUrl: string;
}

/** The links every newsletter email carries point here (the link pages of api/routes/newsletter.ts). */
export const newsletterLinkUrl = (publicBaseUrl: string, path: 'confirm' | 'unsubscribe' | 'rsvp', token: string, extra = '') =>
  `${publicBaseUrl}/api/v1/newsletter/${path}?token=${token}${extra}`;

export interface CampaignContent {
  kind: string;
  title: string;
  textSv: string;
  textEn: string | null;
  eventAt: Date | null;
  place: string | null;
}

/**
 * The message one recipient gets: English for people who chose English when the campaign
 * has an English text, else Swedish. The sending activity and the web app's preview both
 * build it here, so the preview is the email.
 */
export function campaignMessageFor(
  campaign: CampaignContent,
  recipient: { language: string },
  links: { publicBaseUrl: string; rsvpToken: string; unsubscribeToken: string },
): CampaignMessage {
  const english = recipient.language === 'en' && Boolean(campaign.textEn);
  const invitation = campaign.kind === 'invitation';
  return {
    kind: invitation ? 'invitation' : 'newsletter',
    title: campaign.title,
    text: english ? campaign.textEn! : campaign.textSv,
    language: english ? 'en' : 'sv',
    eventAt: campaign.eventAt,
    place: campaign.place,
    rsvpYesUrl: invitation ? newsletterLinkUrl(links.publicBaseUrl, 'rsvp', links.rsvpToken, '&answer=yes') : null,
    rsvpNoUrl: invitation ? newsletterLinkUrl(links.publicBaseUrl, 'rsvp', links.rsvpToken, '&answer=no') : null,
    unsubscribeUrl: newsletterLinkUrl(links.publicBaseUrl, 'unsubscribe', links.unsubscribeToken),
  };
}

export function campaignEmail(message: CampaignMessage) {
  const sv = message.language === 'sv';
  const when = message.eventAt
    ? DateTime.fromJSDate(message.eventAt, { zone: STOCKHOLM_ZONE }).setLocale(message.language).toFormat("cccc d LLLL yyyy, HH:mm")
    : null;
  const eventLines = message.kind === 'invitation' && when
    ? [`${sv ? 'När' : 'When'}: ${when}`, `${sv ? 'Var' : 'Where'}: ${message.place ?? '–'}`]
    : [];
  const rsvpLines =
    message.rsvpYesUrl && message.rsvpNoUrl
      ? [`${sv ? 'Jag kommer' : 'I will come'}: ${message.rsvpYesUrl}`, `${sv ? 'Jag kommer inte' : 'I cannot come'}: ${message.rsvpNoUrl}`]
      : [];
  const unsubscribeText = sv ? 'Avsluta prenumerationen' : 'Unsubscribe';
  const text = [message.text, '', ...eventLines, ...(rsvpLines.length ? ['', ...rsvpLines] : []), '', `${unsubscribeText}: ${message.unsubscribeUrl}`].join('\n');
  const html = page(
    message.title,
    [
      paragraphs(message.text),
      eventLines.length ? `<p>${eventLines.map(escapeHtml).join('<br>')}</p>` : '',
      rsvpLines.length
        ? `<p><a href="${escapeHtml(message.rsvpYesUrl!)}">${sv ? 'Jag kommer' : 'I will come'}</a> · <a href="${escapeHtml(message.rsvpNoUrl!)}">${sv ? 'Jag kommer inte' : 'I cannot come'}</a></p>`
        : '',
    ].join('\n'),
    `<a href="${escapeHtml(message.unsubscribeUrl)}">${unsubscribeText}</a>`,
  );
  return { subject: message.title, text, html };
}

export function confirmationEmail(input: { language: 'sv' | 'en'; confirmUrl: string }) {
  const sv = input.language === 'sv';
  const title = sv ? 'Bekräfta din prenumeration på nyhetsbrevet' : 'Confirm your newsletter subscription';
  const body = sv
    ? 'Du har bett om nyhetsbrev och inbjudningar till inflyttarträffar i Jämtland Härjedalen. Bekräfta genom att öppna länken. Har du inte bett om det behöver du inte göra något.'
    : 'You asked for newsletters and invitations to in-mover meetups in Jämtland Härjedalen. Confirm by opening the link. If you did not ask, do nothing.';
  return {
    subject: title,
    text: `${body}\n\n${input.confirmUrl}`,
    html: page(title, `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(input.confirmUrl)}">${sv ? 'Bekräfta' : 'Confirm'}</a></p>`, 'Region Jämtland Härjedalen'),
  };
}
