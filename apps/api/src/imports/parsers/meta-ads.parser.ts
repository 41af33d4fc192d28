import { COMMON_IGNORED_REASONS, type FormatDefinition } from './format-definition.js';
import { parseMetaPlatform } from './normalise-values.js';

/**
 * Meta Ads Manager export. Events:
 * Impressions→impression; Link clicks (else Outbound clicks)→click — not "Clicks (all)", which
 * includes reactions and would double count likes; Post reactions (else Likes)→like;
 * Post comments→comment; Post shares→share; Post saves→save;
 * 3-second video plays (else ThruPlays)→video_view; Video plays at 100%→video_complete;
 * Follows (else Page likes)→follow. Reach is kept at the row's grain. Amount spent is spend, in
 * the currency of a Currency column, else the one in its header ("Amount spent (INR)").
 * Without a Platform breakdown a row is 'facebook' (delivery across Meta's placements cannot be split).
 */
export const metaAdsFormat: FormatDefinition = {
  format: 'meta_ads',
  label: 'Meta Ads Manager export',
  columns: [
    { field: 'day', headers: ['day'] },
    { field: 'periodStart', headers: ['reporting starts'] },
    { field: 'periodEnd', headers: ['reporting ends'] },
    { field: 'campaign', headers: ['campaign name', 'campaign'] },
    { field: 'adSet', headers: ['ad set name', 'ad set'] },
    { field: 'creativeName', headers: ['ad name', 'ad'] },
    { field: 'externalId', headers: ['ad id'] },
    { field: 'age', headers: ['age'] },
    { field: 'gender', headers: ['gender'] },
    { field: 'region', headers: ['region', 'country'] },
    { field: 'platform', headers: ['platform', 'publisher platform'] },
    { field: 'placement', headers: ['placement'] },
    { field: 'impression', headers: ['impressions'] },
    { field: 'reach', headers: ['reach'] },
    { field: 'spend', headers: ['amount spent', 'spend'] },
    { field: 'currency', headers: ['currency'] },
    { field: 'click', headers: ['link clicks', 'outbound clicks'] },
    { field: 'like', headers: ['post reactions', 'likes'] },
    { field: 'comment', headers: ['post comments', 'comments'] },
    { field: 'share', headers: ['post shares', 'shares'] },
    { field: 'save', headers: ['post saves', 'saves'] },
    { field: 'video_view', headers: ['3-second video plays', 'thruplays'] },
    { field: 'video_complete', headers: ['video plays at 100%'] },
    { field: 'follow', headers: ['follows', 'page likes'] },
  ],
  required: [['impression'], ['day', 'periodStart']],
  signature: [
    'reporting starts',
    'reporting ends',
    'ad set name',
    'ad set id',
    'amount spent',
    'post reactions',
    'post comments',
    'post shares',
    'post saves',
    'thruplays',
    '3-second video plays',
    'video plays at 100%',
    'link clicks',
  ],
  dateFields: ['day', 'periodStart', 'periodEnd'],
  lifetime: false,
  creativeKey: 'name',
  period(cells) {
    // A "Day" breakdown is finer than the report's range.
    if (cells.has('day')) {
      const day = cells.date('day');
      return day ? { start: day, end: day } : null;
    }
    const start = cells.date('periodStart');
    const end = cells.has('periodEnd') ? cells.date('periodEnd') : start;
    return start && end ? { start, end } : null;
  },
  platform(cells) {
    const value = cells.text('platform');
    return value === null ? 'facebook' : parseMetaPlatform(value);
  },
  level(has) {
    if (has('creativeName') || has('externalId')) return 'ad';
    if (has('adSet')) return 'adset';
    return has('campaign') ? 'campaign' : 'account';
  },
  ignoredReasons: {
    ...COMMON_IGNORED_REASONS,
    'clicks (all)': 'Includes reactions and other clicks already counted as likes: Link clicks are the clicks.',
    results: 'Depends on the objective chosen in Ads Manager; Resonance reads the figures themselves.',
    'cost per result': 'Resonance computes cost per click, engagement and resource click from Amount spent.',
    'cpm (cost per 1,000 impressions)': 'Resonance computes CPM from Amount spent and Impressions.',
    frequency: 'Impressions divided by reach: Resonance keeps both figures instead.',
  },
};
