// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// @babel/preset-react must be installed beside it (Taro 4.2.1 resolves it from the project).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
