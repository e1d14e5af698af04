import { fileAnswer, isAppError, problem, type EffectiveMeta, type Label, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { availability, bundleRows, visitorCustomer } from './availability.js';
import { listAll, money, type Records } from './records.js';
import { SETTINGS_ACCESS, tenantLocale } from './settings.js';

export const PUBLIC_ROLES = ['eshop_storefront'];

const FIELDS = ['sku', 'name', 'category', 'specification', 'model', 'unit', 'price', 'description', 'images'];

/** Published, active products only: the storefront role's row rule says so too. */
export const PUBLISHED = { and: [{ '==': [{ var: 'published' }, true] }, { '==': [{ var: 'active' }, true] }] };

const labelOf = (meta: EffectiveMeta, dictionary: string, value: unknown): Label | null => {
  const items = (meta.dictionaries[dictionary]?.items ?? []) as { value: string; label: Label }[];
  return items.find((i) => i.value === value)?.label ?? null;
};

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

/** The image files of a product's `images` value (each with its file id). */
const imagesOf = (p: RecordData): { id: string; name?: string; type?: string }[] =>
  (Array.isArray(p.images) ? (p.images as { id?: unknown; name?: string; type?: string }[]) : []).filter((f): f is { id: string; name?: string; type?: string } => typeof f?.id === 'string');

/** A product as the store shows it; `available` null when it is not kept in stock. */
export const shapeProduct = (p: RecordData, meta: EffectiveMeta, currency: string, available: number | null) => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  category: p.category ?? null,
  categoryLabel: labelOf(meta, 'product_category', p.category),
  specification: p.specification ?? null,
  model: p.model ?? null,
  unit: p.unit ?? null,
  unitLabel: labelOf(meta, 'product_unit', p.unit),
  price: money(p.price ?? 0),
  currency,
  available,
  inStock: available === null || available > 0,
  // Each image at GET <store's public base>/products/<product id>/images/<file id> (productImageRoute).
  images: imagesOf(p).map((f) => ({ id: f.id, name: f.name ?? null, path: `/products/${String(p.id)}/images/${f.id}` })),
});

/** A published product by id or SKU, or 404 ESHOP_UNKNOWN_PRODUCT. */
export const publishedProduct = async (records: Records, idOrSku: string, fields = FIELDS): Promise<RecordData> => {
  const key = /^[0-9a-f-]{36}$/i.test(idOrSku) ? 'id' : 'sku';
  const page = await records.list('product', { filter: { and: [PUBLISHED, { '==': [{ var: key }, idOrSku] }] }, fields: ['id', ...fields], limit: 1 }).catch((e: unknown) => {
    if (isAppError(e) && e.status === 400) return { data: [] };
    throw e;
  });
  if (!page.data[0]) throw problem('ESHOP_UNKNOWN_PRODUCT', { product: idOrSku.slice(0, 80) });
  return page.data[0];
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined);

/** GET /catalogue?q=&category=&cursor=&limit=: published products, their prices in the tenant's currency and what is available. */
export const catalogueRoute: PluginRouteDef = {
  method: 'GET',
  path: '/catalogue',
  public: true,
  publicRoles: PUBLIC_ROLES,
  portalSession: true,
  systemAccess: SETTINGS_ACCESS,
  async handler(req, ctx) {
    const q = text(req.query.q);
    const category = text(req.query.category);
    const limit = Math.min(Math.max(Number(req.query.limit) || 24, 1), 100);
    const filter = category ? { and: [PUBLISHED, { '==': [{ var: 'category' }, category] }] } : PUBLISHED;
    const page = await ctx.records.list('product', { filter, q, sort: 'name', limit, cursor: text(req.query.cursor), fields: ['id', ...FIELDS] });
    const { currency } = await tenantLocale(ctx);
    const free = await availability(ctx.records, page.data, visitorCustomer(ctx.portalUser));
    return { data: page.data.map((p) => shapeProduct(p, ctx.meta, currency, free.get(String(p.id)) ?? null)), nextCursor: page.nextCursor ?? null, currency };
  },
};

/** GET /categories: the product categories that hold published products, with their labels and counts. */
export const categoriesRoute: PluginRouteDef = {
  method: 'GET',
  path: '/categories',
  public: true,
  publicRoles: PUBLIC_ROLES,
  async handler(_req, ctx) {
    const products = await listAll(ctx.records, 'product', { filter: PUBLISHED, fields: ['category'] });
    const counts = new Map<string, number>();
    for (const p of products) if (p.category) counts.set(String(p.category), (counts.get(String(p.category)) ?? 0) + 1);
    const items = (ctx.meta.dictionaries.product_category?.items ?? []) as { value: string; label: Label }[];
    return { data: items.filter((i) => counts.has(i.value)).map((i) => ({ value: i.value, label: i.label, count: counts.get(i.value) })) };
  },
};

const bundleOf = async (ctx: PluginRouteContext, product: string) =>
  (await bundleRows(ctx.records, [product], visitorCustomer(ctx.portalUser), ['quantity', 'component.sku', 'component.name'])).map((i) => {
    const r = i as Record<string, unknown>;
    return { sku: r['component.sku'] ?? null, name: r['component.name'] ?? null, quantity: Number(i.quantity) };
  });

/** GET /products/:product (id or SKU): one published product with its specifications, images and bundle components. */
export const productRoute: PluginRouteDef = {
  method: 'GET',
  path: '/products/:product',
  public: true,
  publicRoles: PUBLIC_ROLES,
  portalSession: true,
  systemAccess: SETTINGS_ACCESS,
  async handler(req, ctx) {
    const p = await publishedProduct(ctx.records, req.params.product);
    const { currency } = await tenantLocale(ctx);
    const free = await availability(ctx.records, [p], visitorCustomer(ctx.portalUser));
    return { ...shapeProduct(p, ctx.meta, currency, free.get(String(p.id)) ?? null), description: p.description ?? null, components: await bundleOf(ctx, String(p.id)) };
  },
};

/**
 * GET /products/:product/images/:file: one image of a published product, read through the
 * files service as the storefront (whose role reads published, active products only): a file
 * that is not among that product's images, not an image, or of a product not for sale is 404.
 */
export const productImageRoute: PluginRouteDef = {
  method: 'GET',
  path: '/products/:product/images/:file',
  public: true,
  publicRoles: PUBLIC_ROLES,
  async handler(req, ctx) {
    const p = await publishedProduct(ctx.records, req.params.product, ['images']);
    const listed = imagesOf(p).some((f) => f.id.toLowerCase() === req.params.file.toLowerCase());
    const file = listed ? await ctx.readFile(req.params.file) : undefined;
    if (!file || !IMAGE.test(file.type)) throw problem('ESHOP_IMAGE_NOT_FOUND');
    return fileAnswer(file, { cache: 'public, max-age=300' });
  },
};
