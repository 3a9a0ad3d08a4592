/**
 * `npm start`: builds what is missing (the H5 app), then serves everything on one port.
 * Rebuild after changing the app with `npm run build:h5`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { configFromEnv, startupFailure, type ServerConfig } from './config';
import { startServer, stopOnSignals } from './serve';

let config: ServerConfig;
try {
  config = configFromEnv();
} catch (e) {
  process.stderr.write(startupFailure(e));
  process.exit(1);
}
if (!fs.existsSync(path.join(config.staticDir, 'index.html'))) {
  process.stderr.write('H5 build missing: running npm run build:h5 (about 20 s)\n');
  const build = spawnSync('npm', ['run', 'build:h5'], { stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write('H5 build failed; serving the API only\n');
  }
}
startServer(config).then(
  (server) => {
    process.stderr.write(`\n街道志愿者与时间银行 running at ${server.url}\n`);
    stopOnSignals(server);
  },
  (e) => {
    process.stderr.write(startupFailure(e));
    process.exit(1);
  },
);
