import { buildClientSchema, extendSchema, parse, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import published from './idura-signatures-schema.json' with { type: 'json' };

/**
 * Idura Signatures' GraphQL schema exactly as Idura publishes it: the
 * introspection result from criipto/docs (`graphql-signatures-schema.json`,
 * git blob cce026252c7a1269ac78526e807983dce94d2133), copied next to this
 * module because the app ships without ../shared.
 */
export function publishedSignaturesSchema(): GraphQLSchema {
  return buildClientSchema((published as unknown as { data: IntrospectionQuery }).data);
}

/**
 * The two fields the official SDK (@criipto/signatures ≥ 1.34.0, here 1.35.1)
 * selects although the published file lacks them. Shapes from the SDK's
 * generated `application-viewer-types.ts`; nothing else is added.
 */
export const SDK_ADDITIONS_SDL = /* GraphQL */ `
  extend type Signatory { cooldownExpiresAt: DateTime }
  type PdfDocumentFormField { field: String! value: String! }
  extend type PdfDocumentForm { fields: [PdfDocumentFormField!] }
`;

let built: GraphQLSchema | null = null;

/** What the sandbox serves: the published schema plus the SDK's two fields (built on first use: ~0.2 s). */
export function signaturesSchema(): GraphQLSchema {
  return (built ??= extendSchema(publishedSignaturesSchema(), parse(SDK_ADDITIONS_SDL)));
}
