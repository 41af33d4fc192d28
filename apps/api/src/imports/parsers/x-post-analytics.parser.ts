import { COMMON_IGNORED_REASONS, type FormatDefinition } from './format-definition.js';

/**
 * X post analytics export: one row per post, lifetime figures, no reach, no demographics.
 * Events: Impressions→impression; Likes→like; Replies→comment; Reposts (Retweets) + Shares→share
 * (reposting and sharing via DM/link are different actions); Bookmarks→save;
 * URL Clicks (Link clicks)→click; New follows→follow.
 * Not events: Engagements (a total of the others — counting it would double count),
 * Profile visits, Detail Expands, Hashtag Clicks, Permalink Clicks (navigation, not engagement
 * with the message). Period: the post's date; grain 'lifetime|post'.
 */
export const xPostAnalyticsFormat: FormatDefinition = {
  format: 'x_post_analytics',
  label: 'X post analytics export',
  columns: [
    { field: 'externalId', headers: ['post id', 'tweet id'] },
    { field: 'day', headers: ['date', 'time'] },
    { field: 'creativeName', headers: ['post text', 'tweet text', 'text'] },
    { field: 'impression', headers: ['impressions'] },
    { field: 'like', headers: ['likes'] },
    { field: 'comment', headers: ['replies'] },
    { field: 'share', headers: ['reposts', 'retweets', 'shares'], sum: true },
    { field: 'save', headers: ['bookmarks'] },
    { field: 'click', headers: ['url clicks', 'link clicks'] },
    { field: 'follow', headers: ['new follows', 'follows'] },
  ],
  required: [['externalId'], ['day'], ['impression']],
  signature: [
    'post text',
    'tweet text',
    'post link',
    'tweet permalink',
    'engagements',
    'reposts',
    'retweets',
    'replies',
    'bookmarks',
    'url clicks',
    'detail expands',
    'new follows',
  ],
  dateFields: ['day'],
  lifetime: true,
  creativeKey: 'id',
  period(cells) {
    const day = cells.date('day');
    return day ? { start: day, end: day } : null;
  },
  platform: () => 'x',
  level: () => 'post',
  ignoredReasons: {
    ...COMMON_IGNORED_REASONS,
    engagements: "X's total of the other engagement columns: counting it too would count them twice.",
    'detail expands': 'Opening the post: navigation, not engagement with the message.',
    'hashtag clicks': 'Clicking a hashtag leads away from the message: navigation, not engagement.',
    'permalink clicks': 'Opening the post by its link: navigation, not engagement with the message.',
  },
};
