import type { UserConfigExport } from '@tarojs/cli';

/** Development (watch) builds: readable output, full logs. */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
