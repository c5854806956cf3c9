import type { TFunction } from 'i18next';
import type { AppError, ErrorCode, FieldError } from '../../src-main/contract';
import { i18n } from './i18n';

/** The caseworker-facing text for an error code; the server's English message is for logs only. */
export function errorText(t: TFunction, error: AppError): string {
  const code: ErrorCode = error.code;
  return t(`errors.code.${code}`);
}

/**
 * A field error key comes from the server as a plain string; later features may add
 * keys this build does not know, so unknown ones fall back to a generic text.
 */
export function fieldErrorText(t: TFunction, error: Pick<FieldError, 'key' | 'params'>): string {
  const key = `errors.field.${error.key}`;
  if (!i18n.exists(key)) return t('errors.field.fallback', { key: error.key });
  return (t as unknown as (k: string, o?: object) => string)(key, error.params ?? {});
}

/** Field errors grouped by field key, for showing next to the inputs. */
export function fieldErrorsByKey(t: TFunction, error: AppError | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const fe of error?.fieldErrors ?? []) {
    const text = fieldErrorText(t, fe);
    result[fe.field] = result[fe.field] ? `${result[fe.field]}; ${text}` : text;
  }
  return result;
}
