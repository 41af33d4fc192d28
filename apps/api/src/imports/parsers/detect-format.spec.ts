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
        spend: 'Amount spent (USD)',
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
        spend: 'Cost',
        currency: 'Currency',
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
    expect(detectFormat(headers)).toMatchObject({ format, mapping });
    expect(detectFormat(headers)?.mapping).toEqual(mapping);
  });

  it('lists the columns it does not read, each with why', () => {
    expect(detectFormat(X)?.ignored).toEqual([
      { header: 'Post Link', reason: 'Descriptive: not a figure, and not needed to place the row.' },
      {
        header: 'Engagements',
        reason: "X's total of the other engagement columns: counting it too would count them twice.",
      },
      { header: 'Profile visits', reason: 'Visits to the profile: navigation, not engagement with the message.' },
      { header: 'Detail Expands', reason: 'Opening the post: navigation, not engagement with the message.' },
      {
        header: 'Hashtag Clicks',
        reason: 'Clicking a hashtag leads away from the message: navigation, not engagement.',
      },
      {
        header: 'Permalink Clicks',
        reason: 'Opening the post by its link: navigation, not engagement with the message.',
      },
    ]);
    // Every column of the file is either read or listed as ignored.
    for (const headers of [META, TIKTOK, INSTAGRAM, X]) {
      const detected = detectFormat(headers);
      const read = Object.values(detected?.mapping ?? {}).flatMap((h) => h.split(' + '));
      const ignored = (detected?.ignored ?? []).map((c) => c.header);
      expect([...read, ...ignored].sort()).toEqual([...headers].sort());
    }
    expect(detectFormat([...META, 'Frequency', 'Mystery'])?.ignored.slice(-2)).toEqual([
      { header: 'Frequency', reason: 'Impressions divided by reach: Resonance keeps both figures instead.' },
      { header: 'Mystery', reason: 'Not a figure Resonance imports from this export.' },
    ]);
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
