import { useContext } from 'react';
import type { MeResponse } from '@resonance/contracts';
import { SessionContext } from './sessionContext';

export { SessionContext, useOptionalSession } from './sessionContext';

/** The signed-in user and organisation. Only inside protected routes (RequireSession). */
export function useSession(): MeResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside a protected route (RequireSession)');
  return session;
}
