import type { daSettingFieldErrors, daSettingFields } from './da-settings-checks';

export const enSettingFieldErrors: Record<keyof typeof daSettingFieldErrors, string> = {
  setting_url_invalid: 'is not a web address',
  setting_https_required: 'must be an https address (http only for the sandbox on this computer)',
  setting_certificate_missing: 'names no certificate file that exists',
  setting_certificate_unreadable: 'is not a certificate file with its key that the app can read (PKCS#12 .p12/.pfx or PEM)',
  setting_certificate_password: 'does not open with the given password',
  setting_month_invalid: 'is not a month (YYYY-MM)',
  secret_from_environment: 'cannot be stored here: this version reads secrets from the environment variable {{variable}}. Set it and start again',
};

export const enSettingFields: Record<keyof typeof daSettingFields, string> = {
  mitid_domain: 'MitID domain',
  mitid_client_secret: 'MitID client secret',
  signatures_endpoint: 'Signatures address',
  signatures_clientSecret: 'Signatures client secret',
  endpoint: 'Address',
  eboksHost: 'e-Boks address',
  certificatePath: 'Certificate file',
  certificatePassword: 'Certificate password',
  digital_post_certificate_password: 'Certificate password',
  fromMonth: 'From month',
  toMonth: 'To month',
};
