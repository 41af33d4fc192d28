import { COMMON_IGNORED_REASONS, type FormatDefinition } from './format-definition.js';

/**
 * TikTok Ads Manager export. Events:
 * Impressions→impression; Clicks (destination) (else Clicks)→click; Paid likes (else Likes)→like;
 * Paid comments (else Comments)→comment; Paid shares (else Shares)→share;
 * Paid follows (else Follows)→follow; Video views→video_view; Video views at 100%→video_complete.
 * Cost is spend in the Currency column's currency (else the one in its header). Profile visits are
 * not engagement with the message and are ignored. Age 55+ stays 55+.
 */
export const tiktokAdsFormat: FormatDefinition = {
  format: 'tiktok_ads',
  label: 'TikTok Ads Manager export (By Day)',
  columns: [
    { field: 'day', headers: ['by day', 'date', 'day', 'stat time'] },
    { field: 'campaign', headers: ['campaign name', 'campaign'] },
    { field: 'adSet', headers: ['ad group name', 'ad group'] },
    { field: 'creativeName', headers: ['ad name', 'ad'] },
    { field: 'externalId', headers: ['ad id'] },
    { field: 'age', headers: ['age'] },
    { field: 'gender', headers: ['gender'] },
    { field: 'region', headers: ['location', 'country/region', 'country', 'region'] },
    { field: 'impression', headers: ['impressions'] },
    { field: 'reach', headers: ['reach'] },
    { field: 'spend', headers: ['cost', 'total cost', 'spend'] },
    { field: 'currency', headers: ['currency'] },
    { field: 'click', headers: ['clicks (destination)', 'clicks'] },
    { field: 'like', headers: ['paid likes', 'likes'] },
    { field: 'comment', headers: ['paid comments', 'comments'] },
    { field: 'share', headers: ['paid shares', 'shares'] },
    { field: 'follow', headers: ['paid follows', 'follows'] },
    { field: 'video_view', headers: ['video views'] },
    { field: 'video_complete', headers: ['video views at 100%'] },
  ],
  required: [['impression'], ['day']],
  signature: [
    'by day',
    'ad group name',
    'ad group id',
    'clicks (destination)',
    'video views at 100%',
    'video views at 75%',
    '2-second video views',
    '6-second video views',
    'paid likes',
    'paid comments',
    'paid shares',
    'paid follows',
  ],
  dateFields: ['day'],
  lifetime: false,
  creativeKey: 'name',
  period(cells) {
    const day = cells.date('day');
    return day ? { start: day, end: day } : null;
  },
  platform: () => 'tiktok',
  level(has) {
    if (has('creativeName') || has('externalId')) return 'ad';
    if (has('adSet')) return 'adgroup';
    return has('campaign') ? 'campaign' : 'account';
  },
  ignoredReasons: {
    ...COMMON_IGNORED_REASONS,
    cpm: 'Resonance computes CPM from Cost and Impressions.',
    cpc: 'Resonance computes cost per click from Cost and Clicks.',
    ctr: 'Resonance computes the click-through rate from Clicks and Impressions.',
    'video views at 25%': 'Resonance keeps video views and completions (100%) only.',
    'video views at 50%': 'Resonance keeps video views and completions (100%) only.',
    'video views at 75%': 'Resonance keeps video views and completions (100%) only.',
    '2-second video views': 'Resonance keeps "Video views" as the video views.',
    '6-second video views': 'Resonance keeps "Video views" as the video views.',
  },
};
