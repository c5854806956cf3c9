import { useEffect, type RefObject } from 'react';
import type { AppError } from '../../src-main/contract';

/**
 * After a refused save, moves focus to the first field marked invalid
 * (`aria-invalid="true"`, described by its Danish message), so a keyboard or
 * screen-reader user lands where the correction is needed.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, error: AppError | null): void {
  useEffect(() => {
    if (!error?.fieldErrors?.length) return;
    // After React has painted the aria-invalid attributes of this error.
    const frame = requestAnimationFrame(() => {
      container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [container, error]);
}
