import { MIN_SUPPRESSION_THRESHOLD } from '@resonance/contracts';
import { useOptionalSession } from '../session/sessionContext';

/** The organisation's small-cell threshold (cells below it are shown as "<threshold"). */
export function useSuppressionThreshold(): number {
  return useOptionalSession()?.organization.suppressionThreshold ?? MIN_SUPPRESSION_THRESHOLD;
}
