/** Where the user stands (services/locate.ts): WeChat reports GCJ-02 itself; position.h5.ts is the browser's. */
import { locate } from './locate';

export const currentPosition = () => locate('gcj02', (latitude, longitude) => ({ latitude, longitude }));
