import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import forge from 'node-forge';
import type { FieldError } from '../contract';
import { DomainError } from '../shared/domain-error';

// Checks for settings as they are saved, shared by every settings form (MitID,
// Signatures, Digital Post, costs): a setting that cannot work is refused when
// it is typed, not when the first letter fails. Each problem is a field error
// (`errors.field.setting_*` in the renderer's catalogues, which name the field
// in Danish); the English message names the field too, for the CLI and logs.

export type SettingProblem =
  | 'setting_url_invalid'
  | 'setting_https_required'
  | 'setting_certificate_missing'
  | 'setting_certificate_unreadable'
  | 'setting_certificate_password'
  | 'setting_month_invalid';

const ENGLISH: Record<SettingProblem, string> = {
  setting_url_invalid: 'is not a web address',
  setting_https_required: 'must be an https address (http only for the sandbox on this computer)',
  setting_certificate_missing: 'names no certificate file that exists',
  setting_certificate_unreadable: 'is not a certificate file this app can read (PKCS#12 .p12/.pfx or PEM)',
  setting_certificate_password: 'does not open with the given password',
  setting_month_invalid: 'is not a month (YYYY-MM)',
};

const problem = (field: string, key: SettingProblem): FieldError => ({ field, key });

const isLoopback = (hostname: string): boolean =>
  hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * A service address: an https URL; plain http only to this computer (loopback)
 * and only in sandbox mode, where the in-repo simulators listen.
 */
export function checkServiceUrl(field: string, value: string, options: { sandbox: boolean }): FieldError | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return problem(field, 'setting_url_invalid');
  }
  if (url.protocol === 'https:' && url.hostname) return null;
  if (url.protocol === 'http:' && options.sandbox && isLoopback(url.hostname)) return null;
  return problem(field, url.protocol === 'http:' || url.protocol === 'https:' ? 'setting_https_required' : 'setting_url_invalid');
}

/** A host name (`kommune.idura.broker`, meaning https) or a full service address; empty is allowed when `optional`. */
export function checkHostOrUrl(field: string, value: string, options: { sandbox: boolean; optional?: boolean }): FieldError | null {
  const trimmed = value.trim();
  if (!trimmed) return options.optional ? null : problem(field, 'setting_url_invalid');
  if (trimmed.includes('://')) return checkServiceUrl(field, trimmed, options);
  return checkServiceUrl(field, `https://${trimmed}`, options);
}

/**
 * A client certificate with its private key: the file exists and opens with the
 * password (PKCS#12, as MitID Erhverv and the Digital Post sandbox issue them, or
 * PEM with the key, encrypted or not). The password is only used, never kept here.
 */
export function checkCertificateFile(field: string, path: string, password: string | null): FieldError | null {
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) return problem(field, 'setting_certificate_missing');
    bytes = readFileSync(path);
  } catch {
    return problem(field, 'setting_certificate_missing');
  }
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) return checkPem(field, text, password);
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(text));
  } catch {
    return problem(field, 'setting_certificate_unreadable');
  }
  try {
    const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, password ?? '');
    const bags = (type: string | undefined) => (type ? (p12.getBags({ bagType: type })[type] ?? []) : []);
    const certs = bags(forge.pki.oids.certBag);
    const keys = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)];
    return certs.length && keys.length ? null : problem(field, 'setting_certificate_unreadable');
  } catch (error) {
    return /password|MAC/i.test((error as Error).message) ? problem(field, 'setting_certificate_password') : problem(field, 'setting_certificate_unreadable');
  }
}

function checkPem(field: string, pem: string, password: string | null): FieldError | null {
  try {
    new X509Certificate(pem);
  } catch {
    return problem(field, 'setting_certificate_unreadable');
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return problem(field, 'setting_certificate_unreadable');
  try {
    createPrivateKey({ key: pem, format: 'pem', ...(password ? { passphrase: password } : {}) });
    return null;
  } catch {
    return problem(field, 'setting_certificate_password');
  }
}

/** `YYYY-MM` with a real month (01–12). */
export function checkMonth(field: string, value: string): FieldError | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const month = match ? Number(match[2]) : 0;
  return month >= 1 && month <= 12 ? null : problem(field, 'setting_month_invalid');
}

/** Throws one validation error for every problem found (nothing is saved then); returns when there are none. */
export function refuseInvalidSettings(checks: (FieldError | null)[]): void {
  const errors = checks.filter((c): c is FieldError => c !== null);
  if (!errors.length) return;
  const text = errors.map((e) => `${e.field} ${ENGLISH[e.key as SettingProblem] ?? 'is not valid'}`).join('; ');
  throw new DomainError('validation_failed', `The settings were not saved: ${text}.`, errors);
}
