import type { TFunction } from 'i18next';
import type { AppError, ErrorCode, FieldError, MessageView, SigningErrorView } from '../../src-main/contract';
import { signingTexts } from '../../src-main/signing/signing-texts';
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

/** A signing request's failure (a code and parameters from main) in the reader's language. */
export function signingErrorText(t: TFunction, error: SigningErrorView): string {
  const tt = t as unknown as (k: string, o?: object) => string;
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const params: Record<string, unknown> = { ...error.params };
  if (error.code === 'signature_refused') {
    const problems = Array.isArray(error.params.problems) ? error.params.problems : [];
    const texts = signingTexts(lang).problem as Record<string, string>;
    params.problems = problems.map((p) => texts[p] ?? tt('errors.code.internal')).join('; ');
  }
  if (error.code === 'rule') {
    const field = typeof error.params.fieldError === 'string' ? error.params.fieldError : null;
    params.rule = field ? fieldErrorText(t, { key: field, params: {} }) : tt(`errors.code.${String(error.params.rule)}`);
  }
  const key = `signing.errors.${error.code}`;
  return i18n.exists(key) ? tt(key, params) : tt('signing.errors.unknown');
}

/**
 * Where an error sits, from main's path (`blocks.1.text`, `letterhead.senderLines.0`,
 * `blocks.0.rows.1.2`) in the reader's words, one-based: "Blok 2, tekst". A plain
 * field key is named by its label when `labels` knows it.
 */
export function fieldPathText(t: TFunction, path: string, labels?: ReadonlyMap<string, { label: string }>): string {
  const tt = t as unknown as (k: string, o?: object) => string;
  const known = labels?.get(path)?.label;
  if (known) return known;
  const parts: string[] = [];
  const segments = path.split('.');
  const isIndex = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const key = `words.fieldPath.${s}`;
    if (isIndex(s)) {
      parts.push(tt('words.fieldPath.part', { n: Number(s) + 1 }));
    } else if (isIndex(segments[i + 1])) {
      parts.push(tt(i18n.exists(key) ? key : 'words.fieldPath.part', { n: Number(segments[++i]) + 1 }));
      // rows.<j>.<k>: the second number is the cell.
      if (s === 'rows' && isIndex(segments[i + 1])) parts.push(tt('words.fieldPath.cells', { n: Number(segments[++i]) + 1 }));
    } else {
      parts.push(i18n.exists(key) ? tt(key) : (labels?.get(s)?.label ?? s));
    }
  }
  return parts.join(tt('words.separator'));
}

/** Why a Digital Post letter is not delivered, from its code; the access point's own words are for the technical details. */
export function letterErrorText(t: TFunction, m: Pick<MessageView, 'errorKind' | 'fieldErrors'>): string {
  const tt = t as unknown as (k: string, o?: object) => string;
  if (!m.errorKind) return '';
  return m.errorKind === 'invalid' ? tt('digitalPost.errorKinds.invalid', { count: Math.max(1, m.fieldErrors.length) }) : tt(`digitalPost.errorKinds.${m.errorKind}`);
}
