import { useEffect } from 'react';
import type { CaseworkerApi } from '../../src-main/contract';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The idle lock, renderer side: input on the page is reported to main (at most a
 * few times per lock period), and when none came for the policy's time the page
 * asks main to lock and shows the lock screen. Main decides on its own too: a
 * session that reports nothing is locked there when the time has passed.
 */
export function useIdleLock(api: CaseworkerApi, idleSeconds: number, active: boolean, onLocked: () => void): void {
  useEffect(() => {
    if (!active) return;
    const limitMs = idleSeconds * 1000;
    // Report input often enough that main never sees a gap near the limit.
    const reportEveryMs = Math.min(30_000, Math.max(250, limitMs / 4));
    let lastInput = Date.now();
    let lastReport = Date.now();
    let stopped = false;
    const onInput = (): void => {
      lastInput = Date.now();
      if (lastInput - lastReport < reportEveryMs) return;
      lastReport = lastInput;
      void api.touchSession({}).then((r) => {
        if (!stopped && r.ok && r.value.access.locked) onLocked();
      });
    };
    const check = (): void => {
      if (Date.now() - lastInput < limitMs) return;
      stopped = true;
      clearInterval(timer);
      void api.lockSession({}).finally(onLocked);
    };
    const timer = setInterval(check, Math.min(1000, reportEveryMs));
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    return () => {
      stopped = true;
      clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onInput, { capture: true });
    };
  }, [api, idleSeconds, active, onLocked]);
}
