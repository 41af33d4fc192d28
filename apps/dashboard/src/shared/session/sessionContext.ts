import { createContext, useContext } from 'react';
import type { MeResponse } from '@resonance/contracts';

/** The signed-in session, provided by RequireSession (features/auth). */
export const SessionContext = createContext<MeResponse | null>(null);

/** The session when there is one; shared components use it for the organisation's settings. */
export function useOptionalSession(): MeResponse | null {
  return useContext(SessionContext);
}
