import { useId } from 'react';
import { OBSERVANCE_CATALOGUE_REGIONS } from '@resonance/contracts';

const REGION_NAMES: Record<string, string> = {
  global: 'Global only',
  US: 'United States',
  UK: 'United Kingdom',
  CA: 'Canada',
  AU: 'Australia',
};

export function regionName(code: string): string {
  if (code === 'global') return 'Global';
  return REGION_NAMES[code] ?? code;
}

/** "all regions", "global observances only", "United Kingdom and global". */
export function regionFilterLabel(region: string | null): string {
  if (!region) return 'all regions';
  if (region === 'global') return 'global observances only';
  return `${regionName(region)} and global`;
}

/** All regions, global only, or one region (its own observances plus global ones). */
export function RegionFilter({ value, onChange }: { value: string | null; onChange: (region: string | null) => void }) {
  const id = useId();
  return (
    <div className="planning-field">
      <label htmlFor={id}>Show observances for</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All regions</option>
        {OBSERVANCE_CATALOGUE_REGIONS.map((code) => (
          <option key={code} value={code}>
            {code === 'global' ? REGION_NAMES[code] : `${REGION_NAMES[code] ?? code} + global`}
          </option>
        ))}
      </select>
    </div>
  );
}
