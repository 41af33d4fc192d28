import { COMMON_IGNORED_REASONS, type FormatDefinition } from './format-definition.js';

/**
 * Instagram content export from Meta Business Suite: one row per post, lifetime figures.
 * Events: Views→impression (Instagram replaced Impressions with Views; an older export that has
 * both keeps Impressions→impression and Views→view); Likes→like; Comments→comment;
 * Shares→share; Saves→save; Follows→follow; Link clicks→click; Plays→video_view.
 * Period: publish date .. the export's "Date" when that holds a date (it usually says
 * "Lifetime"), else the publish date alone. Grain 'lifetime|post'.
 */
export const instagramContentFormat: FormatDefinition = {
  format: 'instagram_content',
  label: 'Instagram content export (Meta Business Suite)',
  columns: [
    { field: 'externalId', headers: ['post id'] },
    { field: 'publishTime', headers: ['publish time', 'published time', 'publish date'] },
    { field: 'exportDate', headers: ['date'] },
    { field: 'creativeName', headers: ['description', 'caption', 'title'] },
    // A column feeds one field only, so 'views' is an impression unless Impressions exists.
    { field: 'impression', headers: ['impressions', 'views'] },
    { field: 'view', headers: ['views'] },
    { field: 'reach', headers: ['reach'] },
    { field: 'like', headers: ['likes'] },
    { field: 'comment', headers: ['comments'] },
    { field: 'share', headers: ['shares'] },
    { field: 'save', headers: ['saves'] },
    { field: 'follow', headers: ['follows'] },
    { field: 'click', headers: ['link clicks'] },
    { field: 'video_view', headers: ['plays'] },
  ],
  required: [['externalId'], ['publishTime'], ['impression']],
  signature: ['publish time', 'permalink', 'post type', 'account username', 'account name', 'account id'],
  dateFields: ['publishTime', 'exportDate'],
  lifetime: true,
  creativeKey: 'id',
  period(cells) {
    const start = cells.date('publishTime');
    if (!start) return null;
    return { start, end: cells.tryDate('exportDate') ?? start };
  },
  platform: () => 'instagram',
  level: () => 'post',
  ignoredReasons: COMMON_IGNORED_REASONS,
};
