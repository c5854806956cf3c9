import type { da } from './da';

/** The shape of da.ts with every text widened to string: other languages must match it key for key. */
export type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof da>;
