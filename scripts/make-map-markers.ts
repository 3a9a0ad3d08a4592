/**
 * Draws the weapp map's marker icons (filled circles with a white ring, one colour per kind) into
 * src/packages/activity/assets/markers. WeChat's Map takes marker images only, and these few flat
 * circles are smaller as PNGs drawn here than as designed assets. Run after changing MARKER_COLOURS:
 * `npx tsx scripts/make-map-markers.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { MARKER_COLOURS } from '../src/services/practice-map';

const SIZE = 48;
const out = path.join(__dirname, '../src/packages/activity/assets/markers');
fs.mkdirSync(out, { recursive: true });

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

for (const [name, colour] of Object.entries(MARKER_COLOURS)) {
  const png = new PNG({ width: SIZE, height: SIZE });
  const [r, g, b] = rgb(colour);
  const c = (SIZE - 1) / 2;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const d = Math.hypot(x - c, y - c);
      const i = (y * SIZE + x) * 4;
      // Anti-aliased edges: coverage from the distance to the circle's rim.
      const outer = Math.max(0, Math.min(1, SIZE / 2 - d));
      const inner = Math.max(0, Math.min(1, SIZE / 2 - 5 - d));
      png.data[i] = Math.round(255 * (1 - inner) + r! * inner);
      png.data[i + 1] = Math.round(255 * (1 - inner) + g! * inner);
      png.data[i + 2] = Math.round(255 * (1 - inner) + b! * inner);
      png.data[i + 3] = Math.round(255 * outer);
    }
  }
  fs.writeFileSync(path.join(out, `${name}.png`), PNG.sync.write(png));
}
console.log(`${Object.keys(MARKER_COLOURS).length} marker icons in ${path.relative(process.cwd(), out)}`);
