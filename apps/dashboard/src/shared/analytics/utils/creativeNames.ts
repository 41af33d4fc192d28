import type { CreativeMatrixResponse } from '@resonance/contracts';

/**
 * Creatives that share a name (the same message run in two campaigns) get their campaign after the name,
 * so "All campaigns" never shows one name twice with two different verdicts.
 */
export function withDistinctCreativeNames(
  response: CreativeMatrixResponse,
  campaigns: readonly { id: string; name: string }[],
): CreativeMatrixResponse {
  // Only names shared across campaigns: within one campaign the campaign's name would not tell them apart.
  const campaignsOf = new Map<string, Set<string>>();
  for (const c of response.creatives) campaignsOf.set(c.name, (campaignsOf.get(c.name) ?? new Set()).add(c.campaignId));
  const counts = new Map([...campaignsOf].map(([name, ids]) => [name, ids.size]));
  if ([...counts.values()].every((n) => n === 1)) return response;
  const campaignName = new Map(campaigns.map((c) => [c.id, c.name]));
  return {
    ...response,
    creatives: response.creatives.map((c) =>
      (counts.get(c.name) ?? 0) > 1
        ? { ...c, name: `${c.name} (${campaignName.get(c.campaignId) ?? `campaign ${c.campaignId.slice(0, 8)}`})` }
        : c,
    ),
  };
}
