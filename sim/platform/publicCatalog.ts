import type { Catalog } from '../catalog.js';

/**
 * What a platform may know about its items: content features, category, price and the offers it runs, live flag and
 * airing, stock and its own sales counters. True quality is missing on purpose: the platform learns about it only through returns.
 */
export type PublicCatalog = Pick<
  Catalog,
  | 'size'
  | 'categories'
  | 'dims'
  | 'category'
  | 'features'
  | 'price'
  | 'live'
  | 'hostCharisma'
  | 'onAir'
  | 'stock'
  | 'limitedOffer'
  | 'offerDiscount'
  | 'salesRecent'
  | 'salesToday'
  | 'viewersToday'
  | 'marketScale'
>;

/** A view of the catalog holding only its public columns (the same arrays, not copies). */
export function publicCatalogOf(catalog: Catalog): PublicCatalog {
  const { size, categories, dims, category, features, price, live, hostCharisma, onAir, stock, limitedOffer, offerDiscount, salesRecent, salesToday, viewersToday, marketScale } = catalog;
  return { size, categories, dims, category, features, price, live, hostCharisma, onAir, stock, limitedOffer, offerDiscount, salesRecent, salesToday, viewersToday, marketScale };
}
