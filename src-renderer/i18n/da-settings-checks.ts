// Settings refused when saved (setting-checks.ts in main): the problem, and the
// field's name, so the banner can say which setting to fix.

export const daSettingFieldErrors = {
  setting_url_invalid: 'er ikke en webadresse',
  setting_https_required: 'skal være en https-adresse (http kun til sandkassen på denne computer)',
  setting_certificate_missing: 'peger ikke på en certifikatfil, der findes',
  setting_certificate_unreadable: 'er ikke en certifikatfil med nøgle, som programmet kan læse (PKCS#12 .p12/.pfx eller PEM)',
  setting_certificate_password: 'kan ikke åbnes med den angivne adgangskode',
  setting_month_invalid: 'er ikke en måned (ÅÅÅÅ-MM)',
  secret_from_environment: 'kan ikke gemmes her: denne udgave læser hemmeligheder fra miljøvariablen {{variable}}. Sæt den, og start igen',
};

/** Danish names of the settings fields the checks name (field ids with dots as underscores). */
export const daSettingFields = {
  mitid_domain: 'Idura-domæne (MitID)',
  mitid_client_secret: 'Client secret (MitID)',
  signatures_endpoint: 'Signatures-adresse',
  signatures_clientSecret: 'Signatures-klienthemmelighed',
  endpoint: 'Adresse',
  eboksHost: 'e-Boks-adresse',
  certificatePath: 'Certifikatfil',
  certificatePassword: 'Certifikatets adgangskode',
  digital_post_certificate_password: 'Certifikatets adgangskode',
  fromMonth: 'Fra måned',
  toMonth: 'Til måned',
};
