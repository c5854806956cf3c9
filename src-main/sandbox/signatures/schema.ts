import { buildSchema } from 'graphql';

/**
 * The part of Idura Signatures' GraphQL schema that the official
 * `@criipto/signatures` SDK's operations touch (createSignatureOrder,
 * closeSignatureOrder, cancelSignatureOrder, extendSignatureOrder,
 * cleanupSignatureOrder, signatureOrder, signatureOrderWithDocuments,
 * signatory, signatureOrders), with the real type, field, enum and input
 * names, so the SDK's documents validate against it unchanged. Abstract types
 * resolve through each object's `__typename`.
 */
export const SIGNATURES_SDL = /* GraphQL */ `
  scalar Blob
  scalar Date
  scalar DateTime

  enum SignatureOrderStatus { OPEN CLOSED CANCELLED EXPIRED }
  enum SignatoryStatus { OPEN SIGNED REJECTED ERROR DELETED APPROVED }
  enum SignatoryDocumentStatus { OPENED APPROVED PREAPPROVED REJECTED SIGNED }
  enum SignatoryRole { APPROVER SIGNER VIEWER }
  enum Language { DA_DK EN_US FI_FI NB_NO SV_SE }
  enum DocumentStorageMode { Temporary }
  enum DocumentIDLocation { BOTTOM LEFT RIGHT TOP }
  enum EvidenceValidationStage { SIGN VIEW }
  enum CriiptoVerifyEvidenceProviderVersion { V1 V2 }

  type Query {
    viewer: Viewer!
    signatureOrder(id: ID!): SignatureOrder
    signatory(id: ID!): Signatory
  }

  type Mutation {
    createSignatureOrder(input: CreateSignatureOrderInput!): CreateSignatureOrderOutput
    closeSignatureOrder(input: CloseSignatureOrderInput!): CloseSignatureOrderOutput
    cancelSignatureOrder(input: CancelSignatureOrderInput!): CancelSignatureOrderOutput
    extendSignatureOrder(input: ExtendSignatureOrderInput!): ExtendSignatureOrderOutput
    cleanupSignatureOrder(input: CleanupSignatureOrderInput!): CleanupSignatureOrderOutput
  }

  interface Viewer { id: ID! }
  type Application implements Viewer {
    id: ID!
    name: String!
    signatureOrders(status: SignatureOrderStatus, first: Int!, after: String): SignatureOrderConnection!
  }
  type AnonymousViewer implements Viewer { id: ID! authenticated: Boolean! }
  type SignatureOrderConnection { edges: [SignatureOrderEdge!]! pageInfo: PageInfo! totalCount: Int }
  type SignatureOrderEdge { cursor: String! node: SignatureOrder! }
  type PageInfo { endCursor: String hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String }

  type SignatureOrder {
    id: ID!
    status: SignatureOrderStatus!
    title: String
    createdAt: DateTime!
    closedAt: DateTime
    expiresAt: DateTime!
    maxSignatories: Int!
    traceId: String!
    timezone: String!
    signatories: [Signatory!]!
    evidenceProviders: [SignatureEvidenceProvider!]!
    documents: [Document!]!
    ui: SignatureOrderUI!
  }
  type SignatureOrderUI {
    disableRejection: Boolean!
    enableCancel: Boolean!
    language: Language!
    renderPdfAnnotationLayer: Boolean!
    signatoryRedirectUri: String
    stylesheet: String
  }

  type Signatory {
    id: ID!
    status: SignatoryStatus!
    statusReason: String
    href: String!
    downloadHref: String
    token: String!
    reference: String
    role: String
    signingAs: String
    signatoryRole: SignatoryRole!
    cooldownExpiresAt: DateTime
    signatureOrder: SignatureOrder!
    evidenceProviders: [SignatureEvidenceProvider!]!
    documents: SignatoryDocumentConnection!
    signingSequence: SignatorySigningSequence!
    spanId: String!
    traceId: String!
  }
  type SignatoryDocumentConnection { edges: [SignatoryDocumentEdge!]! }
  type SignatoryDocumentEdge { node: Document! status: SignatoryDocumentStatus }
  type SignatorySigningSequence { initialNumber: Int! }

  interface SignatureEvidenceProvider { id: ID! }
  type CriiptoVerifySignatureEvidenceProvider implements SignatureEvidenceProvider {
    id: ID!
    name: String!
    acrValues: [String!]!
    message: String
    loginHint: String
    scope: String
    version: CriiptoVerifyEvidenceProviderVersion!
  }
  type NoopSignatureEvidenceProvider implements SignatureEvidenceProvider { id: ID! name: String! }
  type DrawableSignatureEvidenceProvider implements SignatureEvidenceProvider { id: ID! requireName: Boolean! }

  interface Document {
    id: ID!
    title: String!
    reference: String
    blob: Blob
    originalBlob: Blob
    signatures: [Signature!]
    signatoryViewerStatus: SignatoryDocumentStatus
  }
  type PdfDocument implements Document {
    id: ID!
    title: String!
    reference: String
    blob: Blob
    originalBlob: Blob
    signatures: [Signature!]
    signatoryViewerStatus: SignatoryDocumentStatus
    documentID: String!
    form: PdfDocumentForm
  }
  type PdfDocumentForm { enabled: Boolean! fields: [PdfDocumentFormField!] }
  type PdfDocumentFormField { field: String! value: String! }

  type Certificate { issuer: String! raw: Blob! subject: String! }
  type TimestampToken { certificate: Certificate! timestamp: Date! }
  type JWTClaim { name: String! value: String! }
  interface Signature { signatory: Signatory signingCertificate: Certificate! timestampToken: TimestampToken }
  interface SingleSignature { signatory: Signatory }
  type JWTSignature implements Signature & SingleSignature {
    signatory: Signatory
    signingCertificate: Certificate!
    timestampToken: TimestampToken
    jwt: String!
    jwks: String!
    claims: [JWTClaim!]!
  }
  type DrawableSignature implements Signature & SingleSignature {
    signatory: Signatory
    signingCertificate: Certificate!
    timestampToken: TimestampToken
    image: Blob!
    name: String
  }
  type NorwegianBankIdSignature implements Signature & SingleSignature {
    signatory: Signatory
    signingCertificate: Certificate!
    timestampToken: TimestampToken
    claims: [JWTClaim!]!
  }
  type CompositeSignature implements Signature {
    signatory: Signatory
    signingCertificate: Certificate!
    timestampToken: TimestampToken
    signatures: [SingleSignature!]!
  }

  type CreateSignatureOrderOutput { application: Application! signatureOrder: SignatureOrder! }
  type CloseSignatureOrderOutput { signatureOrder: SignatureOrder! }
  type CancelSignatureOrderOutput { signatureOrder: SignatureOrder! }
  type ExtendSignatureOrderOutput { signatureOrder: SignatureOrder! }
  type CleanupSignatureOrderOutput { signatureOrder: SignatureOrder! }

  input CreateSignatureOrderInput {
    title: String
    documents: [DocumentInput!]!
    signatories: [CreateSignatureOrderSignatoryInput!]
    evidenceProviders: [EvidenceProviderInput!]
    evidenceValidationStages: [EvidenceValidationStage!]
    disableVerifyEvidenceProvider: Boolean
    expiresAt: String
    expiresInDays: Int
    fixDocumentFormattingErrors: Boolean
    maxSignatories: Int
    timezone: String
    ui: CreateSignatureOrderUIInput
    webhook: CreateSignatureOrderWebhookInput
  }
  input DocumentInput {
    pdf: PadesDocumentInput
    fixDocumentFormattingErrors: Boolean
    keepPreviousSignatures: Boolean
    preserveOriginalStructure: Boolean
    removePreviousSignatures: Boolean
  }
  input PadesDocumentInput {
    title: String!
    blob: Blob!
    storageMode: DocumentStorageMode!
    reference: String
    displayDocumentID: DocumentIDLocation
    form: PadesDocumentFormInput
    removeBookmarks: Boolean
  }
  input PadesDocumentFormInput { enabled: Boolean! }
  input CreateSignatureOrderSignatoryInput {
    reference: String
    role: String
    signingAs: String
    signatoryRole: SignatoryRole
    signingSequence: Int
    cooldownExpiresAt: String
    evidenceValidation: [SignatoryEvidenceValidationInput!]
    documents: [SignatoryDocumentInput!]
    ui: SignatoryUIInput
  }
  input SignatoryEvidenceValidationInput { key: String! value: String boolean: Boolean }
  input SignatoryDocumentInput { id: ID! preapproved: Boolean }
  input EvidenceProviderInput {
    criiptoVerify: CriiptoVerifyProviderInput
    noop: NoopEvidenceProviderInput
    drawable: DrawableEvidenceProviderInput
    enabledByDefault: Boolean
  }
  input CriiptoVerifyProviderInput {
    acrValues: [String!]
    alwaysRedirect: Boolean
    audiences: [String!]
    loginHint: String
    message: String
    scope: String
    uniqueEvidenceKey: String
    version: CriiptoVerifyEvidenceProviderVersion
  }
  input NoopEvidenceProviderInput { name: String! }
  input DrawableEvidenceProviderInput { minimumHeight: Int minimumWidth: Int requireName: Boolean }
  input CreateSignatureOrderUIInput {
    disableRejection: Boolean
    enableCancel: Boolean
    language: Language
    renderPdfAnnotationLayer: Boolean
    signatoryRedirectUri: String
    stylesheet: String
  }
  input SignatoryUIInput {
    disableRejection: Boolean
    enableCancel: Boolean
    language: Language
    signatoryRedirectUri: String
  }
  input CreateSignatureOrderWebhookInput { url: String! secret: Blob validateConnectivity: Boolean }
  input CloseSignatureOrderInput { signatureOrderId: ID! retainDocumentsForDays: Int }
  input CancelSignatureOrderInput { signatureOrderId: ID! }
  input ExtendSignatureOrderInput { signatureOrderId: ID! additionalExpirationInDays: Int! }
  input CleanupSignatureOrderInput { signatureOrderId: ID! }
`;

export const signaturesSchema = buildSchema(SIGNATURES_SDL);
