import type { NamedObservanceRule } from './observance-rule.js';

export type ObservanceRegion = 'global' | 'US' | 'UK' | 'CA' | 'AU';

export interface ObservanceCatalogueEntry extends NamedObservanceRule {
  name: string;
  region: ObservanceRegion;
  organiser: string;
  url: string;
  description: string;
}

/**
 * Dates that relative rules may hang off but that are not awareness observances
 * themselves, so they are kept out of the planning calendar.
 */
export const REFERENCE_DATES: readonly ObservanceCatalogueEntry[] = [
  {
    slug: 'us-thanksgiving',
    name: 'Thanksgiving Day (US)',
    rule: { kind: 'nth_weekday', month: 11, weekday: 4, n: 4 },
    region: 'US',
    organiser: 'US federal holiday',
    url: 'https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/',
    description: 'Fourth Thursday of November (5 U.S.C. 6103).',
  },
];

/**
 * Seed catalogue of mental-health awareness observances. Where the organiser
 * announces the dates each year, the rule is the closest regular pattern and the
 * description says so; campaign planners should confirm with the organiser.
 */
export const OBSERVANCE_CATALOGUE: readonly ObservanceCatalogueEntry[] = [
  {
    slug: 'brew-monday',
    name: 'Brew Monday (Blue Monday)',
    rule: { kind: 'nth_weekday', month: 1, weekday: 1, n: 3 },
    region: 'UK',
    organiser: 'Samaritans',
    url: 'https://www.samaritans.org',
    description:
      'Third Monday of January, the so-called "Blue Monday" (a PR invention with no evidence behind it); Samaritans reclaim the day as Brew Monday, encouraging people to meet for a cuppa and a chat.',
  },
  {
    slug: 'bell-lets-talk-day',
    name: "Bell Let's Talk Day",
    rule: { kind: 'nth_weekday', month: 1, weekday: 3, n: 4 },
    region: 'CA',
    organiser: 'Bell Canada',
    url: 'https://letstalk.bell.ca',
    description:
      'A January Wednesday set by Bell each year. Rule: fourth Wednesday of January, which matches 2022–2025 (e.g. 24 Jan 2024, not the last Wednesday, 31 Jan); earlier years used the last Wednesday. Confirm the date each year.',
  },
  {
    slug: 'time-to-talk-day',
    name: 'Time to Talk Day',
    rule: { kind: 'nth_weekday', month: 2, weekday: 4, n: 1 },
    region: 'UK',
    organiser: 'Mind and Rethink Mental Illness (with See Me, Inspire and Time to Change Wales)',
    url: 'https://timetotalkday.co.uk',
    description: 'First Thursday of February: a day for conversations about mental health.',
  },
  {
    slug: 'childrens-mental-health-week',
    name: "Children's Mental Health Week",
    rule: { kind: 'first_full_week', month: 2, weekStartsOn: 1 },
    region: 'UK',
    organiser: 'Place2Be',
    url: 'https://www.childrensmentalhealthweek.org.uk',
    description:
      'Early February, Monday to Sunday. Rule: first full Monday–Sunday week of February, which matches 2020–2025; Place2Be announces the week each year.',
  },
  {
    slug: 'eating-disorders-awareness-week',
    name: 'Eating Disorders Awareness Week (NEDAwareness Week)',
    rule: { kind: 'nth_weekday', month: 2, weekday: 1, n: -1, durationDays: 7 },
    region: 'US',
    organiser: 'National Eating Disorders Association (NEDA)',
    url: 'https://www.nationaleatingdisorders.org',
    description:
      'Late February into early March. Rule: seven days from the last Monday of February (e.g. 26 Feb – 3 Mar 2024); NEDA sets the week each year and has occasionally used the week before.',
  },
  {
    slug: 'university-mental-health-day',
    name: 'University Mental Health Day',
    rule: { kind: 'nth_weekday', month: 3, weekday: 4, n: 2 },
    region: 'UK',
    organiser: 'Student Minds and UMHAN',
    url: 'https://www.studentminds.org.uk',
    description:
      'A Thursday in early March. Rule: second Thursday of March (e.g. 14 Mar 2024); the date is announced each year.',
  },
  {
    slug: 'world-bipolar-day',
    name: 'World Bipolar Day',
    rule: { kind: 'fixed_day', month: 3, day: 30 },
    region: 'global',
    organiser: 'International Bipolar Foundation, ISBD and the Asian Network of Bipolar Disorder',
    url: 'https://www.isbd.org',
    description: "30 March, Vincent van Gogh's birthday.",
  },
  {
    slug: 'stress-awareness-month',
    name: 'Stress Awareness Month',
    rule: { kind: 'whole_month', month: 4 },
    region: 'UK',
    organiser: 'The Stress Management Society',
    url: 'https://www.stress.org.uk',
    description: 'The whole of April (held since 1992; also marked in the US).',
  },
  {
    slug: 'world-autism-awareness-day',
    name: 'World Autism Awareness Day',
    rule: { kind: 'fixed_day', month: 4, day: 2 },
    region: 'global',
    organiser: 'United Nations',
    url: 'https://www.un.org/en/observances/autism-day',
    description: '2 April, a UN international day since 2008.',
  },
  {
    slug: 'mental-health-awareness-month',
    name: 'Mental Health Awareness Month',
    rule: { kind: 'whole_month', month: 5 },
    region: 'US',
    organiser: 'Mental Health America, with NAMI',
    url: 'https://mhanational.org',
    description: 'The whole of May, observed in the US since 1949 (also called Mental Health Month).',
  },
  {
    slug: 'world-maternal-mental-health-day',
    name: 'World Maternal Mental Health Day',
    rule: { kind: 'nth_weekday', month: 5, weekday: 3, n: 1 },
    region: 'global',
    organiser: 'Postpartum Support International and partners',
    url: 'https://www.postpartum.net',
    description: 'First Wednesday of May (e.g. 1 May 2024), marked since 2016.',
  },
  {
    slug: 'cmha-mental-health-week',
    name: 'Mental Health Week (Canada)',
    rule: { kind: 'first_full_week', month: 5, weekStartsOn: 1 },
    region: 'CA',
    organiser: 'Canadian Mental Health Association (CMHA)',
    url: 'https://cmha.ca',
    description: 'First full Monday–Sunday week of May (e.g. 6–12 May 2024).',
  },
  {
    slug: 'mental-health-awareness-week-uk',
    name: 'Mental Health Awareness Week',
    rule: { kind: 'nth_weekday', month: 5, weekday: 1, n: 2, durationDays: 7 },
    region: 'UK',
    organiser: 'Mental Health Foundation',
    url: 'https://www.mentalhealth.org.uk',
    description:
      'A Monday–Sunday week in mid-May, announced each year by the Mental Health Foundation. Rule: seven days from the second Monday of May (13–19 May 2024, 12–18 May 2025); 2020 and 2023 used the third week instead.',
  },
  {
    slug: 'mens-health-week',
    name: "Men's Health Week",
    rule: { kind: 'week_containing', month: 6, day: 15, weekStartsOn: 1 },
    region: 'global',
    organiser: "Men's Health Network (US) and Men's Health Forum (UK)",
    url: 'https://www.menshealthforum.org.uk',
    description:
      "The Monday–Sunday week ending on Father's Day (third Sunday of June, which is always 15–21 June), i.e. the Monday–Sunday week containing 15 June.",
  },
  {
    slug: 'loneliness-awareness-week',
    name: 'Loneliness Awareness Week',
    rule: { kind: 'nth_weekday', month: 6, weekday: 1, n: 2, durationDays: 7 },
    region: 'UK',
    organiser: 'Marmalade Trust',
    url: 'https://www.marmaladetrust.org',
    description:
      'A Monday–Sunday week in mid-June. Rule: seven days from the second Monday of June (10–16 June 2024); the week is announced each year.',
  },
  {
    slug: 'ptsd-awareness-month',
    name: 'PTSD Awareness Month',
    rule: { kind: 'whole_month', month: 6 },
    region: 'US',
    organiser: 'National Center for PTSD (US Department of Veterans Affairs)',
    url: 'https://www.ptsd.va.gov',
    description: 'The whole of June.',
  },
  {
    slug: 'ptsd-awareness-day',
    name: 'PTSD Awareness Day',
    rule: { kind: 'fixed_day', month: 6, day: 27 },
    region: 'US',
    organiser: 'National Center for PTSD (US Department of Veterans Affairs)',
    url: 'https://www.ptsd.va.gov',
    description: '27 June, designated by the US Senate.',
  },
  {
    slug: 'minority-mental-health-awareness-month',
    name: 'Bebe Moore Campbell National Minority Mental Health Awareness Month',
    rule: { kind: 'whole_month', month: 7 },
    region: 'US',
    organiser: 'US HHS Office of Minority Health, with NAMI and Mental Health America',
    url: 'https://minorityhealth.hhs.gov',
    description: 'The whole of July, recognised by the US House of Representatives in 2008.',
  },
  {
    slug: 'international-overdose-awareness-day',
    name: 'International Overdose Awareness Day',
    rule: { kind: 'fixed_day', month: 8, day: 31 },
    region: 'global',
    organiser: 'Penington Institute',
    url: 'https://www.overdoseday.com',
    description: '31 August, started in Australia in 2001.',
  },
  {
    slug: 'suicide-prevention-awareness-month',
    name: 'Suicide Prevention Awareness Month',
    rule: { kind: 'whole_month', month: 9 },
    region: 'US',
    organiser: 'NAMI, AFSP and partners',
    url: 'https://www.nami.org',
    description: 'The whole of September.',
  },
  {
    slug: 'national-suicide-prevention-week',
    name: 'National Suicide Prevention Week',
    rule: { kind: 'week_containing', month: 9, day: 10, weekStartsOn: 0 },
    region: 'US',
    organiser: 'American Foundation for Suicide Prevention (AFSP) and partners',
    url: 'https://afsp.org',
    description: 'The Sunday–Saturday week containing World Suicide Prevention Day (e.g. 8–14 Sep 2024).',
  },
  {
    slug: 'world-suicide-prevention-day',
    name: 'World Suicide Prevention Day',
    rule: { kind: 'fixed_day', month: 9, day: 10 },
    region: 'global',
    organiser: 'International Association for Suicide Prevention (IASP), with WHO',
    url: 'https://www.iasp.info',
    description: '10 September, every year since 2003.',
  },
  {
    slug: 'r-u-ok-day',
    name: 'R U OK? Day',
    rule: { kind: 'nth_weekday', month: 9, weekday: 4, n: 2 },
    region: 'AU',
    organiser: 'R U OK?',
    url: 'https://www.ruok.org.au',
    description: 'Second Thursday of September (e.g. 12 Sep 2024).',
  },
  {
    slug: 'mental-health-month-au',
    name: 'Mental Health Month (Australia)',
    rule: { kind: 'whole_month', month: 10 },
    region: 'AU',
    organiser: 'WayAhead (NSW) and state mental health associations',
    url: 'https://www.wayahead.org.au',
    description:
      'The whole of October in NSW and several other states; some states run a shorter Mental Health Week around World Mental Health Day instead.',
  },
  {
    slug: 'mental-illness-awareness-week',
    name: 'Mental Illness Awareness Week',
    rule: { kind: 'first_full_week', month: 10, weekStartsOn: 0 },
    region: 'US',
    organiser: 'NAMI',
    url: 'https://www.nami.org',
    description: 'First full Sunday–Saturday week of October, established by the US Congress in 1990.',
  },
  {
    slug: 'ocd-awareness-week',
    name: 'OCD Awareness Week',
    rule: { kind: 'relative', to: 'mental-illness-awareness-week', offsetDays: 7, durationDays: 7 },
    region: 'US',
    organiser: 'International OCD Foundation (IOCDF)',
    url: 'https://iocdf.org',
    description:
      'Second full Sunday–Saturday week of October, i.e. the week after Mental Illness Awareness Week (e.g. 13–19 Oct 2024).',
  },
  {
    slug: 'world-mental-health-day',
    name: 'World Mental Health Day',
    rule: { kind: 'fixed_day', month: 10, day: 10 },
    region: 'global',
    organiser: 'World Federation for Mental Health (WFMH), with WHO',
    url: 'https://wfmh.global',
    description: '10 October, every year since 1992.',
  },
  {
    slug: 'movember',
    name: 'Movember',
    rule: { kind: 'whole_month', month: 11 },
    region: 'global',
    organiser: 'Movember Foundation',
    url: 'https://movember.com',
    description: "The whole of November: men's health, including mental health and suicide prevention.",
  },
  {
    slug: 'international-survivors-of-suicide-loss-day',
    name: 'International Survivors of Suicide Loss Day',
    rule: { kind: 'relative', to: 'us-thanksgiving', offsetDays: -5, durationDays: 1 },
    region: 'global',
    organiser: 'American Foundation for Suicide Prevention (AFSP)',
    url: 'https://afsp.org',
    description:
      'The Saturday before US Thanksgiving (fourth Thursday of November), e.g. 23 Nov 2024; events are held worldwide.',
  },
];
