/** The Resonance logo mark (decorative: always next to the name). */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" width={size} height={size}>
      <circle cx="16" cy="16" r="14" fill="currentColor" />
      <path d="M8 18c3-6 5-6 8 0s5 6 8 0" stroke="#fff" strokeWidth="2.5" fill="none" strokeLinecap="round" />
    </svg>
  );
}
