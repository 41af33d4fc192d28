import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { publishedFor } from '../../test/published.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { event, seeder } from '../analytics/analytics.test-helpers.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free loopback port; `failNext` rejects that many messages with a 451. */
async function startSmtp(): Promise<{
  server: SMTPServer;
  url: string;
  inbox: Received[];
  failNext: { count: number };
}> {
  const inbox: Received[] = [];
  const failNext = { count: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failNext.count > 0) {
          failNext.count -= 1;
          const error = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address).sort(),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { server, url: `smtp://127.0.0.1:${port}`, inbox, failNext };
}

/** The MIME part with this content type, decoded (base64 or quoted-printable). */
function mimePart(raw: string, contentType: string): { headers: string; body: Buffer } | null {
  const boundaries = [...raw.matchAll(/boundary="?([^"\r\n;]+)"?/g)].map((m) => m[1] ?? '');
  for (const boundary of boundaries) {
    for (const part of raw.split(`--${boundary}`)) {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) continue;
      const headers = part.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
      if (!headers.toLowerCase().includes(`content-type: ${contentType}`)) continue;
      const body = part.slice(split + 4);
      if (/content-transfer-encoding: base64/i.test(headers)) {
        return { headers, body: Buffer.from(body.replace(/\s+/g, ''), 'base64') };
      }
      const qp = body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { headers, body: Buffer.from(qp, 'latin1') };
    }
  }
  return null;
}

/** The Subject header, unfolded, with MIME encoded words (=?UTF-8?Q?…?= / ?B?) decoded. */
function subjectOf(raw: string): string {
  const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  return line.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 240; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * Org A, March 2026: campaign "spring" 500 tiktok impressions and 40 likes. Digests of a view of
 * spring in March go through a real SMTP server started here.
 */
describe('scheduled digests', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: NestExpressApplication;
  let a: Tenant;
  let viewId: string;
  let springId: string;
  const overrides = () => ({ SMTP_URL: smtp.url, RESONANCE_DIGEST_RETRY_DELAY_SECONDS: '1' });
  /** Spring's 500 impressions and 40 likes as published for this organisation. */
  const headline = async () => {
    const pub = await publishedFor(app, a.orgId);
    const vector = { impressions: 500, engagements: 40 };
    return {
      impressions: String(pub.count(vector, 'impressions')),
      engagements: String(pub.count(vector, 'engagements')),
      rate: `${(pub.rate(vector, 'engagements', 'impressions') * 100).toFixed(1)}%`,
    };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await createTestApp(overrides());
    a = await createTenant(app);
    const seed = seeder(app, a.orgId);
    const spring = await seed.campaign('spring');
    const k1 = await seed.creative(spring, 'k1', { platform: 'tiktok' });
    await seed.events([
      event({ campaignId: spring, creativeId: k1, type: 'impression', count: 500, occurredAt: '2026-03-10T10:00:00Z' }),
      event({ campaignId: spring, creativeId: k1, type: 'like', count: 40, occurredAt: '2026-03-10T10:00:00Z' }),
      // The same campaign a year earlier, for a view that compares with it.
      event({ campaignId: spring, creativeId: k1, type: 'impression', count: 250, occurredAt: '2025-03-10T10:00:00Z' }),
      event({ campaignId: spring, creativeId: k1, type: 'like', count: 10, occurredAt: '2025-03-10T10:00:00Z' }),
    ]);
    springId = spring;
    const view = await a.agent.post('/api/v1/saved-views').send({
      name: 'Spring board digest',
      page: 'report',
      filters: {
        period: 'custom',
        from: '2026-03-01',
        to: '2026-03-31',
        campaignId: spring,
        platform: null,
        segmentId: null,
        compare: 'previous_period',
      },
    });
    viewId = view.body.id as string;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  const schedule = async (recipients: string[], frequency = 'weekly') => {
    const res = await a.agent.post('/api/v1/digests').send({ savedViewId: viewId, frequency, recipients });
    if (res.status !== 201) throw new Error(`scheduling failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; nextRunAt: string };
  };

  /** Makes a schedule fall due a day ago (as if the app had been down over its send time). */
  const makeOverdue = (id: string) =>
    app
      .get(DataSource)
      .query(`UPDATE digest_schedules SET next_run_at = now() - interval '1 day' WHERE org_id = $1 AND id = $2`, [
        a.orgId,
        id,
      ]);

  it('schedules weekly on Monday 08:00 in the organisation time zone, and checks its input', async () => {
    const created = await schedule(['Board@Example.org', 'funder@example.org']);
    const next = new Date(created.nextRunAt);
    expect(next.getUTCDay()).toBe(1);
    expect(next.getUTCHours()).toBe(8);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(created).toMatchObject({
      savedViewName: 'Spring board digest',
      recipients: ['board@example.org', 'funder@example.org'],
      lastDelivery: null,
    });
    const bad = await a.agent
      .post('/api/v1/digests')
      .send({ savedViewId: viewId, frequency: 'daily', recipients: ['not-an-address'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('frequency must be one of weekly, monthly');
    expect(bad.body.message).toContain('each recipient must be an e-mail address such as board@example.org');
    const analyst = await a.addMember('analyst');
    expect(
      (
        await analyst.agent
          .post('/api/v1/digests')
          .send({ savedViewId: viewId, frequency: 'weekly', recipients: ['x@example.org'] })
      ).status,
    ).toBe(403);
    const list = await a.agent.get('/api/v1/digests');
    expect(list.body.mailEnabled).toBe(true);
    // Another organisation can neither schedule A's view nor see A's digests.
    const b = await createTenant(app);
    const foreign = await b.agent
      .post('/api/v1/digests')
      .send({ savedViewId: viewId, frequency: 'weekly', recipients: ['b@example.org'] });
    expect(foreign.status).toBe(404);
    expect((await b.agent.get('/api/v1/digests')).body).toEqual({ items: [], total: 0, mailEnabled: true });
  });

  it('sends a digest that fell due while the app was down once, even with two instances starting, and not again after a restart', async () => {
    const recipients = ['chair@example.org', 'treasurer@example.org'];
    const created = await schedule(recipients, 'monthly');
    await makeOverdue(created.id);
    const before = smtp.inbox.length;
    const [second, third] = await Promise.all([createTestApp(overrides()), createTestApp(overrides())]);
    try {
      const sent = await until('the digest to be sent', async () => {
        const res = await a.agent.get(`/api/v1/digests`);
        const mine = res.body.items.find((d: { id: string }) => d.id === created.id);
        return mine?.lastDelivery?.status === 'sent' ? mine : null;
      });
      expect(sent.lastDelivery.attempts).toBe(1);
      expect(new Date(sent.nextRunAt).getTime()).toBeGreaterThan(Date.now());
      expect(new Date(sent.nextRunAt).getUTCDate()).toBe(1);
    } finally {
      await Promise.all([second.close(), third.close()]);
    }
    // A restart finds nothing due.
    const restarted = await createTestApp(overrides());
    await restarted.close();
    const mails = smtp.inbox.slice(before).filter((m) => m.to.join() === recipients.join());
    expect(mails).toHaveLength(1);

    const mail = mails[0]!;
    expect(mail.to).toEqual(recipients);
    expect(subjectOf(mail.raw)).toBe('Spring board digest: 2026-03-01 – 2026-03-31');
    const html = mimePart(mail.raw, 'text/html')?.body.toString('utf8') ?? '';
    expect(html).toContain('Campaign spring');
    // Headline figures: the view's 500 impressions and 40 engagements as the analytics services publish
    // them (cell-key perturbation of the exact counts), and the rate of the published counts.
    const figures = await headline();
    expect(html).toMatch(new RegExp(`Impressions</th><td[^>]*>${figures.impressions}</td>`));
    expect(html).toMatch(new RegExp(`Engagements</th><td[^>]*>${figures.engagements}</td>`));
    expect(html).toMatch(new RegExp(`Engagement rate</th><td[^>]*>${figures.rate.replace('.', '\\.')}</td>`));
    expect(html).toContain('Segments');
    expect(html).toContain('/report?range=custom&#38;from=2026-03-01&#38;to=2026-03-31');
    const xlsx = mimePart(mail.raw, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx?.headers).toContain('resonance-segments-2026-03-01-to-2026-03-31.xlsx');
    // An XLSX file is a zip archive.
    expect(xlsx?.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('retries a failed send with backoff and shows the failure until it goes through', async () => {
    const recipients = ['retry@example.org'];
    const created = await schedule(recipients);
    smtp.failNext.count = 1;
    await makeOverdue(created.id);
    const before = smtp.inbox.length;
    const second = await createTestApp(overrides());
    try {
      const failed = await until('the failure to show', async () => {
        const res = await a.agent.get(`/api/v1/digests`);
        const mine = res.body.items.find((d: { id: string }) => d.id === created.id);
        return mine?.lastDelivery && mine.lastDelivery.attempts >= 1 && mine.lastDelivery.lastError ? mine : null;
      });
      expect(failed.lastDelivery.lastError).toContain('Mailbox busy');
      const sent = await until('the retry to go through', async () => {
        const res = await a.agent.get(`/api/v1/digests`);
        const mine = res.body.items.find((d: { id: string }) => d.id === created.id);
        return mine?.lastDelivery?.status === 'sent' ? mine : null;
      });
      expect(sent.lastDelivery).toMatchObject({ attempts: 2, lastError: null });
    } finally {
      await second.close();
    }
    expect(smtp.inbox.slice(before).filter((m) => m.to.join() === recipients.join())).toHaveLength(1);
  });

  it('previews the e-mail with the same figures and the notes and observances of the period', async () => {
    const note = await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-03-12', text: 'Radio interview' });
    expect(note.status).toBe(201);
    const created = await schedule(['preview@example.org']);
    const res = await a.agent.get(`/api/v1/digests/${created.id}/preview`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      subject: 'Spring board digest: 2026-03-01 – 2026-03-31',
      attachmentName: 'resonance-segments-2026-03-01-to-2026-03-31.xlsx',
      mailEnabled: true,
    });
    expect(res.body.html).toMatch(new RegExp(`Impressions</th><td[^>]*>${(await headline()).impressions}</td>`));
    expect(res.body.html).toContain('On the calendar');
    expect(res.body.html).toContain('<li>2026-03-12: Radio interview</li>');
    expect(res.body.html).toContain('<li>2026-03-30 (observance): World Bipolar Day</li>');
    expect((await a.agent.delete(`/api/v1/digests/${created.id}`)).status).toBe(204);
    expect((await a.agent.get(`/api/v1/digests/${created.id}/preview`)).status).toBe(404);
  });

  it("compares with a year earlier when the view does, and with the previous period when it doesn't", async () => {
    const yearly = await a.agent.post('/api/v1/saved-views').send({
      name: 'Spring year on year',
      page: 'report',
      filters: {
        period: 'custom',
        from: '2026-03-01',
        to: '2026-03-31',
        campaignId: springId,
        platform: null,
        segmentId: null,
        compare: 'previous_year',
      },
    });
    expect(yearly.status).toBe(201);
    const preview = async (savedViewId: string) => {
      const res = await a.agent
        .post('/api/v1/digests')
        .send({ savedViewId, frequency: 'weekly', recipients: ['yoy@example.org'] });
      expect(res.status).toBe(201);
      return (await a.agent.get(`/api/v1/digests/${res.body.id}/preview`)).body.html as string;
    };
    const changeOf = (html: string) => /Impressions<\/th><td[^>]*>[^<]*<\/td><td[^>]*>([^<]*)<\/td>/.exec(html)?.[1];
    // March 2025 held 250 impressions: about twice as many this March.
    const yoy = await preview(yearly.body.id as string);
    expect(yoy).toContain('Change vs a year earlier');
    expect(changeOf(yoy)).toMatch(/^\+(9\d|10\d)\.\d%$/);
    // February 2026 (the previous period) had none, so there is no relative change to state.
    const previous = await preview(viewId);
    expect(previous).toContain('Change vs previous period');
    expect(changeOf(previous)).toBe('—');
  });
});
