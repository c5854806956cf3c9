/**
 * Idura's `signatureAppearance`: templates with `{{placeholder}}`s filled
 * from the evidence claims (the first claim of `fromEvidence` that is
 * present), the first template whose placeholders all resolve winning, plus
 * the built-ins `{{$document.id}}` and `{{$timestamp.YYYY|MM|DD|hh|mm|ss|zzz}}`.
 */
export interface AppearanceTemplate {
  template: string;
  replacements: { placeholder: string; fromEvidence: string[] }[];
}

export interface SignatureAppearance {
  identifierFromEvidence: string[];
  headerLeft: AppearanceTemplate[];
  displayName: AppearanceTemplate[];
  footer: AppearanceTemplate[];
}

export interface RenderedAppearance {
  displayName: string | null;
  headerLeft: string | null;
  footer: string | null;
  identifier: string | null;
}

export function appearanceFromInput(input: unknown): SignatureAppearance | null {
  if (!input || typeof input !== 'object') return null;
  const i = input as Record<string, unknown>;
  const templates = (v: unknown): AppearanceTemplate[] =>
    Array.isArray(v)
      ? v.map((t: { template: string; replacements?: { placeholder: string; fromEvidence: string[] }[] | null }) => ({
          template: t.template,
          replacements: t.replacements ?? [],
        }))
      : [];
  return {
    identifierFromEvidence: Array.isArray(i.identifierFromEvidence) ? (i.identifierFromEvidence as string[]) : [],
    headerLeft: templates(i.headerLeft),
    displayName: templates(i.displayName),
    footer: templates(i.footer),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function builtIn(name: string, ctx: { documentId: string; at: Date }): string | null {
  if (name === '$document.id') return ctx.documentId;
  const t = ctx.at;
  const parts: Record<string, string> = {
    '$timestamp.YYYY': String(t.getUTCFullYear()),
    '$timestamp.MM': pad(t.getUTCMonth() + 1),
    '$timestamp.DD': pad(t.getUTCDate()),
    '$timestamp.hh': pad(t.getUTCHours()),
    '$timestamp.mm': pad(t.getUTCMinutes()),
    '$timestamp.ss': pad(t.getUTCSeconds()),
    // The sandbox renders in UTC (the order's `timezone` is echoed, not applied).
    '$timestamp.zzz': '+00:00',
  };
  return parts[name] ?? null;
}

function renderOne(templates: AppearanceTemplate[], claims: Record<string, string>, ctx: { documentId: string; at: Date }): string | null {
  for (const t of templates) {
    let ok = true;
    const text = t.template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_m, name: string) => {
      const fixed = builtIn(name, ctx);
      if (fixed !== null) return fixed;
      const rep = t.replacements.find((r) => r.placeholder === name);
      const key = rep?.fromEvidence.find((k) => claims[k] !== undefined && claims[k] !== '');
      if (!key) {
        ok = false;
        return '';
      }
      return claims[key]!;
    });
    if (ok) return text;
  }
  return null;
}

export function renderAppearance(
  appearance: SignatureAppearance | null,
  claims: Record<string, string>,
  ctx: { documentId: string; at: Date },
): RenderedAppearance {
  if (!appearance) return { displayName: null, headerLeft: null, footer: null, identifier: null };
  const idKey = appearance.identifierFromEvidence.find((k) => claims[k] !== undefined && claims[k] !== '');
  return {
    displayName: renderOne(appearance.displayName, claims, ctx),
    headerLeft: renderOne(appearance.headerLeft, claims, ctx),
    footer: renderOne(appearance.footer, claims, ctx),
    identifier: idKey ? claims[idKey]! : null,
  };
}
