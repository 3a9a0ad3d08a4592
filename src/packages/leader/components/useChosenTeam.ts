/**
 * The team a leader's page works on: ?teamId= when the link says, else, once the teams one manages
 * are known, `first` (e.g. the admin's street-wide queue) or the first of them.
 */
import { useEffect, useState } from 'react';
import { useParam } from '@/services/routes';
import { useLedTeams, type LedTeams } from './useLedTeams';

export function useChosenTeam(first?: string): { led: LedTeams; teamId: string | null; setTeamId: (teamId: string) => void } {
  const param = useParam('teamId');
  const led = useLedTeams();
  const [teamId, setTeamId] = useState<string | null>(param || null);
  useEffect(() => {
    // The team list loads only once the session is known, so `first` (which may depend on it) is settled by then.
    if (!teamId && led.teams[0]) setTeamId(first ?? led.teams[0].id);
  }, [teamId, led.teams, first]);
  return { led, teamId, setTeamId };
}
