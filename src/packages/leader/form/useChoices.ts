import { useEffect, useState } from 'react';
import type { ActivityView, ServiceCategory } from '@core/api';
import { call } from '@/services/api';
import { today } from '@/services/dates';
import { addDays } from '@core/domain/schedule';
import { mostUsedCategory, type Place } from './form';

/** How far back a team's activities count for its usual category. */
const USUAL_DAYS = 180;

/**
 * Categories and places the leader can choose: the policy's categories from activities.filters (open
 * to everyone; timebank.policy is the admin's and would answer a leader 403), the places the street's
 * recent activities used, and `usual`: the category the team's activities use most, or null.
 */
export function useChoices(enabled: boolean, teamId: string | null) {
  const [categories, setCategories] = useState<ServiceCategory[]>([]);
  const [places, setPlaces] = useState<Place[]>([]);
  const [teamActivities, setTeamActivities] = useState<ActivityView[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    void (async () => {
      const seen = new Map<string, Place>();
      try {
        const acts = await call('activities', 'list', { from: addDays(today(), -60), limit: 100, includeCancelled: true });
        for (const a of acts.items) seen.set(a.place.name, { ...a.place });
      } catch {
        // places stay empty: the name and the map remain
      }
      try {
        // The street's own places (实践站, 服务岗, 为老服务点, from its map): a new street's first
        // activity has them to pick from, without typing coordinates.
        const map = await call('activities', 'practiceMap', {});
        for (const p of map.places) if (!seen.has(p.name)) seen.set(p.name, { name: p.name, latitude: p.latitude, longitude: p.longitude });
      } catch {
        // no map: the places used before remain
      }
      try {
        setCategories((await call('activities', 'filters', {})).categories);
      } catch {
        // no categories: the field says to choose one and saving waits for them
      }
      setPlaces([...seen.values()]);
    })();
  }, [enabled]);
  useEffect(() => {
    setTeamActivities(null);
    if (!enabled || !teamId) return undefined;
    let live = true;
    void call('activities', 'list', { teamId, from: addDays(today(), -USUAL_DAYS), limit: 100 })
      .then((page) => live && setTeamActivities(page.items))
      .catch(() => live && setTeamActivities([]));
    return () => {
      live = false;
    };
  }, [enabled, teamId]);
  // Undefined until the team's activities are read; then its usual category or null.
  const usual = teamActivities && teamId && categories.length ? mostUsedCategory(teamActivities, teamId, categories) : undefined;
  return { categories, places, usual };
}
