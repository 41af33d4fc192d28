import { detectFormat, RECOGNISED_FORMATS } from './detect-format.js';
import { exportFile, naiveCsv } from './parsers.test-helpers.js';

const headersOf = (name: string): string[] => naiveCsv(exportFile(name).toString('utf8'))[0] ?? [];

const META = headersOf('meta-ads-age-gender-daily.csv');
const TIKTOK = headersOf('tiktok-ads-age-gender-daily.csv');
const INSTAGRAM = headersOf('instagram-content.csv');
const X = headersOf('x-post-analytics.csv');

describe('detectFormat on the platform samples', () => {
  it.each([
    [
      'meta-ads-age-gender-daily.csv',
      META,
      'meta_ads',
      {
        periodStart: 'Reporting starts',
        periodEnd: 'Reporting ends',
        campaign: 'Campaign name',
        adSet: 'Ad set name',
        creativeName: 'Ad name',
        age: 'Age',
        gender: 'Gender',
        impression: 'Impressions',
        reach: 'Reach',
        click: 'Link clicks',
        like: 'Post reactions',
        comment: 'Post comments',
        share: 'Post shares',
        save: 'Post saves',
        video_view: 'ThruPlays',
      },
    ],
    [
      'tiktok-ads-age-gender-daily.csv',
      TIKTOK,
      'tiktok_ads',
      {
        day: 'By Day',
        campaign: 'Campaign name',
        adSet: 'Ad group name',
        creativeName: 'Ad name',
        age: 'Age',
        gender: 'Gender',
        impression: 'Impressions',
        reach: 'Reach',
        click: 'Clicks (destination)',
        like: 'Paid likes',
        comment: 'Paid comments',
        share: 'Paid shares',
        follow: 'Paid follows',
        video_view: 'Video views',
        video_complete: 'Video views at 100%',
      },
    ],
    [
      'instagram-content.csv',
      INSTAGRAM,
      'instagram_content',
      {
        externalId: 'Post ID',
        publishTime: 'Publish time',
        exportDate: 'Date',
        creativeName: 'Description',
        impression: 'Views',
        reach: 'Reach',
        like: 'Likes',
        comment: 'Comments',
        share: 'Shares',
        save: 'Saves',
        follow: 'Follows',
      },
    ],
    [
      'x-post-analytics.csv',
      X,
      'x_post_analytics',
      {
        externalId: 'Post id',
        day: 'Date',
        creativeName: 'Post text',
        impression: 'Impressions',
        like: 'Likes',
        comment: 'Replies',
        share: 'Reposts + Shares',
        save: 'Bookmarks',
        click: 'URL Clicks',
        follow: 'New follows',
      },
    ],
  ])('recognises %s and maps its columns', (_file, headers, format, mapping) => {
    expect(detectFormat(headers)).toEqual({ format, mapping });
  });
});

const shuffle = (headers: string[]): string[] => [...headers].reverse().sort((a, b) => (a.length % 3) - (b.length % 3));

describe('detectFormat ignores how headers are written', () => {
  it.each([
    ['shuffled order', shuffle],
    ['upper case', (h: string[]) => h.map((x) => x.toUpperCase())],
    ['lower case and padding', (h: string[]) => h.map((x) => `  ${x.toLowerCase()}\t`)],
    ['a BOM on the first header', (h: string[]) => h.map((x, i) => (i === 0 ? `\uFEFF${x}` : x))],
    ['extra unknown columns', (h: string[]) => [...h, 'Result type', 'CPM (cost per 1,000 impressions) (USD)']],
  ])('%s', (_name, change) => {
    expect(detectFormat(change(META))?.format).toBe('meta_ads');
    expect(detectFormat(change(TIKTOK))?.format).toBe('tiktok_ads');
    expect(detectFormat(change(INSTAGRAM))?.format).toBe('instagram_content');
    expect(detectFormat(change(X))?.format).toBe('x_post_analytics');
  });

  it.each([
    ['Amount spent (INR)', 'meta_ads', META],
    ['Amount spent (EUR)', 'meta_ads', META],
    ['Cost (USD)', 'tiktok_ads', TIKTOK],
  ])('reads a currency in the header: %s', (header, format, base) => {
    const headers = base.map((h) => (/^(amount spent|cost)\b/i.test(h) ? header : h));
    expect(detectFormat(headers)?.format).toBe(format);
  });
});

describe('detectFormat on Meta breakdowns', () => {
  const base = ['Day', 'Campaign name', 'Ad set name', 'Ad name', 'Impressions', 'Reach', 'Link clicks'];
  it.each([
    [[], {}],
    [['Age'], { age: 'Age' }],
    [['Gender', 'Age'], { age: 'Age', gender: 'Gender' }],
    [['Region'], { region: 'Region' }],
    [['Country'], { region: 'Country' }],
    [['Platform', 'Placement'], { platform: 'Platform', placement: 'Placement' }],
    [
      ['Age', 'Gender', 'Region', 'Platform', 'Placement'],
      { age: 'Age', gender: 'Gender', region: 'Region', platform: 'Platform', placement: 'Placement' },
    ],
  ])('with %j', (extra, breakdown) => {
    const result = detectFormat([...base, ...extra]);
    expect(result?.format).toBe('meta_ads');
    expect(result?.mapping).toEqual({
      day: 'Day',
      campaign: 'Campaign name',
      adSet: 'Ad set name',
      creativeName: 'Ad name',
      impression: 'Impressions',
      reach: 'Reach',
      click: 'Link clicks',
      ...breakdown,
    });
  });
});

describe('detectFormat on other headers', () => {
  it.each([
    ['an analytics export from elsewhere', ['Date', 'Channel', 'Visitors', 'Bounce rate']],
    ['no headers', []],
    ['Meta columns without a date', ['Campaign name', 'Ad name', 'Impressions', 'Post reactions']],
    ['TikTok columns without impressions', ['By Day', 'Ad group name', 'Clicks (destination)']],
    ['a date and impressions but nothing platform-specific', ['Date', 'Campaign', 'Impressions', 'Clicks']],
  ])('returns null for %s', (_name, headers) => {
    expect(detectFormat(headers)).toBeNull();
  });

  it('keeps Impressions as impression and Views as view when an Instagram export has both', () => {
    expect(detectFormat([...INSTAGRAM, 'Impressions'])?.mapping).toMatchObject({
      impression: 'Impressions',
      view: 'Views',
    });
  });

  it('lists the recognised formats for the caller to show', () => {
    expect(RECOGNISED_FORMATS).toEqual([
      { format: 'meta_ads', label: 'Meta Ads Manager export' },
      { format: 'tiktok_ads', label: 'TikTok Ads Manager export (By Day)' },
      { format: 'instagram_content', label: 'Instagram content export (Meta Business Suite)' },
      { format: 'x_post_analytics', label: 'X post analytics export' },
    ]);
  });
});
