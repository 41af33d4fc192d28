import { createContext, useContext } from 'react';
import { MIN_SUPPRESSION_THRESHOLD } from '@resonance/contracts';
import { useOptionalSession } from '../session/sessionContext';

/** The threshold where there is no session (a shared view): taken from the answers' metadata. */
export const SuppressionThresholdContext = createContext<number | null>(null);

/** The organisation's small-cell threshold (cells below it are shown as "<threshold"). */
export function useSuppressionThreshold(): number {
  const shared = useContext(SuppressionThresholdContext);
  const session = useOptionalSession();
  return shared ?? session?.organization.suppressionThreshold ?? MIN_SUPPRESSION_THRESHOLD;
}
