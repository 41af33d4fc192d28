/** Query keys for the planning feature: every parameter is in the key. */
export const planningKeys = {
  all: ['planning'] as const,
  upcoming: (params: { from?: string; months: number; region: string | null }) =>
    ['planning', 'upcoming', params] as const,
  observance: (id: string) => ['planning', 'observance', id] as const,
  yoy: (params: { observance: string; segments: readonly string[] }) => ['planning', 'yoy', params] as const,
  recommendations: (params: { observance: string; segments: readonly string[] }) =>
    ['planning', 'recommendations', params] as const,
  sampleSize: (params: Record<string, number>) => ['planning', 'sample-size', params] as const,
};
