import { PassThrough } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import type { AnalyticsQuery, Annotation, MetricSet, SavedView, SummaryResponse } from '@resonance/contracts';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { SegmentReportService } from '../analytics/segment-report.service.js';
import { AnnotationsService } from '../annotations/annotations.service.js';
import { exportFileName, segmentsTable } from '../exports/export-table.js';
import { ExportsService } from '../exports/exports.service.js';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { SavedViewsService } from '../saved-views/saved-views.service.js';
import { SegmentsService } from '../segments/segments.service.js';

/** The segment report answers at most this many segments at once. */
const MAX_REPORT_SEGMENTS = 20;
const HEADLINE = ['impressions', 'reach', 'engagements', 'engagementRate', 'resourceClicks'] as const;
type Headline = (typeof HEADLINE)[number];

export interface DigestMessage {
  subject: string;
  html: string;
  text: string;
  attachment: { filename: string; content: Buffer };
}

type Wire = MetricSet[Headline] | null | undefined;

const numberFormat = new Intl.NumberFormat('en-GB');

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function show(value: Wire, metric: Headline, threshold: number): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return `<${threshold}`;
  return METRIC_DEFINITIONS[metric].kind === 'rate' ? `${(value * 100).toFixed(1)}%` : numberFormat.format(value);
}

function change(summary: SummaryResponse, metric: Headline, threshold: number): string {
  const delta = summary.deltas?.[metric];
  if (!delta) return '—';
  if (metric === 'engagementRate') {
    const v = delta.absolute;
    if (v === null) return '—';
    if (typeof v === 'object') return `<${threshold}`;
    return `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)} pts`;
  }
  const r = delta.relative;
  if (r === null || r === undefined) return '—';
  if (typeof r === 'object') return `<${threshold}`;
  return `${r >= 0 ? '+' : '−'}${Math.abs(r * 100).toFixed(1)}%`;
}

/** "2026-05-12" or "2026-05-01 – 2026-05-31", with "(observance)" for calendar windows. */
function annotationDates(a: Annotation): string {
  const dates = a.startsOn === a.endsOn ? a.startsOn : `${a.startsOn} – ${a.endsOn}`;
  return a.kind === 'observance' ? `${dates} (observance)` : dates;
}

/** The dashboard address of a view (period rule kept, so the link stays current). */
export function viewUrl(publicUrl: string, view: SavedView): string {
  const f = view.filters;
  const params = new URLSearchParams({ range: f.period });
  if (f.period === 'custom' && f.from && f.to) {
    params.set('from', f.from);
    params.set('to', f.to);
  }
  if (f.campaignId) params.set('campaign', f.campaignId);
  if (f.platform) params.set('platform', f.platform);
  if (f.segmentId) params.set('segment', f.segmentId);
  params.set('compare', f.compare);
  return `${publicUrl}${view.page === 'report' ? '/report' : '/'}?${params.toString()}`;
}

/**
 * A saved view as an e-mail: headline figures and their change against the previous period (or a
 * year earlier, when the view compares with the same period last year), the
 * segment report table, a sign-in link to the view and the segment report as XLSX. Every figure
 * comes from the analytics services, so suppression applies as on screen.
 */
@Injectable()
export class DigestComposer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly views: SavedViewsService,
    private readonly analytics: AnalyticsService,
    private readonly segmentReport: SegmentReportService,
    private readonly segments: SegmentsService,
    private readonly exportsService: ExportsService,
    private readonly annotations: AnnotationsService,
  ) {}

  async compose(params: { orgId: string; savedViewId: string; now?: Date }): Promise<DigestMessage> {
    const { orgId } = params;
    const resolved = await this.views.resolve({ orgId, id: params.savedViewId, now: params.now });
    const f = resolved.view.filters;
    const base: AnalyticsQuery = {
      from: resolved.period.from,
      to: resolved.period.to,
      ...(f.campaignId ? { campaign: f.campaignId } : {}),
      ...(f.platform ? { platform: [f.platform] } : {}),
    };
    // The view's own comparison when it is a year earlier; otherwise the previous period (a digest
    // reports change, so a view without a comparison still gets one).
    const compare = f.compare === 'previous_year' ? 'yearEarlier' : 'previous';
    const changeHeading = compare === 'yearEarlier' ? 'Change vs a year earlier' : 'Change vs previous period';
    const { items } = await this.segments.list({ orgId });
    const [summary, report, notes] = await Promise.all([
      this.analytics.getSummary({
        orgId,
        query: { ...base, ...(f.segmentId ? { segment: [f.segmentId] } : {}), compare },
      }),
      this.segmentReport.getSegmentReport({
        orgId,
        query: { ...base, segment: items.slice(0, MAX_REPORT_SEGMENTS).map((s) => s.id) },
      }),
      this.annotations.list({
        orgId,
        from: base.from,
        to: base.to,
        ...(f.campaignId ? { campaignId: f.campaignId } : {}),
      }),
    ]);
    const calendar = notes.items.map((n) => `${annotationDates(n)}: ${n.text}`);
    const threshold = summary.meta.suppression.threshold;
    const period = `${resolved.period.from} – ${resolved.period.to}`;
    const subject = `${resolved.view.name}: ${period}`;
    const link = viewUrl(this.config.publicUrl, resolved.view);
    const label = (m: Headline) => METRIC_DEFINITIONS[m].label;

    const headlineRows = HEADLINE.map(
      (m) =>
        `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0">${escapeHtml(label(m))}</th>` +
        `<td style="text-align:right;padding:4px 12px">${escapeHtml(show(summary.current[m], m, threshold))}</td>` +
        `<td style="text-align:right;padding:4px 12px;color:#555">${escapeHtml(change(summary, m, threshold))}</td></tr>`,
    ).join('');
    const segmentRows = report.rows
      .map(
        (row) =>
          `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0">${escapeHtml(row.segment.name)}</th>` +
          HEADLINE.map(
            (m) =>
              `<td style="text-align:right;padding:4px 12px">${escapeHtml(show(row.current[m], m, threshold))}</td>`,
          ).join('') +
          '</tr>',
      )
      .join('');
    const facts = [
      ['Period', period],
      ['Campaign', resolved.campaign?.name ?? 'All campaigns'],
      ['Platform', f.platform ?? 'All platforms'],
      ['Audience', resolved.segment?.name ?? 'Everyone'],
    ];
    const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1a1a">
<p style="color:#555">${escapeHtml(resolved.organizationName)} · Resonance digest</p>
<h1 style="font-size:20px">${escapeHtml(resolved.view.name)}</h1>
<p>${facts.map(([k, v]) => `<strong>${escapeHtml(k ?? '')}:</strong> ${escapeHtml(v ?? '')}`).join('<br>')}</p>
<h2 style="font-size:16px">Headline figures</h2>
<table role="presentation"><thead><tr><th></th><th style="text-align:right;padding:4px 12px">This period</th><th style="text-align:right;padding:4px 12px">${changeHeading}</th></tr></thead><tbody>${headlineRows}</tbody></table>
<h2 style="font-size:16px">Segments</h2>
<table><thead><tr><th style="text-align:left">Segment</th>${HEADLINE.map((m) => `<th style="text-align:right;padding:4px 12px">${escapeHtml(label(m))}</th>`).join('')}</tr></thead><tbody>${segmentRows}</tbody></table>
<p style="color:#555">${escapeHtml(report.note)}</p>
${calendar.length > 0 ? `<h2 style="font-size:16px">On the calendar</h2>\n<ul>${calendar.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>` : ''}
<p><a href="${escapeHtml(link)}">Open this view in Resonance</a> (sign-in needed). The segment report is attached as a spreadsheet.</p>
<p style="color:#555;font-size:12px">Figures describing fewer than ${threshold} people are shown as “&lt;${threshold}”. Reach counts each person once, so reach rows never add up to a total.</p>
</body></html>`;
    const text = [
      `${resolved.view.name} (${period})`,
      ...HEADLINE.map(
        (m) => `${label(m)}: ${show(summary.current[m], m, threshold)} (${change(summary, m, threshold)})`,
      ),
      ...(calendar.length > 0 ? ['On the calendar:', ...calendar.map((c) => `- ${c}`)] : []),
      `Open in Resonance: ${link}`,
    ].join('\n');

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    await this.exportsService.write({ table: segmentsTable(report), format: 'xlsx', out });
    if (!out.writableEnded) out.end();
    await done;
    const filename = exportFileName('segments', resolved.period, 'xlsx');
    return { subject, html, text, attachment: { filename, content: Buffer.concat(chunks) } };
  }
}
