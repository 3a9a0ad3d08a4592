/**
 * Taro build configuration (webpack5).
 *
 * - weapp output goes to `dist/` (the root project.config.json points WeChat DevTools there);
 * - H5 output goes to `build/h5`, served statically at `/` by the local server (hash router);
 * - the H5 app calls the HTTP API at the same origin, `/api/<function>` (API_BASE below);
 * - design width 750 for our own styles, 375 for NutUI's (its stylesheets are drawn at 375).
 */
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { weappCloudEnv } from './cloudEnv';
import devConfig from './dev';
import prodConfig from './prod';

const isH5 = process.env.TARO_ENV === 'h5';

// A production weapp build needs its CloudBase environment id; a development one says it has none.
const cloudEnv = weappCloudEnv(process.env);
if (!cloudEnv.ok) {
  process.stderr.write(`\n${cloudEnv.message}\n\n`);
  process.exit(1);
}
if (cloudEnv.notice) process.stdout.write(`\n${cloudEnv.notice}\n\n`);

/**
 * Pure domain rules shared with the back end (age bands, phone and name patterns, role labels).
 * They have no I/O and no dependencies, so the app compiles them from their one source.
 */
const sharedDomain = [path.resolve(__dirname, '..', 'cloudfunctions', 'core', 'domain')];

/**
 * Packages from node_modules that publish syntax newer than ES5 and reach the weapp bundle. Taro
 * compiles only src/ and packages with "taro" in their path, so these go through Babel with the
 * weapp targets (babel.config.js) as well. `npm run check:weapp-syntax` fails when one is missing
 * (qrcode-generator ships `const`/`let`; a package shipping `??` or `?.` would not parse at all).
 */
const weappTranspiledPackages = ['qrcode-generator'].map((name) => {
  const inPackage = new RegExp(`node_modules[\\\\/]${name}[\\\\/]`);
  return (file: string) => inPackage.test(file);
});

/** NutUI draws its components on a 375 px design; everything else uses 750. */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file;
  if (typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui')) return 375;
  return 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'street-timebank',
    date: '2026-11-27',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'build/h5' : 'dist',
    plugins: [],
    defineConstants: {
      // Same-origin HTTP API of the local runtime (H5 only; weapp calls cloud functions).
      API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? '/api'),
      // CloudBase environment id for wx.cloud.init; empty only in a development build (the default environment).
      CLOUD_ENV: JSON.stringify(cloudEnv.envId),
    },
    // `@/…` is src/, `@core/…` the shared core (api types; domain rules only through src/services/rules.ts).
    // Keep in step with tsconfig.json `paths` and the jest configs' moduleNameMapper.
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@core': path.resolve(__dirname, '..', 'cloudfunctions', 'core'),
    },
    // The weapp Map takes marker images by path (not inlined data), so they are copied as files.
    copy: {
      patterns: isH5 ? [] : [{ from: 'src/packages/activity/assets/markers', to: 'dist/packages/activity/assets/markers' }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [...sharedDomain, ...weappTranspiledPackages] },
      // Component stylesheets use their own class names (BEM), so their order against NutUI's and
      // each other's in common.wxss does not matter (as for H5 below).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: sharedDomain },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
