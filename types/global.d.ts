/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Base path of the HTTP API in the H5 build (config/index.ts defineConstants). */
declare const API_BASE: string;
/** CloudBase environment id for wx.cloud.init ('' = default environment). */
declare const CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** Taro build target, replaced at build time. */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_API_BASE?: string;
    TARO_APP_CLOUD_ENV?: string;
  }
}
