/** What both street map components (StreetMap.tsx on weapp, StreetMap.h5.tsx in the browser) take. */
import type { MapActivity, MapRoute, PracticeMap } from '@core/api';

export interface StreetMapProps {
  data: PracticeMap;
  /** Activities to mark (already filtered). */
  activities: MapActivity[];
  /** Routes to draw (all, or one team's). */
  routes: MapRoute[];
  /** Whether to mark the practice sites, posts and help points. */
  showPlaces: boolean;
  /** A point to centre on and always label (an activity's place on its detail page). */
  focus?: { latitude: number; longitude: number; name: string } | null;
  /** 'full' for the map page, 'small' for the map inside an activity or team page. */
  size: 'full' | 'small';
  /** A tap on an activity's label opens it. */
  onActivity?: (activityId: string) => void;
}
