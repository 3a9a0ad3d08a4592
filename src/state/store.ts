/**
 * App-wide state shared by every page: who is signed in (`account.me`) and the elder-mode
 * preference. A tiny external store read with useSyncExternalStore, so pages in any package
 * (main or subpackage) see the same state without a provider.
 */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { forgetUnsettled, type MeResult } from '../services/api';
import { systemCareMode } from '../services/fontScale';
import { forgetCalls } from '../services/offline-calls';

/** Local elder-mode choice: survives restarts, used before registration and for seniors. */
const ELDER_KEY = 'prefs.elderMode';
type LocalChoice = 'on' | 'off' | null;

interface AppState {
  me: MeResult | null;
  localElder: LocalChoice;
}

function readLocal(): LocalChoice {
  try {
    const v: unknown = Taro.getStorageSync(ELDER_KEY);
    return v === 'on' || v === 'off' ? v : null;
  } catch {
    return null;
  }
}

let state: AppState = { me: null, localElder: readLocal() };
const listeners = new Set<() => void>();

function set(patch: Partial<AppState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
  syncDocumentClass();
}

export const getState = (): AppState => state;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppState(): AppState {
  return useSyncExternalStore(subscribe, getState, getState);
}

export function setMe(me: MeResult | null): void {
  set({ me });
}

export function setLocalElder(choice: LocalChoice): void {
  if (choice) Taro.setStorageSync(ELDER_KEY, choice);
  else Taro.removeStorageSync(ELDER_KEY);
  set({ localElder: choice });
}

/** Forget everything about the signed-in person (switching accounts on H5). */
export function resetSession(): void {
  Taro.removeStorageSync(ELDER_KEY);
  forgetCalls();
  forgetUnsettled();
  set({ me: null, localElder: null });
}

export const isSenior = (me: MeResult | null): boolean => !!me?.roles.includes('senior');

/**
 * Elder mode is on when the person saved it on their profile, or by default (for seniors, and for
 * anyone whose WeChat is at its 关怀模式 font size) unless they turned it off here; before
 * registration the local choice decides, defaulting to the WeChat font size.
 */
export function elderOf(s: AppState, careMode: boolean = systemCareMode()): boolean {
  const profile = s.me?.profile;
  if (profile) return profile.elderMode || ((careMode || isSenior(s.me)) && s.localElder !== 'off');
  return s.localElder ? s.localElder === 'on' : careMode;
}

export const useElderMode = (): boolean => elderOf(useAppState());

/** H5: mirror elder mode on <html> so the tab bar and other chrome outside pages follow it. */
function syncDocumentClass(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.documentElement.classList.toggle('elder', elderOf(state));
}
syncDocumentClass();
