/**
 * The teams the signed-in person may manage: those they lead (from their roles), or every team
 * for the street admin; with each team's card from teams.list (next activities and so on).
 */
import type { TeamCard } from '@core/api';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';

export interface LedTeams {
  ready: boolean;
  teams: TeamCard[];
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

export function useLedTeams(): LedTeams {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const led = new Set((me?.profile?.roles ?? []).filter((r) => r.role === 'leader' && r.teamId).map((r) => r.teamId ?? ''));
  const list = useQuery('teams', 'list', {}, !!me?.registered);
  const teams = (list.data?.items ?? []).filter((t) => isAdmin || t.iLead || led.has(t.id));
  return { ready: !!list.data, teams, loading: list.loading, error: list.error, reload: list.reload };
}
