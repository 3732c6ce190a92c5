import type { CatalogueItem, LifeEvent } from '../../../shared/catalogue/schema';
import type { ApiOutput } from '../../../shared/contract/api';

/**
 * The catalogue as the services hand it to the screen (`catalogue.get`). It lives here, not in the
 * session store, so the wizard's pure helpers can name it without importing a store (that import
 * made session ↔ wizard ↔ draft a cycle).
 */
export type Catalogue = ApiOutput<'catalogue.get'>;

export const findLifeEvent = (catalogue: Catalogue, code: string): LifeEvent | undefined =>
  catalogue.lifeEvents.find((e) => e.code === code);

export const findItem = (catalogue: Catalogue, code: string): CatalogueItem | undefined =>
  catalogue.items.find((i) => i.code === code);

export const agencyName = (catalogue: Catalogue, code: string): string =>
  catalogue.agencies.find((a) => a.code === code)?.name ?? code;
