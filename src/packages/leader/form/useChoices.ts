import { useEffect, useState } from 'react';
import type { ServiceCategory } from '@core/api';
import { call } from '@/services/api';
import { today } from '@/services/dates';
import { addDays } from '@core/domain/schedule';
import type { Place } from './form';

/** Categories and places the leader can choose: the policy (admin), else what help and the street's activities use. */
export function useChoices(enabled: boolean) {
  const [categories, setCategories] = useState<ServiceCategory[]>([]);
  const [places, setPlaces] = useState<Place[]>([]);
  useEffect(() => {
    if (!enabled) return;
    void (async () => {
      const seen = new Map<string, Place>();
      const cats = new Map<string, ServiceCategory>();
      try {
        const acts = await call('activities', 'list', { from: addDays(today(), -60), limit: 100, includeCancelled: true });
        for (const a of acts.items) {
          seen.set(a.place.name, { ...a.place });
          cats.set(a.category, { id: a.category, name: a.categoryName, earnsCredits: false });
        }
      } catch {
        // places stay empty: the name and the map remain
      }
      try {
        const policy = await call('timebank', 'policy', {});
        setCategories(policy.categories);
      } catch {
        // timebank.policy is for the admin; leaders get the credit-earning categories from help.categories.
        try {
          const help = await call('help', 'categories', {});
          for (const c of help.categories) cats.set(c.id, c);
        } catch {
          // keep what the activities showed
        }
        setCategories([...cats.values()]);
      }
      setPlaces([...seen.values()]);
    })();
  }, [enabled]);
  return { categories, places };
}
