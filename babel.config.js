// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// @babel/preset-react must be installed beside it (Taro 4.2.1 resolves it from the project).
//
// The weapp build targets the oldest JavaScript engines WeChat still runs a mini-program on
// (JavaScriptCore of iOS 9+, the Android 5+ engine): Taro's own default when a project has no
// browserslist. The package.json browserslist (modern browsers) stays for the H5 build only.
// project.config.json keeps `es6`/`enhance` off, so nothing downstream transpiles again;
// `npm run check:weapp-syntax` proves the output parses as ES2017.
const isWeapp = process.env.TARO_ENV === 'weapp';

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(isWeapp ? { targets: { ios: '9', android: '5' } } : {}),
      },
    ],
  ],
};
