import { KEY_PATTERN, type ObservanceDetail, type PlanCampaignRequest } from '@resonance/contracts';

export interface PlanCampaignDraft {
  year: string;
  name: string;
  key: string;
}

/** Years a campaign can be planned for: this year's occurrence if not over, and later ones. */
export function plannableYears(occurrences: ObservanceDetail['occurrences'], today: string): number[] {
  return occurrences.filter((o) => o.endsOn >= today).map((o) => o.year);
}

export function defaultCampaignName(observanceName: string, year: number): string {
  return `${observanceName} ${year}`;
}

export function defaultCampaignKey(slug: string, year: number): string {
  return `${slug}-${year}`;
}

/** Validated request, or what to fix per field. */
export function toPlanCampaignRequest(
  draft: PlanCampaignDraft,
):
  { ok: true; request: PlanCampaignRequest } | { ok: false; errors: Partial<Record<keyof PlanCampaignDraft, string>> } {
  const errors: Partial<Record<keyof PlanCampaignDraft, string>> = {};
  const year = Number(draft.year);
  if (!/^\d{4}$/.test(draft.year.trim())) errors.year = 'Choose a year.';
  const name = draft.name.trim();
  if (!name) errors.name = 'Enter a name for the campaign.';
  else if (name.length > 200) errors.name = 'Keep the name to 200 characters.';
  const key = draft.key.trim();
  if (key && !KEY_PATTERN.test(key)) {
    errors.key = 'Use letters, digits, dot, underscore or hyphen, starting with a letter or digit (at most 128).';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: key ? { year, name, key } : { year, name } };
}
